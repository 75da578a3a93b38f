"""The SHACL shapes: each one fails on its invalid fixture exactly as expected, the shapes
are named and explained for archivists, and the published data has no violation and
only the warnings we expect (the record prints no reference code and no date)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rightsgraph.checks.validation import validate_dataset
from rightsgraph.dataset import shape_files
from rightsgraph.loading import reference_graph
from rightsgraph.namespaces import ID, ONTOLOGY, ONTOLOGY_GRAPH, SHAPES, VOCAB
from rightsgraph.shacl import ShapesNotFound, load_shapes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"
NEIGHBOURHOOD = FIXTURES / "neighbourhood.ttl"
DOCUMENT = ID + "document/amnesty-cambodia-2019"


def hr(term: str) -> str:
    return ONTOLOGY + term


# fixture -> the results it must give: (severity, shape, focus node, path, value, words of the message)
EXPECTED: dict[str, list[tuple[str, str, str, str, str | None, str]]] = {
    "ClaimShape": [("Violation", "ClaimShape-evidence", ID + "claim/no-evidence", hr("evidence"), None,
                    "Every claim needs the exact quote that supports it")],
    "ClaimShape-claimIdUnique": [
        ("Violation", "ClaimShape-claimIdUnique", ID + "claim/duplicate-f01", hr("claimId"), "F01", "has this row id"),
        ("Violation", "ClaimShape-claimIdUnique", ID + "claim/fixture-f01", hr("claimId"), "F01", "has this row id")],
    "ClaimShape-evidenceDocument": [("Violation", "ClaimShape-evidenceDocument", ID + "claim/quote-from-other",
                                     hr("evidence"), ID + "document/other#char=18,43", "from another document")],
    "ClaimShape-attributedTo": [("Violation", "ClaimShape-attributedTo", ID + "claim/received", hr("attributedTo"),
                                 VOCAB + "epistemic-status/information-received", "add hr:attributedTo")],
    "ClaimShape-inferenceNote": [("Violation", "ClaimShape-inferenceNote", ID + "claim/inferred", hr("inferenceNote"),
                                  None, "does not say how it was reached")],
    "ClaimShape-hedge": [("Warning", "ClaimShape-hedge", ID + "claim/hedged", hr("hedge"), None, "hedging words")],
    "EpistemicStatusConcept": [("Violation", "ClaimShape-epistemicStatus", ID + "claim/wrong-status",
                                hr("epistemicStatus"), VOCAB + "event-status/occurred", "epistemic-status vocabulary")],
    "QuoteShape": [("Violation", "QuoteShape-inDocument", ID + "document/fixture#char=0,17", hr("inDocument"), None,
                    "the one document it is taken from")],
    "QuoteShape-verbatimInFile": [("Violation", "QuoteShape-verbatimInFile", ID + "document/fixture#char=19,44",
                                   hr("exactText"), "The police arrested Anna", "not in the source file at its file offsets")],
    "QuoteShape-verbatimInNormalizedText": [
        ("Violation", "QuoteShape-verbatimInNormalizedText", ID + "document/fixture#char=22,43", hr("exactText"),
         "police arrested Anna", "not in the normalised text at its normalised offsets")],
    "QuoteShape-iriOffsets": [("Violation", "QuoteShape-iriOffsets", ID + "document/fixture#char=0,99", hr("rawStart"),
                               "0", "#char=start,end")],
    "SourceDocumentShape": [("Violation", "SourceDocumentShape-fullText", ID + "document/no-full-text", hr("fullText"),
                             None, "full text exactly as in its file")],
    "SourceDocumentShape-normalizedFromFull": [("Violation", "SourceDocumentShape-normalizedFromFull",
                                                ID + "document/bad-normalisation", hr("normalizedText"), None,
                                                "not the full text with its white space normalised")],
    "SourceDocumentShape-characterCountMatches": [("Violation", "SourceDocumentShape-characterCountMatches",
                                                   ID + "document/bad-count", hr("characterCount"), "60",
                                                   "not the length of the full text")],
    "IsadgRecordShape": [("Violation", "IsadgRecordShape-title", ID + "document/untitled", hr("title"), None,
                          "ISAD(G) 3.1.2 Title")],
    "LevelOfDescriptionConcept": [("Violation", "IsadgRecordShape-levelOfDescription", ID + "document/odd-level",
                                   hr("levelOfDescription"), VOCAB + "event-status/occurred", "ISAD(G) 3.1.4")],
    "IsadgRecordShape-date": [("Warning", "IsadgRecordShape-date", ID + "document/inferred-date", hr("publicationDate"),
                               ID + "time/inferred-publication", "ISAD(G) 3.1.3 Date(s)")],
    "DocumentSectionShape": [("Violation", "DocumentSectionShape-document", ID + "document/loose-section",
                              f"^<{hr('hasSection')}>", None, "belongs to no document")],
    "CurationShape": [("Violation", "CurationShape-curator", ID + "activity/anonymous-curation", hr("curator"), None,
                       "names no curator")],
    "PersonShape": [("Violation", "PersonShape-label", ID + "person/nameless", str(RDFS.label), None,
                     "This person has no name")],
    "OrganizationShape": [("Violation", "OrganizationShape-label", ID + "organization/nameless-party", str(RDFS.label),
                           None, "This organisation has no name")],
    "CollectiveActorShape": [("Violation", "CollectiveActorShape-isVague", ID + "collective/officials", hr("isVague"),
                              None, "add hr:isVague true or false")],
    "PersonGroupShape": [("Violation", "PersonGroupShape-size", ID + "group/detainees", hr("size"), None,
                          "more than one size")],
    "MembershipShape": [("Violation", "MembershipShape-where", ID + "membership/anna-activist",
                         f"(<{hr('organization')}>|<{hr('jurisdiction')}>)", None,
                         "neither in which organisation nor in which country")],
    "RoleConcept": [("Violation", "MembershipShape-role", ID + "membership/anna-occurred", hr("role"),
                     VOCAB + "event-status/occurred", "roles vocabulary")],
    "PlaceShape": [("Violation", "PlaceShape-label", ID + "place/nameless-province", str(RDFS.label), None,
                    "This place has no name")],
    "TimeSpecShape": [("Violation", "TimeSpecShape-window", ID + "time/backwards", hr("earliest"), "2019-05-31",
                       "earliest date is after the latest date")],
    "TimeSpecShape-expressedDate": [("Violation", "TimeSpecShape-expressedDate", ID + "time/wordless",
                                     hr("expressedDate"), None, "add hr:expressedDate")],
    "TimeSpecShape-inferenceBasis": [("Violation", "TimeSpecShape-inferenceBasis", ID + "time/baseless",
                                      hr("inferenceBasis"), None, "basis is missing")],
    "TimeSpecShape-yearInferredStated": [("Warning", "TimeSpecShape-yearInferredStated", ID + "time/unsure",
                                          hr("yearInferred"), None, "printed or inferred")],
    "DatePrecisionConcept": [("Violation", "TimeSpecShape-precision", ID + "time/odd-precision", hr("precision"),
                              VOCAB + "epistemic-status/asserted", "date-precision vocabulary")],
    "DatatypesShape": [("Violation", "DatatypesShape-isVague", ID + "collective/vague-text", hr("isVague"), "yes",
                        "must be true or false")],
    "DatatypesShape-earliest": [("Violation", "DatatypesShape-earliest", ID + "time/text-date", hr("earliest"),
                                 "3 May 2019", "must be a calendar date")],
    "QuantityShape": [("Violation", "QuantityShape-qualifier", ID + "quantity/unqualified", hr("qualifier"), None,
                       "count-qualifier vocabulary")],
    "QuantityShape-asPrinted": [("Violation", "QuantityShape-asPrinted", ID + "quantity/wordless", hr("asPrinted"),
                                 None, "add hr:asPrinted")],
    "QuantityShape-atLeast": [("Violation", "QuantityShape-atLeast", ID + "quantity/at-least-41", hr("lowerBound"),
                               None, "'At least' sets a lower bound and nothing more")],
    "QuantityShape-approximately": [("Violation", "QuantityShape-approximately", ID + "quantity/about-50",
                                     hr("qualifier"), VOCAB + "count-qualifier/approximately", "never invent a margin")],
    "QuantityShape-almost": [("Violation", "QuantityShape-almost", ID + "quantity/almost-half", hr("upperBound"), None,
                              "hr:upperBoundExclusive true")],
    "CountQualifierConcept": [("Violation", "QuantityShape-qualifier", ID + "quantity/odd-qualifier", hr("qualifier"),
                               VOCAB + "event-status/occurred", "count-qualifier vocabulary")],
    "EventShape": [("Violation", "EventShape-eventStatus", ID + "event/election", hr("eventStatus"), None,
                    "event-status vocabulary")],
    "EventShape-statusAsOf": [("Violation", "EventShape-statusAsOf", ID + "event/undated-status", hr("statusAsOf"), None,
                               "more than one time")],
    "EventStatusConcept": [("Violation", "EventShape-eventStatus", ID + "event/odd-election", hr("eventStatus"),
                            VOCAB + "epistemic-status/asserted", "event-status vocabulary")],
    "LegalCharacterisationConcept": [("Violation", "EventShape-legalCharacterisation", ID + "event/arrest-of-anna",
                                      hr("legalCharacterisation"), VOCAB + "event-status/occurred",
                                      "legal-characterisation vocabulary")],
    "RightConcept": [("Violation", "EventShape-concernsRight", ID + "event/arrest-of-anna", hr("concernsRight"),
                      VOCAB + "epistemic-status/asserted", "rights vocabulary")],
    "ActShape": [("Warning", "ActShape-participant", ID + "event/empty-arrest", hr("participant"), None,
                  "No one is named as taking part in this act")],
    "CallToActionShape": [("Violation", "CallToActionShape-addressee", ID + "call/c01", hr("addressee"), None,
                           "at least one addressee")],
    "RequestedActionShape": [("Violation", "RequestedActionShape-callType", ID + "requested-action/untyped",
                              hr("callType"), None, "call-type vocabulary")],
    "CallTypeConcept": [("Violation", "RequestedActionShape-callType", ID + "requested-action/odd", hr("callType"),
                         VOCAB + "event-status/occurred", "call-type vocabulary")],
    "LegalInstrumentShape": [("Violation", "LegalInstrumentShape-label", ID + "legal-instrument/nameless",
                              str(RDFS.label), None, "has no name")],
    "ChargeShape": [("Violation", "ChargeShape-wordingAsPrinted", ID + "charge/plotting", hr("wordingAsPrinted"), None,
                     "quotation marks included")],
    "ElectoralResultShape": [("Violation", "ElectoralResultShape-inElection", ID + "electoral-result/ngo-result",
                              hr("inElection"), None, "the one election it is from")],
    "SituationShape": [("Violation", "SituationShape-label", ID + "situation/nameless", str(RDFS.label), None,
                        "This situation has no label")],
    "ResponsibilityShape": [("Violation", "ResponsibilityShape-bearer", ID + "responsibility/unborne",
                             hr("responsibilityBearer"), None, "names no one who bears it")],
    "NamedTripleShape": [("Violation", "NamedTripleShape-namedBy", ID + "claim/orphan-t1", f"^<{hr('namesTriple')}>",
                          None, "No claim names this rdf:Statement")],
    "NamedTripleShape-attributedTo": [("Violation", "NamedTripleShape-attributedTo", ID + "claim/fixture-f01-t2",
                                       hr("attributedTo"), VOCAB + "epistemic-status/attributed", "says not whose")],
    "ConceptShape": [("Violation", "ConceptShape-definition", VOCAB + "epistemic-status/undefined",
                      "http://www.w3.org/2004/02/skos/core#definition", None, "has no definition")],
    "ConceptSchemeShape": [("Violation", "ConceptSchemeShape-topConcept", VOCAB + "empty",
                            "http://www.w3.org/2004/02/skos/core#hasTopConcept", None, "lists no concepts")],
    "ObjectPropertyRangeShape": [("Violation", "ObjectPropertyRangeShape", ID + "event/arrest-of-anna", hr("place"),
                                  ID + "person/anna", f"is not a {hr('Place')}")],
    "MintedResourceShape": [("Violation", "MintedResourceShape-type", ID + "person/untyped", str(RDF.type), None,
                             "This resource has no type")],
    "AlsoKnownAsShape": [("Violation", "AlsoKnownAsShape-label", "http://example.org/thing", str(RDFS.label), None,
                          "alternative name (skos:altLabel) but no main one")],
}

# What the published data is expected to be warned about, each a fact about the
# statement that is reported and never filled in: it prints no reference code and no
# date (its publication window is inferred), and it names no one behind two acts.
EXPECTED_DATASET_WARNINGS = {
    ("IsadgRecordShape-referenceCode", DOCUMENT, hr("referenceCode")),
    ("IsadgRecordShape-date", DOCUMENT, hr("publicationDate")),
    ("ActShape-participant", ID + "event/militarisation-of-cambodian-border-provinces", hr("participant")),
    ("ActShape-participant", ID + "event/introduction-of-amendments-to-the-law-on-political-parties", hr("participant")),
}


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def reference() -> rdflib.Graph:
    return reference_graph()


def local(node) -> str:
    return str(node).removeprefix(SHAPES)


def validate_fixture(name: str | None, shapes, reference):
    data = rdflib.Graph().parse(NEIGHBOURHOOD, format="turtle")
    if name is not None:
        data.parse(FIXTURES / f"{name}-invalid.ttl", format="turtle")
    return validate_dataset(data + reference, shapes=shapes)


def test_the_neighbourhood_alone_gives_no_result(shapes, reference):
    outcome = validate_fixture(None, shapes, reference)
    assert outcome.results == ()
    assert outcome.conforms


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_fails_with_the_expected_focus_path_and_message(name, shapes, reference):
    outcome = validate_fixture(name, shapes, reference)
    found = [(r.severity, local(r.shape), str(r.focus), r.path,
              None if r.value is None else str(r.value), r.message) for r in outcome.results]
    expected = EXPECTED[name]
    assert [f[:5] for f in found] == [e[:5] for e in expected]
    for (*_, message), (*_, words) in zip(found, expected):
        assert words in message, message
    assert outcome.conforms is all(e[0] != "Violation" for e in expected)


def test_every_fixture_file_is_listed_and_every_listed_fixture_exists():
    files = {p.name.removesuffix("-invalid.ttl") for p in FIXTURES.glob("*-invalid.ttl")}
    assert files == set(EXPECTED)


def shape_nodes(shapes: rdflib.Graph, kind) -> set:
    return set(shapes.subjects(RDF.type, kind))


def test_every_node_shape_and_every_sparql_constraint_has_an_invalid_fixture(shapes):
    cited = {e[1] for results in EXPECTED.values() for e in results} | set(EXPECTED)
    covered = set(cited)
    for name in cited:  # a node shape is covered by a fixture of one of its property shapes
        node = rdflib.URIRef(SHAPES + name)
        covered |= {local(s) for s in shapes.subjects(SH.property, node)}
    node_shapes = {local(n) for n in shape_nodes(shapes, SH.NodeShape)}
    assert node_shapes, "no node shapes found"
    assert not node_shapes - covered, f"node shapes without an invalid fixture: {sorted(node_shapes - covered)}"
    sparql = {local(s) for s in shapes.subjects(SH.sparql, None)}
    assert sparql, "no SPARQL constraints found"
    assert not sparql - cited, f"SPARQL constraints without an invalid fixture: {sorted(sparql - cited)}"


def ontology_terms() -> set:
    graph = reference_graph()
    return set(graph.subjects(RDFS.label, None)) | set(graph.subjects(RDF.type, None))


def test_every_property_shape_has_an_iri_name_description_message_severity_and_term(shapes):
    property_shapes = shape_nodes(shapes, SH.PropertyShape) | set(shapes.objects(None, SH.property))
    assert len(property_shapes) > 50, "too few property shapes: were the shape files read?"
    terms = ontology_terms()
    problems = []
    for shape in sorted(property_shapes):
        if not isinstance(shape, rdflib.URIRef) or not str(shape).startswith(SHAPES):
            problems.append(f"{shape}: not a named shape under {SHAPES}")
            continue
        if (shape, RDF.type, SH.PropertyShape) not in shapes:
            problems.append(f"{local(shape)}: not declared a sh:PropertyShape")
        for needed in (SH.name, SH.description, SH.message, SH.severity, SH.path, RDFS.seeAlso):
            if shapes.value(shape, needed) is None:
                problems.append(f"{local(shape)}: no {needed.n3(shapes.namespace_manager)}")
        linked = set(shapes.objects(shape, RDFS.seeAlso)) | {shapes.value(shape, SH.path)}
        for term in linked:
            if isinstance(term, rdflib.URIRef) and str(term).startswith(ONTOLOGY) and term not in terms:
                problems.append(f"{local(shape)}: links {term}, which the ontology does not define")
    for shape in sorted(set(shapes.subjects(SH.sparql, None)) - property_shapes):  # node-level SPARQL
        for needed in (SH.name, SH.description, SH.message, SH.severity):
            if shapes.value(shape, needed) is None:
                problems.append(f"{local(shape)}: no {needed.n3(shapes.namespace_manager)}")
    for constraint in shapes.objects(None, SH.sparql):
        if not isinstance(constraint, rdflib.URIRef):
            problems.append(f"a SPARQL constraint is a blank node: {constraint}")
    assert not problems, "\n".join(problems)


def shapes_of(path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="turtle")


def test_shapes_are_split_by_severity():
    files = {p.name: shapes_of(p) for p in shape_files()}
    assert {"must-hold.ttl", "should-hold.ttl", "record-isadg.ttl"} <= set(files)
    for name, severity in (("must-hold.ttl", SH.Violation), ("should-hold.ttl", SH.Warning)):
        graph = files[name]
        wrong = [local(s) for s in graph.subjects(RDF.type, SH.PropertyShape) if graph.value(s, SH.severity) != severity]
        assert not wrong, f"{name}: property shapes of another severity: {wrong}"


def test_isadg_elements_carry_their_number_in_name_and_message():
    graph = shapes_of(Path(shape_files()[0]).parent / "record-isadg.ttl")
    numbers = {}
    for shape in graph.subjects(RDF.type, SH.PropertyShape):
        name, message = str(graph.value(shape, SH.name)), str(graph.value(shape, SH.message))
        number = re.search(r"\b3\.\d\.\d\b", name)
        assert number and number.group() in message, local(shape)
        numbers[number.group()] = graph.value(shape, SH.severity)
    essential = {"3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.2.1"}
    assert essential <= set(numbers)
    assert numbers["3.1.1"] == numbers["3.1.3"] == SH.Warning  # reported, never filled in


def test_every_shape_file_declares_shapes():
    paths = shape_files()
    assert paths, "no shape files under shapes/"
    for path in paths:
        assert any(shapes_of(path).subjects(RDF.type, SH.NodeShape)), f"{path.name} declares no shape"


def test_loading_no_shapes_fails(tmp_path):
    with pytest.raises(ShapesNotFound):
        load_shapes([])
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ShapesNotFound):
        load_shapes([empty])


TYPED_RANGES = {XSD.date, XSD.duration, XSD.integer, XSD.nonNegativeInteger, XSD.decimal, XSD.boolean, XSD.language}


def test_every_typed_datatype_property_has_its_datatype_checked(shapes):
    graph = reference_graph()
    typed = {p for p in graph.subjects(RDF.type, OWL.DatatypeProperty) if graph.value(p, RDFS.range) in TYPED_RANGES}
    assert typed
    checked = set()
    for shape in shapes.subjects(SH.path, None):
        datatypes = set(shapes.objects(shape, SH.datatype))
        for alternatives in shapes.objects(shape, SH["or"]):
            for member in rdflib.collection.Collection(shapes, alternatives):
                datatypes |= set(shapes.objects(member, SH.datatype))
        if datatypes:
            checked.add(shapes.value(shape, SH.path))
    assert not typed - checked, f"no sh:datatype for: {sorted(typed - checked)}"


def test_every_class_the_data_uses_is_the_target_of_a_shape(store, shapes):
    used = {rdflib.URIRef(row["c"].value) for row in store.query(
        f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ ?s a ?c }} FILTER (?g != <{ONTOLOGY_GRAPH}>) }}")}
    assert len(used) > 20
    ontology = reference_graph()
    targets = set(shapes.objects(None, SH.targetClass))
    untargeted = sorted(c for c in used if not set(ontology.transitive_objects(c, RDFS.subClassOf)) & targets)
    assert not untargeted, f"classes the data uses that no shape targets: {untargeted}"


def describe(results) -> str:
    return "\n".join(f"  {r.severity}: {local(r.shape)} on {r.focus} ({r.path}): {r.message}"
                     for r in results)


def test_the_dataset_has_no_violation_and_only_the_expected_warnings(rdflib_dataset, shapes):
    outcome = validate_dataset(rdflib_dataset, shapes=shapes)
    violations = [r for r in outcome.results if r.severity == "Violation"]
    assert not violations, f"{len(violations)} violations:\n{describe(violations)}"
    warnings = [r for r in outcome.results if r.severity == "Warning"]
    found = {(local(r.shape), str(r.focus), r.path) for r in warnings}
    unexpected = [r for r in warnings if (local(r.shape), str(r.focus), r.path) not in EXPECTED_DATASET_WARNINGS]
    assert not unexpected, f"unexpected warnings:\n{describe(unexpected)}"
    assert found == EXPECTED_DATASET_WARNINGS, f"expected warnings that did not fire: {EXPECTED_DATASET_WARNINGS - found}"
    assert outcome.conforms and outcome.violations == 0 and outcome.warnings == len(EXPECTED_DATASET_WARNINGS)
