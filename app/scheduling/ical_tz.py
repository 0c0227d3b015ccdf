"""VTIMEZONE components written the way every calendar app reads them.

icalendar can build a VTIMEZONE from zoneinfo, but it lists every past transition as
RDATEs, which Outlook and ical.js misread. Here a zone's *current* rules are written as
one STANDARD and one DAYLIGHT sub-component, each with a yearly RRULE
(``BYMONTH=3;BYDAY=2SU``), derived from the zone's actual transitions in a reference year
and checked against zoneinfo for every year the calendar covers.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass(frozen=True)
class Transition:
    local_before: dt.datetime  # wall clock in the old offset, as RFC 5545 wants DTSTART
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    is_dst: bool

    def byday(self) -> str:
        day = self.local_before.day
        weekday = _DAYS[self.local_before.weekday()]
        last_day = pycalendar.monthrange(self.local_before.year, self.local_before.month)[1]
        if day + 7 > last_day and (day - 1) // 7 + 1 >= 4:
            return f"-1{weekday}"
        return f"{(day - 1) // 7 + 1}{weekday}"

    def occurrence_in(self, year: int) -> dt.date:
        """The date this rule gives in ``year``."""
        code = self.byday()
        weekday = _DAYS.index(code[-2:])
        n = int(code[:-2])
        month = self.local_before.month
        if n > 0:
            first = dt.date(year, month, 1)
            return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = dt.date(year, month, pycalendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def transitions(tzid: str, year: int) -> list[Transition]:
    """The offset changes of ``tzid`` in ``year`` (found by bisection on UTC instants)."""
    zone = ZoneInfo(tzid)
    found: list[Transition] = []
    t = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    step = dt.timedelta(days=1)
    while t < end:
        nxt = t + step
        a, b = t.astimezone(zone).utcoffset(), nxt.astimezone(zone).utcoffset()
        if a != b:
            lo, hi = t, nxt
            while hi - lo > dt.timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(zone).utcoffset() == a:
                    lo = mid
                else:
                    hi = mid
            after = hi.astimezone(zone)
            assert a is not None and b is not None
            local_before = (hi + a).replace(tzinfo=None, second=0, microsecond=0)
            found.append(Transition(local_before, a, b, after.tzname() or "", bool(after.dst())))
        t = nxt
    return found


def _vtimezone_rdate_free(tzid: str, first_year: int, last_year: int) -> Timezone | None:
    # The rules start the year before, so instants early in first_year have an observance.
    ref = transitions(tzid, first_year - 1)
    if len(ref) != 2:
        return None
    for year in range(first_year - 1, last_year + 1):
        actual = transitions(tzid, year)
        if len(actual) != 2:
            return None
        for rule, real in zip(ref, actual, strict=True):
            if (rule.occurrence_in(year) != real.local_before.date()
                    or rule.local_before.time() != real.local_before.time()
                    or rule.offset_to != real.offset_to):
                return None
    tz = Timezone()
    tz.add("tzid", tzid)
    for rule in ref:
        sub = TimezoneDaylight() if rule.is_dst else TimezoneStandard()
        sub.add("dtstart", rule.local_before)
        sub.add("rrule", {"freq": "yearly", "bymonth": rule.local_before.month, "byday": rule.byday()})
        sub.add("tzoffsetfrom", rule.offset_from)
        sub.add("tzoffsetto", rule.offset_to)
        sub.add("tzname", rule.name)
        tz.add_component(sub)
    return tz


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for ``tzid`` valid from ``first_year`` to ``last_year``.

    Zones with yearly DST rules get two RRULE sub-components; zones without DST get one
    STANDARD. A zone whose rules changed inside the range falls back to icalendar's own
    transition list (correct, if verbose).
    """
    zone = ZoneInfo(tzid)
    if not transitions(tzid, first_year) and not transitions(tzid, last_year):
        offset = dt.datetime(first_year, 6, 1, tzinfo=zone).utcoffset()
        tz = Timezone()
        tz.add("tzid", tzid)
        std = TimezoneStandard()
        std.add("dtstart", dt.datetime(1970, 1, 1))
        std.add("tzoffsetfrom", offset)
        std.add("tzoffsetto", offset)
        std.add("tzname", dt.datetime(first_year, 6, 1, tzinfo=zone).tzname() or tzid)
        tz.add_component(std)
        return tz
    built = _vtimezone_rdate_free(tzid, first_year, last_year)
    if built is not None:
        return built
    return Timezone.from_tzinfo(zone, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1))
