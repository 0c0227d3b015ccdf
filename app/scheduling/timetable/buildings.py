"""FET's building-change rules: how often a teacher or a class may walk between
buildings, and how much free time a walk needs.

A lesson is in the building of its room; a lesson without a room, or in a room with no
building, is in none (FET leaves that hour empty). Along each day, a *change* is two
lessons one after the other (lessons in no building between them skipped) in different
buildings. FET's three rules, each for one teacher, every teacher, one students set or
every student (each subgroup counted on its own, as FET counts):

- max building changes per day: each change beyond the limit on a day counts once;
- max building changes per week: each change beyond the limit in the week counts once;
- min gaps between building changes: each change with fewer free hours before it than
  the limit counts once (hours of lessons in no building count as free, as in FET).

They are compiled with the other rules (``rules.BuildingRule``). Here: the checker's
count (:func:`broken`) and the rules as constraints of the room assignment, whose times
are fixed (:func:`constrain`, called by :func:`solver.assign_rooms`). The placement holds
them when it picks a lesson's room (``Placer.building_out``, ``kernel.building_out``); the
CP-SAT time model leaves them out (a relaxation). So they are modelled at 100 % only, as
FET's example files all have them; below that they are reported as not considered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from app.core.i18n import ngettext
from app.scheduling.timetable.model import Placement
from app.scheduling.timetable.rules import BuildingRule, Rules


@dataclass
class _Walk:
    """A change of building on one day: from lesson ``a`` to lesson ``b``, with
    ``free`` hours between them."""

    day: int
    a: int
    b: int
    free: int


def _walks(rule: BuildingRule, placed: dict[int, Placement], durations: dict[int, int],
           building: dict[str, str]) -> list[_Walk]:
    """The rule's changes of building, day by day, in a timetable with its rooms."""
    by_day: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for aid in rule.aids:
        pl = placed.get(aid)
        if pl is not None and building.get(pl.room):
            by_day[pl.day].append((pl.hour, aid))
    out = []
    for day, lessons in sorted(by_day.items()):
        lessons.sort()
        for (h1, a), (h2, b) in pairwise(lessons):
            if building[placed[a].room] != building[placed[b].room]:
                out.append(_Walk(day, a, b, h2 - h1 - durations[a]))
    return out


def broken(rules: Rules, placed: dict[int, Placement]) -> list[tuple[BuildingRule, str, list[int], int]]:
    """Every building rule ``placed`` (rooms included) breaks, for the checker: the rule,
    what happened, the lessons involved and how many times FET counts it broken."""
    if not rules.buildings:
        return []
    p = rules.problem
    building = {r.name: r.building for r in p.rooms if r.building}
    durations = {a.id: a.duration for a in rules.acts}
    out = []
    for rule in rules.buildings:
        walks = _walks(rule, placed, durations, building)
        if rule.kind == "per_week":
            if len(walks) > rule.limit:
                said = ngettext("{label} — changes {n} time", "{label} — changes {n} times", len(walks))
                out.append((rule, said.format(label=rule.label, n=len(walks)),
                            _involved(walks), rule.count * (len(walks) - rule.limit)))
            continue
        per_day: dict[int, list[_Walk]] = defaultdict(list)
        for w in walks:
            if rule.kind == "per_day" or w.free < rule.limit:
                per_day[w.day].append(w)
        for day, day_walks in sorted(per_day.items()):
            over = len(day_walks) - rule.limit if rule.kind == "per_day" else len(day_walks)
            if over > 0:
                said = ngettext("{label} — {day}: {n} change", "{label} — {day}: {n} changes", len(day_walks))
                out.append((rule, said.format(label=rule.label, day=p.days[day], n=len(day_walks)),
                            _involved(day_walks), rule.count * over))
    return out


def _involved(walks: list[_Walk]) -> list[int]:
    return list(dict.fromkeys(i for w in walks for i in (w.a, w.b)))


def constrain(m: Any, rules: Rules, starts: dict[int, int], y: dict[int, dict[str, Any]], enabled: bool = True) -> None:
    """The building rules as constraints of the room assignment ``m`` (CP-SAT), whose
    literal ``y[lesson][room]`` says the lesson is in that room, with the times fixed.

    Two lessons of a day are walked between when both are in a building and no lesson
    between them is; a walk is a change when their buildings differ. Each possible walk
    gets a literal forced true when it is a change (limits on changes), or its change is
    forbidden outright (too few free hours before it)."""
    if not rules.buildings or not enabled:
        return
    H = rules.problem.n_hours
    building = {r.name: r.building for r in rules.problem.rooms if r.building}
    durations = {a.id: a.duration for a in rules.acts}
    where = {aid: _by_building(opts, building) for aid, opts in y.items()}
    always = {aid for aid, opts in y.items() if opts and all(building.get(r) for r in opts)}
    for rule in rules.buildings:
        changes: list[list[Any]] = []
        for lessons in _days(rule, starts, where, H):
            changes.append([])
            for a, b, between in _possible_walks(lessons, always):
                terms = _change_terms(where, a, b, between)
                if rule.kind != "min_gaps":
                    changes[-1] += [_walk_literal(m, terms)] if terms else []
                elif starts[b] - starts[a] - durations[a] < rule.limit:
                    for term in terms:  # too little time for this walk: no change
                        m.add(term <= 0)
        for lits in changes if rule.kind == "per_day" else [sum(changes, [])]:
            if rule.kind != "min_gaps" and len(lits) > rule.limit:
                m.add(sum(lits) <= rule.limit)


def _days(rule: BuildingRule, starts: dict[int, int], where: dict[int, dict[str, list[Any]]],
          H: int) -> list[list[int]]:
    """The rule's lessons that may be in a building, day by day, in time order."""
    by_day: dict[int, list[int]] = defaultdict(list)
    for aid in rule.aids:
        if aid in starts and where.get(aid):
            by_day[starts[aid] // H].append(aid)
    return [sorted(lessons, key=lambda aid: (starts[aid], aid)) for lessons in by_day.values()]


def _possible_walks(lessons: list[int], always: set[int]) -> list[tuple[int, int, list[int]]]:
    """Pairs of a day's lessons (in time order) that may be walked between: each with the
    lessons between them, none of which is surely in a building."""
    out = []
    for i, a in enumerate(lessons):
        for j in range(i + 1, len(lessons)):
            out.append((a, lessons[j], lessons[i + 1:j]))
            if lessons[j] in always:  # no walk from a goes past it
                break
    return out


def _by_building(options: dict[str, Any], building: dict[str, str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for room, v in options.items():
        if building.get(room):
            out[building[room]].append(v)
    return dict(out)


def _change_terms(where: dict[int, dict[str, list[Any]]], a: int, b: int, between: list[int]) -> list[Any]:
    """One linear expression per building of ``a``, positive exactly when ``a`` is in it,
    ``b`` in another and no lesson between them in any (empty when no change is possible)."""
    inside = [v for k in between for lits in where[k].values() for v in lits]
    out = []
    for g, in_g in where[a].items():
        elsewhere = [v for h, lits in where[b].items() if h != g for v in lits]
        if elsewhere:
            out.append(sum(in_g) + sum(elsewhere) - sum(inside) - 1)
    return out


def _walk_literal(m: Any, terms: list[Any]) -> Any:
    """A literal that is true whenever the walk ``terms`` describe changes building."""
    changed = m.new_bool_var("")
    for term in terms:
        m.add(term <= changed)
    return changed

