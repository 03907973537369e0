"""The dashboard on paper: a PDF with one page per chart (the filters printed on each page)
and each chart as a PNG. Qt-free: the window's export and `desktop-crm report` both use it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from desktop_crm import APP_NAME
from desktop_crm.models.database import Database
from desktop_crm.services import charts as c
from desktop_crm.services.dashboard import DashboardData, compute_dashboard
from desktop_crm.services.metrics import MetricFilter
from desktop_crm.services.progress import Cancelled, NullProgress, Progress

#: A4 landscape, in inches.
PAGE_SIZE = (11.69, 8.27)
#: A chart saved on its own, in pixels at PNG_DPI.
PNG_SIZE = (1200, 750)
PNG_DPI = 120


@dataclass(frozen=True)
class ReportScope:
    """The filters as the user reads them, printed on every page."""

    period: str  #: "2026-Q3" or "1 Jul 2026 – 30 Sep 2026"
    owner: str  #: "Everyone", a user's or team's name
    pipeline: str  #: "All pipelines" or its name

    def text(self, data: DashboardData, fmt: c.Formatter) -> str:
        f = data.filter
        return fmt.tr(
            "Period: {period} ({start} – {end}) · Owner: {owner} · Pipeline: {pipeline} · "
            "Currency: {currency} · As of {today}"
        ).format(
            period=self.period,
            start=f.start.isoformat(),
            end=(f.end - timedelta(days=1)).isoformat(),
            owner=self.owner,
            pipeline=self.pipeline,
            currency=data.currency,
            today=data.today.isoformat(),
        )


def chart_figure(
    chart: c.Chart,
    data: DashboardData,
    style: c.ChartStyle,
    fmt: c.Formatter,
    size: tuple[float, float],
    dpi: float = 100,
) -> tuple[Figure, c.Hits]:
    """A new Agg figure with one chart drawn on it (no pyplot: nothing global, thread-safe)."""
    figure = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(figure)
    hits = c.draw(figure, chart, data, style, fmt)
    return figure, hits


def write_pdf(
    path: Path,
    data: DashboardData,
    scope: ReportScope,
    fmt: c.Formatter,
    style: c.ChartStyle = c.LIGHT,
    progress: Progress | None = None,
) -> int:
    """One A4 landscape page per chart, the filters in each page's footer; returns the
    number of pages. Written to a temporary file then moved, so a failed export never
    leaves half a PDF under the chosen name."""
    progress = progress or NullProgress()
    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    footer = scope.text(data, fmt)
    style = replace(style, font_size=max(style.font_size, 11.0))  # paper is read from further
    try:
        with PdfPages(
            temporary,
            metadata={"Title": fmt.tr("Dashboard"), "Subject": footer, "Creator": APP_NAME},
        ) as pdf:
            for index, chart in enumerate(c.CHARTS):
                if progress.cancelled:
                    raise Cancelled
                progress.update(index, len(c.CHARTS), "Drawing the charts")
                figure, _ = chart_figure(chart, data, style, fmt, PAGE_SIZE)
                engine = figure.get_layout_engine()
                if isinstance(engine, ConstrainedLayoutEngine):
                    engine.set(rect=(0.02, 0.06, 0.96, 0.88))  # keep header and footer free
                figure.text(
                    0.02,
                    0.975,
                    fmt.tr("{app} · Dashboard").format(app=APP_NAME),
                    fontsize=9,
                    color=style.foreground,
                    alpha=0.7,
                    va="top",
                )
                figure.text(
                    0.02,
                    0.02,
                    _wrap_footer(footer),
                    fontsize=8,
                    color=style.foreground,
                    va="bottom",
                )
                figure.text(
                    0.98,
                    0.02,
                    f"{index + 1} / {len(c.CHARTS)}",
                    fontsize=8,
                    color=style.foreground,
                    ha="right",
                    va="bottom",
                )
                pdf.savefig(figure)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return len(c.CHARTS)


def _wrap_footer(text: str, width: int = 170) -> str:
    return "\n".join(textwrap.wrap(text, width))


def write_png(
    path: Path,
    chart: c.Chart,
    data: DashboardData,
    fmt: c.Formatter,
    style: c.ChartStyle = c.LIGHT,
    pixels: tuple[int, int] = PNG_SIZE,
) -> Path:
    """One chart as a PNG of `pixels` (width, height)."""
    size = (pixels[0] / PNG_DPI, pixels[1] / PNG_DPI)
    figure, _ = chart_figure(chart, data, style, fmt, size, PNG_DPI)
    figure.savefig(path, format="png", dpi=PNG_DPI, facecolor=style.background)
    return Path(path)


def write_pngs(
    folder: Path, data: DashboardData, fmt: c.Formatter, style: c.ChartStyle = c.LIGHT
) -> list[Path]:
    """Every chart as `<folder>/dashboard-<key>.png`."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_png(folder / f"dashboard-{chart.key}.png", chart, data, fmt, style)
        for chart in c.CHARTS
    ]


def run_report(
    db: Database,
    f: MetricFilter,
    scope: ReportScope,
    out: Path,
    *,
    today: date,
    currency: str | None = None,
    png_folder: Path | None = None,
    fmt: c.Formatter | None = None,
    progress: Progress | None = None,
) -> tuple[DashboardData, int, list[Path]]:
    """Compute the dashboard and write the PDF (and the PNGs when asked): the CLI's report."""
    fmt = fmt or c.plain_formatter()
    with db.read_session() as session:
        data = compute_dashboard(session, f, today, currency, progress)
    pages = write_pdf(out, data, scope, fmt, progress=progress)
    pngs = write_pngs(png_folder, data, fmt) if png_folder is not None else []
    return data, pages, pngs


__all__ = [
    "PAGE_SIZE",
    "PNG_SIZE",
    "ReportScope",
    "chart_figure",
    "run_report",
    "write_pdf",
    "write_png",
    "write_pngs",
]
