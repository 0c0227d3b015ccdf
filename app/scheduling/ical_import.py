"""Reading ``.ics`` files (a district calendar, a teacher's busy times) into the workspace.

Reading is forgiving per event and strict per file: a file that is not iCalendar at all is
refused with one message naming the line; an event that is broken (a bad property line, a
bad DTSTART, never closed, a recurrence that cannot be expanded) is skipped with its
``BEGIN:VEVENT`` line and the rest is imported. Recurring events are expanded
(``recurring_ical_events``) over the chosen range.

Nothing becomes a school day off on its own: :func:`read_calendar` gives a preview of the
events with their categories and transparency (and a *suggestion* for all-day, opaque
events named like a holiday), and only the events the user marks as "no school" become
days off. An event marked ``TRANSP:TRANSPARENT`` (free time, such as an "A day"/"B day"
label) never does. Importing the same file again updates what it imported before
(matched by UID and date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.store.models.calendar import CalendarEvent, SchoolDayOff

_NAME = re.compile(r"^[A-Za-z0-9-]+$")
# Words of an all-day event that usually means no school (English and Spanish), for the
# preview's suggestion only: the user decides.
_NO_SCHOOL = re.compile(
    r"no school|no students|school closed|closed|holiday|vacation|break|recess|day off|"
    r"sin clases|no hay clases|feriado|festivo|vacaciones|asueto|receso", re.IGNORECASE)


MAX_ICS_BYTES = 32 * 1024 * 1024
MAX_OCCURRENCES = 50_000  # two school years of hourly slots for a whole staff is far less
MAX_RULE_STEPS = 2_000_000  # steps from a rule's first date to the end of the range


class IcsError(UserFacingError, ValueError):
    """A file that is not an .ics calendar at all; the message names the file and the line."""


@dataclass(frozen=True)
class ImportedEvent:
    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    all_day: bool
    transparent: bool
    categories: tuple[str, ...] = ()
    line: int = 1  # the line of its BEGIN:VEVENT

    @property
    def key(self) -> str:
        """Stable id of this occurrence (UID and start): what a user marks, what re-import matches."""
        return _key(self.uid, self.start)

    @property
    def suggest_no_school(self) -> bool:
        """An all-day, opaque event named like a holiday: pre-ticked in the preview."""
        text = " ".join((self.summary, *self.categories))
        return self.all_day and not self.transparent and bool(_NO_SCHOOL.search(text))


@dataclass(frozen=True)
class SkippedEvent:
    file: str
    line: int
    summary: str
    reason: str

    def __str__(self) -> str:
        what = f"event '{self.summary}'" if self.summary else "an event"
        return f"{self.file}, line {self.line}: {what} skipped: {self.reason}"


@dataclass
class CalendarRead:
    """What a file holds: the occurrences to import, the events skipped, notes."""

    name: str
    events: list[ImportedEvent] = field(default_factory=list)
    skipped: list[SkippedEvent] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Block:
    line: int
    lines: list[str]
    summary: str = ""
    problem: str = ""


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded lines with the number of the physical line each starts on."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if raw.startswith((" ", "\t")) and out:
            out[-1] = (out[-1][0], out[-1][1] + raw[1:])
        elif raw.strip():
            out.append((number, raw))
    return out


def _split(data: bytes, name: str) -> tuple[list[str], list[_Block], list[str]]:
    """The calendar's own lines (header, time zones), its events, notes on ignored lines."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_no = data[: exc.start].count(b"\n") + 1
        raise IcsError(_("{name}, line {line_no}: not UTF-8 text; save the file as UTF-8 and import again.").format(name=name, line_no=line_no)) from exc
    lines = _logical_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise IcsError(_("{name}, line 1: an .ics file starts with BEGIN:VCALENDAR; is this really a calendar export?").format(name=name))
    splitter = _Splitter(name)
    for number, line in lines:
        splitter.feed(number, line)
    return splitter.finish(lines[-1][0])


def _is_property(head: str, sep: str) -> bool:
    return bool(sep) and bool(_NAME.match(head.split(";", 1)[0]))


@dataclass
class _Splitter:
    """Cuts a calendar into its own lines and its events, one line at a time; an event with
    a bad line is kept whole with its problem, so only that event is skipped."""

    name: str
    skeleton: list[str] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    current: _Block | None = None
    depth: list[str] = field(default_factory=list)  # components open inside the current event (VALARM…)

    def feed(self, number: int, line: str) -> None:
        head, sep, value = line.partition(":")
        prop = head.split(";", 1)[0].upper()
        word = value.strip().upper()
        if self.current is not None and (
                (prop == "BEGIN" and word == "VEVENT") or (prop == "END" and word == "VCALENDAR")):
            self._unclosed()
        if prop == "BEGIN" and word == "VEVENT":
            self.current = _Block(number, [line])
        elif self.current is not None:
            self._event_line(self.current, number, line, (head, sep, value))
        elif not _is_property(head, sep):
            self.notes.append(_("{name}, line {line}: '{text}' is not a 'NAME:value' line; ignored").format(
                name=self.name, line=number, text=line[:40]))
        else:
            self.skeleton.append(line)

    def _unclosed(self) -> None:
        assert self.current is not None
        self.current.problem = self.current.problem or _("BEGIN:VEVENT on line {line} is never closed").format(line=self.current.line)
        self.blocks.append(self.current)
        self.current, self.depth = None, []

    def _event_line(self, block: _Block, number: int, line: str, parts: tuple[str, str, str]) -> None:
        head, sep, value = parts
        prop, word = head.split(";", 1)[0].upper(), value.strip().upper()
        block.lines.append(line)
        if not _is_property(head, sep):
            block.problem = block.problem or _("line {line} ('{text}') is not a 'NAME:value' line").format(line=number, text=line[:40])
        elif prop == "SUMMARY" and not block.summary:
            block.summary = value.strip()
        elif prop == "BEGIN":
            self.depth.append(word)
        elif prop == "END" and word == "VEVENT" and not self.depth:
            self.blocks.append(block)
            self.current = None
        elif prop == "END":
            if self.depth and self.depth[-1] == word:
                self.depth.pop()
            else:
                block.problem = block.problem or _("END:{name} on line {line} is out of place").format(name=value.strip(), line=number)

    def finish(self, last_line: int) -> tuple[list[str], list[_Block], list[str]]:
        if self.current is not None:
            self._unclosed()
        skeleton = self.skeleton
        if not skeleton or skeleton[-1].strip().upper() != "END:VCALENDAR":
            self.notes.append(_("{name}, line {line}: the file does not end with END:VCALENDAR "
                                "(cut short?); the complete events were read").format(name=self.name, line=last_line))
            skeleton = [s for s in skeleton if s.strip().upper() != "END:VCALENDAR"] + ["END:VCALENDAR"]
        return skeleton, self.blocks, self.notes


_PERIOD_HOURS = {"YEARLY": 365 * 24, "MONTHLY": 28 * 24, "WEEKLY": 7 * 24, "DAILY": 24, "HOURLY": 1}
# the frequencies at which a BY... part adds occurrences (at finer ones it only filters)
_EXPANDS = {
    "BYMONTH": {"YEARLY"}, "BYWEEKNO": {"YEARLY"}, "BYYEARDAY": {"YEARLY"},
    "BYMONTHDAY": {"YEARLY", "MONTHLY"}, "BYDAY": {"YEARLY", "MONTHLY", "WEEKLY"},
    "BYHOUR": {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"},
    "BYMINUTE": {"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"},
    "BYSECOND": {"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"},
}


def _check_event_rules(ev: Any, where: str, start: dt.date, end: dt.date, in_range: list[int]) -> None:
    rules = ev.get("rrule")
    summary = str(ev.get("summary", ""))[:60]
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        freq = [str(f).upper() for f in rule.get("FREQ", [])]
        if any(f in ("SECONDLY", "MINUTELY") for f in freq):
            raise IcsError(_("{where}: event '{summary}' repeats every {value}; TeacherDesk imports events that repeat hourly at most").format(where=where, summary=summary, value='second' if 'SECONDLY' in freq else 'minute'),
                           fix=_("Remove that event from the calendar and import again."))
        try:
            interval = int(rule.get("INTERVAL", [1])[0])
        except (TypeError, ValueError, IndexError):
            interval = 0
        if not 1 <= interval <= 100_000:
            raise IcsError(_("{where}: event '{summary}' has repeat interval {interval}; it must be a whole number from 1 up").format(where=where, summary=summary, interval=rule.get('INTERVAL')),
                           fix=_("Fix or remove that event and import again."))
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
            raise IcsError(_("{where}: event '{summary}' repeats too often since {first_day} to be expanded").format(where=where, summary=summary, first_day=first_day), fix=_("Remove that event from the calendar and import again."))


def _categories(comp: Any) -> tuple[str, ...]:
    raw = comp.get("categories")
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        cats = getattr(item, "cats", None)
        out.extend(str(c) for c in (cats if cats is not None else str(item).split(",")))
    return tuple(c.strip() for c in out if c and c.strip())


def read_calendar(
    data: bytes, *, name: str = "calendar.ics", start: dt.date, end: dt.date, tzid: str = "America/Los_Angeles",
) -> CalendarRead:
    """Every occurrence between ``start`` and ``end`` (exclusive), recurring ones expanded;
    broken events skipped with their line. Raises :class:`IcsError` only for a file that
    is not a calendar."""
    import icalendar

    if len(data) > MAX_ICS_BYTES:
        raise IcsError(_("{name} is larger than {max_ics_bytes} MB, more than a calendar needs").format(name=name, max_ics_bytes=MAX_ICS_BYTES >> 20),
                       fix=_("Export a shorter date range."))
    skeleton, blocks, notes = _split(data, name)
    result = CalendarRead(name, notes=notes)
    try:
        base = icalendar.Calendar.from_ical("\r\n".join(skeleton) + "\r\n")
    except Exception as exc:
        raise IcsError(_("{name}, line 1: the calendar's header or time zones are not valid iCalendar ({exc}).").format(name=name, exc=exc)) from exc
    head = "\r\n".join(s for s in skeleton if s.strip().upper() != "END:VCALENDAR")
    ctx = _Expansion(name, head, list(base.walk("VTIMEZONE")), start, end)
    zone = ZoneInfo(tzid)
    for block in blocks:
        try:
            found = ctx.expand(block)
        except _Skip as skip:
            result.skipped.append(SkippedEvent(name, block.line, block.summary, skip.reason))
            continue
        result.events.extend(_occurrence(comp, zone, block.line) for comp in found)
    return result


class _Skip(Exception):
    """One event cannot be imported; the reason is shown with its line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Expansion:
    """Turns one event block into its occurrences between ``start`` and ``end``."""

    name: str
    head: str  # the calendar's header and time zones, without END:VCALENDAR
    timezones: list[Any]
    start: dt.date
    end: dt.date
    in_range: list[int] = field(default_factory=lambda: [0])  # occurrences counted so far

    def expand(self, block: _Block) -> list[Any]:
        import icalendar
        import recurring_ical_events

        if block.problem:
            raise _Skip(block.problem)
        event = self._parse(block)
        _check_times(event)
        try:  # repeat rules no school calendar has are refused before anything is expanded
            _check_event_rules(event, f"{self.name}, line {block.line}", self.start, self.end, self.in_range)
        except IcsError as exc:
            raise _Skip(exc.message.split(": ", 1)[-1]) from exc
        except Exception as exc:  # icalendar parses lazily: a broken RRULE raises on access
            raise _Skip(_("its repeat rule cannot be read ({reason})").format(reason=str(exc)[:80])) from exc
        if self.in_range[0] > MAX_OCCURRENCES:
            raise IcsError(_("{name}: its repeating events make more than {max_occurrences:,} events between {start} and {end}").format(
                name=self.name, max_occurrences=MAX_OCCURRENCES, start=self.start, end=self.end),
                fix=_("Export a shorter date range, or only the calendar you need."))
        single = icalendar.Calendar()
        for tz in self.timezones:
            single.add_component(tz)
        single.add_component(event)
        try:
            return list(recurring_ical_events.of(single).between(self.start, self.end))
        except Exception as exc:
            raise _Skip(_("its repetition cannot be expanded ({reason})").format(reason=exc)) from exc

    def _parse(self, block: _Block) -> Any:
        import icalendar

        try:
            parsed = icalendar.Calendar.from_ical(self.head + "\r\n" + "\r\n".join(block.lines)
                                                  + "\r\nEND:VCALENDAR\r\n")
            (event,) = parsed.walk("VEVENT")
        except Exception as exc:
            raise _Skip(_("it is not valid iCalendar ({reason})").format(reason=exc)) from exc
        return event


def _check_times(event: Any) -> None:
    """DTSTART (and DTEND) must be readable; icalendar parses them lazily."""
    try:
        if "DTSTART" not in event:
            raise ValueError("DTSTART is missing")
        cast(Any, event["DTSTART"]).dt  # noqa: B018  (icalendar parses lazily; this raises if broken)
        if event.get("DTEND") is not None:
            cast(Any, event["DTEND"]).dt  # noqa: B018
    except Exception as exc:
        value = event.get("DTSTART")
        raw = value.to_ical() if hasattr(value, "to_ical") else ""  # bytes, or str when broken
        shown = f" {raw.decode(errors='replace') if isinstance(raw, bytes) else raw!r}" if raw else ""
        raise _Skip(_("its DTSTART/DTEND{value} is not a valid date or time").format(value=shown)
                    + ("" if shown else f" ({exc})")) from exc


def _occurrence(comp: Any, zone: ZoneInfo, line: int) -> ImportedEvent:
    s = comp.decoded("dtstart")
    e = comp.decoded("dtend") if comp.get("dtend") else None
    all_day = not isinstance(s, dt.datetime)
    if e is None:
        e = s + dt.timedelta(days=1) if all_day else s + comp.decoded("duration", dt.timedelta(0))
    if isinstance(s, dt.datetime):
        s = s.replace(tzinfo=zone) if s.tzinfo is None else s.astimezone(zone)
        e = e.replace(tzinfo=zone) if e.tzinfo is None else e.astimezone(zone)
    return ImportedEvent(
        uid=str(comp.get("uid", "")), summary=str(comp.get("summary", "")), start=s, end=e, all_day=all_day,
        transparent=str(comp.get("transp", "OPAQUE")).upper() == "TRANSPARENT", categories=_categories(comp),
        line=line,
    )


def read_ics(
    data: bytes, *, name: str = "calendar.ics", start: dt.date, end: dt.date, tzid: str = "America/Los_Angeles",
) -> list[ImportedEvent]:
    """The occurrences only (broken events skipped); see :func:`read_calendar`."""
    return read_calendar(data, name=name, start=start, end=end, tzid=tzid).events


@dataclass
class ImportSummary:
    days_off: int = 0
    busy: int = 0
    events: int = 0
    updated: int = 0
    names: list[str] = field(default_factory=list)
    skipped: list[SkippedEvent] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self, file: str) -> list[str]:
        head = (f"Imported {file}: {self.days_off} days off, {self.busy} busy times, {self.events} school events, "
                f"{self.updated} updated" + (f"; {len(self.skipped)} event(s) skipped." if self.skipped else "."))
        return [head, *(f"  skipped: {s}" for s in self.skipped), *(f"  note: {n}" for n in self.notes)]


def _key(uid: str, start: dt.date | dt.datetime) -> str:
    return "import-" + hashlib.sha256(f"{uid}|{start.isoformat()}".encode()).hexdigest()[:40]


DaysOff = Callable[[ImportedEvent], bool] | Collection[str] | None


def _chooser(days_off: DaysOff) -> Callable[[ImportedEvent], bool]:
    if days_off is None:
        return lambda _ev: False
    if callable(days_off):
        return days_off
    chosen = set(days_off)
    return lambda ev: ev.key in chosen or ev.uid in chosen


def days_off_matching(*, suggested: bool = False, names: Collection[str] = (),
                      categories: Collection[str] = ()) -> Callable[[ImportedEvent], bool]:
    """A "no school" marking for whole files: the preview's suggestions, events whose
    summary contains one of ``names``, or events in one of ``categories`` (case-insensitive)."""
    wanted_names = [n.casefold() for n in names if n.strip()]
    wanted_cats = {c.casefold() for c in categories if c.strip()}

    def marked(ev: ImportedEvent) -> bool:
        return ((suggested and ev.suggest_no_school)
                or any(n in ev.summary.casefold() for n in wanted_names)
                or any(c.casefold() in wanted_cats for c in ev.categories))

    return marked


def import_ics(
    session: Session, path: Path, *, start: dt.date, end: dt.date, mode: str = "auto",
    staff_id: int | None = None, tzid: str = "America/Los_Angeles", days_off: DaysOff = None,
) -> ImportSummary:
    """Store a file's events. Only the events ``days_off`` marks (keys or UIDs from the
    preview, or a predicate) become school days off, and never a transparent one. Other
    events (``mode`` auto/busy) become busy time of ``staff_id``, or school events when no
    one is given; ``mode="holidays"`` stores the days off only."""
    if Path(path).stat().st_size > MAX_ICS_BYTES:
        raise IcsError(_("{name} is larger than {max_ics_bytes} MB, more than a calendar needs").format(name=Path(path).name, max_ics_bytes=MAX_ICS_BYTES >> 20),
                       file=path, fix=_("Export a shorter date range."))
    data = Path(path).read_bytes()
    read = read_calendar(data, name=Path(path).name, start=start, end=end, tzid=tzid)
    marked = _chooser(days_off)
    # what earlier imports wrote, looked up once rather than one SELECT per occurrence
    offs = {r.uid: r for r in session.scalars(select(SchoolDayOff).where(SchoolDayOff.uid.like("import-%")))}
    rows = {r.uid: r for r in session.scalars(select(CalendarEvent).where(CalendarEvent.uid.like("import-%")))}
    summary = ImportSummary(skipped=list(read.skipped), notes=list(read.notes))
    source = f"import:{Path(path).name}"
    refused: set[str] = set()
    for ev in read.events:
        key = ev.key
        if mode != "busy" and marked(ev):
            if ev.transparent:
                if ev.uid not in refused:
                    refused.add(ev.uid)
                    summary.notes.append(_("{name}, line {line}: '{summary}' is marked free "
                                           "(TRANSP:TRANSPARENT), so it is not a day off").format(
                        name=read.name, line=ev.line, summary=ev.summary))
            else:
                _day_off(session, ev, key, source, summary, offs)
                continue
        if mode == "holidays":
            continue
        _event(session, ev, key, source, staff_id, tzid, summary, rows)
    session.flush()
    return summary


def _day_off(session: Session, ev: ImportedEvent, key: str, source: str, summary: ImportSummary,
             known: dict[str, SchoolDayOff]) -> None:
    first = ev.start.date() if isinstance(ev.start, dt.datetime) else ev.start
    end = ev.end.date() if isinstance(ev.end, dt.datetime) else ev.end
    last = end - dt.timedelta(days=1) if end > first and not isinstance(ev.end, dt.datetime) else max(first, end)
    row = known.get(key)
    if row is None:
        known[key] = SchoolDayOff(name=ev.summary or "Day off", start_date=first, end_date=last,
                                  kind="holiday", source=source, uid=key)
        session.add(known[key])
        summary.days_off += 1
    else:
        row.name, row.start_date, row.end_date = ev.summary or row.name, first, last
        summary.updated += 1
    summary.names.append(ev.summary)


def _event(session: Session, ev: ImportedEvent, key: str, source: str, staff_id: int | None, tzid: str,
           summary: ImportSummary, known: dict[str, CalendarEvent]) -> None:
    if isinstance(ev.start, dt.datetime) and isinstance(ev.end, dt.datetime):
        start_local, end_local, all_day = ev.start.replace(tzinfo=None), ev.end.replace(tzinfo=None), False
    else:
        start_local = dt.datetime.combine(ev.start, dt.time())
        end_local = dt.datetime.combine(ev.end, dt.time())
        all_day = True
    row = known.get(key)
    if row is None:
        known[key] = CalendarEvent(uid=key, title=ev.summary or "Busy", start_local=start_local, end_local=end_local,
                                   tzid=tzid, all_day=all_day, owner_staff_id=staff_id,
                                   category="busy" if staff_id else "other", busy=not ev.transparent,
                                   source=source, student_ids=[], exdates=[], alarms_minutes=[])
        session.add(known[key])
        if staff_id:
            summary.busy += 1
        else:
            summary.events += 1
    else:
        row.title, row.start_local, row.end_local = ev.summary or row.title, start_local, end_local
        row.busy = not ev.transparent
        summary.updated += 1


def preview_lines(read: CalendarRead, marked: Callable[[ImportedEvent], bool] | None = None) -> list[str]:
    """The preview as text (the CLI's ``--preview``): one line per event, then skipped ones."""
    marked = marked or (lambda _ev: False)
    out = [f"{read.name}: {len(read.events)} event(s), {len(read.skipped)} skipped. "
           "'no school' = becomes a day off; 'suggested' = looks like one (use --no-school suggested)."]
    for ev in sorted(read.events, key=lambda e: (str(e.start), e.summary)):
        first = ev.start if not isinstance(ev.start, dt.datetime) else ev.start.strftime("%Y-%m-%d %H:%M")
        flag = ("free, never a day off" if ev.transparent and ev.all_day else
                "no school" if marked(ev) and not ev.transparent else
                "suggested" if ev.suggest_no_school else "")
        cats = f" [{', '.join(ev.categories)}]" if ev.categories else ""
        kind = "all day" if ev.all_day else "timed"
        busy = "free" if ev.transparent else "busy"
        out.append(f"  line {ev.line:>4}  {first}  {kind:7} {busy:4}  {ev.summary}{cats}" + (f"  ({flag})" if flag else ""))
    out += [f"  skipped: {s}" for s in read.skipped]
    out += [f"  note: {n}" for n in read.notes]
    return out
