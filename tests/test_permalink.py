"""Permalinks: a search as query parameters and back (app.permalink)."""

from __future__ import annotations

from app.permalink import Permalink, from_query, to_query, to_url
from kb.index import Filters

CROSS_OVER = "hoeveel cross-over kwalificaties raken techniek?"


def test_a_search_survives_the_round_trip_through_query_parameters() -> None:
    link = Permalink(
        CROSS_OVER,
        Filters(goals=(9, 5), regions=("Limburg", "Noord-Brabant"), kinds=("bereikt",)),
        top_k=8,
    )
    params = to_query(link)
    assert params == {
        "q": CROSS_OVER,
        "doel": "9,5",
        "regio": "Limburg,Noord-Brabant",
        "soort": "bereikt",
        "n": "8",
    }
    assert from_query({k: [v] for k, v in params.items()}) == link


def test_repeated_and_comma_separated_values_are_both_read() -> None:
    link = from_query({"q": ["  welk   doel? "], "doel": ["9", "5,9"], "regio": ["Twente"]})
    assert link.question == "welk doel?"
    assert link.filters == Filters(goals=(9, 5), regions=("Twente",))
    assert link.top_k is None and link.problems == ()


def test_values_that_cannot_be_read_are_named_and_left_out() -> None:
    link = from_query({"q": [CROSS_OVER], "doel": ["negen", "9"], "n": ["500"]})
    assert link.filters.goals == (9,)
    assert link.top_k is None
    assert link.problems == (
        "doel=negen is geen doelnummer",
        "n=500 is geen aantal tussen 1 en 20",
    )


def test_the_url_replaces_any_query_of_the_address() -> None:
    link = Permalink(CROSS_OVER, Filters(goals=(9,)))
    expected = "?q=hoeveel+cross-over+kwalificaties+raken+techniek%3F&doel=9"
    assert to_url("http://localhost:8501", link) == f"http://localhost:8501/{expected}"
    assert to_url("http://localhost:8501/?q=oud#x", link) == f"http://localhost:8501/{expected}"
    assert to_url("", link) == expected
    assert to_url("http://localhost:8501/", Permalink()) == "http://localhost:8501/"


CRAFTED = ["²", "①", "٣", "9²", "+9", "-1", "9" * 5000, "0x9", " ", "９"]


def test_crafted_numbers_in_a_link_are_named_and_left_out() -> None:
    # str.isdigit() accepts "²", "①" and Arabic-Indic digits that int() rejects or misreads,
    # and 5,000 digits pass Python's limit on converting a string to an int.
    for value in CRAFTED:
        link = from_query({"q": ["techniek"], "doel": [value], "n": [value]})
        assert link.filters.goals == () and link.top_k is None
        assert all(len(p) < 80 for p in link.problems)


def test_whole_number_reads_ascii_digits_only() -> None:
    from kb.text import whole_number

    assert whole_number("9") == 9 and whole_number(" 12 ") == 12
    assert [whole_number(v) for v in CRAFTED] == [None] * len(CRAFTED)
    assert whole_number("1234", digits=3) is None
