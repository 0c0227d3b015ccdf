"""One user-facing error type for the whole core.

Every parser and service raises a :class:`UserFacingError` (or a subclass) for a problem
the user caused and can fix: it carries the message, the file and line where there is
one, and the fix. The CLI prints it as one line and exits non-zero; the GUI shows it in a
message box. Neither face ever shows a traceback or a class name for one of these.
"""

from __future__ import annotations

from pathlib import Path

from app.core.i18n import _


class UserFacingError(Exception):
    """A problem the user can fix. ``str(err)`` is the full sentence for a person.

    ``message`` says what is wrong, ``file``/``line`` where (when known) and ``fix`` what
    to do about it. ``exit_code`` is what the CLI returns for it.
    """

    exit_code: int = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        fix: str | None = None,
        exit_code: int | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line if line else None  # "line 0" is never shown
        self.fix = fix
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(self.text())

    def where(self) -> str:
        """``name.csv, line 12`` / ``name.csv`` / ``""``: the file by name, never a full path."""
        if self.file is None:
            return ""
        name = Path(self.file).name or self.file
        return _("{name}, line {line}").format(name=name, line=self.line) if self.line else name

    def text(self) -> str:
        where = self.where()
        body = f"{where}: {self.message}" if where and not self.message.startswith(where) else self.message
        if self.fix and self.fix not in body:
            body = f"{body.rstrip('.')}. {self.fix}"
        return body

    def __str__(self) -> str:
        return self.text()


class Cancelled(Exception):
    """The user cancelled a long task; nothing was written."""
