"""Gradebook arithmetic, progress-report PDFs in the family's language, grade exports.

Nothing here imports Qt: the app, the CLI, tests and benchmarks all call these modules.
See docs/reports.md.
"""
