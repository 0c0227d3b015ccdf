"""The whole demo school: the store's students and classes plus every feature's own data.

The store's :func:`app.store.demo.build_demo` knows no feature; this module, above it,
adds each feature's ``extend_demo`` (holidays, a counselor's month, a conference day) in
the same transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.scheduling.counselor_store import extend_demo as counselor_demo
from app.store import demo as store_demo
from app.store.database import CreatedWorkspace

EXTENSIONS: tuple[store_demo.DemoExtension, ...] = (counselor_demo,)


def build_demo(path: Path | str, **options: Any) -> CreatedWorkspace:
    """Create and fill a demo workspace with every feature's demo data; returns it open.

    ``options`` are :func:`app.store.demo.build_demo`'s (students, seed, keyless, ...).
    """
    return store_demo.build_demo(path, extensions=EXTENSIONS, **options)
