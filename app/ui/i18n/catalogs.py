"""Qt translation catalogs of the app's screens, one ``teacherdesk_<lang>.ts`` per language.

The .ts files are the sources translators edit (Qt Linguist, any text editor, or a CSV
round trip for people who prefer a spreadsheet); the .qm files next to them are what the
app loads, built by ``pyside6-lrelease`` and committed so a fresh checkout or installer
needs no build step. ``check()`` is what the coverage test runs: every tr() string in
app/ui translated and finished, and every .qm built from its current .ts.

This module needs no Qt import: it drives the ``pyside6-lupdate``/``pyside6-lrelease``
tools that ship with PySide6 and reads the XML itself.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.paths import asset

APP_ROOT = Path(__file__).resolve().parents[2]  # the `app` package
UI_ROOT = APP_ROOT / "ui"
PREFIX = "teacherdesk_"
SOURCE_LANGUAGE = "en"
CSV_COLUMNS = ("context", "source", "comment", "translation", "translation_plural")


@dataclass
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    forms: list[str] = field(default_factory=list)  # one, or one per plural form
    finished: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return self.context, self.source, self.comment


@dataclass(frozen=True)
class Problems:
    """What ``check`` found for one language; empty lists mean the catalog is complete."""

    language: str
    unfinished: list[Message]
    stale_qm: bool
    finished: int
    total: int

    @property
    def ok(self) -> bool:
        return not self.unfinished and not self.stale_qm


def catalog_dir() -> Path:
    return asset("translations", "qt")


def ts_path(language: str) -> Path:
    return catalog_dir() / f"{PREFIX}{language}.ts"


def languages() -> list[str]:
    """Languages with a .ts catalog (English's holds its plural forms only)."""
    return sorted(p.stem[len(PREFIX):] for p in catalog_dir().glob(f"{PREFIX}*.ts"))


def ui_sources() -> list[Path]:
    return sorted(p for p in UI_ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def _tool(name: str) -> str:
    """pyside6-lupdate/-lrelease from the same environment as this Python."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} not found; install PySide6 (uv sync) first")
    return found


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed:\n{done.stdout}\n{done.stderr}")


def lupdate(ts: Path, language: str) -> None:
    """Re-extract every tr()/translate() string of app/ui into ``ts``, keeping existing
    translations and dropping strings no longer in the code. No file/line locations are
    stored so parallel edits of the code do not conflict in the catalog.

    English, the source language, has a catalog of the plural strings only ("%n page(s)"
    -> "1 page" / "2 pages")."""
    plural_only = ["-pluralonly"] if language == SOURCE_LANGUAGE else []
    _run([_tool("pyside6-lupdate"), *map(str, ui_sources()), "-ts", str(ts),
          "-locations", "none", "-no-obsolete", "-source-language", SOURCE_LANGUAGE,
          "-target-language", language, "-silent", *plural_only])


def lrelease(ts: Path, qm: Path | None = None) -> Path:
    qm = qm or ts.with_suffix(".qm")
    _run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm), "-silent"])
    return qm


def read_messages(ts: Path) -> list[Message]:
    root = ET.parse(ts).getroot()
    out: list[Message] = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            out.append(_message(name, m))
    return out


def _message(context: str, m: ET.Element) -> Message:
    tr = m.find("translation")
    numerus = m.get("numerus") == "yes"
    if tr is None:
        forms: list[str] = []
    elif numerus:
        forms = [f.text or "" for f in tr.iter("numerusform")]
    else:
        forms = [tr.text or ""]
    kind = tr.get("type") if tr is not None else "unfinished"
    finished = kind not in ("unfinished", "obsolete", "vanished") and any(forms) and all(forms)
    return Message(context, m.findtext("source") or "", m.findtext("comment") or "", numerus,
                   forms, finished)


def stats(ts: Path) -> tuple[int, int]:
    """(finished, total) messages of a catalog."""
    messages = read_messages(ts)
    return sum(m.finished for m in messages), len(messages)


def update(langs: Iterable[str] | None = None) -> list[Path]:
    """lupdate then lrelease for each language (all catalogs by default)."""
    done = []
    for language in langs or languages():
        ts = ts_path(language)
        lupdate(ts, language)
        lrelease(ts)
        done.append(ts)
    return done


def new_language(language: str) -> Path:
    """Start a catalog for a new language: every string, none translated yet."""
    ts = ts_path(language)
    if ts.exists():
        raise FileExistsError(f"{ts} already exists; run `update` instead")
    ts.parent.mkdir(parents=True, exist_ok=True)
    lupdate(ts, language)
    lrelease(ts)
    return ts


def check(language: str) -> Problems:
    """Extract the code's strings into a copy of the catalog and list what is not finished;
    also whether the committed .qm differs from a fresh build of the committed .ts."""
    ts = ts_path(language)
    with tempfile.TemporaryDirectory(prefix="teacherdesk-ts-") as tmp:
        copy = Path(tmp) / ts.name
        shutil.copyfile(ts, copy)
        lupdate(copy, language)
        messages = read_messages(copy)
        fresh = lrelease(ts, Path(tmp) / "fresh.qm")
        qm = ts.with_suffix(".qm")
        stale = not qm.exists() or qm.read_bytes() != fresh.read_bytes()
    unfinished = [m for m in messages if not m.finished]
    return Problems(language, unfinished, stale, len(messages) - len(unfinished), len(messages))


def export_csv(language: str, target: Path, *, everything: bool = False) -> int:
    """The unfinished strings (or all) as a CSV to fill in a spreadsheet; returns the count.
    The code is re-read first so strings added since the last update are included."""
    ts = ts_path(language)
    lupdate(ts, language)
    rows = [m for m in read_messages(ts) if everything or not m.finished]
    with target.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for m in rows:
            forms = m.forms + ["", ""]
            writer.writerow([m.context, m.source, m.comment, forms[0], forms[1] if m.numerus else ""])
    return len(rows)


def import_csv(language: str, source: Path) -> int:
    """Merge a filled CSV back into the catalog (rows with an empty translation are
    skipped), mark them finished and rebuild the .qm; returns how many were taken."""
    with source.open(newline="", encoding="utf-8-sig") as fh:
        rows = {(r["context"], r["source"], r.get("comment") or ""): r for r in csv.DictReader(fh)}
    ts = ts_path(language)
    tree = ET.parse(ts)
    taken = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            row = rows.get((name, m.findtext("source") or "", m.findtext("comment") or ""))
            if row and (row.get("translation") or "").strip():
                _fill(m, row)
                taken += 1
    _write(tree.getroot(), ts)
    lupdate(ts, language)  # back to lupdate's own layout, so diffs stay small
    lrelease(ts)
    return taken


def _fill(m: ET.Element, row: dict[str, str]) -> None:
    old = m.find("translation")
    count = len(old.findall("numerusform")) if old is not None else 0
    if old is not None:
        m.remove(old)
    tr = ET.SubElement(m, "translation")
    if m.get("numerus") == "yes":
        # As many forms as the language has (lupdate wrote that many empty ones): the
        # first is the singular, every other one the plural.
        plural = row.get("translation_plural") or row["translation"]
        for form in [row["translation"], *[plural] * (max(count, 2) - 1)]:
            ET.SubElement(tr, "numerusform").text = form
    else:
        tr.text = row["translation"]


def _write(root: ET.Element, ts: Path) -> None:
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")
