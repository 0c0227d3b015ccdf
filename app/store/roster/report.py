"""What a roster import tells the user: the plan (counts per kind of record), the defective
rows with what happens to each, warnings, and errors that stop the whole import.

Every issue names the file, the line and the reason; a defect also says its consequence
("skipped", "imported without its parent district"), so a teacher can import the good
part of a district's export and pass the list to the district's data person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.core.errors import UserFacingError
from app.core.i18n import N_, _

# What a summary counts, marked for translation (shown with _()).
_COUNTED = {"created": N_("{n} created"), "updated": N_("{n} updated"), "deleted": N_("{n} deleted"),
            "unchanged": N_("{n} unchanged")}

# The kinds of record an import counts, in the order a summary lists them.
KINDS = (
    N_("schools"),
    N_("school years"),
    N_("terms"),
    N_("courses"),
    N_("classes"),
    N_("staff"),
    N_("students"),
    N_("guardians"),
    N_("guardian links"),
    N_("enrollments"),
    N_("class teachers"),
)


class RosterError(UserFacingError):
    """A roster file that cannot be read at all (not a folder, zip or CSV; no users file)."""


class CsvSyntaxError(RosterError):
    """A file that is not well-formed CSV, at a line (a stray quote, usually)."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__(_("{file}, line {line}: {reason}").format(file=file, line=line, reason=reason))
        self.file, self.line, self.reason = file, line, reason


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass
class RowIssue:
    """One problem (or note) about a file, a line of it, or the whole import.

    ``consequence`` is set on defects: what the import does with the row ("skipped",
    "imported without its course"). ``knock_on`` counts the rows elsewhere that name this
    row and are affected by it, so the root cause is reported once, with its reach.
    """

    file: str
    line: int  # 1 is the header; 0 means the file (or the import) as a whole
    message: str
    consequence: str = ""
    knock_on: Counter[str] = field(default_factory=Counter)

    def where(self) -> str:
        if self.file and self.line:
            return _("{file}, line {line}").format(file=self.file, line=self.line)
        return self.file

    def outcome(self) -> str:
        """The consequence, with the rows elsewhere that it takes along."""
        if not self.knock_on:
            return self.consequence
        extra = "; ".join(_("{n} {what}").format(n=n, what=what) for what, n in sorted(self.knock_on.items()))
        return f"{self.consequence}; {extra}"

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} → {self.outcome()}" if self.consequence else text  # arrow: no words


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
    defects: list[RowIssue] = field(default_factory=list)  # rows skipped or imported in part
    errors: list[RowIssue] = field(default_factory=list)  # problems that stop the whole import
    dry_run: bool = False
    strict: bool = False  # all or nothing: any defect stops the import
    applied: bool = False  # True once the changes are committed to the workspace

    @property
    def ok(self) -> bool:
        """True when the import can go (or went) ahead."""
        return not self.errors and not (self.strict and self.defects)

    def error(self, file: str | None, line: int | None, message: str) -> None:
        # Parsers' errors may know no file or line (None): the issue is then about the whole import.
        self.errors.append(RowIssue(file or "", line or 0, message))

    def defect(self, file: str, line: int, message: str, consequence: str = "") -> RowIssue:
        issue = RowIssue(file, line, message, consequence or _("skipped"))
        self.defects.append(issue)
        return issue

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
            parts = [_(_COUNTED[what]).format(n=n) for what, n in row.items() if n]
            lines.append(_("{kind}: {counts}").format(kind=_(kind), counts=", ".join(parts)))
        return lines

    def summary(self) -> str:
        if self.errors:
            head = _("{count} error(s) in {source}; nothing was imported.").format(count=len(self.errors), source=self.source)
            return "\n".join([head, *(str(e) for e in self.errors)])
        if self.strict and self.defects:
            head = _("{count} defective row(s) in {source}; nothing was imported (--strict). Without --strict "
                     "the rest would be imported.").format(count=len(self.defects), source=self.source)
            return "\n".join([head, *(str(e) for e in self.defects)])
        if self.dry_run:
            head = _("Would import {source} ({format}).") if not self.defects else _(
                "Would import the good part of {source} ({format}).")
        else:
            head = _("Imported {source} ({format}).") if not self.defects else _(
                "Imported the good part of {source} ({format}).")
        lines = [head.format(source=self.source, format=self.format)]
        lines += ["  " + line for line in self.summary_lines()] or ["  " + _("nothing to change")]
        if self.defects:
            lines.append("  " + _("{count} defective row(s):").format(count=len(self.defects)))
            lines += [f"  - {d}" for d in self.defects]
        lines += ["  " + _("note: {message}").format(message=w) for w in self.warnings]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "format": self.format,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "counts": self.counts(),
            "strict": self.strict,
            "defects": [
                {"file": d.file, "line": d.line, "reason": d.message, "consequence": d.outcome()}
                for d in self.defects
            ],
            "warnings": [str(w) for w in self.warnings],
            "errors": [str(e) for e in self.errors],
        }
