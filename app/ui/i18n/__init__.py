"""The app's screens in other languages: Qt catalogs (.ts/.qm) and the language setting."""
