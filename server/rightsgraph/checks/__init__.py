"""``rightsgraph check``: whether the graph holds what it promises, each step timed, non-zero on failure.

The parts, one job each::

    command.py      ``rightsgraph check``: the steps in order, a timed summary, the exit status
    reasoning.py    HermiT (through owlready2) over ontology and data: consistency, unsatisfiable classes
    validation.py   the SHACL shapes over the published dataset (through the shared shacl.py)
    quotes.py       every quote against the source text, at both offset pairs
    competency.py   the competency questions of data/queries/, each with its expected answer
"""
