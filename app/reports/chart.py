"""The trend chart of a progress report: each class's running grade over the term."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from app.reports import l10n
from app.reports.fonts import REGULAR

# Distinguishable in colour and in grey print (different lightness), colour-blind safe
# (Okabe-Ito), with a different marker each.
PALETTE = (
    colors.HexColor("#0072B2"),
    colors.HexColor("#D55E00"),
    colors.HexColor("#009E73"),
    colors.HexColor("#CC79A7"),
    colors.HexColor("#E69F00"),
    colors.HexColor("#56B4E9"),
    colors.HexColor("#000000"),
)
MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle", "Circle", "Square", "Diamond")


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
    plot = LinePlot()
    plot.x, plot.y = 40, 22
    plot.width = width - plot.x - legend_w - 12
    plot.height = height - plot.y - 10
    plot.data = [[(day.toordinal(), pct) for day, pct in points] for _name, points in lines]
    days = [day for _n, points in lines for day, _p in points]
    first = min([*days, start] if start else days).toordinal()
    last = max([*days, end] if end else days).toordinal()
    if last - first < 7:
        last = first + 7
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = first, last
    span = last - first
    step = max(7, (span // 5 // 7) * 7 or 7)
    plot.xValueAxis.valueSteps = list(range(first, last + 1, step))
    plot.xValueAxis.labelTextFormat = lambda v: l10n.date_short_axis(dt.date.fromordinal(int(v)), language)
    plot.xValueAxis.labels.fontName = REGULAR
    plot.xValueAxis.labels.fontSize = 7
    plot.xValueAxis.strokeColor = colors.HexColor("#888888")
    low = min(pct for _n, points in lines for _d, pct in points)
    high = max(pct for _n, points in lines for _d, pct in points)
    y_min = max(0, min(50, int(low // 10) * 10))
    y_max = max(100, int(math.ceil(high / 10.0)) * 10)
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = y_min, y_max
    # About five gridlines whatever the range, so the labels never crowd.
    plot.yValueAxis.valueStep = 10 if y_max - y_min <= 50 else 20 if y_max - y_min <= 100 else 25
    plot.yValueAxis.labelTextFormat = lambda v: l10n.percent(v, language, 0)
    plot.yValueAxis.labels.fontName = REGULAR
    plot.yValueAxis.labels.fontSize = 7
    plot.yValueAxis.strokeColor = colors.HexColor("#888888")
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#E3E3E3")
    plot.yValueAxis.gridStrokeWidth = 0.5
    for i in range(len(lines)):
        plot.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        plot.lines[i].strokeWidth = 1.4
        marker = makeMarker(MARKERS[i % len(MARKERS)])
        marker.size = 3.5
        marker.fillColor = PALETTE[i % len(PALETTE)]
        marker.strokeColor = PALETTE[i % len(PALETTE)]
        plot.lines[i].symbol = marker
    drawing.add(plot)

    legend = Legend()
    legend.x = width - legend_w + 4
    legend.y = height - 8
    legend.alignment = "right"
    legend.fontName = REGULAR
    legend.fontSize = 7.5
    legend.dx, legend.dy = 7, 7
    legend.deltay = 11
    legend.columnMaximum = 8
    legend.colorNamePairs = [
        (PALETTE[i % len(PALETTE)], _shorten(name, 30)) for i, (name, _p) in enumerate(lines)
    ]
    drawing.add(legend)
    return drawing


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
