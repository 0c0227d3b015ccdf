"""Roster part of the app."""
