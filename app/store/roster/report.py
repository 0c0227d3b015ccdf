"""What a roster import tells the user: counts per kind of record, warnings and errors.

Every error names the file, the line and the reason, so a teacher (or the district's data
person) can fix the export and try again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.core.errors import UserFacingError

# The kinds of record an import counts, in the order a summary lists them.
KINDS = (
    "schools",
    "school years",
    "terms",
    "courses",
    "classes",
    "staff",
    "students",
    "guardians",
    "guardian links",
    "enrollments",
    "class teachers",
)


class RosterError(UserFacingError):
    """A roster file that cannot be read at all (not a folder, zip or CSV; no users file)."""


class CsvSyntaxError(RosterError):
    """A file that is not well-formed CSV, at a line (a stray quote, usually)."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__(f"{file}, line {line}: {reason}")
        self.file, self.line, self.reason = file, line, reason


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class RowIssue:
    """One problem (or note) about a file, a line of it, or the whole import."""

    file: str
    line: int  # 1 is the header; 0 means the file (or the import) as a whole
    message: str

    def __str__(self) -> str:
        if self.file and self.line:
            return f"{self.file}, line {self.line}: {self.message}"
        if self.file:
            return f"{self.file}: {self.message}"
        return self.message


@dataclass
class ImportReport:
    """The outcome of validating or importing one roster source."""

    source: str
    format: str = ""  # "oneroster-1.1", "oneroster-1.2" or "csv"
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)  # students/staff: deactivated
    unchanged: Counter[str] = field(default_factory=Counter)
    warnings: list[RowIssue] = field(default_factory=list)
    errors: list[RowIssue] = field(default_factory=list)
    dry_run: bool = False
    applied: bool = False  # True once the changes are committed to the workspace

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, file: str | None, line: int | None, message: str) -> None:
        # Parsers' errors may know no file or line (None): the issue is then about the whole import.
        self.errors.append(RowIssue(file or "", line or 0, message))

    def warn(self, file: str, line: int, message: str) -> None:
        self.warnings.append(RowIssue(file, line, message))

    def counts(self) -> dict[str, dict[str, int]]:
        """``{kind: {"created": n, "updated": n, "deleted": n, "unchanged": n}}``."""
        out: dict[str, dict[str, int]] = {}
        for kind in KINDS:
            row = {
                "created": self.created[kind],
                "updated": self.updated[kind],
                "deleted": self.deleted[kind],
                "unchanged": self.unchanged[kind],
            }
            if any(row.values()):
                out[kind] = row
        return out

    def summary_lines(self) -> list[str]:
        lines = []
        for kind, row in self.counts().items():
            parts = [f"{n} {what}" for what, n in row.items() if n]
            lines.append(f"{kind}: " + ", ".join(parts))
        return lines

    def summary(self) -> str:
        if self.errors:
            head = f"{len(self.errors)} error(s) in {self.source}; nothing was imported."
            return "\n".join([head, *(str(e) for e in self.errors)])
        verb = "Would import" if self.dry_run else "Imported"
        lines = [f"{verb} {self.source} ({self.format})."]
        lines += ["  " + line for line in self.summary_lines()] or ["  nothing to change"]
        lines += [f"  note: {w}" for w in self.warnings]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "format": self.format,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "counts": self.counts(),
            "warnings": [str(w) for w in self.warnings],
            "errors": [str(e) for e in self.errors],
        }
