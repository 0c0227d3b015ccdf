"""The counselor calendar's category names on screen, in the user's language.

The core keeps English labels (``app.scheduling.counselor.CATEGORIES``); each is listed
here once with QT_TRANSLATE_NOOP so the catalog tool finds it, and shown through
``category_text``. A test checks that no core category is missing from this list.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CalendarCategories"
LABELS = (
    QT_TRANSLATE_NOOP("CalendarCategories", "Individual student planning"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Senior meeting"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Individual counseling"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Small group"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Classroom lesson"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Responsive services / crisis"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Consultation (families, teachers)"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Referral / collaboration"),
    QT_TRANSLATE_NOOP("CalendarCategories", "College visit"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Test date (PSAT, SAT/ACT, AP)"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Application / aid deadline"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Program management / planning"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Non-counseling duty"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Busy (imported)"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Class (timetable)"),
    QT_TRANSLATE_NOOP("CalendarCategories", "Other"),
)


def category_text(label: str) -> str:
    return QCoreApplication.translate(CONTEXT, label)
