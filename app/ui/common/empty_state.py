"""What to do first, shown where a page would otherwise be an empty table.

A new teacher opening a fresh workspace saw blank grids and no hint where to start. A
page with nothing to show puts one of these at its top: a heading, a sentence, and the
buttons that fill it (import a roster, add a class, go to the page that does).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class GettingStarted(QFrame):
    def __init__(self, title: str, text: str, actions: list[tuple[str, Callable[[], object]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("getting-started")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # never a tall empty box
        self.setStyleSheet("QFrame#getting-started { background: #EEF5FB; border: 1px solid #9CC3E6;"
                           " border-radius: 6px; }")
        layout = QVBoxLayout(self)
        self.title = QLabel(f"<h3>{title}</h3>")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for label, slot in actions:
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)
