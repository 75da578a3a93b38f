"""``rightsgraph check`` runs every step on the real graph and says what failed."""

from __future__ import annotations

from click.testing import CliRunner
from rightsgraph.checks.command import check_command


def test_check_passes_on_the_graph():
    result = CliRunner().invoke(check_command, [])
    assert result.exit_code == 0, result.output
    for step in ("load", "reasoning (HermiT)", "SHACL", "quotes", "provenance", "competency questions"):
        assert f"ok   {step}" in result.output
    assert "0 violations, 4 warnings" in result.output
    assert "113 quotes checked, 0 not verbatim" in result.output
    assert "0 named by no claim, 0 reported contents stated as fact, 0 event statuses not dated" in result.output
    assert "all checks passed" in result.output


def test_check_fails_without_java(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(check_command, [])
    assert result.exit_code == 1
    assert "HermiT needs Java" in result.output
    assert "Traceback" not in result.output


def test_quote_check_catches_a_shifted_offset(store):
    import pyoxigraph
    from rightsgraph.checks.quotes import verify_quotes

    broken = pyoxigraph.Store()
    broken.extend(store)
    hr = "https://w3id.org/rightsgraph/ontology/"
    quote = next(iter(broken.quads_for_pattern(None, pyoxigraph.NamedNode(hr + "rawStart"), None)))
    broken.remove(quote)
    shifted = pyoxigraph.Literal(str(int(quote.object.value) + 1), datatype=quote.object.datatype)
    broken.add(pyoxigraph.Quad(quote.subject, quote.predicate, shifted, quote.graph_name))
    checked, problems = verify_quotes(broken)
    assert checked == 113
    assert [p.quote for p in problems] == [quote.subject.value]
