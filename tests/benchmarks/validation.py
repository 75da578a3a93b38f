"""Benchmark: record validation at archive scale, compiled engine against plain pyshacl.

    python3 tests/benchmarks/validation.py                     # N = 1,000, 10,000, 100,000
    python3 tests/benchmarks/validation.py --sizes 1000 --pyshacl-max 1000

For each N it generates N synthetic case records in the project's model (claim, quote of
a synthetic source text, event, person, place, time, charge), with a known share of
faults of every kind (one record in :data:`FAULT_EVERY` carries one, the kinds in
turn), writes them as N-Triples, and validates them against the project's shapes with
the ontology and vocabularies mixed in:

- **compiled**: server.records (shapes compiled to queries over a pyoxigraph store);
- **pyshacl**: plain ``pyshacl.validate`` over an rdflib graph of the same triples,
  with the same options server.validation uses (no inference, SHACL-SPARQL on); only up
  to ``--pyshacl-max`` records (it grows too slow above), with a printed note beyond.

Each run is a fresh process (spawned, so it inherits no memory), reporting its time
(load, validate), peak resident memory, and the set of findings as (focus node, path,
source shape, severity); the two sets must be equal, and every fault kind must be found.
Not collected by pytest (pyproject's norecursedirs).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rightsgraph.namespaces import ID, VOCAB  # noqa: E402
from rightsgraph.namespaces import ONTOLOGY as HR  # noqa: E402

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
FAULT_EVERY = 20  # 5% of records carry a fault
RECORDS_PER_DOCUMENT = 500
ACTS = ("Arrest", "Detention", "Imprisonment", "DeathInCustody", "Charging")

#: fault kind -> the shape that must report it
FAULTS = {
    "person-without-name": "PersonShape-label",
    "event-without-status": "EventShape-eventStatus",
    "status-not-in-vocabulary": "ClaimShape-epistemicStatus",
    "quote-offsets-wrong": "QuoteShape-verbatimInFile",
    "window-backwards": "TimeSpecShape-window",
    "date-not-a-date": "DatatypesShape-earliest",
    "duplicate-record-id": "ClaimShape-claimIdUnique",
    "reported-without-source": "ClaimShape-attributedTo",
    "no-one-states-it": "ClaimShape-statedBy",
    "victim-is-a-place": "ObjectPropertyRangeShape",
    "untyped-resource": "MintedResourceShape-type",
    "charge-without-wording": "ChargeShape-wordingAsPrinted",
    "no-paraphrase": "ClaimShape-paraphrase",
    "year-not-said": "TimeSpecShape-yearInferredStated",
}


def iri(text: str) -> str:
    return f"<{text}>"


def lit(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def generate(n: int, path: Path) -> None:
    """N records (and their source documents) as N-Triples in ``path``."""
    kinds = list(FAULTS)
    with path.open("w", encoding="utf-8") as out:
        def t(s, p, o):
            out.write(f"{s} {p} {o} .\n")
        for first in range(0, n, RECORDS_PER_DOCUMENT):
            doc = iri(f"{ID}document/synthetic-{first // RECORDS_PER_DOCUMENT}")
            sentences = [f"Person {i} was arrested in town {i % 97} on 3 May 2019."
                         for i in range(first, min(n, first + RECORDS_PER_DOCUMENT))]
            text = "SYNTHETIC REPORT\n" + "\n".join(sentences) + "\n"
            _document(t, doc, text, first)
            offset = len("SYNTHETIC REPORT\n")
            for i in range(first, min(n, first + RECORDS_PER_DOCUMENT)):
                sentence = sentences[i - first]
                fault = kinds[(i // FAULT_EVERY) % len(kinds)] if i % FAULT_EVERY == FAULT_EVERY - 1 else None
                _record(t, i, doc, sentence, offset, fault)
                offset += len(sentence) + 1


def _document(t, doc, text, first) -> None:
    normalized = " ".join(text.split())
    t(doc, iri(TYPE), iri(HR + "SourceDocument"))
    t(doc, iri(RDFS_LABEL), lit(f"Synthetic report {first}"))
    t(doc, iri(HR + "title"), lit("SYNTHETIC REPORT"))
    t(doc, iri(HR + "referenceCode"), lit(f"SYN {first}"))
    t(doc, iri(HR + "creator"), iri(ID + "organization/synthetic-ngo"))
    t(doc, iri(HR + "levelOfDescription"), iri(VOCAB + "level-of-description/item"))
    t(doc, iri(HR + "extent"), lit("1 digital text"))
    t(doc, iri(HR + "scopeAndContent"), lit("Arrests."))
    t(doc, iri(HR + "language"), lit("en", XSD + "language"))
    t(doc, iri(HR + "descriptionRules"), lit("ISAD(G) 2nd edition"))
    t(doc, iri(HR + "fullText"), lit(text))
    t(doc, iri(HR + "normalizedText"), lit(normalized))
    t(doc, iri(HR + "sha256"), lit("0" * 64))
    t(doc, iri(HR + "characterCount"), lit(str(len(text)), XSD + "integer"))
    when = iri(f"{ID}time/synthetic-publication-{first}")
    t(doc, iri(HR + "publicationDate"), when)
    t(when, iri(TYPE), iri(HR + "TimeSpec"))
    t(when, iri(HR + "expressedDate"), lit("3 May 2019"))
    t(when, iri(HR + "precision"), iri(VOCAB + "date-precision/day"))
    t(when, iri(HR + "edtf"), lit("2019-05-03"))
    t(when, iri(HR + "yearInferred"), lit("false", XSD + "boolean"))
    ngo = iri(ID + "organization/synthetic-ngo")
    t(ngo, iri(TYPE), iri(HR + "NonGovernmentalOrganization"))
    t(ngo, iri(RDFS_LABEL), lit("Synthetic NGO"))


def _record(t, i, doc, sentence, offset, fault) -> None:
    claim, event, person = (iri(f"{ID}{kind}/synthetic-{i}") for kind in ("claim", "event", "person"))
    place, when, charge = (iri(f"{ID}{kind}/synthetic-{i}") for kind in ("place", "time", "charge"))
    start, end = offset, offset + len(sentence)
    if fault == "quote-offsets-wrong":
        start, end = start + 1, end + 1
    quote = iri(f"{doc[1:-1]}#char={start},{end}")
    status = "made-up" if fault == "status-not-in-vocabulary" else (
        "information-received" if fault == "reported-without-source" else "asserted")
    t(claim, iri(TYPE), iri(HR + "Claim"))
    t(claim, iri(RDFS_LABEL), lit(f"S{i}: person {i} — arrest"))
    t(claim, iri(HR + "claimId"), lit("S1" if fault == "duplicate-record-id" else f"S{i}"))
    if fault != "no-paraphrase":
        t(claim, iri(HR + "paraphrase"), lit(sentence))
    t(claim, iri(HR + "epistemicStatus"), iri(f"{VOCAB}epistemic-status/{status}"))
    if fault != "no-one-states-it":
        t(claim, iri(HR + "statedBy"), iri(ID + "organization/synthetic-ngo"))
    t(claim, iri(HR + "quotedFrom"), doc)
    t(claim, iri(HR + "inSection"), iri(f"{doc[1:-1]}-body"))
    t(claim, iri(HR + "evidence"), quote)
    t(claim, iri(HR + "supports"), event)
    t(iri(f"{doc[1:-1]}-body"), iri(TYPE), iri(HR + "DocumentSection"))
    t(iri(f"{doc[1:-1]}-body"), iri(RDFS_LABEL), lit("body"))
    t(doc, iri(HR + "hasSection"), iri(f"{doc[1:-1]}-body"))
    t(quote, iri(TYPE), iri(HR + "Quote"))
    t(quote, iri(HR + "inDocument"), doc)
    t(quote, iri(HR + "exactText"), lit(sentence))
    t(quote, iri(HR + "rawStart"), lit(str(start), XSD + "integer"))
    t(quote, iri(HR + "rawEnd"), lit(str(end), XSD + "integer"))
    normal = start - len("SYNTHETIC REPORT\n") + len("SYNTHETIC REPORT ")
    t(quote, iri(HR + "normalizedStart"), lit(str(normal), XSD + "integer"))
    t(quote, iri(HR + "normalizedEnd"), lit(str(normal + len(sentence)), XSD + "integer"))
    t(event, iri(TYPE), iri(HR + ACTS[i % len(ACTS)]))
    t(event, iri(RDFS_LABEL), lit(f"arrest of person {i}"))
    if fault != "event-without-status":
        t(event, iri(HR + "eventStatus"), iri(VOCAB + "event-status/occurred"))
    t(event, iri(HR + "victim"), place if fault == "victim-is-a-place" else person)
    t(event, iri(HR + "place"), place)
    t(event, iri(HR + "time"), when)
    t(event, iri(HR + "charge"), charge)
    if fault != "untyped-resource":
        t(person, iri(TYPE), iri(HR + "Person"))
    if fault != "person-without-name":
        t(person, iri(RDFS_LABEL), lit(f"Person {i}"))
    t(place, iri(TYPE), iri(HR + "Place"))
    t(place, iri(RDFS_LABEL), lit(f"town {i % 97}"))
    t(charge, iri(TYPE), iri(HR + "Charge"))
    t(charge, iri(RDFS_LABEL), lit("plotting"))
    if fault != "charge-without-wording":
        t(charge, iri(HR + "wordingAsPrinted"), lit("“plotting”"))
    t(when, iri(TYPE), iri(HR + "TimeSpec"))
    t(when, iri(HR + "expressedDate"), lit("3 May 2019"))
    t(when, iri(HR + "precision"), iri(VOCAB + "date-precision/day"))
    t(when, iri(HR + "edtf"), lit("2019-05-03"))
    earliest, latest = ("2019-05-04", "2019-05-03") if fault == "window-backwards" else ("2019-05-03", "2019-05-03")
    t(when, iri(HR + "earliest"), lit(earliest) if fault == "date-not-a-date" else lit(earliest, XSD + "date"))
    t(when, iri(HR + "latest"), lit(latest, XSD + "date"))
    if fault != "year-not-said":
        t(when, iri(HR + "yearInferred"), lit("false", XSD + "boolean"))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_compiled(path: str, queue) -> None:
    import pyoxigraph
    from rightsgraph.records.engine import compiled_results, project_shapes
    from rightsgraph.records.reference import reference_triples
    started = time.perf_counter()
    shapes, compiled = project_shapes("repository")
    store = pyoxigraph.Store()
    store.bulk_load(path=path, format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in _reference(reference_triples()))
    loaded = time.perf_counter()
    results = compiled_results(compiled, store)
    done = time.perf_counter()
    queue.put((loaded - started, done - loaded, _peak_mb(), _keys(results)))


def run_pyshacl(path: str, queue) -> None:
    import rdflib
    from rightsgraph.loading import reference_graph
    from rightsgraph.records.engine import project_shapes
    from rightsgraph.shacl import run_pyshacl as pyshacl_run
    started = time.perf_counter()
    shapes, _ = project_shapes("repository")
    graph = rdflib.Graph()
    graph.parse(path, format="nt")
    graph += reference_graph()
    loaded = time.perf_counter()
    results, _ = pyshacl_run(graph, shapes)
    done = time.perf_counter()
    queue.put((loaded - started, done - loaded, _peak_mb(), _keys(results)))


def _reference(triples):
    """Ontology and vocabularies only, as plain pyshacl gets them (no published documents)."""
    return [t for t in triples if not t.subject.value.startswith(ID)]


def _keys(results) -> set:
    return {(str(r.focus), r.path, str(r.shape), r.severity) for r in results}


def measure(target, path: Path, timeout: float):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(str(path), queue))
    process.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:
        return None
    finally:
        process.kill()
        process.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--pyshacl-max", type=int, default=10000, help="largest N plain pyshacl is run at")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds either engine may take per size")
    args = parser.parse_args()
    print(f"{'N':>8} {'engine':>9} {'triples':>9} {'load s':>8} {'validate s':>10} {'ms/record':>9} "
          f"{'peak MB':>8} {'findings':>8}")
    per_record = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "records.nt"
            generate(n, path)
            triples = sum(1 for _ in path.open(encoding="utf-8"))
            compiled = measure(run_compiled, path, args.timeout)
            _row(n, "compiled", triples, compiled)
            per_record[n] = compiled[1] / n if compiled else None
            missing = {kind for kind, shape in FAULTS.items()
                       if compiled and not any(key[2].endswith("/" + shape) for key in compiled[3])}
            print(f"{'':>8} every fault kind found: {'yes' if compiled and not missing else f'NO, missing {missing}'}")
            if n > args.pyshacl_max:
                print(f"{'':>8} pyshacl: skipped above {args.pyshacl_max} records (--pyshacl-max)")
                continue
            plain = measure(run_pyshacl, path, args.timeout)
            _row(n, "pyshacl", triples, plain)
            if compiled and plain:
                same = compiled[3] == plain[3]
                print(f"{'':>8} same findings: {'yes' if same else 'NO'} "
                      f"(compiled-only {len(compiled[3] - plain[3])}, pyshacl-only {len(plain[3] - compiled[3])}); "
                      f"validation {plain[1] / compiled[1]:.1f}x faster, load + validation "
                      f"{(plain[0] + plain[1]) / (compiled[0] + compiled[1]):.1f}x faster")
    sizes = [n for n in args.sizes if per_record.get(n)]
    for small, large in zip(sizes, sizes[1:]):
        print(f"time per record at {large} / at {small}: {per_record[large] / per_record[small]:.2f}")


def _row(n, engine, triples, measured) -> None:
    if measured is None:
        print(f"{n:>8} {engine:>9} {triples:>9} did not finish within the timeout")
        return
    load, validate, peak, keys = measured
    print(f"{n:>8} {engine:>9} {triples:>9} {load:>8.2f} {validate:>10.2f} {1000 * validate / n:>9.3f} "
          f"{peak:>8.0f} {len(keys):>8}", flush=True)


if __name__ == "__main__":
    main()
