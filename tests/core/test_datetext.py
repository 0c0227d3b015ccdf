"""Dates and times typed as people write them, per locale; clear errors otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.datetext import DateTextError, date_words, parse_date, parse_time

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(("text", "locale", "expected"), [
    ("3/4", "en_US", dt.date(2027, 3, 4)),  # no year: the nearest March 4
    ("3/4/2026", "en_US", dt.date(2026, 3, 4)),
    ("3/4/26", "en_US", dt.date(2026, 3, 4)),
    ("4/3/2026", "es", dt.date(2026, 3, 4)),
    ("4/3/2026", "es_US", dt.date(2026, 3, 4)),
    ("4/3/2026", "en_GB", dt.date(2026, 3, 4)),
    ("2026-03-04", "en_US", dt.date(2026, 3, 4)),
    ("2026-03-04", "es", dt.date(2026, 3, 4)),
    ("March 4", "en_US", dt.date(2027, 3, 4)),
    ("march 4, 2026", "es", dt.date(2026, 3, 4)),
    ("Wed, March 4, 2026", "en_US", dt.date(2026, 3, 4)),
    ("4 mar", "en_US", dt.date(2027, 3, 4)),
    ("4 Mar 2026", "en_US", dt.date(2026, 3, 4)),
    ("4 de marzo", "es", dt.date(2027, 3, 4)),
    ("4 de marzo de 2026", "es", dt.date(2026, 3, 4)),
    ("4 de marzo", "en_US", dt.date(2027, 3, 4)),  # Spanish names on an English computer
    ("miércoles, 4 de marzo de 2026", "es", dt.date(2026, 3, 4)),
    ("Sept 8", "en_US", dt.date(2026, 9, 8)),
    ("8 sept.", "es", dt.date(2026, 9, 8)),
    ("4th of March 2026", "en_US", dt.date(2026, 3, 4)),
    ("Dec 2", "en_US", dt.date(2026, 12, 2)),
    ("2 dic", "es", dt.date(2026, 12, 2)),
    ("tomorrow", "en_US", dt.date(2026, 12, 1)),
    ("mañana", "es", dt.date(2026, 12, 1)),
    ("hoy", "es", TODAY),
    ("  12/25 ", "en_US", dt.date(2026, 12, 25)),
])
def test_dates_people_type(text: str, locale: str, expected: dt.date) -> None:
    assert parse_date(text, locale, today=TODAY) == expected


@pytest.mark.parametrize(("text", "locale", "said"), [
    ("", "en_US", "Type a date"),
    ("xyz", "en_US", "'xyz' is not a date"),
    ("next blursday", "es", "is not a date"),
    ("13/25", "en_US", "month/day/year"),
    ("12/25", "es", "day/month/year"),
    ("Feb 30", "en_US", "no day 30"),
    ("2026-02-30", "en_US", "not a day of the calendar"),
    ("March", "en_US", "is not a date"),
    ("4 5 March", "en_US", "is not a date"),
])
def test_unreadable_dates_are_said_with_an_example(text: str, locale: str, said: str) -> None:
    with pytest.raises(DateTextError) as caught:
        parse_date(text, locale, today=TODAY)
    assert said in str(caught.value)
    assert caught.value.fix, "every refusal says how to write it"


def test_examples_follow_the_locale() -> None:
    with pytest.raises(DateTextError) as us:
        parse_date("??", "en_US", today=TODAY)
    with pytest.raises(DateTextError) as es:
        parse_date("??", "es", today=TODAY)
    assert "3/4/2026" in str(us.value) and "4/3/2026" in str(es.value) and "4 de marzo de 2026" in str(es.value)


@pytest.mark.parametrize(("text", "expected"), [
    ("3:30pm", dt.time(15, 30)), ("3:30 PM", dt.time(15, 30)), ("3 pm", dt.time(15)), ("15:30", dt.time(15, 30)),
    ("3:30 p. m.", dt.time(15, 30)), ("3:30 p.m.", dt.time(15, 30)), ("9:05 a.m.", dt.time(9, 5)),
    ("12am", dt.time(0)), ("12pm", dt.time(12)), ("1530", dt.time(15, 30)), ("15h30", dt.time(15, 30)),
    ("9", dt.time(9)), ("noon", dt.time(12)), ("mediodía", dt.time(12)), ("7.45", dt.time(7, 45)),
])
def test_times_people_type(text: str, expected: dt.time) -> None:
    assert parse_time(text, "en_US") == expected
    assert parse_time(text, "es") == expected


@pytest.mark.parametrize("text", ["", "25:00", "13pm", "3:75", "abc", "3:30 xm"])
def test_unreadable_times(text: str) -> None:
    with pytest.raises(DateTextError, match="time"):
        parse_time(text, "en_US")


def test_date_words_say_what_was_understood() -> None:
    assert date_words(dt.date(2026, 3, 4), "en_US") == "Wednesday, March 4, 2026"
    assert date_words(dt.date(2026, 3, 4), "es") == "miércoles, 4 de marzo de 2026"
