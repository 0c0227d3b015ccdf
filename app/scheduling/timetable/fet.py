"""Read and write FET's ``.fet`` XML files.

Every constraint is kept (type, weight, ``Active`` flag, parameters) whether or not the
solver understands it, so a file survives import and export; :func:`unsupported_summary`
names the types the solver cannot honour so nothing is dropped silently.
"""

from __future__ import annotations

import html
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.scheduling.timetable.coverage import (
    MODELLED,
    MODELLED_SPACE,
    MODELLED_TIME,
    coverage,
    mode_name,
)
from app.scheduling.timetable.model import (
    Activity,
    Constraint,
    Placement,
    Problem,
    Room,
    StudentsSet,
)

# Types the solver honours (FET names without the "Constraint" prefix); defined with the
# rest of what the solver considers in coverage.py.
SUPPORTED_TIME = MODELLED_TIME
SUPPORTED_SPACE = MODELLED_SPACE
SUPPORTED = MODELLED


MAX_NUMBER = 1_000_000  # no count, id or duration in a school timetable comes near this
MAX_FILE_BYTES = 64 * 1024 * 1024


class FetError(UserFacingError):
    """A ``.fet`` file we cannot read; the message names the file, the line and the fix."""

def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities (``xml.sax.saxutils.escape``'s rule, without
    the network modules it imports: every solve reads this module)."""
    return html.escape(text, quote=False)


def _text(el: ET.Element | None, default: str = "") -> str:
    """An element's text exactly as written (FET keeps a name's spaces: "4م4 " and "4م4"
    are two students sets, and a subject may be named "   ", which a rule naming it
    binds alone, where an empty name binds every lesson); a line break with indentation
    alone (a pretty-printed element holding none) counts as empty."""
    if el is None or not el.text or (not el.text.strip() and "\n" in el.text):
        return default
    return el.text


def _int(path: Path, el: ET.Element, tag: str, default: int = 0) -> int:
    raw = _text(el.find(tag), "").strip()
    if raw == "":
        return default
    try:
        value = float(raw[:64])
    except ValueError:
        value = math.nan
    # inf, nan, 1e999 and counts no school has are refused before any work is sized on them
    if len(raw) > 64 or not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise FetError(_("<{tag}> should be a whole number from 0 to {max_number:,}, not {raw!r}").format(tag=tag, max_number=MAX_NUMBER, raw=raw[:20]),
                       file=path, fix=_("Correct it in FET and save the file again.")) from None
    return int(value)


def _bool(el: ET.Element, tag: str, default: bool = True) -> bool:
    raw = _text(el.find(tag), "").strip()
    if raw == "":
        return default
    return raw.lower() in ("true", "1", "yes")


def _raw(el: ET.Element) -> str:
    """An element as XML text, without the whitespace that follows it."""
    if not len(el) and not el.attrib:  # most kept elements (<Comments />): as ElementTree writes them, 10x faster
        return f"<{el.tag}>{escape(el.text)}</{el.tag}>" if el.text else f"<{el.tag} />"
    tail, el.tail = el.tail, None
    try:
        return ET.tostring(el, encoding="unicode")
    finally:
        el.tail = tail


def _keep(p: Problem, key: str, el: ET.Element, known: set[str]) -> None:
    """Remember ``el``'s children that the model does not represent, verbatim, in order."""
    extras = [_raw(child) for child in el if child.tag not in known]
    if extras:
        p.fet_extras[key] = extras


_TOP_KNOWN = {"Institution_Name", "Comments", "Days_List", "Hours_List", "Subjects_List",
              "Activity_Tags_List", "Teachers_List", "Students_List", "Activities_List",
              "Buildings_List", "Rooms_List", "Time_Constraints_List", "Space_Constraints_List"}
_LIST_KNOWN = {"Days_List": {"Number_of_Days", "Day"}, "Hours_List": {"Number_of_Hours", "Hour"},
               "Subjects_List": {"Subject"}, "Activity_Tags_List": {"Activity_Tag"},
               "Teachers_List": {"Teacher"}, "Students_List": {"Year"},
               "Activities_List": {"Activity"}, "Buildings_List": {"Building"}, "Rooms_List": {"Room"}}
_ACTIVITY_KNOWN = {"Teacher", "Subject", "Activity_Tag", "Students", "Duration", "Total_Duration", "Id",
                   "Activity_Group_Id", "Number_Of_Students", "Active", "Comments"}


def read_fet(path: str | Path) -> Problem:
    """Parse a ``.fet`` file; raises :class:`FetError` with a one-line message."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FetError(_("the file is larger than {max_file_bytes} MB, far more than any school timetable").format(max_file_bytes=MAX_FILE_BYTES >> 20), file=path, fix=_("Check that this is the right file."))
        data = path.read_bytes()
    except FileNotFoundError:
        raise FetError(_("{path}: file not found").format(path=path)) from None
    except OSError as exc:
        raise FetError(_("{path}: cannot read the file ({strerror})").format(path=path, strerror=exc.strerror)) from None
    return parse_fet(data, path)


def _parse_xml(data: bytes | str, path: Path) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        reason = str(exc).split(":")[0]
        raise FetError(
            _("{path}: not a valid FET file — XML error at line {line}, column {col} ({reason}); open it in FET and save it again").format(path=path, line=line, col=col + 1, reason=reason)
        ) from None
    except (LookupError, ValueError, RecursionError) as exc:  # <?xml encoding="UTF-0"?> and the like
        raise FetError(_("not a valid FET file ({exc})").format(exc=str(exc)[:80]), file=path,
                       fix=_("Open it in FET and save it again.")) from None


def parse_fet(data: bytes | str, path: Path | str = "<fet>") -> Problem:
    path = Path(path)
    root = _parse_xml(data, path)
    if root.tag != "fet":
        raise FetError(_("{path}: not a FET file (the root element is <{tag}>, not <fet>)").format(path=path, tag=root.tag))
    p = Problem(fet_version=root.get("version", "6.9.0"))
    p.name = _text(root.find("Institution_Name"), path.stem) or path.stem
    p.comments = _text(root.find("Comments"))
    anchor = ""
    for child in root:
        if child.tag in _TOP_KNOWN:
            anchor = child.tag
            if child.tag in _LIST_KNOWN:
                _keep(p, f"list:{child.tag}", child, _LIST_KNOWN[child.tag])
        else:
            p.fet_extras.setdefault(f"top:{anchor}", []).append(_raw(child))

    def names(xpath: str, kind: str) -> list[str]:
        out = []
        for el in root.findall(xpath):
            name = _text(el.find("Name"))
            out.append(name)
            _keep(p, f"{kind}:{name}", el, {"Name"})
        return out

    p.days = names("Days_List/Day", "Day")
    p.hours = names("Hours_List/Hour", "Hour")
    if not p.days or not p.hours:
        raise FetError(_("{path}: the file has no days or no hours; add them in FET first").format(path=path))
    p.subjects = names("Subjects_List/Subject", "Subject")
    p.tags = names("Activity_Tags_List/Activity_Tag", "Activity_Tag")
    p.teachers = names("Teachers_List/Teacher", "Teacher")
    p.buildings = names("Buildings_List/Building", "Building")
    _read_students(path, root, p)
    _read_rooms(path, root, p)
    _read_activities(path, root, p)
    for list_tag, space in (("Time_Constraints_List", False), ("Space_Constraints_List", True)):
        for el in root.findall(list_tag + "/*"):
            p.constraints.append(_read_constraint(path, el, space))
    _validate(path, p)
    return p


def _read_students(path: Path, root: ET.Element, p: Problem) -> None:
    set_known = {"Name", "Number_of_Students", "Group", "Subgroup"}
    for y in root.findall("Students_List/Year"):
        year = StudentsSet(_text(y.find("Name")), "year", _int(path, y, "Number_of_Students"))
        _keep(p, f"Year:{year.name}", y, set_known)
        for g in y.findall("Group"):
            group = StudentsSet(_text(g.find("Name")), "group", _int(path, g, "Number_of_Students"))
            _keep(p, f"Group:{year.name}/{group.name}", g, set_known)
            for sg in g.findall("Subgroup"):
                sub = StudentsSet(_text(sg.find("Name")), "subgroup", _int(path, sg, "Number_of_Students"))
                _keep(p, f"Subgroup:{year.name}/{group.name}/{sub.name}", sg, set_known)
                group.children.append(sub.name)
                p.subgroups.append(sub)
            year.children.append(group.name)
            p.groups.append(group)
        p.years.append(year)


def _read_rooms(path: Path, root: ET.Element, p: Problem) -> None:
    for r in root.findall("Rooms_List/Room"):
        _keep(p, f"Room:{_text(r.find('Name'))}", r, {"Name", "Building", "Capacity", "Virtual", "Comments",
                                                    "Number_of_Sets_of_Real_Rooms", "Set_of_Real_Rooms"})
        virtual = _bool(r, "Virtual", False)
        p.rooms.append(Room(
            name=_text(r.find("Name")),
            capacity=_int(path, r, "Capacity"),
            building=_text(r.find("Building")),
            kind=_text(r.find("Comments")),
            virtual=virtual,
            real_sets=[[_text(x) for x in s.findall("Real_Room")] for s in r.findall("Set_of_Real_Rooms")]
            if virtual else [],
        ))


def _read_activities(path: Path, root: ET.Element, p: Problem) -> None:
    seen: set[int] = set()
    for a in root.findall("Activities_List/Activity"):
        aid = _int(path, a, "Id", -1)
        if aid < 0:
            raise FetError(_("{path}: an activity has no <Id>; open the file in FET and save it again").format(path=path))
        if aid in seen:
            raise FetError(_("{path}: activity id {aid} appears twice; ids must be unique").format(path=path, aid=aid))
        seen.add(aid)
        _keep(p, f"Activity:{aid}", a, _ACTIVITY_KNOWN)
        n_students_el = a.find("Number_Of_Students")
        p.activities.append(Activity(
            id=aid,
            teachers=[_text(t) for t in a.findall("Teacher")],
            subject=_text(a.find("Subject")),
            students=[_text(s) for s in a.findall("Students")],
            duration=max(1, _int(path, a, "Duration", 1)),
            group_id=_int(path, a, "Activity_Group_Id"),
            total_duration=_int(path, a, "Total_Duration"),
            tags=[_text(t) for t in a.findall("Activity_Tag")],
            n_students=_int(path, a, "Number_Of_Students") if n_students_el is not None else None,
            active=_bool(a, "Active", True),
            comments=_text(a.find("Comments")),
        ))


def _read_constraint(path: Path, el: ET.Element, space: bool) -> Constraint:
    ctype = el.tag.removeprefix("Constraint")
    weight_raw = _text(el.find("Weight_Percentage"), "100").strip()
    try:
        weight = float(weight_raw[:64])
        if not 0.0 <= weight <= 100.0:  # also refuses nan and inf
            raise ValueError(weight_raw)
    except ValueError:
        raise FetError(
            _("{path}: {tag} has weight {weight_raw!r}; use a number from 0 to 100").format(path=path, tag=el.tag, weight_raw=weight_raw)
        ) from None
    params: dict[str, list[Any]] = {}
    order: list[str] = []
    for child in el:
        order.append(child.tag)
        if child.tag in ("Weight_Percentage", "Active", "Comments"):
            continue
        if len(child):
            params.setdefault(child.tag, []).append({g.tag: _text(g) for g in child})
        else:
            params.setdefault(child.tag, []).append(_text(child))
    return Constraint(
        type=ctype,
        weight=weight,
        active=_bool(el, "Active", True),
        params=params,
        space=space,
        comments=_text(el.find("Comments")),
        order=order,
    )


def _validate(path: Path, p: Problem) -> None:
    """Names an activity uses must exist; a lesson must fit in a day."""
    teachers, subjects = set(p.teachers), set(p.subjects)
    sets = p.students_sets()
    for a in p.activities:
        for t in a.teachers:
            if t not in teachers:
                raise FetError(_("{path}: activity {id} names teacher {t!r}, who is not in the teachers list").format(path=path, id=a.id, t=t))
        if a.subject and a.subject not in subjects:
            raise FetError(_("{path}: activity {id} names subject {subject!r}, which is not in the subjects list").format(path=path, id=a.id, subject=a.subject))
        for s in a.students:
            if s not in sets:
                raise FetError(_("{path}: activity {id} names students {s!r}, who are not in the students list").format(path=path, id=a.id, s=s))
        if a.duration > p.n_hours:
            raise FetError(
                _("{path}: activity {id} lasts {duration} hours but a day has only {n_hours}").format(path=path, id=a.id, duration=a.duration, n_hours=p.n_hours)
            )


def unsupported_summary(p: Problem) -> dict[str, int]:
    """Active constraint types (and file features) the solver does not consider, with counts."""
    return coverage(p).not_considered


def warnings_for(p: Problem) -> list[str]:
    """Plain-language warnings about what of the file the solver will not consider."""
    cov = coverage(p)
    out = []
    if cov.other_mode:
        out.append(_("the file is in FET's {mode} mode, which the solver does not model: it reads every rule as "
                     "in the official mode, so a timetable it finds may break rules as FET reads them, and rules it "
                     "calls contradictory may not be").format(mode=mode_name(cov.mode)))
    for name, count in cov.types.items():
        out.append(f"Constraint{name} ×{count} is not considered by the solver; the timetable may break it")
    return out


# ---------------------------------------------------------------------------------------
# Writing


def _el(tag: str, value: object, indent: int = 1) -> str:
    return "\t" * indent + f"<{tag}>{escape(str(value))}</{tag}>"


def _fmt_weight(w: float) -> str:
    return str(int(w)) if float(w).is_integer() else repr(float(w))


def _kept(p: Problem, key: str, indent: int = 1) -> list[str]:
    """The raw XML kept for ``key`` (see ``Problem.fet_extras``), indented."""
    return ["\t" * indent + raw for raw in p.fet_extras.get(key, [])]


def _students_lines(p: Problem) -> list[str]:
    lines: list[str] = []

    def kept(key: str, indent: int = 1) -> list[str]:
        return _kept(p, key, indent)

    groups = {g.name: g for g in p.groups}
    subgroups = {s.name: s for s in p.subgroups}
    for y in p.years:
        lines += ["<Year>", _el("Name", y.name), _el("Number_of_Students", y.size)]
        lines += kept(f"Year:{y.name}")
        for gname in y.children:
            g = groups.get(gname)
            if g is None:
                continue
            lines += ["\t<Group>", _el("Name", g.name, 2), _el("Number_of_Students", g.size, 2)]
            lines += kept(f"Group:{y.name}/{g.name}", 2)
            for sname in g.children:
                sub = subgroups.get(sname)
                if sub is None:
                    continue
                lines += ["\t\t<Subgroup>", _el("Name", sub.name, 3), _el("Number_of_Students", sub.size, 3)]
                lines += kept(f"Subgroup:{y.name}/{g.name}/{sub.name}", 3)
                lines.append("\t\t</Subgroup>")
            lines.append("\t</Group>")
        lines.append("</Year>")
    return lines


def _activities_lines(p: Problem) -> list[str]:
    lines: list[str] = []

    def kept(key: str, indent: int = 1) -> list[str]:
        return _kept(p, key, indent)

    for a in p.activities:
        lines.append("<Activity>")
        lines += [_el("Teacher", t) for t in a.teachers]
        lines.append(_el("Subject", a.subject))
        lines += [_el("Activity_Tag", t) for t in a.tags]
        lines += [_el("Students", s) for s in a.students]
        lines += [_el("Duration", a.duration), _el("Total_Duration", a.total_duration or a.duration),
                  _el("Id", a.id), _el("Activity_Group_Id", a.group_id)]
        if a.n_students is not None:
            lines.append(_el("Number_Of_Students", a.n_students))
        lines += [_el("Active", "true" if a.active else "false"), *kept(f"Activity:{a.id}"),
                  _el("Comments", a.comments), "</Activity>"]
    return lines


def write_fet(
    p: Problem,
    path: str | Path | None = None,
    placements: list[Placement] | None = None,
    lock_all: bool = False,
) -> str:
    """The problem as FET XML (written to ``path`` when given).

    ``placements`` that are locked (or all of them with ``lock_all``) are written as
    ``ConstraintActivityPreferredStartingTime`` with ``Permanently_Locked`` and, when they
    have a room, ``ConstraintActivityPreferredRoom``, as FET itself does when a user locks
    a generated timetable.
    """
    extras = p.fet_extras

    def kept(key: str, indent: int = 1) -> list[str]:
        return _kept(p, key, indent)

    def entity(tag: str, name: str) -> list[str]:
        """``<tag><Name>…</Name>…</tag>`` with the element's other children kept verbatim
        (FET supplies its defaults for the ones a new element lacks)."""
        return [f"<{tag}>", _el("Name", name), *kept(f"{tag}:{name}"), f"</{tag}>"]

    def top(anchor: str) -> list[str]:
        return [*extras.get(f"top:{anchor}", []), ""] if extras.get(f"top:{anchor}") else []

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "", f'<fet version="{escape(p.fet_version)}">', ""]
    lines += top("")
    lines += [_el("Institution_Name", p.name, 0), ""] + top("Institution_Name")
    lines += [_el("Comments", p.comments, 0), ""] + top("Comments")
    lines.append("<Days_List>")
    lines.append(_el("Number_of_Days", p.n_days, 0))
    for d in p.days:
        lines += entity("Day", d)
    lines += kept("list:Days_List", 0) + ["</Days_List>", ""] + top("Days_List")
    lines += ["<Hours_List>", _el("Number_of_Hours", p.n_hours, 0)]
    for h in p.hours:
        lines += entity("Hour", h)
    lines += kept("list:Hours_List", 0) + ["</Hours_List>", ""] + top("Hours_List")
    lines.append("<Subjects_List>")
    for s in p.subjects:
        lines += entity("Subject", s)
    lines += kept("list:Subjects_List", 0) + ["</Subjects_List>", ""] + top("Subjects_List")
    lines.append("<Activity_Tags_List>")
    for t in p.tags:
        lines += entity("Activity_Tag", t)
    lines += kept("list:Activity_Tags_List", 0) + ["</Activity_Tags_List>", ""] + top("Activity_Tags_List")
    lines.append("<Teachers_List>")
    for t in p.teachers:
        lines += entity("Teacher", t)
    lines += kept("list:Teachers_List", 0) + ["</Teachers_List>", ""] + top("Teachers_List")
    lines.append("<Students_List>")
    lines += _students_lines(p)
    lines += kept("list:Students_List", 0) + ["</Students_List>", ""] + top("Students_List")
    lines.append("<Activities_List>")
    lines += _activities_lines(p)
    lines += kept("list:Activities_List", 0) + ["</Activities_List>", ""] + top("Activities_List")
    lines.append("<Buildings_List>")
    for b in p.buildings:
        lines += entity("Building", b)
    lines += kept("list:Buildings_List", 0) + ["</Buildings_List>", ""] + top("Buildings_List")
    lines.append("<Rooms_List>")
    for r in p.rooms:
        lines += ["<Room>", _el("Name", r.name), _el("Building", r.building), _el("Capacity", r.capacity),
                  _el("Virtual", "true" if r.virtual else "false"), *_real_sets_lines(r),
                  *kept(f"Room:{r.name}"), _el("Comments", r.kind), "</Room>"]
    lines += kept("list:Rooms_List", 0) + ["</Rooms_List>", ""] + top("Rooms_List")

    time_cs, space_cs = _constraints_locking(p, placements or [], lock_all)
    for list_tag, cs in (("Time_Constraints_List", time_cs), ("Space_Constraints_List", space_cs)):
        lines.append(f"<{list_tag}>")
        for c in cs:
            lines += _constraint_lines(c)
        lines += [f"</{list_tag}>", ""] + top(list_tag)
    lines.append("</fet>")
    text = "\n".join(lines) + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def _constraints_locking(p: Problem, placements: list[Placement], lock_all: bool) -> tuple[list[Constraint], list[Constraint]]:
    """The file's time and space constraints, with the locked placements' own
    (``ActivityPreferredStartingTime`` and ``ActivityPreferredRoom``, permanently locked)
    in place of any hard ones those lessons had."""
    locked = [pl for pl in placements if pl.locked or lock_all]
    virtual = {r.name for r in p.rooms if r.virtual}
    if any(pl.room in virtual and not pl.real_rooms for pl in locked):
        # FET locks a lesson's real rooms with its virtual room (else it may pick others
        # that clash): the checker's choice, made with every other lesson where it is.
        from app.scheduling.timetable.rules import compile_rules
        from app.scheduling.timetable.virtual import fill

        locked = [pl for pl in fill(compile_rules(p), placements) if pl.locked or lock_all]
    locked_ids = {pl.activity_id for pl in locked}
    time_cs = [c for c in p.constraints if not c.space]
    space_cs = [c for c in p.constraints if c.space]
    if not locked_ids:
        return time_cs, space_cs

    def superseded(c: Constraint, ctype: str) -> bool:
        return c.type == ctype and c.hard and _safe_int(c.one("Activity_Id")) in locked_ids

    time_cs = [c for c in time_cs if not superseded(c, "ActivityPreferredStartingTime")]
    space_cs = [c for c in space_cs if not superseded(c, "ActivityPreferredRoom")]
    for pl in locked:
        time_cs.append(Constraint("ActivityPreferredStartingTime", 100.0, params={
            "Activity_Id": [str(pl.activity_id)], "Preferred_Day": [p.days[pl.day]],
            "Preferred_Hour": [p.hours[pl.hour]], "Permanently_Locked": ["true"],
        }))
        if pl.room:
            params: dict[str, list[Any]] = {"Activity_Id": [str(pl.activity_id)], "Room": [pl.room]}
            if pl.real_rooms:
                params |= {"Number_of_Real_Rooms": [str(len(pl.real_rooms))], "Real_Room": list(pl.real_rooms)}
            params["Permanently_Locked"] = ["true"]
            space_cs.append(Constraint("ActivityPreferredRoom", 100.0, space=True, params=params))
    return time_cs, space_cs


def _real_sets_lines(r: Room) -> list[str]:
    if not r.virtual:
        return []
    lines = [_el("Number_of_Sets_of_Real_Rooms", len(r.real_sets))]
    for real in r.real_sets:
        lines += ["\t<Set_of_Real_Rooms>", _el("Number_of_Real_Rooms", len(real), 2),
                  *(_el("Real_Room", name, 2) for name in real), "\t</Set_of_Real_Rooms>"]
    return lines


def _safe_int(raw: str) -> int | None:
    try:
        return int(raw)
    except ValueError:
        return None


def _constraint_lines(c: Constraint) -> list[str]:
    """A constraint's XML, its children in the order they were read (then any new ones)."""
    tag = "Constraint" + c.type
    out = [f"<{tag}>"]
    pending = {key: list(values) for key, values in c.params.items()}
    fixed = {"Weight_Percentage": _fmt_weight(c.weight), "Active": "true" if c.active else "false",
             "Comments": c.comments}

    def emit(key: str, v: Any) -> None:
        if isinstance(v, dict):
            out.append(f"\t<{key}>")
            out.extend(_el(k, vv, 2) for k, vv in v.items())
            out.append(f"\t</{key}>")
        else:
            out.append(_el(key, v))

    order = c.order or ["Weight_Percentage"]
    for key in order:
        if key in fixed:
            out.append(_el(key, fixed.pop(key)))
        elif pending.get(key):
            emit(key, pending[key].pop(0))
    for key, values in pending.items():
        for v in values:
            emit(key, v)
    for key in ("Weight_Percentage", "Active", "Comments"):
        if key in fixed:
            out.append(_el(key, fixed[key]))
    out.append(f"</{tag}>")
    return out


def write_csv(p: Problem, placements: list[Placement], path: str | Path | None = None) -> str:
    """``activity_id,day,hour,room`` rows with FET's names, sorted by activity id."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    virtual = any(r.virtual for r in p.rooms)
    if virtual:
        from app.scheduling.timetable.rules import compile_rules
        from app.scheduling.timetable.virtual import fill

        placements = fill(compile_rules(p), placements)
    # A virtual room's real rooms go in a fifth column, "|" between them.
    w.writerow(["activity_id", "day", "hour", "room", *(["real_rooms"] if virtual else [])])
    for pl in sorted(placements, key=lambda x: x.activity_id):
        w.writerow([pl.activity_id, p.days[pl.day], p.hours[pl.hour], pl.room,
                    *(["|".join(pl.real_rooms)] if virtual else [])])
    text = buf.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def read_csv(p: Problem, path: str | Path) -> list[Placement]:
    """Placements from a CSV written by :func:`write_csv` (or by hand, same columns)."""
    import csv

    out = []
    with open(path, newline="", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                real = tuple(x for x in (row.get("real_rooms") or "").split("|") if x)
                out.append(Placement(int(row["activity_id"]), p.days.index(row["day"]),
                                     p.hours.index(row["hour"]), row.get("room") or "", real_rooms=real))
            except (KeyError, ValueError) as exc:
                raise FetError(_("{path}: line {n}: cannot read this row ({exc}); columns must be activity_id,day,hour,room with FET names").format(path=path, n=n, exc=exc)) from None
    return out
