"""Reports part of the app."""
