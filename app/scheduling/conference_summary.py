"""The sentence that says which conference documents were written.

It is for the teacher or counselor who asked, so it follows the app's language (the core
catalog), not a family's language like the documents themselves (the conferences catalog).
"""

from __future__ import annotations

from app.core.i18n import _


def documents_summary(files: int, teachers: int, families: int, no_meeting: list[str]) -> str:
    text = _("Wrote {n} PDFs: {teachers} teacher schedules, {families} family letters and the room "
             "list.").format(n=files, teachers=teachers, families=families)
    if no_meeting:
        names = ", ".join(no_meeting[:10])
        if len(no_meeting) > 10:
            names = _("{names} and {n} more").format(names=names, n=len(no_meeting) - 10)
        text += " " + _("{n} families have no meeting and got no letter: {names}.").format(
            n=len(no_meeting), names=names)
    return text
