"""Gradebook part of the app."""
