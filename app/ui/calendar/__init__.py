"""Calendar part of the app."""
