"""The dashboard's charts, drawn with matplotlib onto any Figure: the window's Qt canvas,
a PNG, a PDF page. Qt-free, so the headless report draws exactly what the window shows.

Each chart is a function `draw(figure, data, style, fmt)` that returns its clickable parts
(a bar, a segment) with the `DrillDown` that lists the records behind it. Numbers and texts
go through a `Formatter` (the window's QLocale, or a plain one for the command line) and
colours through a `ChartStyle` (the window's palette, light or dark).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from desktop_crm.services import dashboard as d
from desktop_crm.services.dashboard import DashboardData, DrillDown

Hits = list[tuple[Artist, DrillDown]]

#: Tick labels longer than this wrap onto more lines (long French stage names).
WRAP_CHARS = 24
#: Bars shown at most in one chart; the rest are summed up in the subtitle.
MAX_BARS = 12

_CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹"}

_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
}


@dataclass(frozen=True)
class Formatter:
    """How numbers, money, months, choice codes and texts read for the user."""

    number: Callable[[float, int], str]  #: (value, decimals)
    money: Callable[[int, str], str]  #: (minor units, ISO currency)
    month: Callable[[date], str]
    choice: Callable[[str], str]  #: "trade_show" → "Trade show"
    tr: Callable[[str], str] = lambda text: text
    percent_sign: str = "%"
    #: (minor units, currency) rounded to whole units, for labels in charts
    money_whole: Callable[[int, str], str] | None = None

    def integer(self, value: float) -> str:
        return self.number(value, 0)

    def whole_money(self, minor: int, currency: str) -> str:
        if self.money_whole is None:
            return self.money(minor, currency)
        return self.money_whole(minor, currency)

    def percent(self, share: float, decimals: int = 0) -> str:
        return f"{self.number(share * 100, decimals)}{self.percent_sign}"


def plain_formatter(language: str = "en") -> Formatter:
    """French or English formatting without Qt, for the command line."""
    french = language == "fr"

    def number(value: float, decimals: int) -> str:
        text = f"{value:,.{decimals}f}"
        if french:
            text = text.replace(",", "\u202f").replace(".", ",")
        return text

    def money(minor: int, currency: str) -> str:
        symbol = _CURRENCY_SYMBOLS.get(currency, currency)
        amount = number(abs(minor) / 100, 2)
        sign = "-" if minor < 0 else ""
        return f"{sign}{amount}\u00a0{symbol}" if french else f"{sign}{symbol}{amount}"

    def whole(minor: int, currency: str) -> str:
        symbol = _CURRENCY_SYMBOLS.get(currency, currency)
        amount = number(abs(minor) / 100, 0)
        sign = "-" if minor < 0 else ""
        return f"{sign}{amount}\u00a0{symbol}" if french else f"{sign}{symbol}{amount}"

    def month(first: date) -> str:
        return f"{_MONTHS['fr' if french else 'en'][first.month - 1]} {first.year}"

    def choice(code: str) -> str:
        words = code.replace("_", " ")
        return words[:1].upper() + words[1:]

    return Formatter(
        number,
        money,
        month,
        choice,
        percent_sign="\u202f%" if french else "%",
        money_whole=whole,
    )


@dataclass(frozen=True)
class ChartStyle:
    """Colours and font size: from the window's palette, or LIGHT for paper."""

    background: str
    foreground: str
    muted: str  #: grid lines, secondary bars
    series: tuple[str, ...]
    font_size: float = 9.0

    def color(self, index: int) -> str:
        return self.series[index % len(self.series)]


#: Colour-blind-safe series (Okabe–Ito), readable on white.
LIGHT = ChartStyle(
    "#ffffff",
    "#1f2328",
    "#c8ccd1",
    ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"),
)
#: The same hues, lighter, for dark backgrounds.
DARK = ChartStyle(
    "#1e1f22",
    "#e6e6e6",
    "#4a4d52",
    ("#56B4E9", "#F0B840", "#3FC79A", "#E08CC0", "#8FD0F5", "#FF8A4C", "#F5EC7A"),
)


@dataclass(frozen=True)
class Chart:
    key: str  #: file names and settings: "funnel", "forecast", ...
    title: str  #: English; translated through the Formatter
    draw: Callable[[Figure, DashboardData, ChartStyle, Formatter], Hits] = field(repr=False)


# --- helpers --------------------------------------------------------------------------------


def _axes(figure: Figure, style: ChartStyle, title: str, subtitle: str = "") -> Axes:
    figure.set_facecolor(style.background)
    ax = figure.add_subplot()
    ax.set_facecolor(style.background)
    # The subtitle wraps to the figure's width; the title's padding makes room for it
    # (the layout engine leaves free texts out of its sums).
    chars = max(30, int(figure.get_figwidth() * 72 / (style.font_size * 0.62)))
    lines = textwrap.wrap(subtitle, chars)[:3]
    pad = 6 + len(lines) * style.font_size * 1.35
    ax.set_title(title, loc="left", fontsize=style.font_size + 3, color=style.foreground, pad=pad)
    if lines:
        ax.annotate(
            "\n".join(lines),
            (0, 1),
            xycoords="axes fraction",
            xytext=(0, 4),
            textcoords="offset points",
            fontsize=style.font_size - 0.5,
            color=style.foreground,
            alpha=0.75,
            va="bottom",
            annotation_clip=False,
        )
    ax.tick_params(colors=style.foreground, labelsize=style.font_size)
    for name, spine in ax.spines.items():
        spine.set_visible(name in ("left", "bottom"))
        spine.set_color(style.muted)
    ax.grid(True, color=style.muted, linewidth=0.6, alpha=0.6)
    ax.set_axisbelow(True)
    return ax


def _empty(ax: Axes, style: ChartStyle, message: str) -> Hits:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=style.font_size + 1,
        color=style.foreground,
        alpha=0.7,
        wrap=True,
    )
    return []


def _wrap(text: str, count: int = 1) -> str:
    """A tick label that fits: wrapped onto two lines at most when the chart has few bars,
    else one line; cut with an ellipsis beyond that, so labels never run into each other."""
    lines = textwrap.wrap(text, WRAP_CHARS, break_long_words=True) or [text]
    keep = 2 if count <= 7 else 1
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1][: WRAP_CHARS - 1].rstrip() + "…"
    return "\n".join(lines)


def _symbol(currency: str) -> str:
    return _CURRENCY_SYMBOLS.get(currency, currency)


def _number_axis(ax: Axes, fmt: Formatter, axis: str = "y", scale: float = 1.0) -> None:
    formatter = FuncFormatter(lambda value, _pos: fmt.integer(value / scale))
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(formatter)
    target.set_major_locator(MaxNLocator(nbins=6, integer=True, min_n_ticks=1))


def _label_bars(
    ax: Axes, bars: Any, labels: list[str], style: ChartStyle, horizontal: bool
) -> None:
    texts = ax.bar_label(
        bars,
        labels=labels,
        padding=3,
        fontsize=style.font_size - 0.5,
        color=style.foreground,
    )
    if horizontal:
        _room_on_the_right(ax, texts)
    else:
        low, high = ax.get_ylim()
        ax.set_ylim(low, high + (high - low) * 0.15)


def _room_on_the_right(ax: Axes, texts: Any) -> None:
    """Widen the x range so the longest bar's label ends inside the axes. The texts are
    measured with the figure's renderer; the axes' width is estimated from the figure's
    width less the tick labels on the left (both as they will be laid out)."""
    figure = ax.get_figure(root=True)
    canvas = getattr(figure, "canvas", None)
    get_renderer = getattr(canvas, "get_renderer", None)
    low, high = ax.get_xlim()
    if get_renderer is None or figure is None:
        ax.set_xlim(low, high + (high - low) * 0.6)
        return
    renderer = get_renderer()
    label_px = max((t.get_window_extent(renderer).width for t in texts), default=0.0)
    ticks_px = max(
        (t.get_window_extent(renderer).width for t in ax.get_yticklabels() if t.get_text()),
        default=0.0,
    )
    legend_px = 0.0
    if ax.get_legend() is not None:
        legend_px = ax.get_legend().get_window_extent(renderer).width  # type: ignore[union-attr]
    width_px = figure.get_figwidth() * figure.dpi
    axes_px = max(width_px - ticks_px - legend_px - 0.06 * width_px, 40.0)
    bars_px = max(axes_px - label_px - 12, axes_px * 0.25)
    ax.set_xlim(low, low + (high - low) * axes_px / bars_px)


def _others(data_other: dict[str, int], fmt: Formatter, what: str) -> str:
    """ "Also 3 deals in USD, not shown (choose the currency above)." or ""."""
    if not data_other:
        return ""
    parts = ", ".join(
        fmt.tr("{count} in {currency}").format(count=fmt.integer(n), currency=code)
        for code, n in data_other.items()
    )
    return fmt.tr("Not shown, other currencies: {parts} {what}").format(parts=parts, what=what)


def _hits(bars: Any, targets: list[DrillDown]) -> Hits:
    found: Hits = []
    for bar, target in zip(bars, targets, strict=True):
        bar.set_picker(True)
        found.append((bar, target))
    return found


# --- the charts -------------------------------------------------------------------------------


def draw_funnel(figure: Figure, data: DashboardData, style: ChartStyle, fmt: Formatter) -> Hits:
    """Open deals per stage now, in board order, with their amount."""
    pipeline = data.pipeline
    ax = _axes(
        figure,
        style,
        fmt.tr("Stage funnel: open deals now"),
        _others(pipeline.other_currencies, fmt, fmt.tr("deals")),
    )
    stages = list(pipeline.stages)
    if not stages or pipeline.deals == 0:
        return _empty(ax, style, fmt.tr("No open deals."))
    positions = list(range(len(stages)))
    counts = [s.deals for s in stages]
    bars = ax.barh(positions, counts, color=style.color(0), height=0.65)
    ax.set_yticks(positions, [_wrap(s.name, len(stages)) for s in stages])
    ax.invert_yaxis()
    ax.grid(False)
    ax.set_xticks([])  # the bars carry their figures
    ax.spines["bottom"].set_visible(False)
    ax.set_xlabel(fmt.tr("Open deals · amount"), color=style.foreground, fontsize=style.font_size)
    labels = [
        f"{fmt.integer(s.deals)} · {fmt.whole_money(s.amount_minor, pipeline.currency)}"
        if s.deals
        else ""
        for s in stages
    ]
    _label_bars(ax, bars, labels, style, horizontal=True)
    return _hits(bars, [d.drill_open_deals(data, data.currency, s.stage_id) for s in stages])


def draw_conversion(figure: Figure, data: DashboardData, style: ChartStyle, fmt: Formatter) -> Hits:
    """Share of the deals created in the period that reached each stage (from the change
    journal). Not clickable: the set of deals comes from their history, which no list
    filter can express."""
    conversion = data.conversion
    ax = _axes(
        figure,
        style,
        fmt.tr("Conversion by stage"),
        fmt.tr("Share of the {count} deals created in the period that reached each stage").format(
            count=fmt.integer(conversion.deals)
        ),
    )
    if conversion.deals == 0 or not conversion.stages:
        return _empty(ax, style, fmt.tr("No deal was created in this period."))
    stages = list(conversion.stages)
    positions = list(range(len(stages)))
    shares = [(s.share or 0.0) * 100 for s in stages]
    colors = [
        style.color(2)
        if s.kind == "won"
        else style.color(5)
        if s.kind == "lost"
        else style.color(0)
        for s in stages
    ]
    bars = ax.barh(positions, shares, color=colors, height=0.65)
    ax.set_yticks(positions, [_wrap(s.name, len(stages)) for s in stages])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{fmt.integer(v)}{fmt.percent_sign}"))
    ax.grid(False, axis="y")
    labels = [f"{fmt.percent(s.share or 0.0)} · {fmt.integer(s.deals)}" for s in stages]
    _label_bars(ax, bars, labels, style, horizontal=True)
    ax.set_xticks([0, 25, 50, 75, 100])
    return []


def draw_forecast(figure: Figure, data: DashboardData, style: ChartStyle, fmt: Formatter) -> Hits:
    """Open deals by expected close month: amount and weighted amount (× probability)."""
    forecast = data.forecast
    notes = [_others(forecast.other_currencies, fmt, fmt.tr("deals"))]
    if forecast.undated:
        notes.append(
            fmt.tr("{count} without expected close date").format(
                count=fmt.integer(forecast.undated)
            )
        )
    ax = _axes(
        figure,
        style,
        fmt.tr("Weighted forecast by month ({currency})").format(
            currency=_symbol(forecast.currency)
        ),
        " · ".join(n for n in notes if n),
    )
    months = list(forecast.months)
    if not any(x.deals for x in months):
        return _empty(ax, style, fmt.tr("No open deal is expected to close in this period."))
    amount, weighted = _monthly_pairs(
        ax,
        fmt,
        style,
        [m.month for m in months],
        (fmt.tr("Amount"), [m.amount_minor / 100 for m in months]),
        (fmt.tr("Weighted"), [m.weighted_minor / 100 for m in months]),
        style.color(0),
    )
    targets = [d.drill_forecast_month(data, m.month) for m in months]
    return _hits(amount, targets) + _hits(weighted, targets)


def _monthly_pairs(
    ax: Axes,
    fmt: Formatter,
    style: ChartStyle,
    month_starts: list[date],
    back: tuple[str, list[float]],
    front: tuple[str, list[float]],
    front_color: str,
) -> tuple[Any, Any]:
    """Two bars per month side by side (the muted one first) on a month axis: the
    forecast against its weighting, revenue against a year earlier."""
    x = list(range(len(month_starts)))
    width = 0.4
    bars = tuple(
        ax.bar([i + shift for i in x], values, width, color=color, label=label)
        for shift, (label, values), color in (
            (-width / 2, back, style.muted),
            (width / 2, front, front_color),
        )
    )
    _month_axis(ax, fmt, month_starts, style)
    _number_axis(ax, fmt, "y")
    ax.grid(False, axis="x")
    _legend(ax, style)
    return bars[0], bars[1]


def _month_axis(ax: Axes, fmt: Formatter, months: list[date], style: ChartStyle) -> None:
    rotate = len(months) > 6
    ax.set_xticks(
        list(range(len(months))),
        [fmt.month(m) for m in months],
        rotation=45 if rotate else 0,
        ha="right" if rotate else "center",
        rotation_mode="anchor",
    )


def _legend(ax: Axes, style: ChartStyle) -> None:
    legend = ax.legend(
        frameon=False, fontsize=style.font_size - 0.5, loc="upper left", bbox_to_anchor=(1, 1)
    )
    for text in legend.get_texts():
        text.set_color(style.foreground)


def draw_revenue(figure: Figure, data: DashboardData, style: ChartStyle, fmt: Formatter) -> Hits:
    """Revenue won per month, next to the same month a year earlier."""
    revenue = data.revenue
    ax = _axes(
        figure,
        style,
        fmt.tr("Revenue won vs last year ({currency})").format(currency=_symbol(revenue.currency)),
        _others(revenue.other_currencies, fmt, fmt.tr("won deals")),
    )
    months = list(revenue.months)
    if not any(m.deals or m.previous_deals for m in months):
        return _empty(ax, style, fmt.tr("No deal was won in this period or a year before."))
    previous, current = _monthly_pairs(
        ax,
        fmt,
        style,
        [m.month for m in months],
        (fmt.tr("A year earlier"), [m.previous_amount_minor / 100 for m in months]),
        (fmt.tr("This period"), [m.amount_minor / 100 for m in months]),
        style.color(2),
    )
    return _hits(previous, [d.drill_revenue_month(data, m.month, True) for m in months]) + _hits(
        current, [d.drill_revenue_month(data, m.month, False) for m in months]
    )


def draw_leads(figure: Figure, data: DashboardData, style: ChartStyle, fmt: Formatter) -> Hits:
    """Leads created in the period per source, with the share converted."""
    leads = data.leads
    sources = list(leads.sources[:MAX_BARS])
    ax = _axes(
        figure,
        style,
        fmt.tr("Leads and conversion by source"),
        fmt.tr("{count} leads created in the period, {share} converted").format(
            count=fmt.integer(leads.leads),
            share=fmt.percent(leads.share) if leads.share is not None else "—",
        ),
    )
    if not sources:
        return _empty(ax, style, fmt.tr("No lead was created in this period."))
    positions = list(range(len(sources)))
    bars = ax.barh(positions, [s.leads for s in sources], color=style.color(4), height=0.65)
    ax.barh(positions, [s.converted for s in sources], color=style.color(0), height=0.65)
    ax.set_yticks(positions, [_wrap(fmt.choice(s.source), len(sources)) for s in sources])
    ax.invert_yaxis()
    ax.grid(False, axis="y")
    _number_axis(ax, fmt, "x")
    ax.set_xlabel(
        fmt.tr("Leads (dark: converted)"), color=style.foreground, fontsize=style.font_size
    )
    labels = [
        fmt.tr("{leads} · {share} converted").format(
            leads=fmt.integer(s.leads), share=fmt.percent(s.share)
        )
        for s in sources
    ]
    _label_bars(ax, bars, labels, style, horizontal=True)
    return _hits(bars, [d.drill_leads(data, s.source) for s in sources])


def draw_campaigns(figure: Figure, data: DashboardData, style: ChartStyle, fmt: Formatter) -> Hits:
    """Return on investment of the period's campaigns that have a cost."""
    roi = data.campaigns
    costed = [c for c in roi.campaigns if c.roi is not None][-MAX_BARS:]
    uncosted = sum(1 for c in roi.campaigns if c.roi is None)
    notes = [_others(roi.other_currencies, fmt, fmt.tr("campaigns"))]
    if uncosted:
        notes.append(
            fmt.tr("{count} without a cost, so without ROI").format(count=fmt.integer(uncosted))
        )
    ax = _axes(
        figure,
        style,
        fmt.tr("Campaign ROI ({currency})").format(currency=_symbol(roi.currency)),
        " · ".join(n for n in notes if n),
    )
    if not costed:
        return _empty(ax, style, fmt.tr("No campaign with a cost ran in this period."))
    positions = list(range(len(costed)))
    values = [(c.roi or 0.0) * 100 for c in costed]
    colors = [style.color(2) if v >= 0 else style.color(5) for v in values]
    bars = ax.barh(positions, values, color=colors, height=0.65)
    ax.set_yticks(positions, [_wrap(c.name, len(costed)) for c in costed])
    ax.invert_yaxis()
    ax.axvline(0, color=style.foreground, linewidth=0.8)
    ax.grid(False, axis="y")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{fmt.integer(v)}{fmt.percent_sign}"))
    labels = [
        fmt.tr("{roi} · {leads} leads · {cpl}/lead").format(
            roi=fmt.percent(c.roi or 0.0),
            leads=fmt.integer(c.leads),
            cpl=fmt.whole_money(round(c.cost_per_lead_minor), roi.currency)
            if c.cost_per_lead_minor is not None
            else "—",
        )
        for c in costed
    ]
    # Labels right of the zero line (or of a gain), never over the names on the left.
    top = max([*values, 0.0])
    bottom = min([*values, 0.0])
    span = (top - bottom) or 100.0
    for position, value, label in zip(positions, values, labels, strict=True):
        ax.text(
            max(value, 0.0) + span * 0.02,
            position,
            label,
            va="center",
            fontsize=style.font_size - 0.5,
            color=style.foreground,
        )
    ax.set_xlim(bottom - span * 0.05, top + span * 0.9)
    return _hits(bars, [d.drill_campaign_leads(data, c.campaign_id) for c in costed])


def draw_activities(figure: Figure, data: DashboardData, style: ChartStyle, fmt: Formatter) -> Hits:
    """Activities done per owner per week, stacked by type."""
    rate = data.activities
    ax = _axes(
        figure,
        style,
        fmt.tr("Activities per owner per week"),
        fmt.tr("Done in the period, over {weeks} weeks").format(weeks=fmt.number(rate.weeks, 1)),
    )
    if not rate.rows:
        return _empty(ax, style, fmt.tr("No activity was done in this period."))
    totals: dict[str | None, float] = {}
    names: dict[str | None, str] = {}
    for row in rate.rows:
        totals[row.owner_id] = totals.get(row.owner_id, 0.0) + row.per_week
        names[row.owner_id] = row.owner_name or fmt.tr("(no owner)")
    owners = sorted(totals, key=lambda o: (-totals[o], names[o]))[:MAX_BARS]
    positions = {owner: i for i, owner in enumerate(owners)}
    types = list(dict.fromkeys(row.activity_type for row in rate.rows))
    left = [0.0] * len(owners)
    hits: Hits = []
    for index, kind in enumerate(types):
        rows = [r for r in rate.rows if r.activity_type == kind and r.owner_id in positions]
        values = [0.0] * len(owners)
        for r in rows:
            values[positions[r.owner_id]] = r.per_week
        bars = ax.barh(
            list(range(len(owners))),
            values,
            left=left,
            color=style.color(index),
            height=0.65,
            label=fmt.choice(kind),
        )
        for owner, bar in zip(owners, bars, strict=True):
            if values[positions[owner]]:
                bar.set_picker(True)
                hits.append((bar, d.drill_activities(data, owner, kind)))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(list(range(len(owners))), [_wrap(names[o], len(owners)) for o in owners])
    ax.invert_yaxis()
    ax.grid(False, axis="y")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.number(v, 0)))
    ax.set_xlabel(fmt.tr("Activities per week"), color=style.foreground, fontsize=style.font_size)
    _legend(ax, style)
    return hits


def draw_cases(figure: Figure, data: DashboardData, style: ChartStyle, fmt: Formatter) -> Hits:
    """Cases open now, per priority."""
    cases = data.open_cases
    ax = _axes(
        figure,
        style,
        fmt.tr("Open cases by priority"),
        fmt.tr("{count} open now").format(count=fmt.integer(cases.total)),
    )
    if cases.total == 0:
        return _empty(ax, style, fmt.tr("No open case."))
    priorities = list(cases.by_priority)
    counts = [cases.by_priority[p] for p in priorities]
    palette = [style.color(4), style.color(0), style.color(1), style.color(5)]
    colors = [palette[min(i, len(palette) - 1)] for i in range(len(priorities))]
    bars = ax.bar(list(range(len(priorities))), counts, color=colors, width=0.6)
    ax.set_xticks(list(range(len(priorities))), [fmt.choice(p) for p in priorities])
    ax.grid(False, axis="x")
    _number_axis(ax, fmt, "y")
    _label_bars(ax, bars, [fmt.integer(n) for n in counts], style, horizontal=False)
    return _hits(bars, [d.drill_open_cases(data, p) for p in priorities])


#: Every chart, in the dashboard's order (and the PDF's).
CHARTS: tuple[Chart, ...] = (
    Chart("funnel", "Stage funnel", draw_funnel),
    Chart("conversion", "Conversion by stage", draw_conversion),
    Chart("forecast", "Weighted forecast by month", draw_forecast),
    Chart("revenue", "Revenue vs last year", draw_revenue),
    Chart("leads", "Leads and conversion by source", draw_leads),
    Chart("campaigns", "Campaign ROI", draw_campaigns),
    Chart("activities", "Activities per owner per week", draw_activities),
    Chart("cases", "Open cases by priority", draw_cases),
)
CHARTS_BY_KEY = {chart.key: chart for chart in CHARTS}


def draw(
    figure: Figure, chart: Chart, data: DashboardData, style: ChartStyle, fmt: Formatter
) -> Hits:
    """Clear the figure and draw one chart on it, laid out so labels do not overlap."""
    figure.clear()
    figure.set_layout_engine("constrained")
    return chart.draw(figure, data, style, fmt)


__all__ = [
    "CHARTS",
    "CHARTS_BY_KEY",
    "DARK",
    "LIGHT",
    "Chart",
    "ChartStyle",
    "Formatter",
    "Hits",
    "draw",
    "plain_formatter",
]
