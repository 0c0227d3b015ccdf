"""Locale formatting for reports: the shared helpers of :mod:`app.core.l10n`.

The catalog language comes from ``app.core.i18n`` ("es-MX" reads the ``es`` catalog); the
number and date formats keep the region, so "es-US" prints 85.5 and "es" prints 85,5.
"""

from __future__ import annotations

from app.core.l10n import (
    babel_locale,
    date_long,
    date_medium,
    date_short_axis,
    number,
    percent,
)

__all__ = ["babel_locale", "date_long", "date_medium", "date_short_axis", "number", "percent"]
