"""Server-rendered SVG charts of the measures: timeline (Gantt), capacity and indicators.

Pure functions from plain data (see ``measures.selectors``) to SVG markup, so the pages and the
PDF reports draw the same chart. Presentation attributes only (the portal's CSP forbids inline
styles); every chart has ``role="img"`` and a ``<title>``, and the pages show the same data as a
table for screen readers.
"""

import datetime
import hashlib
import html
from collections.abc import Sequence
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dialog.core.numbers import format_number

from .quarters import QuarterLabels, quarter_index, quarter_label

STATUS_COLOURS = {
    "idea": "#6b7280",
    "planned": "#2f6db5",
    "active": "#1e7b34",
    "completed": "#374151",
    "deferred": "#b45309",
    "dropped": "#a11d2b",
}
TEXT = "#1d2b3a"
GRID = "#d5dbe3"
ACCENT = "#b00d26"
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def _svg(width, height, title, description, body) -> SafeString:
    content = "".join(body)
    # Stable ids (the same chart gives the same markup, also in a PDF snapshot).
    key = hashlib.sha1(f"{title}|{description}|{content}".encode()).hexdigest()[:10]
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="portal-chart" {FONT} '
        f'aria-labelledby="chart-{key}-title chart-{key}-desc">'
        f'<title id="chart-{key}-title">{escape(title)}</title>'
        f'<desc id="chart-{key}-desc">{escape(description)}</desc>{content}</svg>'
    )


def _escape(text) -> str:
    """``django.utils.html.escape`` without its lazy-string wrapper (same output, the timeline
    calls it thousands of times)."""
    return html.escape(str(text))


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def timeline_years(rows: Sequence, today: datetime.date) -> tuple[int, int]:
    """The first and last year a timeline of ``rows`` shows (today always included)."""
    starts = [r.start for r in rows if r.start is not None]
    ends = [r.end for r in rows if r.end is not None]
    return min([*(s // 4 for s in starts), today.year]), max([*(e // 4 for e in ends), today.year])


def timeline_svg(
    rows: Sequence,
    *,
    today: datetime.date,
    title: str | None = None,
    years: tuple[int, int] | None = None,
) -> SafeString:
    """A Gantt chart: one row per measure, grouped by field of action, bars coloured by status.

    ``rows`` are ``TimelineRow``s (``measures.selectors.timeline_rows``) in display order;
    ``years`` fixes the span (so that charts of parts of one timeline share their axis).
    """
    title = title or _("Zeitplan der Maßnahmen")
    today_q = quarter_index(today)
    first_year, last_year = years or timeline_years(rows, today)
    label_w, quarter_w, row_h, top = 300, 14, 22, 34
    plot_x = label_w
    years = range(first_year, last_year + 1)
    width = label_w + len(years) * 4 * quarter_w + 10

    def x_of(quarter):
        return plot_x + (quarter - first_year * 4) * quarter_w

    # The loop runs once per phase (thousands on the full roadmap): the quarter labels are
    # translated once, and what is the same for a row's bars is escaped once per row.
    labels = QuarterLabels()
    bar_h = row_h - 8
    body, y, group = [], top, None
    for row in rows:
        if row.field_of_action != group:
            group = row.field_of_action
            body.append(
                f'<text x="4" y="{y + 15}" font-size="12" font-weight="bold" fill="{TEXT}">'
                f"{_escape(_short(group, 70))}</text>"
            )
            y += row_h
        colour = STATUS_COLOURS.get(row.status, "#6b7280")
        code, status_label = _escape(row.code), _escape(row.status_label)
        body.append(
            f'<text x="12" y="{y + 15}" font-size="11" fill="{TEXT}">'
            f"{code} {_escape(_short(row.title, 40))}</text>"
        )
        bar_y = y + 4
        for phase in row.phases:
            start, end = phase.start, phase.end
            outline = f' stroke="{TEXT}" stroke-width="2"' if phase.fixed else ""
            bar_w = (end - start + 1) * quarter_w - 2
            body.append(
                f'<rect x="{x_of(start) + 1}" y="{bar_y}" width="{bar_w}" height="{bar_h}" '
                f'rx="2" fill="{colour}"{outline}>'
                f"<title>{code} · {_escape(phase.title)}: "
                f"{_escape(labels[start])} – {_escape(labels[end])} ({status_label})</title></rect>"
            )
        y += row_h
    if not rows:
        body.append(
            f'<text x="12" y="{y + 15}" font-size="12" fill="{TEXT}">'
            f"{escape(_('Keine Maßnahmen mit Phasen.'))}</text>"
        )
        y += row_h
    bottom = y
    grid = []
    for year in years:
        x = x_of(year * 4)
        grid.append(f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{bottom}" stroke="{GRID}"/>')
        grid.append(
            f'<text x="{x + 2 * quarter_w}" y="{top - 12}" font-size="11" text-anchor="middle" '
            f'fill="{TEXT}">{year}</text>'
        )
    today_x = x_of(today_q) + (today.month - 1) % 3 * quarter_w // 3
    grid.append(
        f'<line x1="{today_x}" y1="{top - 6}" x2="{today_x}" y2="{bottom}" stroke="{ACCENT}" '
        f'stroke-width="2" stroke-dasharray="4 3" data-today=""/>'
    )
    legend_y = bottom + 24
    legend = [
        f'<text x="4" y="{legend_y}" font-size="11" fill="{ACCENT}">'
        f"{escape(_('rot gestrichelt: heute'))}</text>"
    ]
    labels = {
        "idea": _("Idee"),
        "planned": _("geplant"),
        "active": _("laufend"),
        "completed": _("abgeschlossen"),
        "deferred": _("zurückgestellt"),
        "dropped": _("verworfen"),
    }
    x = 160
    for status, label in labels.items():
        legend.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" '
            f'fill="{STATUS_COLOURS[status]}"/>'
            f'<text x="{x + 16}" y="{legend_y}" font-size="11" fill="{TEXT}">{escape(label)}</text>'
        )
        x += 24 + 7 * len(label)
    legend.append(
        f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="#ffffff" '
        f'stroke="{TEXT}" stroke-width="2"/>'
        f'<text x="{x + 16}" y="{legend_y}" font-size="11" fill="{TEXT}">'
        f"{escape(_('fester Termin'))}</text>"
    )
    height = legend_y + 12
    description = _(
        "Balkendiagramm von %(first)s bis %(last)s: je Maßnahme ihre Phasen, gruppiert nach "
        "Handlungsfeld, eingefärbt nach Status. Die Tabelle darunter enthält dieselben Angaben."
    ) % {"first": first_year, "last": last_year}
    return _svg(width, height, title, description, grid + body + legend)


def capacity_svg(quarters: Sequence, *, title: str | None = None) -> SafeString:
    """Planned person-days (bars) against capacity (line) per quarter; overload in red.

    ``quarters`` are ``QuarterLoad``s (``measures.selectors.capacity_quarters``).
    """
    title = title or _("Geplanter Aufwand und Kapazität je Quartal")
    left, top, plot_h, bar_w, gap = 56, 16, 220, 22, 6
    step = bar_w + gap
    width = left + max(len(quarters), 1) * step + 16
    height = top + plot_h + 64
    peak = max(
        [Decimal(1)] + [q.planned for q in quarters] + [Decimal(q.capacity) for q in quarters]
    )
    scale = Decimal(plot_h) / (peak * Decimal("1.1"))

    def y_of(value):
        return round(top + plot_h - Decimal(value) * scale, 1)

    body = []
    tick = max(10, int(peak / 5 // 10 * 10) or 10)
    for value in range(0, int(peak * Decimal("1.1")) + 1, tick):
        y = y_of(value)
        body.append(f'<line x1="{left}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="{GRID}"/>')
        body.append(
            f'<text x="{left - 6}" y="{y + 4}" font-size="10" text-anchor="end" fill="{TEXT}">'
            f"{format_number(value)}</text>"
        )
    capacity_points = []
    for i, q in enumerate(quarters):
        x = left + i * step + gap // 2
        colour = ACCENT if q.overloaded else "#2f6db5"
        y = y_of(q.planned)
        label = _("%(quarter)s: %(planned)s von %(capacity)s Personentagen") % {
            "quarter": quarter_label(q.index),
            "planned": floatformat(q.planned, "-1g"),
            "capacity": format_number(q.capacity),
        }
        body.append(
            f'<rect x="{x}" y="{y}" width="{bar_w}" height="{round(top + plot_h - y, 1)}" '
            f'fill="{colour}"><title>{escape(label)}</title></rect>'
        )
        capacity_points.append(
            f"{x - gap // 2},{y_of(q.capacity)} {x + bar_w + gap // 2},{y_of(q.capacity)}"
        )
        if q.index % 4 == 0 or i == 0:
            body.append(
                f'<text x="{x}" y="{top + plot_h + 16}" font-size="10" fill="{TEXT}">'
                f"{q.index // 4}</text>"
            )
        body.append(
            f'<text x="{x + bar_w // 2}" y="{top + plot_h + 30}" font-size="9" '
            f'text-anchor="middle" fill="{TEXT}">Q{q.index % 4 + 1}</text>'
        )
    if capacity_points:
        body.append(
            f'<polyline points="{" ".join(capacity_points)}" fill="none" stroke="{TEXT}" '
            f'stroke-width="2"/>'
        )
    legend_y = top + plot_h + 52
    body.append(
        f'<rect x="{left}" y="{legend_y - 10}" width="12" height="12" fill="#2f6db5"/>'
        f'<text x="{left + 16}" y="{legend_y}" font-size="11" fill="{TEXT}">'
        f"{escape(_('geplanter Aufwand'))}</text>"
        f'<rect x="{left + 140}" y="{legend_y - 10}" width="12" height="12" fill="{ACCENT}"/>'
        f'<text x="{left + 156}" y="{legend_y}" font-size="11" fill="{TEXT}">'
        f"{escape(_('überlastet'))}</text>"
        f'<line x1="{left + 250}" y1="{legend_y - 4}" x2="{left + 270}" y2="{legend_y - 4}" '
        f'stroke="{TEXT}" stroke-width="2"/>'
        f'<text x="{left + 276}" y="{legend_y}" font-size="11" fill="{TEXT}">'
        f"{escape(_('Kapazität'))}</text>"
    )
    overloaded = sum(1 for q in quarters if q.overloaded)
    description = ngettext(
        "Säulen: geplante Personentage je Quartal, Linie: verfügbare Personentage. "
        "%(count)s Quartal ist überlastet. Die Tabelle enthält dieselben Angaben.",
        "Säulen: geplante Personentage je Quartal, Linie: verfügbare Personentage. "
        "%(count)s Quartale sind überlastet. Die Tabelle enthält dieselben Angaben.",
        overloaded,
    ) % {"count": overloaded}
    return _svg(width, height, title, description, body)


def indicator_svg(values: Sequence, *, target, name: str, unit: str = "") -> SafeString:
    """The dated values of an indicator as a line, with its target as a dashed line.

    ``values``: ``(date, value)`` pairs in date order.
    """
    width, height, left, top, plot_w, plot_h = 420, 180, 48, 14, 350, 120
    title = _("Verlauf der Kennzahl „%(name)s“") % {"name": name}
    numbers = [Decimal(v) for _d, v in values] + [Decimal(target)]
    peak = max(numbers + [Decimal(1)]) * Decimal("1.1")

    def y_of(value):
        return round(top + plot_h - Decimal(value) / peak * plot_h, 1)

    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{TEXT}"/>',
        f'<line x1="{left}" y1="{y_of(target)}" x2="{left + plot_w}" y2="{y_of(target)}" '
        f'stroke="{ACCENT}" stroke-width="2" stroke-dasharray="5 4"/>',
        f'<text x="{left - 4}" y="{y_of(target) + 4}" font-size="10" text-anchor="end" '
        f'fill="{ACCENT}">{escape(_("Ziel"))}</text>',
    ]
    if values:
        first, last = values[0][0], values[-1][0]
        span = max((last - first).days, 1)
        points = []
        for date, value in values:
            x = left + round((date - first).days / span * plot_w) if len(values) > 1 else left
            points.append((x, y_of(value), date, value))
        body.append(
            f'<polyline points="{" ".join(f"{x},{y}" for x, y, _d, _v in points)}" fill="none" '
            f'stroke="#2f6db5" stroke-width="2"/>'
        )
        for x, y, date, value in points:
            body.append(
                f'<circle cx="{x}" cy="{y}" r="3" fill="#2f6db5"><title>'
                f"{date:%d.%m.%Y}: {escape(format_number(value))} {escape(unit)}</title></circle>"
            )
        body.append(
            f'<text x="{left}" y="{top + plot_h + 16}" font-size="10" fill="{TEXT}">'
            f"{first:%m/%Y}</text>"
            f'<text x="{left + plot_w}" y="{top + plot_h + 16}" font-size="10" '
            f'text-anchor="end" fill="{TEXT}">{last:%m/%Y}</text>'
        )
    description = ngettext(
        "%(count)s Wert, Zielwert %(target)s %(unit)s.",
        "%(count)s Werte, Zielwert %(target)s %(unit)s.",
        len(values),
    ) % {
        "count": len(values),
        "target": format_number(target),
        "unit": unit,
    }
    return _svg(width, height, title, description, body)
