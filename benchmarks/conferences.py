"""Conference scheduler benchmark: 40 teachers, 600 families (two evenings).

    uv run python benchmarks/conferences.py [--teachers 40] [--families 600] [--time-limit 8]

Prints the seconds taken and how many requests were placed by the greedy pass alone and by
greedy + CP-SAT, and checks every schedule with the independent verifier.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.scheduling.conferences import schedule, verify  # noqa: E402
from app.scheduling.conferences_synthetic import synthetic_plan  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--teachers", type=int, default=40)
    ap.add_argument("--families", type=int, default=600)
    ap.add_argument("--time-limit", type=float, default=5.0)
    args = ap.parse_args()
    import time

    t0 = time.perf_counter()
    from ortools.sat.python import cp_model  # noqa: F401  (a one-off cost, shown apart)

    print(f"importing OR-Tools: {time.perf_counter() - t0:.2f} s (once per app session)")
    plan = synthetic_plan(args.teachers, args.families)
    slots = sum(len(d.slots()) for d in plan.days)
    print(f"{args.teachers} teachers, {args.families} families, {len(plan.requests)} requests, "
          f"{slots} slots per teacher over {len(plan.days)} evenings")
    for label, use_cp in (("greedy", False), ("greedy + CP-SAT", True)):
        result = schedule(plan, use_cp_sat=use_cp, time_limit=args.time_limit)
        problems = verify(plan, result.bookings)
        reasons = Counter(u.code for u in result.unplaced)
        print(f"{label:16s} {result.seconds:6.2f} s  placed {result.placed}/{result.requests} "
              f"({100 * result.placed / result.requests:.1f}%)  solver={result.solver}  "
              f"rule violations={len(problems)}  left out by reason={dict(reasons)}")
        by_family: dict[int, list[tuple[int, int]]] = {}
        for b in result.bookings:
            by_family.setdefault(plan_family(plan, b.request_id), []).append((b.day_id, b.slot))
        multi = [v for v in by_family.values() if len(v) > 1]
        compact = sum(1 for v in multi if len({d for d, _ in v}) == 1
                      and max(k for _, k in v) - min(k for _, k in v) <= len(v))
        print(f"{'':16s} families with 2+ meetings: {len(multi)}, same evening and back to back "
              f"(at most one walking gap): {compact}")
    # Scheduling again ("place the rest"): every booking stays, only the rest is tried.
    again = schedule(plan, keep=result.bookings, time_limit=args.time_limit)
    before = {b.request_id: (b.day_id, b.slot) for b in result.bookings}
    after = {b.request_id: (b.day_id, b.slot) for b in again.bookings}
    unchanged = sum(1 for rid, where in before.items() if after.get(rid) == where)
    print(f"{'place the rest':16s} {again.seconds:6.2f} s  kept {again.kept}/{len(before)} bookings "
          f"(unchanged {unchanged}), placed {again.newly_placed} more, "
          f"rule violations={len(verify(plan, again.bookings))}")


def plan_family(plan, rid):  # type: ignore[no-untyped-def]
    return next(r.family_id for r in plan.requests if r.id == rid)


if __name__ == "__main__":
    main()
