"""Which dropped or picked files can be read as scans, and which are refused at once.

A teacher drops a folder that also holds the class's Word handout, or picks a spreadsheet
by mistake: those must not become "unreadable page" items to clear one by one in the
review queue, nor vanish without a word. ``split_inputs`` walks folders, keeps images
and PDFs (by name or by their first bytes) and lists everything else, so the app and the
command line can refuse them in one message. Hidden and system files (``.DS_Store``,
``Thumbs.db``, ``desktop.ini``) are not the teacher's and are passed over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import _
from app.grading.images import SUPPORTED_SUFFIXES

SYSTEM_FILES = {"thumbs.db", "desktop.ini", "ehthumbs.db", ".ds_store"}
_MAGIC = (b"%PDF", b"\xff\xd8", b"\x89PNG", b"II*\x00", b"MM\x00*", b"BM")


@dataclass
class ScanInputs:
    files: list[Path] = field(default_factory=list)  # to read, in order
    refused: list[Path] = field(default_factory=list)  # not images or PDFs
    missing: list[Path] = field(default_factory=list)  # named but not there

    def refused_text(self, limit: int = 12) -> str:
        """The refused files by name, the first ``limit`` of them, for one message."""
        names = [p.name for p in self.refused[:limit]]
        more = len(self.refused) - len(names)
        if more > 0:
            return _("{names} and {count} more").format(names=", ".join(names), count=more)
        return ", ".join(names)


def _looks_like_a_scan(path: Path) -> bool:
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.name.lower() in SYSTEM_FILES


def split_inputs(paths: Iterable[Path | str]) -> ScanInputs:
    """Files to read and files refused, from files and folders (folders recursively, sorted)."""
    out = ScanInputs()
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not f.is_file() or _ignored(f) or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                (out.files if _looks_like_a_scan(f) else out.refused).append(f)
        elif not p.exists():
            out.missing.append(p)
        elif not _ignored(p) or p.suffix.lower() in SUPPORTED_SUFFIXES:
            (out.files if _looks_like_a_scan(p) else out.refused).append(p)
    return out
