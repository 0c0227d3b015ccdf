"""Settings part of the app."""
