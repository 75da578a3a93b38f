"""The competency questions get their expected answers, on the endpoint's engine."""

from __future__ import annotations

import json
import re

import pytest
from rightsgraph.checks.competency import (
    Question,
    check_question,
    questions,
    run_question,
)

QUESTIONS = questions()


def test_all_competency_questions_are_there():
    names = [q.name for q in QUESTIONS]
    assert len(names) == 33, names
    for question in QUESTIONS:
        assert question.text, f"{question.name} states no question in its leading comments"
        assert question.path.with_suffix(".expected.json").is_file(), question.name


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_competency_question_answer(store, question):
    answer = check_question(store, question)
    assert answer.passed, f"{question.name}: {answer.detail}"


def test_a_wrong_expected_answer_fails(store, tmp_path):
    original = QUESTIONS[0]
    query = tmp_path / original.path.name
    query.write_text(original.query, encoding="utf-8")
    expected = original.expected
    expected["rows"] = expected["rows"][1:]
    query.with_suffix(".expected.json").write_text(json.dumps(expected), encoding="utf-8")
    answer = check_question(store, Question(query))
    assert not answer.passed
    assert "unexpected" in answer.detail


def test_timeline_is_in_date_order(store):
    timeline = next(q for q in QUESTIONS if q.name.startswith("21-"))
    rows = run_question(store, timeline)
    years = [re.search(r"\d{4}", row["edtf"]).group() for row in rows]
    assert years == sorted(years)
    assert any(row["status"] == "planned" for row in rows)
    assert all(row["yearInferred"] == "true" for row in rows if row["edtf"].startswith("2019"))


def test_deaths_in_custody_name_both_victims(store):
    deaths = next(q for q in QUESTIONS if q.name.startswith("01-"))
    assert {row["person"] for row in run_question(store, deaths)} == {"Sam Bopha", "Tith Rorn"}
