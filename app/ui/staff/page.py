"""The Staff page: everyone who works with the school's families — teachers, counselors,
interpreters, office staff — with their role, email and the languages they speak.

A new workspace has no staff until someone is added here (or a roster import brings
them). The list, Add, Edit and Deactivate are the staff panel shared with Conferences ▸
Staff languages…; every write is a roster_service use case, the same as `teacherdesk staff`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.changes import Changes
from app.ui.common.empty_state import GettingStarted
from app.ui.common.staff_dialog import StaffPanel
from app.ui.shell.context import AppContext


class StaffPage(QWidget):
    DEPENDS_ON = Changes.ROSTER | Changes.WORKSPACE

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.panel = StaffPanel(ctx, self)
        self.getting_started = GettingStarted(
            self.tr("Add the people who meet families"),
            self.tr("No staff yet. Add teachers, counselors, interpreters and office staff with the languages "
                    "they speak: conferences, counselor calendars and class teachers use this list."),
            [(self.tr("Add a staff member…"), self.panel.add)])
        intro = QLabel(self.tr("Languages are those a person speaks with families besides English; a family is "
                               "offered a meeting with a teacher who speaks its language, or with an interpreter. "
                               "Deactivating someone hides them from lists and keeps their history."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.getting_started)
        layout.addWidget(intro)
        layout.addWidget(self.panel, 1)
        ctx.events.subscribe(self, self.DEPENDS_ON, self._on_changed)
        self._update_empty()

    def _on_changed(self, _changes: Changes) -> None:
        self.panel.refresh()
        self._update_empty()

    def _update_empty(self) -> None:
        from app.store.roster_service import list_staff

        self.getting_started.setVisible(not list_staff(self.ctx.workspace, include_inactive=True))
