"""Common part of the app."""
