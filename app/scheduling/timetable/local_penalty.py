"""How much the checker's penalty changes when a few lessons move, without checking the
whole timetable.

Repair's tries (:mod:`repair_kernel`) move a handful of lessons; checking the whole
timetable after each one (:func:`~app.scheduling.timetable.evaluate.evaluate`, 2-7 ms on
FET's larger examples) took most of repair's time once the lessons were placed again by
the compiled loop (FET's PBS: 95 % of it). Most tries end with a higher penalty; this
works out the change from the rules of the moved lessons alone, counted as the checker
counts them, so those tries are undone without the whole check. A try that is not worse
by this count is still checked whole before it is kept.

It is only used on schools where every soft rule is of a kind counted here (soft start
wishes, soft rules between lessons, soft room wishes and room closures, and a teacher's
or students set's soft load rules: hours a day, hours in a row, days, gaps, late starts,
each recounted whole, by the checker's own :func:`~app.scheduling.timetable.evaluate.load_violations`,
when one of its lessons moved). A school with another soft rule (a rule ending the
students' day, a limit on the rooms several lessons use) gets None from
:func:`local_penalty`, and every try is checked whole.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Protocol

from app.scheduling.timetable.evaluate import PER_RULE_KINDS, load_violations, unit_cost
from app.scheduling.timetable.rules import STAR_KINDS, GroupRule, LoadRule, Rules, StartRule


class Where(Protocol):
    """Lesson index -> (start slot or -1, room name or "")."""

    def __getitem__(self, i: int, /) -> tuple[int, str]: ...


class LocalPenalty:
    """The soft rules of each lesson (by its index in ``aids``), to count the change of
    the penalty when some lessons move."""

    def __init__(self, rules: Rules, aids: list[int]) -> None:
        self.index = {aid: i for i, aid in enumerate(aids)}
        self.dur = [0] * len(aids)
        for a in rules.acts:
            if a.id in self.index:
                self.dur[self.index[a.id]] = a.duration
        self.H = rules.problem.n_hours
        self.starts: dict[int, list[StartRule]] = defaultdict(list)
        for r in rules.start_rules:
            if r.weight < 100 and r.aid in self.index:
                self.starts[self.index[r.aid]].append(r)
        self.groups: dict[int, list[tuple[GroupRule, list[int]]]] = defaultdict(list)
        for g in rules.groups:
            if g.weight < 100:
                members = [self.index[x] for x in g.aids if x in self.index]
                for i in members:
                    self.groups[i].append((g, members))
        self.rooms = {self.index[aid]: [(w, allowed) for _cid, w, allowed, _label in c.soft]
                      for aid, c in rules.rooms.items() if aid in self.index and c.soft}
        self.blocks = [b for b in rules.room_blocks if b.weight < 100]
        self.problem, self.acts = rules.problem, {a.id: a for a in rules.acts}
        self.loads = self._soft_loads(rules)

    def _soft_loads(self, rules: Rules) -> dict[int, list[LoadRule]]:
        """The soft load rules of each lesson."""
        loads: dict[int, list[LoadRule]] = defaultdict(list)
        for ld in rules.loads:
            if ld.weight < 100:
                for i in {self.index[x] for x in ld.aids if x in self.index}:
                    loads[i].append(ld)
        return loads

    def change(self, moved: list[int], before: Where, after: Where) -> int:
        """The penalty with ``after`` minus the penalty with ``before``, when only the
        lessons ``moved`` differ between the two."""
        return self.compare(moved, before, after)[0]

    def compare(self, moved: list[int], before: Where, after: Where) -> tuple[int, dict[int, int]]:
        """:meth:`change`, and how many more broken soft rules each lesson is named in
        (as the checker names lessons in its soft violations; negative: fewer)."""
        cost_b, named_b = self._tally(moved, before)
        cost_a, named = self._tally(moved, after)
        for i, n in named_b.items():
            named[i] = named.get(i, 0) - n
        return cost_a - cost_b, {i: n for i, n in named.items() if n}

    def _tally(self, moved: list[int], where: Where) -> tuple[int, dict[int, int]]:
        """The cost of the rules of the lessons ``moved`` (their own, and those between
        them and others), and the lessons each broken one names."""
        cost = 0
        named: dict[int, int] = defaultdict(int)
        seen: set[int] = set()
        for i in moved:
            cost += self._own(i, where, named)
            for g, members in self.groups[i]:
                if id(g) not in seen:
                    seen.add(id(g))
                    cost += unit_cost(g.weight) * self._pairs(g, members, where, named)
            for ld in self.loads[i]:
                if id(ld) not in seen:
                    seen.add(id(ld))
                    cost += self._load(ld, where, named)
        return cost, named

    def _load(self, ld: LoadRule, where: Where, named: dict[int, int]) -> int:
        """The cost of one load rule, its lessons where ``where`` has them, counted by the
        checker's own function (so its count and the lessons it names are the checker's)."""
        start = {}
        for x in ld.aids:
            j = self.index.get(x)
            if j is not None and (t := where[j][0]) >= 0:
                start[x] = t
        cost = 0
        for v in load_violations(ld, start, self.acts, self.problem):
            cost += v.cost
            for a in v.activity_ids:
                named[self.index[a]] += 1
        return cost

    def _own(self, i: int, where: Where, named: dict[int, int]) -> int:
        """The cost of the rules of lesson ``i`` alone: start wishes, room wishes and
        soft room closures."""
        t, room = where[i]
        if t < 0:
            return 0
        d = self.dur[i]
        cost = 0
        for r in self.starts[i]:
            n = r.broken(t, d)
            if n:
                cost += unit_cost(r.weight) * n
                named[i] += 1
        for w, allowed in self.rooms.get(i, ()):
            if room not in allowed:
                cost += unit_cost(w)
                named[i] += 1
        if room:
            for b in self.blocks:
                n = len(b.slots.intersection(range(t, t + d))) if b.room == room else 0
                if n:
                    cost += unit_cost(b.weight) * n
                    named[i] += 1
        return cost

    def _pairs(self, g: GroupRule, members: list[int], where: Where, named: dict[int, int]) -> int:
        """How many times ``g`` is broken (over each pair of its placed lessons, in the
        rule's order, as the checker counts it); the checker names the two lessons of
        each broken pair, or, for a same-start, same-day or same-hour rule, all of them
        once."""
        placed = [(i, where[i][0], self.dur[i]) for i in members if where[i][0] >= 0]
        total = 0
        for k, (x, s1, d1) in enumerate(placed):
            for y, s2, d2 in placed[k + 1:]:
                n = g.times_broken(s1, d1, s2, d2, self.H)
                if n:
                    total += n
                    if g.kind not in PER_RULE_KINDS:
                        named[x] += 1
                        named[y] += 1
        if total and g.kind in PER_RULE_KINDS:
            for x, _s, _d in placed:
                named[x] += 1
        return total


def local_penalty(rules: Rules, aids: list[int]) -> LocalPenalty | None:
    """A :class:`LocalPenalty` if every soft rule of the school is of a kind it counts;
    None otherwise."""
    if any(rg.weight < 100 for rg in rules.room_groups):
        return None
    if any(g.weight < 100 and g.kind in STAR_KINDS for g in rules.groups):
        return None
    return LocalPenalty(rules, aids)
