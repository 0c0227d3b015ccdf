"""Shell part of the app."""
