"""Conferences part of the app."""
