"""Which parts of a FET file the solver considers, and which it does not.

A timetable is called *optimal* only when every active constraint of the file was
modelled and the solver proved that no better timetable exists. Everything else is
reported by name and count, so a result never claims more than was checked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.scheduling.timetable.model import Problem
from app.scheduling.timetable.rules import BUILDING_TYPES, MIN_REST_TYPES, OCCUPY_TYPES

# FET constraint types (without the "Constraint" prefix) that the solver and the checker
# both model, with FET's weights and semantics.
MODELLED_TIME = frozenset({
    "BasicCompulsoryTime",
    "MinDaysBetweenActivities",
    "MaxDaysBetweenActivities",
    "TeacherNotAvailableTimes",
    "StudentsSetNotAvailableTimes",
    "BreakTimes",
    "ActivityPreferredStartingTime",
    "ActivityPreferredStartingTimes",
    "ActivitiesPreferredStartingTimes",
    "ActivitiesPreferredTimeSlots",
    "SubactivitiesPreferredStartingTimes",
    "SubactivitiesPreferredTimeSlots",
    "ActivityPreferredTimeSlots",
    "ActivitiesSameStartingTime",
    "ActivitiesSameStartingDay",
    "ActivitiesSameStartingHour",
    "MinGapsBetweenActivities",
    "TwoActivitiesOrdered",
    "TwoActivitiesOrderedIfSameDay",
    "TwoActivitiesConsecutive",
    "TwoActivitiesGrouped",
    "ActivityEndsStudentsDay",
    "ActivitiesEndStudentsDay",
    "ActivitiesNotOverlapping",
    "TeacherMaxDaysPerWeek",
    "TeachersMaxDaysPerWeek",
    "TeacherMaxHoursDaily",
    "TeachersMaxHoursDaily",
    "TeacherMaxGapsPerWeek",
    "TeachersMaxGapsPerWeek",
    "StudentsMaxGapsPerWeek",
    "StudentsSetMaxGapsPerWeek",
    "StudentsEarlyMaxBeginningsAtSecondHour",
    "StudentsSetEarlyMaxBeginningsAtSecondHour",
    "StudentsMaxHoursDaily",
    "StudentsSetMaxHoursDaily",
    "TeacherMinHoursDaily",
    "TeachersMinHoursDaily",
    "StudentsMinHoursDaily",
    "StudentsSetMinHoursDaily",
    "TeacherMaxGapsPerDay",
    "TeachersMaxGapsPerDay",
    "StudentsMaxGapsPerDay",
    "StudentsSetMaxGapsPerDay",
    "TeacherMaxHoursContinuously",
    "TeachersMaxHoursContinuously",
    "StudentsMaxHoursContinuously",
    "StudentsSetMaxHoursContinuously",
    "TeacherActivityTagMaxHoursDaily",
    "TeachersActivityTagMaxHoursDaily",
    "StudentsActivityTagMaxHoursDaily",
    "StudentsSetActivityTagMaxHoursDaily",
    "TeacherActivityTagMaxHoursContinuously",
    "TeachersActivityTagMaxHoursContinuously",
    "StudentsActivityTagMaxHoursContinuously",
    "StudentsSetActivityTagMaxHoursContinuously",
    "TeacherMinDaysPerWeek",
    "TeachersMinDaysPerWeek",
    "TeacherIntervalMaxDaysPerWeek",
    "TeachersIntervalMaxDaysPerWeek",
    "StudentsIntervalMaxDaysPerWeek",
    "StudentsSetIntervalMaxDaysPerWeek",
    "ActivitiesOccupyMaxTimeSlotsFromSelection",  # at 100 % only, as FET accepts it
    "ActivitiesMaxSimultaneousInSelectedTimeSlots",  # at 100 % only, as FET accepts it
    "TeacherMinRestingHours",  # the four min-resting-hours types at 100 % only, as FET accepts them
    "TeachersMinRestingHours",
    "StudentsMinRestingHours",
    "StudentsSetMinRestingHours",
    "TeacherMaxSpanPerDay",  # the four max-span types at 100 % only, as FET accepts them
    "TeachersMaxSpanPerDay",
    "StudentsMaxSpanPerDay",
    "StudentsSetMaxSpanPerDay",
})
MODELLED_SPACE = frozenset({
    "BasicCompulsorySpace",
    "RoomNotAvailableTimes",
    "ActivityPreferredRoom",
    "ActivityPreferredRooms",
    "SubjectPreferredRoom",
    "SubjectPreferredRooms",
    "TeacherHomeRoom",
    "TeacherHomeRooms",
    "StudentsSetHomeRoom",
    "StudentsSetHomeRooms",
    "ActivityTagPreferredRoom",
    "ActivityTagPreferredRooms",
    "SubjectActivityTagPreferredRoom",
    "SubjectActivityTagPreferredRooms",
    "ActivitiesOccupyMaxDifferentRooms",  # at 100 % only, as FET accepts it
    "ActivitiesSameRoomIfConsecutive",  # at 100 % only, as FET accepts it
})
# FET's building changes (buildings.py), settled with the rooms, after the times: at 100 %
# only, as every example file has them.
BUILDING_CHANGES = frozenset(BUILDING_TYPES)
MODELLED_SPACE |= BUILDING_CHANGES
# Types the solver models at 100 % only (FET refuses to generate with them below).
HARD_ONLY = frozenset({"ActivitiesOccupyMaxDifferentRooms", "ActivitiesSameRoomIfConsecutive", *OCCUPY_TYPES,
                       "TeacherMaxSpanPerDay", "TeachersMaxSpanPerDay", "StudentsMaxSpanPerDay",
                       "StudentsSetMaxSpanPerDay"}) | MIN_REST_TYPES | BUILDING_CHANGES
MODELLED = MODELLED_TIME | MODELLED_SPACE

MODE = "Mode"


@dataclass
class Coverage:
    """What of a file the solver considers.

    ``not_considered`` maps a FET constraint type (or a file feature the solver does not
    model, such as a mornings-afternoons mode) to how many active instances the file has.
    """

    not_considered: dict[str, int] = field(default_factory=dict)
    mode: str = "Official"

    @property
    def complete(self) -> bool:
        return not self.not_considered

    @property
    def types(self) -> dict[str, int]:
        """The constraint types not considered, the mode left out."""
        return {name: n for name, n in self.not_considered.items() if not name.startswith(f"{MODE} ")}

    @property
    def n_constraints(self) -> int:
        return sum(self.types.values())

    @property
    def n_types(self) -> int:
        return len(self.types)

    @property
    def other_mode(self) -> bool:
        """The file is in a FET mode other than the official one (not modelled)."""
        return self.mode not in ("Official", "")

    def sentence(self) -> str:
        """``"12 constraints of 3 types were not considered"`` (empty when complete), and
        the file's mode when it is not the official one."""
        if self.complete:
            return ""
        from app.core.i18n import _, ngettext

        n, k = self.n_constraints, self.n_types
        if k == 0:
            said = ""
        elif k == 1:
            said = ngettext("{n} constraint of 1 type was not considered",
                            "{n} constraints of 1 type were not considered", n).format(n=n)
        else:
            said = _("{n} constraints of {k} types were not considered").format(n=n, k=k)
        if not self.other_mode:
            return said
        mode = _("the file's {mode} mode was not modelled (every rule read as in the official mode)").format(
            mode=mode_name(self.mode))
        return f"{said}; {mode}" if said else mode

    def details(self) -> list[str]:
        from app.core.i18n import _

        mode = [_("FET's {mode} mode").format(mode=mode_name(self.mode))] if self.other_mode else []
        return mode + [f"{name} ×{count}" for name, count in self.types.items()]


def mode_name(mode: str) -> str:
    """FET's mode in words ("mornings-afternoons" for ``Mornings_Afternoons``)."""
    from app.core.i18n import _

    return {"Mornings_Afternoons": _("mornings-afternoons"), "Block_Planning": _("block planning"),
            "Terms": _("terms")}.get(mode, mode)


def coverage(p: Problem) -> Coverage:
    """The active, weighted constraints of ``p`` that the solver does not model."""
    counts: Counter[str] = Counter(
        c.type for c in p.constraints if c.active and c.weight > 0
        and (c.type not in MODELLED or (c.type in HARD_ONLY and c.weight < 100))
    )
    mode = p.mode
    if mode not in ("Official", ""):
        # Mornings-afternoons, block planning and terms change what a "day" means.
        counts[f"{MODE} {mode}"] = 1
    return Coverage(dict(sorted(counts.items())), mode)
