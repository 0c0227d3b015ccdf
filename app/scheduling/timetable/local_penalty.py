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
wishes, soft rules between lessons, soft room wishes and room closures). A school with
another soft rule (a teacher's or students' load, a rule ending the students' day, a
limit on the rooms several lessons use) gets None from :func:`local_penalty`, and every
try is checked whole.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Protocol

from app.scheduling.timetable.evaluate import unit_cost
from app.scheduling.timetable.rules import STAR_KINDS, GroupRule, Rules, StartRule


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

    def change(self, moved: list[int], before: Where, after: Where) -> int:
        """The penalty with ``after`` minus the penalty with ``before``, when only the
        lessons ``moved`` differ between the two."""
        out = 0
        seen: set[int] = set()
        for i in moved:
            out += self._own(i, after) - self._own(i, before)
            for g, members in self.groups[i]:
                if id(g) not in seen:
                    seen.add(id(g))
                    out += unit_cost(g.weight) * (self._pairs(g, members, after) - self._pairs(g, members, before))
        return out

    def _own(self, i: int, where: Where) -> int:
        """The cost of the rules of lesson ``i`` alone: start wishes, room wishes and
        soft room closures."""
        t, room = where[i]
        if t < 0:
            return 0
        d = self.dur[i]
        cost = sum(unit_cost(r.weight) * r.broken(t, d) for r in self.starts[i])
        cost += sum(unit_cost(w) for w, allowed in self.rooms.get(i, ()) if room not in allowed)
        if room:
            cost += sum(unit_cost(b.weight) * len(b.slots.intersection(range(t, t + d)))
                        for b in self.blocks if b.room == room)
        return cost

    def _pairs(self, g: GroupRule, members: list[int], where: Where) -> int:
        """How many times ``g`` is broken (over each pair of its placed lessons, in the
        rule's order, as the checker counts it)."""
        placed = [(where[i][0], self.dur[i]) for i in members if where[i][0] >= 0]
        return sum(g.times_broken(s1, d1, s2, d2, self.H)
                   for k, (s1, d1) in enumerate(placed) for s2, d2 in placed[k + 1:])


def local_penalty(rules: Rules, aids: list[int]) -> LocalPenalty | None:
    """A :class:`LocalPenalty` if every soft rule of the school is of a kind it counts;
    None otherwise."""
    if any(ld.weight < 100 for ld in rules.loads) or any(rg.weight < 100 for rg in rules.room_groups):
        return None
    if any(g.weight < 100 and g.kind in STAR_KINDS for g in rules.groups):
        return None
    return LocalPenalty(rules, aids)
