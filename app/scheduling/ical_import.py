"""Reading ``.ics`` files (a district calendar, a teacher's busy times) into the workspace.

Recurring events are expanded (``recurring_ical_events``) over the chosen range, so a
weekly staff meeting becomes the busy slots the conference scheduler must avoid, and a
district calendar's all-day holidays become days off that recurring lessons skip. A file
that is not valid iCalendar gets one message naming the file, the line and the fix.
Importing the same file again updates what it imported before (matched by UID and date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import UserFacingError
from app.store.models.calendar import CalendarEvent, SchoolDayOff

_NAME = re.compile(r"^[A-Za-z0-9-]+$")


MAX_ICS_BYTES = 32 * 1024 * 1024
MAX_OCCURRENCES = 50_000  # two school years of hourly slots for a whole staff is far less
MAX_RULE_STEPS = 2_000_000  # steps from a rule's first date to the end of the range


class IcsError(UserFacingError, ValueError):
    """A broken .ics file; the message names the file and the line."""


@dataclass(frozen=True)
class ImportedEvent:
    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    all_day: bool
    transparent: bool


def check_syntax(data: bytes, name: str) -> None:
    """Fail with the line number on the first thing that is not iCalendar."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_no = data[: exc.start].count(b"\n") + 1
        raise IcsError(f"{name}, line {line_no}: not UTF-8 text; save the file as UTF-8 and import again.") from exc
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stack: list[tuple[str, int]] = []
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw
        if line.startswith((" ", "\t")) and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        elif line.strip():
            logical.append((number, line))
    if not logical or logical[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise IcsError(f"{name}, line 1: an .ics file starts with BEGIN:VCALENDAR; "
                       "is this really a calendar export?")
    for number, line in logical:
        head, sep, value = line.partition(":")
        prop = head.split(";", 1)[0]
        if not sep or not _NAME.match(prop):
            raise IcsError(f"{name}, line {number}: '{line[:40]}' is not a 'NAME:value' line; "
                           "fix or remove it and import again.")
        upper = prop.upper()
        if upper == "BEGIN":
            stack.append((value.strip().upper(), number))
        elif upper == "END":
            if not stack or stack[-1][0] != value.strip().upper():
                expected = f"END:{stack[-1][0]}" if stack else "nothing"
                raise IcsError(f"{name}, line {number}: END:{value.strip()} where {expected} was expected.")
            stack.pop()
    if stack:
        what, number = stack[-1]
        raise IcsError(f"{name}, line {number}: BEGIN:{what} is never closed (the file may be cut short).")


def _event_lines(data: bytes) -> dict[str, int]:
    """UID -> line of its BEGIN:VEVENT, for messages about one event."""
    out: dict[str, int] = {}
    begin = 0
    for number, line in enumerate(data.decode("utf-8-sig", "replace").splitlines(), start=1):
        if line.strip().upper() == "BEGIN:VEVENT":
            begin = number
        elif line.upper().startswith("UID:"):
            out[line[4:].strip()] = begin
    return out


_PERIOD_HOURS = {"YEARLY": 365 * 24, "MONTHLY": 28 * 24, "WEEKLY": 7 * 24, "DAILY": 24, "HOURLY": 1}
# the frequencies at which a BY... part adds occurrences (at finer ones it only filters)
_EXPANDS = {
    "BYMONTH": {"YEARLY"}, "BYWEEKNO": {"YEARLY"}, "BYYEARDAY": {"YEARLY"},
    "BYMONTHDAY": {"YEARLY", "MONTHLY"}, "BYDAY": {"YEARLY", "MONTHLY", "WEEKLY"},
    "BYHOUR": {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"},
    "BYMINUTE": {"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"},
    "BYSECOND": {"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"},
}


def _check_rules(cal: Any, name: str, lines: dict[str, int], start: dt.date, end: dt.date) -> None:
    """Refuse repeat rules no school calendar has, before anything is expanded.

    Each rule's occurrences are bounded from above by arithmetic (the range over the rule's
    period, times what its BY... parts can multiply it by), so a file asking for millions
    is refused in microseconds instead of expanded for minutes.
    """
    in_range = [0]
    for ev in cal.walk("VEVENT"):
        line = lines.get(str(ev.get("uid", "")), 0)
        where = f"{name}, line {line}" if line else name
        try:
            _check_event_rules(ev, where, start, end, in_range)
        except IcsError:
            raise
        except Exception as exc:  # icalendar parses lazily: a broken RRULE raises on access
            raise IcsError(f"{where}: an event has a repeat rule that cannot be read ({str(exc)[:80]})",
                           fix="Fix or remove that event and import again.") from None
    if in_range[0] > MAX_OCCURRENCES:
        raise IcsError(f"{name}: its repeating events make more than {MAX_OCCURRENCES:,} events between "
                       f"{start} and {end}",
                       fix="Export a shorter date range, or only the calendar you need.")


def _check_event_rules(ev: Any, where: str, start: dt.date, end: dt.date, in_range: list[int]) -> None:
    rules = ev.get("rrule")
    summary = str(ev.get("summary", ""))[:60]
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        freq = [str(f).upper() for f in rule.get("FREQ", [])]
        if any(f in ("SECONDLY", "MINUTELY") for f in freq):
            raise IcsError(f"{where}: event '{summary}' repeats every "
                           f"{'second' if 'SECONDLY' in freq else 'minute'}; TeacherDesk imports "
                           "events that repeat hourly at most",
                           fix="Remove that event from the calendar and import again.")
        try:
            interval = int(rule.get("INTERVAL", [1])[0])
        except (TypeError, ValueError, IndexError):
            interval = 0
        if not 1 <= interval <= 100_000:
            raise IcsError(f"{where}: event '{summary}' has repeat interval "
                           f"{rule.get('INTERVAL')}; it must be a whole number from 1 up",
                           fix="Fix or remove that event and import again.")
        kind = freq[0] if freq else "DAILY"
        period = _PERIOD_HOURS.get(kind, 24) * interval
        spread = 1
        for part, expands_at in _EXPANDS.items():
            values = rule.get(part, [])
            if values and kind in expands_at:  # a weekday in a month or year is up to 5 or 53 days
                spread *= len(values) * ({"MONTHLY": 5, "YEARLY": 53}.get(kind, 1) if part == "BYDAY" else 1)
        try:
            first = ev.decoded("dtstart")
        except Exception:
            continue
        first_day = first.date() if isinstance(first, dt.datetime) else first
        hours_in_range = max(0, (end - start).days) * 24
        hours_from_first = max(0, (end - first_day).days) * 24
        in_range[0] += (hours_in_range // period + 1) * spread
        if (hours_from_first // period + 1) * spread > MAX_RULE_STEPS:
            raise IcsError(f"{where}: event '{summary}' repeats too often since {first_day} to be "
                           "expanded", fix="Remove that event from the calendar and import again.")


def read_ics(
    data: bytes, *, name: str = "calendar.ics", start: dt.date, end: dt.date, tzid: str = "America/Los_Angeles",
) -> list[ImportedEvent]:
    """Every occurrence between ``start`` and ``end`` (exclusive), recurring ones expanded."""
    import icalendar
    import recurring_ical_events

    check_syntax(data, name)
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as exc:  # icalendar's messages name the property, not the line
        raise IcsError(f"{name}: {exc}; the file is not valid iCalendar.") from exc
    lines = _event_lines(data)
    for ev in cal.walk("VEVENT"):
        try:
            if "DTSTART" not in ev:
                raise ValueError("DTSTART is missing")
            cast(Any, ev["DTSTART"]).dt  # noqa: B018  (icalendar 7 parses lazily; this raises if broken)
        except Exception as exc:
            line = lines.get(str(ev.get("uid", "")), 0)
            raise IcsError(f"{name}, line {line}: event '{ev.get('summary', '')}' has no valid DTSTART "
                           f"({exc}).") from exc
    _check_rules(cal, name, lines, start, end)
    try:
        found = recurring_ical_events.of(cal).between(start, end)
    except Exception as exc:
        raise IcsError(f"{name}: a recurring event cannot be expanded ({exc}).") from exc
    zone = ZoneInfo(tzid)
    out: list[ImportedEvent] = []
    for comp in found:
        s = comp.decoded("dtstart")
        e = comp.decoded("dtend") if comp.get("dtend") else None
        all_day = not isinstance(s, dt.datetime)
        if e is None:
            e = s + dt.timedelta(days=1) if all_day else s + comp.decoded("duration", dt.timedelta(0))
        if isinstance(s, dt.datetime):
            s = s.replace(tzinfo=zone) if s.tzinfo is None else s.astimezone(zone)
            e = e.replace(tzinfo=zone) if e.tzinfo is None else e.astimezone(zone)
        out.append(ImportedEvent(
            uid=str(comp.get("uid", "")), summary=str(comp.get("summary", "")), start=s, end=e,
            all_day=all_day, transparent=str(comp.get("transp", "OPAQUE")).upper() == "TRANSPARENT",
        ))
    return out


@dataclass
class ImportSummary:
    days_off: int = 0
    busy: int = 0
    events: int = 0
    updated: int = 0
    names: list[str] = field(default_factory=list)


def _key(uid: str, start: dt.date | dt.datetime) -> str:
    return "import-" + hashlib.sha256(f"{uid}|{start.isoformat()}".encode()).hexdigest()[:40]


def import_ics(
    session: Session, path: Path, *, start: dt.date, end: dt.date, mode: str = "auto",
    staff_id: int | None = None, tzid: str = "America/Los_Angeles",
) -> ImportSummary:
    """Store a file's events: all-day ones as days off (``mode`` auto/holidays), timed
    ones as busy time of ``staff_id`` (or as school events when no one is given)."""
    if Path(path).stat().st_size > MAX_ICS_BYTES:
        raise IcsError(f"{Path(path).name} is larger than {MAX_ICS_BYTES >> 20} MB, more than a calendar needs",
                       file=path, fix="Export a shorter date range.")
    data = Path(path).read_bytes()
    found = read_ics(data, name=Path(path).name, start=start, end=end, tzid=tzid)
    summary = ImportSummary()
    source = f"import:{Path(path).name}"
    # what earlier imports wrote, looked up once rather than one SELECT per occurrence
    days_off = {r.uid: r for r in session.scalars(select(SchoolDayOff).where(SchoolDayOff.uid.like("import-%")))}
    events = {r.uid: r for r in session.scalars(select(CalendarEvent).where(CalendarEvent.uid.like("import-%")))}
    for ev in found:
        key = _key(ev.uid, ev.start)
        if ev.all_day and mode in ("auto", "holidays"):
            assert not isinstance(ev.start, dt.datetime) and not isinstance(ev.end, dt.datetime)
            last = ev.end - dt.timedelta(days=1) if ev.end > ev.start else ev.start
            row = days_off.get(key)
            if row is None:
                days_off[key] = SchoolDayOff(name=ev.summary or "Day off", start_date=ev.start, end_date=last,
                                             kind="holiday", source=source, uid=key)
                session.add(days_off[key])
                summary.days_off += 1
            else:
                row.name, row.start_date, row.end_date = ev.summary or row.name, ev.start, last
                summary.updated += 1
            summary.names.append(ev.summary)
            continue
        if mode == "holidays":
            continue
        if isinstance(ev.start, dt.datetime) and isinstance(ev.end, dt.datetime):
            start_local = ev.start.replace(tzinfo=None)
            end_local = ev.end.replace(tzinfo=None)
            all_day = False
        else:
            start_local = dt.datetime.combine(ev.start, dt.time())
            end_local = dt.datetime.combine(ev.end, dt.time())
            all_day = True
        row2 = events.get(key)
        if row2 is None:
            row2 = CalendarEvent(uid=key, title=ev.summary or "Busy", start_local=start_local,
                                 end_local=end_local, tzid=tzid, all_day=all_day, owner_staff_id=staff_id,
                                 category="busy" if staff_id else "other", busy=not ev.transparent,
                                 source=source, student_ids=[], exdates=[], alarms_minutes=[])
            session.add(row2)
            events[key] = row2
            if staff_id:
                summary.busy += 1
            else:
                summary.events += 1
        else:
            row2.title, row2.start_local, row2.end_local = ev.summary or row2.title, start_local, end_local
            summary.updated += 1
    session.flush()
    return summary
