"""Complexity ratchet: no new function above the limit, no listed one getting worse.

ruff's mccabe check (C901) measures every function under app/. A function may exceed
LIMIT only if it is in .ci/complexity-ratchet.txt, and then only up to the number there.
When you simplify a listed function, lower (or delete) its line: the list only shrinks.

    python3 .ci/complexity.py            # check
    python3 .ci/complexity.py --update   # rewrite the list from today's code (only to shrink it)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATCHET = ROOT / ".ci" / "complexity-ratchet.txt"
LIMIT = 10
MESSAGE = re.compile(r"`(?P<name>[^`]+)` is too complex \((?P<n>\d+) > \d+\)")


def measure() -> dict[str, int]:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "app", "--select", "C901", "--output-format", "json",
         "--config", f"lint.mccabe.max-complexity = {LIMIT}", "--exit-zero"],
        cwd=ROOT, capture_output=True, text=True, check=True)
    found: dict[str, int] = {}
    for item in json.loads(result.stdout):
        match = MESSAGE.search(item["message"])
        if match:
            where = Path(item["filename"]).resolve().relative_to(ROOT).as_posix()
            key = f"{where}::{match['name']}"
            found[key] = max(found.get(key, 0), int(match["n"]))
    return found


def load() -> dict[str, int]:
    allowed: dict[str, int] = {}
    for line in RATCHET.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            key, n = line.rsplit(" ", 1)
            allowed[key] = int(n)
    return allowed


def main() -> int:
    found = measure()
    if "--update" in sys.argv:
        lines = [f"{key} {n}" for key, n in sorted(found.items())]
        RATCHET.write_text("# function complexity allowed above %d (only ever lower these)\n" % LIMIT
                           + "\n".join(lines) + "\n", "utf-8")
        print(f"wrote {len(lines)} entries to {RATCHET.relative_to(ROOT)}")
        return 0
    allowed = load()
    failures = [f"{key}: complexity {n} > {allowed.get(key, LIMIT)}"
                + ("" if key in allowed else f" (new functions must stay at {LIMIT} or below)")
                for key, n in sorted(found.items()) if n > allowed.get(key, LIMIT)]
    better = [f"{key}: now {found.get(key, LIMIT)}, listed {n}" for key, n in sorted(allowed.items())
              if found.get(key, LIMIT) < n]
    if better:
        print("Simpler than listed; lower these in .ci/complexity-ratchet.txt:\n  " + "\n  ".join(better))
    if failures:
        print("Too complex (split the function, or simplify it):\n  " + "\n  ".join(failures))
        return 1
    print(f"complexity ratchet: ok ({len(found)} functions above {LIMIT}, none worse than listed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
