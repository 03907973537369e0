"""The dashboard on paper (issue #5): a PDF read back page by page, PNGs checked pixel by
pixel, and chart labels that stay readable with long French stage names."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.transforms import Bbox
from pypdf import PdfReader
from sqlalchemy import select

from desktop_crm.models import Opportunity, PipelineStage
from desktop_crm.models.database import Database
from desktop_crm.services import charts as c
from desktop_crm.services import report as r
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.dashboard import DashboardData, compute_dashboard
from desktop_crm.services.metrics import MetricFilter
from desktop_crm.services.sample_data import generate

REFERENCE = date(2025, 6, 15)
Q2 = MetricFilter(date(2025, 4, 1), date(2025, 7, 1))
SCOPE = r.ReportScope("2025-Q2", "Everyone", "All pipelines")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashboardData]:
    database = Database.open(tmp_path_factory.mktemp("report") / "crm.sqlite")
    try:
        generate(database.session, 300, seed=2, reference_date=REFERENCE)
        with database.read_session() as session:
            yield compute_dashboard(session, Q2, REFERENCE)
    finally:
        database.close()


def test_the_pdf_has_one_page_per_chart_with_the_filters_on_each(
    sample: DashboardData, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    pages = r.write_pdf(out, sample, SCOPE, c.plain_formatter("en"))
    reader = PdfReader(out)
    assert pages == len(reader.pages) == len(c.CHARTS) == 8
    for number, (page, chart) in enumerate(zip(reader.pages, c.CHARTS, strict=True), 1):
        text = " ".join(page.extract_text().split())
        assert "Period: 2025-Q2 (2025-04-01 – 2025-06-30)" in text
        assert "Owner: Everyone · Pipeline: All pipelines · Currency: EUR" in text
        assert f"{number} / 8" in text
        assert chart.title.split()[0] in text
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            (11.69 * 72, 8.27 * 72)
        )
    assert reader.metadata is not None
    assert reader.metadata.title == "Dashboard"
    assert not list(tmp_path.glob(".*.part"))


def test_an_empty_dashboard_still_prints_every_page(db: Database, tmp_path: Path) -> None:
    with db.read_session() as session:
        data = compute_dashboard(session, Q2, REFERENCE)
    out = tmp_path / "empty.pdf"
    assert r.write_pdf(out, data, SCOPE, c.plain_formatter("fr")) == 8
    texts = [page.extract_text() for page in PdfReader(out).pages]
    assert len(texts) == 8
    assert "No open deals." in texts[0]


def test_a_failed_export_leaves_no_file(sample: DashboardData, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        r.write_pdf(tmp_path / "missing" / "report.pdf", sample, SCOPE, c.plain_formatter())
    assert list(tmp_path.rglob("*")) == []


@pytest.mark.parametrize(
    ("key", "style"), [("funnel", c.LIGHT), ("cases", c.LIGHT), ("leads", c.DARK)]
)
def test_a_chart_renders_to_a_png_of_its_size_with_its_bars(
    sample: DashboardData, tmp_path: Path, key: str, style: c.ChartStyle
) -> None:
    chart = c.CHARTS_BY_KEY[key]
    fmt = c.plain_formatter("fr")
    path = r.write_png(tmp_path / f"{key}.png", chart, sample, fmt, style)
    pixels = imread(path)
    assert path.stat().st_size > 10_000
    assert pixels.shape[:2] == (r.PNG_SIZE[1], r.PNG_SIZE[0])
    assert tuple(pixels[3, 3, :3]) == pytest.approx(to_rgb(style.background), abs=0.01)
    assert tuple(pixels[-3, -3, :3]) == pytest.approx(to_rgb(style.background), abs=0.01)
    # The same drawing at the same size puts the bars at the same pixels: probe their middles.
    size = (r.PNG_SIZE[0] / r.PNG_DPI, r.PNG_SIZE[1] / r.PNG_DPI)
    figure, hits = r.chart_figure(chart, sample, style, fmt, size, r.PNG_DPI)
    figure.canvas.draw()
    assert hits
    height = pixels.shape[0]
    probed = 0
    for artist, _ in hits:
        box = artist.get_window_extent()
        if box.width < 4 or box.height < 4:
            continue
        x, y = int((box.x0 + box.x1) / 2), int(height - (box.y0 + box.y1) / 2)
        assert tuple(pixels[y, x, :3]) == pytest.approx(
            to_rgb(artist.get_facecolor()),
            abs=0.02,  # type: ignore[attr-defined]
        )
        probed += 1
    assert probed >= 2


def test_pngs_of_every_chart(sample: DashboardData, tmp_path: Path) -> None:
    paths = r.write_pngs(tmp_path / "charts", sample, c.plain_formatter())
    assert [p.name for p in paths] == [f"dashboard-{chart.key}.png" for chart in c.CHARTS]
    assert all(imread(p).shape[:2] == (750, 1200) for p in paths)


LONG_FRENCH_STAGES = [
    "Prospection et premier contact téléphonique",
    "Qualification du besoin et du budget",
    "Analyse approfondie des besoins métier",
    "Proposition commerciale et chiffrage détaillé",
    "Négociation des conditions contractuelles",
]


def test_long_french_stage_names_never_overlap(db: Database) -> None:
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "fr")
        stages = list(
            s.scalars(
                select(PipelineStage)
                .where(PipelineStage.pipeline_id == pipeline.id, PipelineStage.kind == "open")
                .order_by(PipelineStage.position)
            )
        )
        for stage, name in zip(stages, LONG_FRENCH_STAGES, strict=False):
            stage.name = name
        for i, stage in enumerate(stages):
            s.add(
                Opportunity(
                    name=f"Affaire {i}",
                    pipeline_id=pipeline.id,
                    stage_id=stage.id,
                    amount_minor=123_456_789 * (i + 1),
                    probability=30,
                )
            )
    with db.read_session() as session:
        data = compute_dashboard(session, Q2, REFERENCE)
    for width, height in ((6, 3.6), (11.69, 8.27)):  # the window's canvas, a PDF page
        figure = Figure(figsize=(width, height), dpi=96)
        FigureCanvasAgg(figure)
        c.draw(figure, c.CHARTS_BY_KEY["funnel"], data, c.LIGHT, c.plain_formatter("fr"))
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        ax = figure.axes[0]
        labels = [t for t in ax.get_yticklabels() if t.get_text()]
        assert [t.get_text().replace("\n", " ") for t in labels][:2] == [
            "Prospection et premier contact téléphonique",
            "Qualification du besoin et du budget",
        ]
        boxes = [t.get_window_extent(renderer) for t in labels]
        bar_texts = [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]
        whole = Bbox.from_bounds(0, 0, width * 96, height * 96)
        for a, b in combinations(boxes, 2):
            assert not a.overlaps(b), (a, b)
        for box in [*boxes, *bar_texts]:
            assert whole.x0 <= box.x0 <= box.x1 <= whole.x1, box
            assert whole.y0 <= box.y0 <= box.y1 <= whole.y1, box
