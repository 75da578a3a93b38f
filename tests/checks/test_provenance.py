"""Every triple has its words: each content triple of the statement graph is named by a
claim, one query leads from a triple to its claims, quotes and offsets, hedges travel
with the facts they qualify, and ``rightsgraph check`` fails, naming the triple, when a
triple nobody can quote is put back into a copy of the data (RIGHTSGRAPH_HOME)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
import rightsgraph
from rightsgraph.checks.provenance import UNNAMED_CONTENT_TRIPLES, check_provenance
from rightsgraph.dataset import DATA_DIR, ROOT

PREFIXES = """
PREFIX hr: <https://w3id.org/rightsgraph/ontology/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX status: <https://w3id.org/rightsgraph/vocab/epistemic-status/>
PREFIX event: <https://w3id.org/rightsgraph/id/event/>
PREFIX right: <https://w3id.org/rightsgraph/vocab/right/>
"""
TURTLE_PREFIXES = """
@prefix hr: <https://w3id.org/rightsgraph/ontology/> .
@prefix graph: <https://w3id.org/rightsgraph/graph/> .
@prefix org: <https://w3id.org/rightsgraph/id/organization/> .
@prefix place: <https://w3id.org/rightsgraph/id/place/> .
@prefix person: <https://w3id.org/rightsgraph/id/person/> .
@prefix event: <https://w3id.org/rightsgraph/id/event/> .
@prefix right: <https://w3id.org/rightsgraph/vocab/right/> .
@prefix character: <https://w3id.org/rightsgraph/vocab/legal-characterisation/> .
"""

#: The readings issue 9 took out of the statement graph, each as it was: none is in the
#: statement's words, so each, put back, must make the check fail.
BAD_TRIPLES = {
    "police part of the Cambodian state": "org:cambodian-police hr:partOfState place:cambodia",
    "Ministry of Interior part of the Cambodian state": "org:ministry-of-interior hr:partOfState place:cambodia",
    "Supreme Court part of the Cambodian state": "org:supreme-court-of-cambodia hr:partOfState place:cambodia",
    "military part of the Cambodian state": "org:cambodian-military hr:partOfState place:cambodia",
    "Svay Rieng within Cambodia": "place:svay-rieng-province hr:within place:cambodia",
    "campaign placed in Cambodia": "event:campaign-of-arbitrary-arrests-and-prosecutions hr:place place:cambodia",
    "crackdown placed in Cambodia": "event:crackdown-on-individuals-affiliated-with-the-cnrp hr:place place:cambodia",
    "labelling aimed at Sam Rainsy": "event:labelling-of-the-return-as-an-attempted-coup hr:target person:sam-rainsy",
    "R03 due process on the jailing": "event:jailing-of-former-cnrp-members hr:concernsRight right:due-process",
    "R03 without due process on the jailing":
        "event:jailing-of-former-cnrp-members hr:legalCharacterisation character:without-due-process",
    "F20 the crackdown's deadly consequence is Sam Bopha's killing":
        "event:crackdown-on-individuals-affiliated-with-the-cnrp hr:hadConsequence event:killing-of-sam-bopha",
}


def select(store, query: str) -> list[dict[str, str]]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def test_every_content_triple_of_the_statement_graph_is_named_by_a_claim(store):
    outcome = check_provenance(store)
    assert outcome.content_triples > 700
    assert outcome.unnamed == []
    assert outcome.reported_as_fact == []
    assert outcome.status_without_as_of == []
    assert list(store.query(UNNAMED_CONTENT_TRIPLES)) == []


def test_one_query_leads_from_a_triple_to_its_claim_quote_offsets_and_hedge(store):
    rows = select(store, """
        SELECT ?id ?text ?start ?end ?hedge WHERE {
          ?st rdf:subject event:arrests-of-former-cnrp-members-since-august ;
              rdf:predicate hr:concernsRight ; rdf:object right:due-process .
          OPTIONAL { ?st hr:hedge ?hedge }
          ?claim hr:namesTriple ?st ; hr:claimId ?id ; hr:evidence ?q .
          ?q hr:exactText ?text ; hr:rawStart ?start ; hr:rawEnd ?end .
        }""")
    assert rows == [{"id": "R03", "text": "without due process", "start": "636", "end": "655", "hedge": "typically"}]


def test_every_hedged_claim_hedges_a_triple_it_names(store):
    rows = select(store, """
        SELECT ?id ?hedge (COUNT(?st) AS ?hedged) WHERE {
          ?claim hr:epistemicStatus status:author-hedged ; hr:claimId ?id ; hr:hedge ?hedge .
          OPTIONAL { ?claim hr:namesTriple ?st . ?st hr:hedge ?hedge }
        } GROUP BY ?id ?hedge""")
    assert {r["id"] for r in rows} == {"F11", "F12", "F35", "F40", "R03", "B17"}
    assert all(int(r["hedged"]) > 0 for r in rows), rows


def test_reported_content_is_named_with_whose_it_is_and_never_a_plain_triple(store):
    rows = select(store, """
        SELECT ?id ?status ?who WHERE {
          ?claim hr:claimId ?id ; hr:namesTriple ?st .
          ?st hr:epistemicStatus ?status ; hr:attributedTo ?who .
          VALUES ?status { status:attributed status:allegation status:information-received status:widely-believed }
        }""")
    assert {r["id"] for r in rows} >= {"F09", "F16", "F25", "F26", "F43", "B07", "B08", "B18"}
    assert check_provenance(store).reported_as_fact == []


def test_every_claim_that_names_a_triple_is_a_claim_of_the_statement_graph(store):
    rows = select(store, """
        SELECT DISTINCT ?id WHERE {
          ?claim hr:namesTriple ?st ; hr:claimId ?id .
          FILTER NOT EXISTS { GRAPH <https://w3id.org/rightsgraph/graph/amnesty-cambodia-2019> { ?claim a hr:Claim } }
        }""")
    assert rows == []


def test_an_event_status_that_says_not_as_of_when_fails_the_check(store):
    undated = pyoxigraph.Store()
    undated.extend(store)
    as_of = pyoxigraph.NamedNode("https://w3id.org/rightsgraph/ontology/statusAsOf")
    statement_graph = pyoxigraph.NamedNode("https://w3id.org/rightsgraph/graph/amnesty-cambodia-2019")
    quad = next(iter(undated.quads_for_pattern(None, as_of, None, statement_graph)))
    undated.remove(quad)
    outcome = check_provenance(undated)
    assert not outcome.ok
    assert [event for _, event in outcome.status_without_as_of] == [str(quad.subject)]


def test_rdflib_reads_the_reified_statements_as_plain_triples():
    dataset = rdflib.Dataset()
    with warnings.catch_warnings():  # rdflib's TriG parser calls its own deprecated Dataset.default_context
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=(DATA_DIR / "amnesty-cambodia-2019" / "provenance.trig").read_text(encoding="utf-8"), format="trig")
    statements = {s for s, _, _, _ in dataset.quads((None, rdflib.RDF.type, rdflib.RDF.Statement, None))}
    assert len(statements) > 700
    for st in sorted(statements)[:50]:
        assert len({o for *_, o, _ in dataset.quads((st, rdflib.RDF.subject, None, None))}) == 1
        assert len({o for *_, o, _ in dataset.quads((st, rdflib.RDF.object, None, None))}) == 1


def copy_of_the_data(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    for folder in ("ontology", "data", "shapes"):
        shutil.copytree(ROOT / folder, home / folder)
    return home


def put_back(home: Path, triple: str) -> None:
    extra = home / "data" / "amnesty-cambodia-2019" / "put-back.trig"
    extra.write_text(TURTLE_PREFIXES + f"graph:amnesty-cambodia-2019 {{ {triple} . }}\n", encoding="utf-8")


def rightsgraph_check(home: Path, *options: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, RIGHTSGRAPH_HOME=str(home), PYTHONPATH=str(Path(rightsgraph.__file__).parents[1]))
    return subprocess.run(
        [sys.executable, "-c", "from rightsgraph.cli import main; main()", "check", *options],
        env=env, capture_output=True, text=True, timeout=600,
    )


def test_check_of_an_untouched_copy_passes(tmp_path):
    result = rightsgraph_check(copy_of_the_data(tmp_path), "--only", "provenance")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 named by no claim" in result.stdout


@pytest.mark.parametrize("triple", BAD_TRIPLES.values(), ids=BAD_TRIPLES.keys())
def test_check_fails_on_a_copy_with_a_triple_nobody_can_quote_put_back(tmp_path, triple):
    home = copy_of_the_data(tmp_path)
    put_back(home, triple)
    result = rightsgraph_check(home, "--only", "provenance")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL provenance" in result.stdout
    subject, predicate, obj = triple.split()
    offending = [line for line in result.stdout.splitlines() if "named by no claim:" in line]
    assert len(offending) == 1, result.stdout
    assert subject.split(":")[1] in offending[0] and predicate.split(":")[1] in offending[0]
    assert obj.split(":")[1] in offending[0]


def test_whole_check_fails_on_a_copy_with_reported_content_stated_as_fact(tmp_path):
    home = copy_of_the_data(tmp_path)
    put_back(home, 'person:sam-bopha hr:fellFrom "a police motorbike"')
    result = rightsgraph_check(home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "reported content stated as a plain triple" in result.stdout
    assert "amnesty-cambodia-2019-f25" in result.stdout


def test_only_and_skip_together_are_refused(tmp_path):
    result = rightsgraph_check(copy_of_the_data(tmp_path), "--only", "quotes", "--skip", "shacl")
    assert result.returncode == 2
    assert "not both" in result.stderr
    assert "Traceback" not in result.stderr
