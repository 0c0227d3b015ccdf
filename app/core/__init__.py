"""The lowest layer: types every feature shares and nothing else.

``app.core`` imports nothing from the rest of ``app``; the store, the features, the
commands and the GUI all build on it: user-facing errors (:mod:`app.core.errors`), long-work
progress and cancellation (:mod:`app.core.progress`) and typed change notices
(:mod:`app.core.changes`).
"""
