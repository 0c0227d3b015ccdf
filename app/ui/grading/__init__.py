"""Grading part of the app."""
