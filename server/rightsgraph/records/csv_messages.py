"""What a finding says to someone who filled in the CSV template: the column to fix, in the template's words.

The shapes speak of the model (``hr:rawStart``, ``^^xsd:date``, concept IRIs), and some
ask for things the template has no column for. For a row of the template each shape's
finding is said again here, naming only the template's columns; a shape not listed
keeps its own message, under the column :data:`template.COLUMN_OF_PATH` gives.
"""

from __future__ import annotations

from ..namespaces import ONTOLOGY, SHAPES
from .template import BY_NAME

_STATUSES = "asserted, author-evaluation, author-hedged, information-received, attributed, allegation, widely-believed"
EVENT_STATUS = ("event_status", ("Write in event_status one of: occurred, ongoing, planned, ordered, threatened, "
                "requested, potential, not-occurred."))
STATUS = ("status", f"Write in status how the source puts it, one of: {_STATUSES}.")
PRECISION = ("date_precision", ("Write in date_precision one of: day, month, year, interval (or give the date as a "
             "value in the date column)."))

#: shape (local name) -> (column, message)
MESSAGES: dict[str, tuple[str, str]] = {
    "ClaimShape-claimId": ("record_id", "Give the record an id of capital letters then digits, such as C001."),
    "ClaimShape-claimIdUnique": ("record_id", ("Another row with the same source_document has this record_id: give "
                                 "each row its own.")),
    "ClaimShape-epistemicStatus": STATUS,
    "ClaimShape-evidence": ("quote", ("Fill in quote, quote_start and quote_end: the source's words the record "
                            "rests on, and where they stand in the source file.")),
    "ClaimShape-evidenceDocument": ("source_document", ("The quote is placed in another document than "
                                    "source_document: correct source_document or the quote.")),
    "ClaimShape-quotedFrom": ("source_document", ("Fill in source_document: the identifier of the source (a document "
                              "of the project, or one described in a file validated alongside).")),
    "ClaimShape-statedBy": ("stated_by", "Fill in stated_by: who makes the statement (usually the source's author)."),
    "ClaimShape-attributedTo": ("attributed_to", ("The status says the source reports someone else's words, but "
                                "attributed_to is empty: say from whom (\"witnesses\", \"the family\", or "
                                "\"unnamed sources\" when the source names no one).")),
    "ClaimShape-inSection": ("section", "Fill in section: where in the source the words stand (main, background)."),
    "ClaimShape-paraphrase": ("summary", "Fill in summary: the record in one plain sentence."),
    "QuoteShape-exactText": ("quote", "Fill in quote: the source's exact words between quote_start and quote_end."),
    "QuoteShape-inDocument": ("source_document", "Fill in source_document: the quote must be placed in its source."),
    "QuoteShape-rawStart": ("quote_start", ("Give one quote_start: where the quote starts in the source file, in "
                            "characters from 0.")),
    "QuoteShape-rawEnd": ("quote_end", "Give one quote_end: where the quote's span ends in the source file."),
    "QuoteShape-rawOrder": ("quote_start", "quote_start must be smaller than quote_end."),
    "QuoteShape-normalizedStart": ("quote_start", ("The quote's place could not be worked out from quote_start and "
                                   "quote_end: check that both are whole numbers within the source's length and "
                                   "that source_document names a source whose text the validator knows.")),
    "QuoteShape-normalizedEnd": ("quote_end", ("The quote's place could not be worked out from quote_start and "
                                 "quote_end: check that both are whole numbers within the source's length and "
                                 "that source_document names a source whose text the validator knows.")),
    "QuoteShape-normalizedOrder": ("quote_start", "quote_start must be smaller than quote_end."),
    "QuoteShape-verbatimInFile": ("quote", ("The quote is not the source's words between quote_start and quote_end: "
                                  "correct the offsets or the words.")),
    "QuoteShape-verbatimInNormalizedText": ("quote", ("The quote is not the source's words between quote_start and "
                                            "quote_end: correct the offsets or the words.")),
    "QuoteShape-iriOffsets": ("quote_start", ("The quote's offsets do not match its place in the source: correct "
                              "quote_start and quote_end.")),
    "QuoteShape-usedAsEvidence": ("quote", "No record uses this quote."),
    "EventShape-eventStatus": EVENT_STATUS,
    "EventShape-time": ("date_as_written", "Give one date per row."),
    "EventShape-supportedByClaim": ("record_id", "No record backs this event."),
    "ActShape-participant": ("person", ("No one is named: if the source says to whom it was done, fill in person; "
                             "if it names no one, accept this warning and never invent a name.")),
    "PersonShape-label": ("person", "Fill in person with the name as the source gives it."),
    "PlaceShape-label": ("place", "Fill in place with the name as the source gives it."),
    "ChargeShape-wordingAsPrinted": ("charge", "Write the charge exactly as printed, quotation marks included."),
    "TimeSpecShape-expressedDate": ("date_as_written", ("Fill in date_as_written: the date in the source's own "
                                    "words.")),
    "TimeSpecShape-precision": PRECISION,
    "TimeSpecShape-edtf": ("date", ("Write the date year first: 2019-10-30, 2019-10, 2019, or a range "
                           "2019-08/2019-10.")),
    "TimeSpecShape-window": ("date", "The date range ends before it starts: write the earlier date first."),
    "TimeSpecShape-inferenceBasis": ("date", ("The year of date is not in date_as_written, so it would be inferred: "
                                     "write the year in date_as_written if the source prints it, or leave date "
                                     "empty and give date_precision.")),
    "TimeSpecShape-yearInferredStated": ("date", "Give the date year first (2019-10-30)."),
    "DatatypesShape-rawStart": ("quote_start", ("quote_start must be a whole number from 0 up, digits only (1861, "
                                "not 1,861).")),
    "DatatypesShape-rawEnd": ("quote_end", ("quote_end must be a whole number from 0 up, digits only (1887, "
                              "not 1,887).")),
    "DatatypesShape-earliest": ("date", ("Write the date year first: 2019-10-30, 2019-10, 2019, or a range "
                                "2019-08/2019-10.")),
    "DatatypesShape-latest": ("date", ("Write the date year first: 2019-10-30, 2019-10, 2019, or a range "
                              "2019-08/2019-10.")),
}

#: What each kind of value the range shape may find in a row means, by the property it was found on.
RANGE_MESSAGES = {
    ONTOLOGY + "quotedFrom": ("source_document", ("No such source is known: use the identifier of a document of the "
                              "project (amnesty-cambodia-2019) or validate the file that describes it alongside.")),
    ONTOLOGY + "inDocument": ("source_document", ("No such source is known: use the identifier of a document of the "
                              "project (amnesty-cambodia-2019) or validate the file that describes it alongside.")),
    ONTOLOGY + "inSection": ("section", ("The source has no such section: use one of its sections (main, "
                             "background) or leave section empty.")),
    ONTOLOGY + "eventStatus": EVENT_STATUS,
    ONTOLOGY + "epistemicStatus": STATUS,
    ONTOLOGY + "precision": PRECISION,
    ONTOLOGY + "victim": ("person", ("The IRI in person is not a person: give the person's name or the IRI of a "
                          "person.")),
    ONTOLOGY + "place": ("place", "The IRI in place is not a place: give the place's name or the IRI of a place."),
    ONTOLOGY + "statedBy": ("stated_by", ("The IRI in stated_by is not an agent: give a name or the IRI of a person "
                            "or organisation.")),
    ONTOLOGY + "attributedTo": ("attributed_to", ("The IRI in attributed_to is not an agent: give a name or the IRI "
                                "of a person or organisation.")),
    ONTOLOGY + "charge": ("charge", "The IRI in charge is not a charge: write the charge as printed."),
}


#: Findings on where a quote stands, which follow from an empty source_document.
PLACING = {"QuoteShape-inDocument", "QuoteShape-normalizedStart", "QuoteShape-normalizedEnd",
           "QuoteShape-normalizedOrder", "QuoteShape-iriOffsets"}


def for_row(shape: str, path: str | None, default_column: str, message: str, *,
            has_source: bool = True) -> tuple[str, str]:
    """(column, message) of a finding on a template row; one that follows from no source is the source's."""
    name = shape.removeprefix(SHAPES)
    if not has_source and name in PLACING:
        return MESSAGES["ClaimShape-quotedFrom"]
    if name.startswith("CaseRecordTemplate-"):
        return name.removeprefix("CaseRecordTemplate-"), message
    if name == "ObjectPropertyRangeShape" and path in RANGE_MESSAGES:
        return RANGE_MESSAGES[path]
    if name.endswith("-inScheme") and path in RANGE_MESSAGES:
        return RANGE_MESSAGES[path]
    if name in MESSAGES:
        return MESSAGES[name]
    if name == "MintedResourceShape-type":
        return default_column, (f"Nothing sent or published describes the IRI in {default_column}: give the "
                                "name in words, or validate the file that describes it alongside.")
    return default_column if default_column in BY_NAME else "record_id", message
