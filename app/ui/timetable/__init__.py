"""Timetable part of the app."""
