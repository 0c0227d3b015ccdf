"""The trend chart of a progress report: each class's running grade over the term.

Drawn with plain ``reportlab.graphics`` shapes (lines, polylines, markers, strings)
rather than the ``LinePlot`` widget: the widget layer expands every marker and label
into nodes at draw time and cost a third of a report's time; the shapes draw the same
chart several times faster.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from app.reports import l10n
from app.reports.fonts import REGULAR

# Distinguishable in colour and in grey print (different lightness), colour-blind safe
# (Okabe-Ito), each with its own marker shape.
PALETTE = (
    colors.HexColor("#0072B2"),
    colors.HexColor("#D55E00"),
    colors.HexColor("#009E73"),
    colors.HexColor("#CC79A7"),
    colors.HexColor("#E69F00"),
    colors.HexColor("#56B4E9"),
    colors.HexColor("#000000"),
)
AXIS = colors.HexColor("#888888")
GRID = colors.HexColor("#E3E3E3")
LABEL = colors.HexColor("#333333")


def _marker(kind: int, x: float, y: float, size: float, color: colors.Color) -> object:
    r = size / 2
    shape = kind % 4
    if shape == 0:
        return Circle(x, y, r, fillColor=color, strokeColor=None)
    if shape == 1:
        return Rect(x - r, y - r, size, size, fillColor=color, strokeColor=None)
    if shape == 2:
        return Polygon([x, y + r * 1.3, x + r * 1.3, y, x, y - r * 1.3, x - r * 1.3, y], fillColor=color, strokeColor=None)
    return Polygon([x, y + r * 1.3, x + r * 1.2, y - r, x - r * 1.2, y - r], fillColor=color, strokeColor=None)


def trend_chart(
    series: Sequence[tuple[str, Sequence[tuple[dt.date, float]]]],
    language: str,
    width: float,
    height: float,
    no_data_label: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Drawing:
    drawing = Drawing(width, height, initialFontName=REGULAR)
    lines = [(name, list(points)) for name, points in series if points]
    if not lines:
        drawing.add(String(width / 2, height / 2, no_data_label, fontName=REGULAR, fontSize=9,
                           fillColor=colors.grey, textAnchor="middle"))
        return drawing

    legend_w = min(170.0, width * 0.32)
    x0, y0 = 40.0, 22.0
    plot_w = width - x0 - legend_w - 12
    plot_h = height - y0 - 10
    days = [day for _n, points in lines for day, _p in points]
    first = min([*days, start] if start else days).toordinal()
    last = max([*days, end] if end else days).toordinal()
    if last - first < 7:
        # Widen into the past, never past the last date shown: an axis running into the
        # future suggests scores that do not exist yet.
        first = last - 7
    low = min(pct for _n, points in lines for _d, pct in points)
    high = max(pct for _n, points in lines for _d, pct in points)
    y_min = max(0, min(50, int(low // 10) * 10))
    y_max = max(100, int(math.ceil(high / 10.0)) * 10)
    # At most about six gridlines, always one at 100 %, so the labels never crowd.
    y_step = 10 if y_max - y_min <= 50 else 25
    y_min = (y_min // y_step) * y_step

    def sx(ordinal: float) -> float:
        return x0 + plot_w * (ordinal - first) / (last - first)

    def sy(value: float) -> float:
        return y0 + plot_h * (value - y_min) / (y_max - y_min)

    axes = Group()
    value = y_min
    while value <= y_max + 1e-9:
        y = sy(value)
        axes.add(Line(x0, y, x0 + plot_w, y, strokeColor=GRID, strokeWidth=0.5))
        axes.add(Line(x0 - 3, y, x0, y, strokeColor=AXIS, strokeWidth=0.6))
        axes.add(String(x0 - 5, y - 2.5, l10n.percent(value, language, 0), fontName=REGULAR, fontSize=7,
                        fillColor=LABEL, textAnchor="end"))
        value += y_step
    axes.add(Line(x0, y0, x0 + plot_w, y0, strokeColor=AXIS, strokeWidth=0.6))
    axes.add(Line(x0, y0, x0, y0 + plot_h, strokeColor=AXIS, strokeWidth=0.6))
    span = last - first
    step = max(7, (span // 5 // 7) * 7 or 7)
    for ordinal in range(first, last + 1, step):
        x = sx(ordinal)
        axes.add(Line(x, y0, x, y0 - 3, strokeColor=AXIS, strokeWidth=0.6))
        axes.add(String(x, y0 - 11, l10n.date_short_axis(dt.date.fromordinal(ordinal), language),
                        fontName=REGULAR, fontSize=7, fillColor=LABEL, textAnchor="middle"))
    drawing.add(axes)

    for i, (_name, points) in enumerate(lines):
        color = PALETTE[i % len(PALETTE)]
        coords = [(sx(day.toordinal()), sy(pct)) for day, pct in points]
        if len(coords) > 1:
            drawing.add(PolyLine([c for xy in coords for c in xy], strokeColor=color, strokeWidth=1.4,
                                 strokeLineJoin=1))
        for x, y in coords:
            drawing.add(_marker(i, x, y, 3.6, color))

    lx = width - legend_w + 4
    for i, (name, _points) in enumerate(lines[:8]):
        color = PALETTE[i % len(PALETTE)]
        y = height - 12 - i * 12
        drawing.add(Line(lx, y + 2.5, lx + 14, y + 2.5, strokeColor=color, strokeWidth=1.4))
        drawing.add(_marker(i, lx + 7, y + 2.5, 4.2, color))
        drawing.add(String(lx + 20, y, _shorten(name, 32), fontName=REGULAR, fontSize=7.5, fillColor=LABEL))
    return drawing


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
