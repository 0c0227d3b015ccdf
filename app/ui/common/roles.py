"""Staff roles on screen, in the user's language ("counselor" -> "Consejero/a").

The core stores role keys (``roster_service.STAFF_ROLES``); each is listed here once with
QT_TRANSLATE_NOOP so the catalog tool finds it, and a test checks none is missing.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ROLE_LABELS = {
    "teacher": QT_TRANSLATE_NOOP("StaffRoles", "Teacher"),
    "counselor": QT_TRANSLATE_NOOP("StaffRoles", "Counselor"),
    "interpreter": QT_TRANSLATE_NOOP("StaffRoles", "Interpreter"),
    "office": QT_TRANSLATE_NOOP("StaffRoles", "Office staff"),
    "administrator": QT_TRANSLATE_NOOP("StaffRoles", "Administrator"),
    "aide": QT_TRANSLATE_NOOP("StaffRoles", "Aide"),
}


def role_text(role: str) -> str:
    """A staff role key in the user's language; an unknown key as it is."""
    return QCoreApplication.translate("StaffRoles", str(ROLE_LABELS.get(role, role)))
