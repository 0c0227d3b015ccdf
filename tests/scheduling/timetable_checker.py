"""An independent checker of timetables against a .fet file's hard constraints.

Written from FET's documented meaning of each constraint, separately from the solver's
own model (it imports nothing from ``app``): it reads the XML itself and the CSV rows the
CLI writes (``activity_id,day,hour,room``), and lists every broken hard constraint.
"""

from __future__ import annotations

import csv
import itertools
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def _t(el: ET.Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def read_rows(csv_path: str | Path) -> list[tuple[int, str, str, str]]:
    with open(csv_path, newline="", encoding="utf-8") as fh:
        return [(int(r["activity_id"]), r["day"], r["hour"], r["room"]) for r in csv.DictReader(fh)]


def read_real(csv_path: str | Path) -> dict[int, list[str]]:
    """The real rooms of lessons in virtual rooms (the CSV's fifth column, "|" between)."""
    with open(csv_path, newline="", encoding="utf-8") as fh:
        return {int(r["activity_id"]): r["real_rooms"].split("|") for r in csv.DictReader(fh) if r.get("real_rooms")}


def _one_of_each(sets: list[list[str]], real: list[str]) -> bool:
    """``real`` is one room of each set, all different, in some order (FET keeps a set)."""
    return len(real) == len(sets) == len(set(real)) and any(
        all(r in s for r, s in zip(order, sets, strict=True)) for order in itertools.permutations(real))


def check(fet_path: str | Path, rows: list[tuple[int, str, str, str]],  # noqa: C901
          real: dict[int, list[str]] | None = None) -> list[str]:
    """Every broken hard constraint. ``real``: the real rooms of lessons in virtual rooms."""
    root = ET.parse(fet_path).getroot()
    days = [_t(d.find("Name")) for d in root.findall("Days_List/Day")]
    hours = [_t(h.find("Name")) for h in root.findall("Hours_List/Hour")]
    H = len(hours)

    # Students: every name -> the subgroups (or childless group/year) it stands for.
    children: dict[str, set[str]] = defaultdict(set)
    sizes: dict[str, int] = {}
    for y in root.findall("Students_List/Year"):
        yn = _t(y.find("Name"))
        sizes[yn] = int(_t(y.find("Number_of_Students")) or 0)
        children.setdefault(yn, set())
        for g in y.findall("Group"):
            gn = _t(g.find("Name"))
            sizes[gn] = int(_t(g.find("Number_of_Students")) or 0)
            children[yn].add(gn)
            children.setdefault(gn, set())
            for s in g.findall("Subgroup"):
                sn = _t(s.find("Name"))
                sizes[sn] = int(_t(s.find("Number_of_Students")) or 0)
                children[gn].add(sn)

    def leaves(name: str) -> set[str]:
        kids = children.get(name, set())
        if not kids:
            return {name}
        out: set[str] = set()
        for k in kids:
            out |= leaves(k)
        return out

    part: dict[int, int] = {}  # an activity's place in its split activity (from 1)
    parts_seen: dict[str, int] = defaultdict(int)
    for a in root.findall("Activities_List/Activity"):
        group = _t(a.find("Activity_Group_Id"))
        parts_seen[group] += 1
        part[int(_t(a.find("Id")))] = parts_seen[group] if group not in ("", "0") else 1
    acts = {}
    for a in root.findall("Activities_List/Activity"):
        if _t(a.find("Active")).lower() == "false":
            continue
        aid = int(_t(a.find("Id")))
        studs = [_t(s) for s in a.findall("Students")]
        n = a.find("Number_Of_Students")
        acts[aid] = {
            "teachers": [_t(t) for t in a.findall("Teacher")],
            "students": studs,
            "leaves": set().union(*(leaves(s) for s in studs)) if studs else set(),
            "subject": _t(a.find("Subject")),
            "tags": [_t(t) for t in a.findall("Activity_Tag")],
            "duration": int(_t(a.find("Duration"))),
            "size": int(_t(n)) if n is not None else sum(sizes.get(s, 0) for s in studs),
        }
    capacity = {_t(r.find("Name")): int(_t(r.find("Capacity")) or 0) for r in root.findall("Rooms_List/Room")}
    virtual = {_t(r.find("Name")): [[_t(x) for x in st.findall("Real_Room")] for st in r.findall("Set_of_Real_Rooms")]
               for r in root.findall("Rooms_List/Room") if _t(r.find("Virtual")) == "true"}
    real = real or {}

    problems: list[str] = []
    where: dict[int, tuple[int, int, str]] = {}
    for aid, day, hour, room in rows:
        if aid not in acts:
            problems.append(f"row for unknown or inactive activity {aid}")
            continue
        if aid in where:
            problems.append(f"activity {aid} placed twice")
        where[aid] = (days.index(day), hours.index(hour), room)
    for aid in acts:
        if aid not in where:
            problems.append(f"activity {aid} not placed")

    def slots(aid: int) -> list[tuple[int, int]]:
        d, h, _r = where[aid]
        return [(d, h + k) for k in range(acts[aid]["duration"])]

    for aid in where:
        d, h, _r = where[aid]
        if h + acts[aid]["duration"] > H:
            problems.append(f"activity {aid} runs past the last hour")

    # Basic compulsory time and space: nobody and no room in two places at once.
    use: dict[tuple[str, str, int, int], list[int]] = defaultdict(list)
    for aid in where:
        for s in slots(aid):
            for t in acts[aid]["teachers"]:
                use[("teacher", t, *s)].append(aid)
            for leaf in acts[aid]["leaves"]:
                use[("students", leaf, *s)].append(aid)
            room = where[aid][2]
            for r in real.get(aid, []) if room in virtual else [room] if room else []:
                use[("room", r, *s)].append(aid)  # a virtual room books its real rooms only
    for aid in where:
        room = where[aid][2]
        if room in virtual and not _one_of_each(virtual[room], real.get(aid, [])):
            problems.append(f"activity {aid} in virtual room {room} has real rooms {real.get(aid)}")
    for key, ids in use.items():
        if len(ids) > 1:
            problems.append(f"{key[0]} {key[1]} double-booked at day {key[2]} hour {key[3]}: {sorted(ids)}")
    for aid in where:
        room = where[aid][2].strip()  # FET keeps spaces in names; this reader strips them
        if room and room not in capacity:
            problems.append(f"activity {aid} in unknown room {room}")
        elif room and capacity[room] and acts[aid]["size"] > capacity[room]:
            problems.append(f"activity {aid} ({acts[aid]['size']} students) in room {room} of {capacity[room]}")

    def pairs(el: ET.Element, wrapper: str, dk: str, hk: str) -> set[tuple[int, int]]:
        out = set()
        for w in el.findall(wrapper):
            out.add((days.index(_t(w.find(dk))), hours.index(_t(w.find(hk)))))
        return out

    def matches(aid: int, c: ET.Element) -> bool:
        a = acts[aid]
        t, s, sub, tag = (_t(c.find(k)) for k in ("Teacher_Name", "Students_Name", "Subject_Name", "Activity_Tag_Name"))
        # FET: a students filter takes every activity whose students share students with it.
        return ((not t or t in a["teachers"]) and (not s or bool(leaves(s) & a["leaves"]))
                and (not sub or sub == a["subject"]) and (not tag or tag in a["tags"]))

    def day_profile(ids: list[int]) -> dict[int, set[int]]:
        prof: dict[int, set[int]] = defaultdict(set)
        for i in ids:
            if i in where:
                for d, h in slots(i):
                    prof[d].add(h)
        return prof

    teacher_acts: dict[str, list[int]] = defaultdict(list)
    for aid, a in acts.items():
        for t in a["teachers"]:
            teacher_acts[t].append(aid)

    def bound_by(c: ET.Element, tag: str) -> list[tuple[str, list[int]]]:
        """Whom a teacher(s) or students(-set) rule binds: (name to show, their activities);
        students per subgroup, as FET counts them."""
        if tag.startswith("Teacher"):
            names = list(teacher_acts) if tag.startswith("Teachers") else [_t(c.find("Teacher_Name"))]
            return [(f"teacher {t}", teacher_acts[t]) for t in names]
        wanted = leaves(_t(c.find("Students"))) if tag.startswith("StudentsSet") \
            else set().union(*(a["leaves"] for a in acts.values()))
        return [(f"students {leaf}", [a for a in acts if leaf in acts[a]["leaves"]]) for leaf in wanted]

    breaks: set[tuple[int, int]] = set()
    teacher_na: dict[str, set[tuple[int, int]]] = defaultdict(set)
    leaf_na: dict[str, set[tuple[int, int]]] = defaultdict(set)
    hard = []
    for lst in ("Time_Constraints_List", "Space_Constraints_List"):
        for c in root.findall(lst + "/*"):
            if _t(c.find("Active")).lower() == "false":
                continue
            if (c.tag == "ConstraintMinDaysBetweenActivities"
                    and _t(c.find("Consecutive_If_Same_Day")).lower() == "true"):
                # FET: whatever the weight, lessons on the same day must then be consecutive.
                ids = [int(_t(i)) for i in c.findall("Activity_Id")]
                ids = [i for i in ids if i in where]
                for i, x in enumerate(ids):
                    for y in ids[i + 1:]:
                        (dx, hx, _r), (dy, hy, _s) = where[x], where[y]
                        if dx == dy and hx + acts[x]["duration"] != hy and hy + acts[y]["duration"] != hx:
                            problems.append(f"activities {x} and {y} share a day but are not consecutive")
            if float(_t(c.find("Weight_Percentage")) or 100) < 100:
                continue
            hard.append(c)
    for c in hard:
        if c.tag == "ConstraintBreakTimes":
            breaks |= pairs(c, "Break_Time", "Day", "Hour")
        elif c.tag == "ConstraintTeacherNotAvailableTimes":
            teacher_na[_t(c.find("Teacher"))] |= pairs(c, "Not_Available_Time", "Day", "Hour")
        elif c.tag == "ConstraintStudentsSetNotAvailableTimes":
            for leaf in leaves(_t(c.find("Students"))):
                leaf_na[leaf] |= pairs(c, "Not_Available_Time", "Day", "Hour")

    preferred_room_acts: set[int] = set()
    for c in hard:
        tag = c.tag
        if tag in ("ConstraintActivityPreferredRoom", "ConstraintActivityPreferredRooms"):
            preferred_room_acts.add(int(_t(c.find("Activity_Id"))))
        if tag in ("ConstraintSubjectPreferredRoom", "ConstraintSubjectPreferredRooms"):
            preferred_room_acts |= {a for a in acts if acts[a]["subject"] == _t(c.find("Subject"))}

    for aid in where:
        for s in slots(aid):
            if s in breaks:
                problems.append(f"activity {aid} during a break {s}")
            for t in acts[aid]["teachers"]:
                if s in teacher_na[t]:
                    problems.append(f"activity {aid} when teacher {t} is not available {s}")
            for leaf in acts[aid]["leaves"]:
                if s in leaf_na[leaf]:
                    problems.append(f"activity {aid} when students {leaf} are not available {s}")

    for c in hard:
        tag = c.tag.removeprefix("Constraint")
        ids = [int(_t(i)) for i in c.findall("Activity_Id")]
        ids = [i for i in ids if i in where]
        if tag == "ActivityPreferredStartingTime":
            if ids:
                d, h, _r = where[ids[0]]
                pd, ph = _t(c.find("Preferred_Day")), _t(c.find("Preferred_Hour"))
                if (pd and days[d] != pd) or (ph and hours[h] != ph):
                    problems.append(f"activity {ids[0]} not at its preferred start {pd} {ph}")
        elif tag == "ActivityPreferredStartingTimes":
            ok = pairs(c, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour")
            if ids and where[ids[0]][:2] not in ok:
                problems.append(f"activity {ids[0]} not at one of its preferred starting times")
        elif tag in ("SubactivitiesPreferredStartingTimes", "SubactivitiesPreferredTimeSlots"):
            # FET numbers the parts of a split activity from 1 in the file's order; an
            # activity not split is its own first part.
            k = int(_t(c.find("Component_Number")))
            starts = tag.endswith("StartingTimes")
            ok = (pairs(c, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour") if starts
                  else pairs(c, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour"))
            for aid in where:
                if matches(aid, c) and part[aid] == k and not (
                        where[aid][:2] in ok if starts else set(slots(aid)) <= ok):
                    problems.append(f"part {k} of activity {aid} outside its preferred times")
        elif tag == "ActivitiesPreferredStartingTimes":
            ok = pairs(c, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour")
            for aid in where:
                if matches(aid, c) and where[aid][:2] not in ok:
                    problems.append(f"activity {aid} not at an allowed starting time")
        elif tag in ("ActivityPreferredTimeSlots", "ActivitiesPreferredTimeSlots"):
            ok = pairs(c, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour")
            targets = ids if tag.startswith("Activity") else [a for a in where if matches(a, c)]
            for aid in targets:
                if not set(slots(aid)) <= ok:
                    problems.append(f"activity {aid} outside its preferred time slots")
        elif tag == "MinDaysBetweenActivities":
            m = int(_t(c.find("MinDays")))
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    if abs(where[x][0] - where[y][0]) < m:
                        problems.append(f"activities {x} and {y} fewer than {m} days apart")
        elif tag == "ActivitiesSameStartingTime":
            if len({where[i][:2] for i in ids}) > 1:
                problems.append(f"activities {ids} do not start together")
        elif tag == "ActivitiesNotOverlapping":
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    if set(slots(x)) & set(slots(y)):
                        problems.append(f"activities {x} and {y} overlap")
        elif tag in ("ActivitiesSameStartingDay", "ActivitiesSameStartingHour"):
            k = 0 if tag.endswith("Day") else 1
            if len({where[i][k] for i in ids}) > 1:
                problems.append(f"activities {ids} do not start on the same {'day' if k == 0 else 'hour'}")
        elif tag == "MinGapsBetweenActivities":
            n = int(_t(c.find("MinGaps")))
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    (dx, hx, _r), (dy, hy, _s) = where[x], where[y]
                    if dx == dy and hx < hy + acts[y]["duration"] + n and hy < hx + acts[x]["duration"] + n:
                        problems.append(f"activities {x} and {y} fewer than {n} hours apart")
        elif tag in ("ActivityEndsStudentsDay", "ActivitiesEndStudentsDay"):
            last = ids if tag.startswith("Activity") else [a for a in where if matches(a, c)]
            for aid in last:
                d, h, _r = where[aid]
                end = h + acts[aid]["duration"]
                for other in where:
                    if (other != aid and acts[other]["leaves"] & acts[aid]["leaves"]
                            and where[other][0] == d and where[other][1] >= end):
                        problems.append(f"activity {other} after activity {aid}, which ends its students' day")
        elif tag.startswith("TwoActivities"):
            a, b = int(_t(c.find("First_Activity_Id"))), int(_t(c.find("Second_Activity_Id")))
            if a in where and b in where:
                (da, ha, _r), (db, hb, _s) = where[a], where[b]
                ea, eb = ha + acts[a]["duration"], hb + acts[b]["duration"]
                if tag in ("TwoActivitiesConsecutive", "TwoActivitiesGrouped"):
                    # FET: a break between them still counts as side by side
                    while (da, ea) in breaks:
                        ea += 1
                    while (db, eb) in breaks:
                        eb += 1
                ok = {"TwoActivitiesOrdered": da < db or (da == db and ea <= hb),
                      "TwoActivitiesOrderedIfSameDay": da != db or ea <= hb,
                      "TwoActivitiesConsecutive": da == db and ea == hb,
                      "TwoActivitiesGrouped": da == db and (ea == hb or eb == ha)}[tag]
                if not ok:
                    problems.append(f"activities {a} and {b} break {tag}")
        elif tag in ("TeacherMaxHoursDaily", "TeachersMaxHoursDaily", "TeacherMaxDaysPerWeek",
                     "TeachersMaxDaysPerWeek", "TeacherMaxGapsPerWeek", "TeachersMaxGapsPerWeek"):
            names = [_t(c.find("Teacher_Name"))] if tag.startswith("Teacher") and not tag.startswith("Teachers") \
                else list(teacher_acts)
            for t in names:
                prof = day_profile(teacher_acts[t])
                if "Hours" in tag:
                    limit = int(_t(c.find("Maximum_Hours_Daily")))
                    for d, hs in prof.items():
                        if len(hs) > limit:
                            problems.append(f"teacher {t} has {len(hs)} hours on day {d} (max {limit})")
                elif "Days" in tag:
                    limit = int(_t(c.find("Max_Days_Per_Week")))
                    if len([d for d, hs in prof.items() if hs]) > limit:
                        problems.append(f"teacher {t} works more than {limit} days")
                else:
                    limit = int(_t(c.find("Max_Gaps")))
                    free = breaks | teacher_na[t]
                    gaps = sum(1 for d, hs in prof.items() for h in range(min(hs), max(hs))
                               if h not in hs and (d, h) not in free)
                    if gaps > limit:
                        problems.append(f"teacher {t} has {gaps} gaps (max {limit})")
        elif tag in ("TeacherMinHoursDaily", "TeachersMinHoursDaily", "StudentsMinHoursDaily",
                     "StudentsSetMinHoursDaily"):
            # FET: on each day with lessons at least that many hours; with empty days not
            # allowed, on every day.
            least = int(_t(c.find("Minimum_Hours_Daily")))
            every_day = _t(c.find("Allow_Empty_Days")).lower() == "false"
            people: list[tuple[str, list[int]]]
            if tag.startswith("Teacher"):
                names = [_t(c.find("Teacher_Name"))] if tag == "TeacherMinHoursDaily" else list(teacher_acts)
                people = [(f"teacher {t}", teacher_acts[t]) for t in names]
            else:
                wanted = leaves(_t(c.find("Students"))) if tag == "StudentsSetMinHoursDaily" \
                    else set().union(*(a["leaves"] for a in acts.values()))
                people = [(f"students {leaf}", [a for a in acts if leaf in acts[a]["leaves"]]) for leaf in wanted]
            for who, their in people:
                prof = day_profile(their)
                for d in range(len(days)):
                    n = len(prof.get(d, ()))
                    if n < least and (n or every_day):
                        problems.append(f"{who} has {n} hours on day {d} (min {least})")
        elif tag in ("TeacherMinDaysPerWeek", "TeachersMinDaysPerWeek"):
            # FET: at least that many days with a lesson, for every teacher of the file
            # (one without lessons too: FET refuses such a file).
            least = int(_t(c.find("Minimum_Days_Per_Week")))
            names = [_t(c.find("Teacher_Name"))] if tag == "TeacherMinDaysPerWeek" \
                else [_t(n) for n in root.findall("Teachers_List/Teacher/Name")]
            for t in names:
                worked = len([d for d, hs in day_profile(teacher_acts.get(t, [])).items() if hs])
                if worked < least:
                    problems.append(f"teacher {t} works {worked} days (min {least})")
        elif tag in ("TeacherIntervalMaxDaysPerWeek", "TeachersIntervalMaxDaysPerWeek",
                     "StudentsIntervalMaxDaysPerWeek", "StudentsSetIntervalMaxDaysPerWeek"):
            # FET: days with a lesson in the hours [start, end) (an empty end: the end of
            # the day), at most that many.
            most = int(_t(c.find("Max_Days_Per_Week")))
            lo = hours.index(_t(c.find("Interval_Start_Hour")))
            end = _t(c.find("Interval_End_Hour"))
            hi = hours.index(end) if end else H
            if tag.startswith("Teacher"):
                names = [_t(c.find("Teacher_Name"))] if tag == "TeacherIntervalMaxDaysPerWeek" else list(teacher_acts)
                people = [(f"teacher {t}", teacher_acts[t]) for t in names]
            else:
                wanted = leaves(_t(c.find("Students"))) if tag == "StudentsSetIntervalMaxDaysPerWeek" \
                    else set().union(*(a["leaves"] for a in acts.values()))
                people = [(f"students {leaf}", [a for a in acts if leaf in acts[a]["leaves"]]) for leaf in wanted]
            for who, their in people:
                n = sum(1 for hs in day_profile(their).values() if any(lo <= h < hi for h in hs))
                if n > most:
                    problems.append(f"{who} has lessons in hours {lo}-{hi - 1} on {n} days (max {most})")
        elif tag in ("TeacherMaxGapsPerDay", "TeachersMaxGapsPerDay", "StudentsMaxGapsPerDay",
                     "StudentsSetMaxGapsPerDay"):
            # FET: on each day, the hours between the first and the last lesson with no
            # lesson, breaks and the person's not-available hours not counted.
            limit = int(_t(c.find("Max_Gaps")))
            them: list[tuple[str, list[int], set[tuple[int, int]]]]
            if tag.startswith("Teacher"):
                names = [_t(c.find("Teacher_Name"))] if tag == "TeacherMaxGapsPerDay" else list(teacher_acts)
                them = [(f"teacher {t}", teacher_acts[t], teacher_na[t]) for t in names]
            else:
                wanted = leaves(_t(c.find("Students"))) if tag == "StudentsSetMaxGapsPerDay" \
                    else set().union(*(a["leaves"] for a in acts.values()))
                them = [(f"students {leaf}", [a for a in acts if leaf in acts[a]["leaves"]], leaf_na[leaf])
                        for leaf in wanted]
            for who, their, na in them:
                for d, hs in day_profile(their).items():
                    gaps = sum(1 for h in range(min(hs), max(hs)) if h not in hs and (d, h) not in breaks | na)
                    if gaps > limit:
                        problems.append(f"{who} has {gaps} gaps on day {d} (max {limit})")
        elif tag.endswith("MaxHoursContinuously") or tag.endswith("ActivityTagMaxHoursDaily"):
            # FET: over each person's lessons (those with the tag, for the tag variants), no
            # day with more hours than that, or no run of busy hours longer than that.
            in_a_row = tag.endswith("Continuously")
            most = int(_t(c.find("Maximum_Hours_Continuously" if in_a_row else "Maximum_Hours_Daily")))
            wanted_tag = _t(c.find("Activity_Tag_Name"))
            for who, their in bound_by(c, tag):
                tagged = [a for a in their if not wanted_tag or wanted_tag in acts[a]["tags"]]
                for d, hs in day_profile(tagged).items():
                    longest = len(hs)
                    if in_a_row:  # the longest run of busy hours from any busy hour
                        longest = max(next(n for n in range(H + 1) if h + n not in hs) for h in hs)
                    if longest > most:
                        problems.append(f"{who} has {longest} hours {'in a row' if in_a_row else ''} on day {d} "
                                        f"(max {most})")
        elif tag.endswith("MaxSpanPerDay"):
            # FET: from the first busy hour of a day to the last, breaks and not-available
            # hours inside counted; a teacher's rule may let one day be an hour longer.
            most = int(_t(c.find("Max_Span")))
            spare = _t(c.find("Allow_One_Day_Exception_of_Plus_One")) == "true"
            for who, their in bound_by(c, tag):
                spans = [max(hs) - min(hs) + 1 for hs in day_profile(their).values() if hs]
                over = [n for n in spans if n > most]
                if spare and most + 1 in over:
                    over.remove(most + 1)
                if over:
                    problems.append(f"{who} has days spanning {over} hours (max {most})")
        elif tag.endswith("MinRestingHours"):
            # FET: the day's hours after its last lesson plus the next day's before its
            # first (breaks and not-available hours counted); circular: the week wraps.
            least = int(_t(c.find("Minimum_Resting_Hours")))
            wraps = _t(c.find("Circular")) == "true"
            for who, their in bound_by(c, tag):
                prof = sorted((d, min(hs), max(hs)) for d, hs in day_profile(their).items() if hs)
                nights = list(zip(prof, prof[1:], strict=False))
                if wraps and len(prof) > 1:
                    d0, first0, last0 = prof[0]
                    nights.append((prof[-1], (d0 + len(days), first0, last0)))
                for (d, _f, last), (e, first, _l) in nights:
                    if (e - d) * H + first - last - 1 < least:
                        problems.append(f"{who} rests {(e - d) * H + first - last - 1} hours after day {d} (min {least})")
        elif tag in ("StudentsMaxGapsPerWeek", "StudentsEarlyMaxBeginningsAtSecondHour"):
            all_leaves = set().union(*(a["leaves"] for a in acts.values()))
            for leaf in all_leaves:
                prof = day_profile([a for a in acts if leaf in acts[a]["leaves"]])
                if tag == "StudentsMaxGapsPerWeek":
                    limit = int(_t(c.find("Max_Gaps")))
                    free = breaks | leaf_na[leaf]
                    gaps = sum(1 for d, hs in prof.items() for h in range(min(hs), max(hs))
                               if h not in hs and (d, h) not in free)
                    if gaps > limit:
                        problems.append(f"students {leaf} have {gaps} gaps (max {limit})")
                else:
                    limit = int(_t(c.find("Max_Beginnings_At_Second_Hour")))
                    # FET: hours before the first lesson, breaks and not-available hours not counted.
                    free = breaks | leaf_na[leaf]
                    firsts = [sum(1 for h in range(min(hs)) if (d, h) not in free) for d, hs in prof.items() if hs]
                    if any(f >= 2 for f in firsts):
                        problems.append(f"students {leaf} start after the second hour")
                    if sum(1 for f in firsts if f == 1) > limit:
                        problems.append(f"students {leaf} start at the second hour too often")
        elif tag == "ActivitiesOccupyMaxTimeSlotsFromSelection":
            chosen = pairs(c, "Selected_Time_Slot", "Selected_Day", "Selected_Hour")
            taken = {s for aid in ids for s in slots(aid)} & chosen
            if len(taken) > int(_t(c.find("Max_Number_of_Occupied_Time_Slots"))):
                problems.append(f"activities {ids} take {len(taken)} of the selected slots")
        elif tag == "ActivitiesMaxSimultaneousInSelectedTimeSlots":
            chosen = pairs(c, "Selected_Time_Slot", "Selected_Day", "Selected_Hour")
            at_once = Counter(s for aid in ids for s in slots(aid) if s in chosen)
            most = int(_t(c.find("Max_Number_of_Simultaneous_Activities")))
            problems.extend(f"{n} of activities {ids} at once in {s}" for s, n in at_once.items() if n > most)
        elif tag == "ActivitiesSameRoomIfConsecutive":
            # FET: two of them on one day, one starting as the other ends, share a room
            # (a break between them parts them; lessons without a room are left alone).
            for x in ids:
                for y in ids:
                    (dx, hx, rx), (dy, hy, ry) = where[x], where[y]
                    if dx == dy and hx + acts[x]["duration"] == hy and rx and ry and rx != ry:
                        problems.append(f"activities {x} and {y} follow each other in rooms {rx} and {ry}")
        elif tag == "RoomNotAvailableTimes":
            room = _t(c.find("Room"))
            na = pairs(c, "Not_Available_Time", "Day", "Hour")
            for aid in where:
                if room in (where[aid][2], *real.get(aid, [])) and set(slots(aid)) & na:
                    problems.append(f"activity {aid} in room {room} while it is not available")
        elif tag in ("ActivityPreferredRoom", "ActivityPreferredRooms", "SubjectPreferredRoom",
                     "SubjectPreferredRooms", "TeacherHomeRoom", "TeacherHomeRooms"):
            allowed = {_t(c.find("Room"))} if c.find("Room") is not None else {_t(r) for r in c.findall("Preferred_Room")}
            if tag.startswith("Activity"):
                targets = ids
            elif tag.startswith("Subject"):
                targets = [a for a in where if acts[a]["subject"] == _t(c.find("Subject"))]
            else:
                # A home room yields to an activity's or subject's own preferred room.
                # FET: it applies to the activities of that teacher alone.
                targets = [a for a in where if acts[a]["teachers"] == [_t(c.find("Teacher"))]
                           and a not in preferred_room_acts]
            for aid in targets:
                if where[aid][2] not in allowed:
                    problems.append(f"activity {aid} in room {where[aid][2]!r}, not in {sorted(allowed)}")
            fixed = {_t(r) for r in c.findall("Real_Room")}  # a virtual room's real rooms, locked
            if fixed and ids and ids[0] in where and set(real.get(ids[0], [])) != fixed:
                problems.append(f"activity {ids[0]} in real rooms {real.get(ids[0])}, not {sorted(fixed)}")
    problems += _building_changes(root, acts, where, len(days), H, leaves)
    return problems


def _building_changes(root: ET.Element, acts: dict, where: dict, D: int, H: int, leaves: Any) -> list[str]:  # type: ignore[type-arg]
    """FET's building-change constraints: along each day's hours, the buildings of a
    teacher's (each subgroup's) lessons, hours in no building (no room, or a room without
    one) skipped; a change is a different building than the last one."""
    building = {_t(r.find("Name")): _t(r.find("Building")) for r in root.findall("Rooms_List/Room")}
    problems = []
    for c in root.find("Space_Constraints_List") or []:
        tag = c.tag.removeprefix("Constraint")
        if "BuildingChanges" not in tag or _t(c.find("Active")).lower() == "false" \
                or float(_t(c.find("Weight_Percentage")) or 0) < 100:
            continue
        if tag.startswith("Teacher"):
            one = _t(c.find("Teacher"))
            people = {t for a in acts.values() for t in a["teachers"] if not one or t == one}
            lessons = {t: [a for a in where if t in acts[a]["teachers"]] for t in people}
        else:
            one = _t(c.find("Students"))
            people = set().union(*(a["leaves"] for a in acts.values())) & (leaves(one) if one else set().union(
                *(a["leaves"] for a in acts.values())))
            lessons = {s: [a for a in where if s in acts[a]["leaves"]] for s in people}
        limit = int(next(_t(e) for e in c if e.tag.startswith(("Max_Building", "Min_Gaps"))))
        for who, ids in lessons.items():
            grid = {}
            for aid in ids:
                d, h, room = where[aid]
                for k in range(acts[aid]["duration"]):
                    grid[(d, h + k)] = building.get(room.strip(), "")
            week = 0
            for d in range(D):
                last, free, changes, quick = "", 0, 0, 0
                for h in range(H):
                    b = grid.get((d, h), "")
                    if not b:
                        free += 1
                        continue
                    if last and b != last:
                        changes += 1
                        quick += free < limit
                    last, free = b, 0
                week += changes
                if "PerDay" in tag and changes > limit:
                    problems.append(f"{who} changes buildings {changes} times on day {d} (max {limit})")
                if "MinGaps" in tag and quick:
                    problems.append(f"{who} changes buildings with fewer than {limit} free hours on day {d}")
            if "PerWeek" in tag and week > limit:
                problems.append(f"{who} changes buildings {week} times a week (max {limit})")
    return problems
