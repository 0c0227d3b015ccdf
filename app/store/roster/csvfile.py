"""Reading roster CSV files from a folder, a .zip or a single file, in memory.

Files are decoded as UTF-8 with or without a byte-order mark; an export that is not UTF-8
(Excel's Windows-1252) is read as such with a warning. Nothing is extracted to disk: a
roster is student data, and a temp folder is plaintext.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import _
from app.store.roster.report import CsvSyntaxError, RosterError

# Read into memory (never to a temp folder), so a zip must unpack to a sane size.
MAX_ZIP_BYTES = 256 << 20
MAX_ZIP_ENTRIES = 10_000
MAX_COLUMNS = 500
MAX_RATIO = 200  # CSV text packs 5-30 times; a zip bomb packs thousands of times


@dataclass
class CsvRow:
    line: int  # the line the record starts on (the header is line 1)
    values: dict[str, str]  # lower-case column name -> stripped value
    extra: list[str] = field(default_factory=list)  # values beyond the header's columns

    def get(self, column: str) -> str:
        return self.values.get(column.lower(), "")


@dataclass
class CsvTable:
    name: str  # the file name shown in messages, e.g. "users.csv"
    header: list[str]  # as written in the file
    rows: list[CsvRow]
    warnings: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # lower-case -> as written

    def has(self, column: str) -> bool:
        return column.lower() in self.columns

    def column(self, column: str) -> str:
        """The header as written for a column name matched without regard to case."""
        return self.columns.get(column.lower(), column)


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a CSV file and a warning if it was not UTF-8."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return data.decode("cp1252", errors="replace"), (
            f"not UTF-8 (first bad byte on line {line}); read as Windows-1252. "
            "Save the export as 'CSV UTF-8' to be sure accents are right."
        )


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon (European Excel) or tab, whichever the header line uses most."""
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))


def parse(name: str, data: bytes, *, sniff: bool = False) -> CsvTable:
    """Parse CSV bytes; rows keep the line they start on (quoted values may span lines)."""
    text, warning = decode(data)
    delimiter = sniff_delimiter(text) if sniff else ","
    # strict: a stray quote would otherwise swallow the rest of the file into one value.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] = []
    rows: list[CsvRow] = []
    start = 1
    try:
        for record in reader:
            if not header:
                header = [h.strip() for h in record]
                start = reader.line_num + 1
                if len(header) > MAX_COLUMNS:  # each row costs its columns: 8 KB of commas took seconds
                    raise CsvSyntaxError(name, 1, _("the first row has {count:,} columns, more than {max_columns}; is this the right file, saved as CSV?").format(count=len(header), max_columns=MAX_COLUMNS))
                continue
            line = start
            start = reader.line_num + 1
            if not any(v.strip() for v in record):
                continue  # blank line
            values = {
                header[i].lower(): record[i].strip() if i < len(record) else ""
                for i in range(len(header))
            }
            rows.append(CsvRow(line, values, extra=record[len(header):]))
    except csv.Error as exc:
        raise CsvSyntaxError(
            name, start, _("not readable as CSV ({exc}); look for a stray double quote").format(exc=exc)
        ) from exc
    table = CsvTable(name=name, header=header, rows=rows)
    table.columns = {h.lower(): h for h in header}
    if warning:
        table.warnings.append(warning)
    return table


class RosterSource:
    """The CSV files of one roster: a folder, a .zip (files may sit in a subfolder) or one file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise RosterError(_("{path} does not exist.").format(path=self.path))
        self._files: dict[str, bytes | Path] = {}
        self._display: dict[str, str] = {}  # lower-case name -> as written
        if self.path.is_dir():
            for child in sorted(self.path.iterdir()):
                if child.is_file() and child.suffix.lower() == ".csv":
                    self._files.setdefault(child.name.lower(), child)
                    self._display.setdefault(child.name.lower(), child.name)
        elif zipfile.is_zipfile(self.path):
            try:
                self._read_zip()
            except RosterError:
                raise
            except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError,
                    EOFError, ValueError) as exc:
                # bad CRC, truncated, encrypted entry, unknown compression method...
                raise RosterError(
                    _("{name} is a damaged or unsupported zip ({exc})").format(name=self.path.name, exc=str(exc)[:100]),
                    file=self.path,
                    fix=_("Download the export again, or unzip it and choose the folder."),
                ) from None
        elif self.path.suffix.lower() in (".csv", ".txt", ".tsv"):
            self._files[self.path.name.lower()] = self.path
            self._display[self.path.name.lower()] = self.path.name
        else:
            raise RosterError(
                _("{name} is not a folder, a .zip or a .csv file; choose the OneRoster folder or zip, or a CSV export.").format(name=self.path.name)
            )

    def _read_zip(self) -> None:
        """Unpack the CSV files in memory, counting real bytes as they come (a header's
        sizes may lie), and stop at the cap: a small zip bomb never gets far."""
        with zipfile.ZipFile(self.path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise RosterError(_("{name} holds {count:,} files; a roster has a few").format(name=self.path.name, count=len(infos)),
                                  file=self.path, fix=_("Check that it is the right file."))
            budget = MAX_ZIP_BYTES
            for info in infos:
                base = Path(info.filename).name
                if info.is_dir() or base.startswith(".") or "__MACOSX" in info.filename:
                    continue
                if not base.lower().endswith(".csv") or base.lower() in self._files:
                    continue
                if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    # zipfile never returns more than the header's size, so this stops a bomb at once
                    raise RosterError(_("{name}: {base} unpacks {file_size:,} times larger than it is packed; no roster compresses like that").format(name=self.path.name, base=base, file_size=info.file_size // max(info.compress_size, 1)),
                                      file=self.path, fix=_("Check that it is the right file."))
                chunks: list[bytes] = []
                with archive.open(info) as member:
                    while chunk := member.read(1 << 20):
                        budget -= len(chunk)
                        if budget < 0:
                            raise RosterError(
                                _("{name} unpacks to more than {max_zip_bytes} MB of CSV, more than a roster needs").format(name=self.path.name, max_zip_bytes=MAX_ZIP_BYTES // 2**20), file=self.path,
                                fix=_("Check that it is the right file."))
                        chunks.append(chunk)
                self._files[base.lower()] = b"".join(chunks)
                self._display.setdefault(base.lower(), base)

    @property
    def is_single_file(self) -> bool:
        return self.path.is_file() and not zipfile.is_zipfile(self.path)

    def names(self) -> list[str]:
        return sorted(self._display.values(), key=str.lower)

    def has(self, name: str) -> bool:
        return name.lower() in self._files

    def read_bytes(self, name: str) -> bytes:
        item = self._files[name.lower()]
        if isinstance(item, Path):
            if item.stat().st_size > MAX_ZIP_BYTES:
                raise RosterError(_("{name} is larger than {max_zip_bytes} MB, more than a roster needs").format(name=item.name, max_zip_bytes=MAX_ZIP_BYTES // 2**20), file=item, fix=_("Check that it is the right file."))
            return item.read_bytes()
        return item

    def table(self, name: str, *, sniff: bool = False) -> CsvTable:
        return parse(name, self.read_bytes(name), sniff=sniff)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())
