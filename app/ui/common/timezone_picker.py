"""A time zone box: this computer's zone preselected, common US zones first, any IANA
zone typed or picked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.core.timezones import computer_timezone, is_zone, zone_choices


class TimezonePicker(QComboBox):
    def __init__(self, zone: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        zones = zone_choices()
        self.addItems(zones)
        completer = QCompleter(zones, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setCurrentText(zone or computer_timezone())

    def zone(self) -> str | None:
        """The chosen zone, or None when the text is not a zone name."""
        text = self.currentText().strip()
        return text if is_zone(text) else None
