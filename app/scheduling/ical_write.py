"""Writing RFC 5545 calendars that Outlook, Google Calendar and Apple Calendar accept.

Input is a list of plain :class:`CalEvent` rows (built from the workspace by
``app.scheduling.ical_export``); output is the bytes of one ``.ics`` file with PRODID,
VERSION, METHOD:PUBLISH, a VTIMEZONE (yearly RRULEs, see ``ical_tz``) for every TZID used,
DTSTAMP on every event, UNTIL in UTC, EXDATEs in the TZID of their DTSTART, all-day events
as VALUE=DATE with an exclusive DTEND, VALARM reminders, CRLF line ends and lines folded
at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vRecur

from app.scheduling.ical_tz import vtimezone

PRODID = "-//TeacherDesk//TeacherDesk Calendar 1.0//EN"
MAX_OCTETS = 75


@dataclass
class CalEvent:
    """One event or recurring series, ready to write.

    ``start``/``end`` are aware datetimes (a ``ZoneInfo`` tzinfo) or, for all-day events,
    dates with ``end`` exclusive (a one-day event on the 5th ends on the 6th). ``until`` is
    the last *date* a series may occur on; ``exdates`` are dates to skip.
    """

    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    description: str = ""
    location: str = ""
    categories: list[str] = field(default_factory=list)
    rrule: str = ""
    until: dt.date | None = None
    exdates: list[dt.date] = field(default_factory=list)
    alarms_minutes: list[int] = field(default_factory=list)
    private: bool = False
    transparent: bool = False
    sequence: int = 0

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def tzid(self) -> str | None:
        if isinstance(self.start, dt.datetime) and isinstance(self.start.tzinfo, ZoneInfo):
            return self.start.tzinfo.key
        return None


def fold_line(line: bytes) -> list[bytes]:
    """Split one unfolded content line into <=75-octet pieces on UTF-8 boundaries."""
    pieces: list[bytes] = []
    limit = MAX_OCTETS
    while len(line) > limit:
        cut = limit
        while cut > 0 and (line[cut] & 0xC0) == 0x80:  # never cut inside a character
            cut -= 1
        pieces.append(line[:cut])
        line = b" " + line[cut:]
    pieces.append(line)
    return pieces


def refold(data: bytes) -> bytes:
    """Unfold whatever folding a library did and fold again by our rules, with CRLF."""
    unfolded = data.replace(b"\r\n", b"\n").replace(b"\n ", b"").replace(b"\n\t", b"")
    out: list[bytes] = []
    for line in unfolded.split(b"\n"):
        if line:
            out.extend(fold_line(line))
    return b"\r\n".join(out) + b"\r\n"


def _recur(ev: CalEvent) -> vRecur:
    recur: vRecur = vRecur.from_ical(ev.rrule)
    if ev.until is not None:
        if isinstance(ev.start, dt.datetime):
            last_local = dt.datetime.combine(ev.until, ev.start.timetz().replace(tzinfo=None))
            assert ev.start.tzinfo is not None
            until: dt.date | dt.datetime = last_local.replace(tzinfo=ev.start.tzinfo).astimezone(dt.UTC)
        else:
            until = ev.until
        recur["UNTIL"] = [until]
    return recur


def _event(ev: CalEvent, stamp: dt.datetime) -> Event:
    e = Event()
    e.add("uid", ev.uid)
    e.add("dtstamp", stamp)
    e.add("summary", ev.summary)
    e.add("dtstart", ev.start)
    e.add("dtend", ev.end)
    if ev.sequence:
        e.add("sequence", ev.sequence)
    if ev.description:
        e.add("description", ev.description)
    if ev.location:
        e.add("location", ev.location)
    if ev.categories:
        e.add("categories", ev.categories)
    if ev.private:
        e.add("class", "PRIVATE")
    e.add("transp", "TRANSPARENT" if ev.transparent else "OPAQUE")
    if ev.rrule:
        e.add("rrule", _recur(ev))
        if ev.exdates:
            if isinstance(ev.start, dt.datetime):
                tz = ev.start.tzinfo
                start_time = ev.start.timetz().replace(tzinfo=None)
                values: list[dt.date | dt.datetime] = [
                    dt.datetime.combine(d, start_time).replace(tzinfo=tz) for d in sorted(set(ev.exdates))
                ]
            else:
                values = sorted(set(ev.exdates))
            e.add("exdate", values)
    for minutes in ev.alarms_minutes:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", ev.summary)
        alarm.add("trigger", dt.timedelta(minutes=-int(minutes)))
        e.add_component(alarm)
    return e


def _years(events: list[CalEvent]) -> tuple[int, int]:
    years: list[int] = []
    for ev in events:
        years.append(ev.start.year)
        years.append((ev.until or ev.end).year)
    return (min(years), max(years)) if years else (dt.date.today().year,) * 2


def write_calendar(
    events: Iterable[CalEvent],
    *,
    name: str = "TeacherDesk",
    stamp: dt.datetime | None = None,
) -> bytes:
    """The bytes of an ``.ics`` file (METHOD:PUBLISH) holding ``events``."""
    events = list(events)
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    first, last = _years(events)
    tzids = sorted({ev.tzid for ev in events if ev.tzid})
    if tzids:
        cal.add("x-wr-timezone", tzids[0])
    for tzid in tzids:
        cal.add_component(vtimezone(tzid, first, last))
    for ev in events:
        cal.add_component(_event(ev, stamp))
    return refold(cal.to_ical())
