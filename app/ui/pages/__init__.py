"""Feature pages of the main window; see app/ui/main_window.py for the list."""
