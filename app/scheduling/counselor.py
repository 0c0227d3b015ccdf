"""The counselor's calendar: meetings, groups, college visits, test dates and deadlines,
their occurrences (recurring series skip school days off), and the ASCA time report.

ASCA's National Model asks counselors to spend at least 80% of their time in direct and
indirect services to students; each event carries a category that says which it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from app.core.i18n import N_
from app.scheduling.ical_write import CalEvent
from app.store.models.calendar import CalendarEvent


@dataclass(frozen=True)
class Category:
    key: str
    label: str  # English, marked for the catalog: shown as _(label); .ics files keep it
    asca: str  # "direct" | "indirect" | "other" (app.core.code_labels.asca_label)


CATEGORIES: list[Category] = [
    Category("individual_planning", N_("Individual student planning"), "direct"),
    Category("senior_meeting", N_("Senior meeting"), "direct"),
    Category("counseling", N_("Individual counseling"), "direct"),
    Category("group", N_("Small group"), "direct"),
    Category("classroom", N_("Classroom lesson"), "direct"),
    Category("responsive", N_("Responsive services / crisis"), "direct"),
    Category("consultation", N_("Consultation (families, teachers)"), "indirect"),
    Category("referral", N_("Referral / collaboration"), "indirect"),
    Category("college_visit", N_("College visit"), "indirect"),
    Category("test_date", N_("Test date (PSAT, SAT/ACT, AP)"), "other"),
    Category("deadline", N_("Application / aid deadline"), "other"),
    Category("program", N_("Program management / planning"), "other"),
    Category("duty", N_("Non-counseling duty"), "other"),
    Category("busy", N_("Busy (imported)"), "other"),
    Category("class", N_("Class (timetable)"), "other"),
    Category("other", N_("Other"), "other"),
]
CATEGORY_BY_KEY = {c.key: c for c in CATEGORIES}
ASCA_TARGET = 0.80


def category(key: str) -> Category:
    return CATEGORY_BY_KEY.get(key, CATEGORY_BY_KEY["other"])


def initials(given: str, family: str) -> str:
    """'José', 'Ramírez' -> 'J. R.' (what non-counselor exports show)."""
    parts = [p for p in (given.strip(), family.strip()) if p]
    return " ".join(f"{p[0].upper()}." for p in parts)


StudentNamer = Callable[[int], str]


def to_cal_event(
    row: CalendarEvent, *, off_dates: set[dt.date], name_student: StudentNamer,
    uid_domain: str, private: bool = False,
) -> CalEvent:
    """The exportable form of a stored event: names rendered by ``name_student``
    (full names or initials), days off added as EXDATEs when the series skips them."""
    names = [name_student(sid) for sid in row.student_ids]
    summary = row.title + (f" – {', '.join(names)}" if names else "")
    cat = category(row.category)
    exdates = {dt.date.fromisoformat(d) for d in row.exdates}
    zone = ZoneInfo(row.tzid)
    if row.all_day:
        start: dt.date | dt.datetime = row.start_local.date()
        end: dt.date | dt.datetime = max(row.end_local.date(), row.start_local.date() + dt.timedelta(days=1))
    else:
        start = row.start_local.replace(tzinfo=zone)
        end = row.end_local.replace(tzinfo=zone)
    if row.rrule and row.skip_days_off:
        first = row.start_local.date()
        last = row.repeat_until or (first + dt.timedelta(days=366))
        exdates |= {d for d in off_dates if first <= d <= last}
    if row.rrule:
        exdates = {d for d in exdates if _matches_rrule(row, d)}
    return CalEvent(
        uid=f"{row.uid}@{uid_domain}",
        summary=summary,
        start=start,
        end=end,
        description=row.description,
        location=row.location,
        categories=[cat.label],
        rrule=row.rrule,
        until=row.repeat_until if row.rrule else None,
        exdates=sorted(exdates),
        alarms_minutes=[int(m) for m in row.alarms_minutes],
        private=private or bool(row.student_ids),
        transparent=not row.busy,
    )


def _matches_rrule(row: CalendarEvent, day: dt.date) -> bool:
    """Cheap filter so EXDATEs only name days the series could fall on (weekly rules)."""
    parts = dict(p.split("=", 1) for p in row.rrule.split(";") if "=" in p)
    if parts.get("FREQ") == "WEEKLY":
        codes = parts.get("BYDAY", ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][row.start_local.weekday()])
        return ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday()] in codes.split(",")
    return True


@dataclass(frozen=True)
class Occurrence:
    event_id: int | None
    uid: str
    title: str
    category: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    all_day: bool
    location: str = ""

    @property
    def minutes(self) -> int:
        if self.all_day or not isinstance(self.start, dt.datetime) or not isinstance(self.end, dt.datetime):
            return 0
        return int((self.end - self.start).total_seconds() // 60)


def occurrences(
    events: list[CalEvent], start: dt.date, end: dt.date,
    *, ids: dict[str, int] | None = None, categories: dict[str, str] | None = None,
) -> list[Occurrence]:
    """Every occurrence of ``events`` from ``start`` to ``end`` (exclusive), in time order.

    Expansion is done by ``recurring_ical_events`` on the very VEVENTs we export, so the
    app's agenda and the user's calendar app can never disagree.
    """
    import icalendar
    import recurring_ical_events

    from app.scheduling.ical_write import write_calendar

    cal = icalendar.Calendar.from_ical(write_calendar(events))
    ids = ids or {}
    categories = categories or {}
    found: list[Occurrence] = []
    for comp in recurring_ical_events.of(cal).between(start, end):
        uid = str(comp.get("uid"))
        s = comp.decoded("dtstart")
        e = comp.decoded("dtend") if comp.get("dtend") else s
        all_day = not isinstance(s, dt.datetime)
        found.append(Occurrence(
            event_id=ids.get(uid), uid=uid, title=str(comp.get("summary", "")),
            category=categories.get(uid, "other"), start=s, end=e, all_day=all_day,
            location=str(comp.get("location", "")),
        ))
    found.sort(key=lambda o: (_sort_key(o.start), o.title))
    return found


def _sort_key(value: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(value, dt.time.min)


@dataclass
class AscaReport:
    start: dt.date
    end: dt.date
    minutes_by_category: dict[str, int] = field(default_factory=dict)

    def minutes(self, kind: str) -> int:
        return sum(m for k, m in self.minutes_by_category.items() if category(k).asca == kind)

    @property
    def total(self) -> int:
        return sum(self.minutes_by_category.values())

    def share(self, kind: str) -> float:
        return self.minutes(kind) / self.total if self.total else 0.0

    @property
    def meets_target(self) -> bool:
        return self.share("direct") + self.share("indirect") >= ASCA_TARGET


def asca_report(found: list[Occurrence], start: dt.date, end: dt.date) -> AscaReport:
    """Minutes per category over timed occurrences (imported busy time excluded)."""
    report = AscaReport(start, end)
    for occ in found:
        if occ.all_day or occ.category == "busy":
            continue
        report.minutes_by_category[occ.category] = report.minutes_by_category.get(occ.category, 0) + occ.minutes
    return report
