"""The dashboard screen (issue #5), driven offscreen: figures computed on the worker, tiles
and charts in the locale and the palette, the empty state, filters, drill-down into the
lists (the list shows exactly the records counted), export."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from desktop_crm.models import Lead
from desktop_crm.models.database import Database
from desktop_crm.services import dashboard as d
from desktop_crm.services.metrics import MetricFilter, change
from desktop_crm.services.record_lists import ListQuery, ordered_rowids
from desktop_crm.services.sample_data import generate
from desktop_crm.views.dashboard_view import DashboardView
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.widgets.job import JobRunner

REFERENCE = date(2025, 6, 15)
Q2 = MetricFilter(date(2025, 4, 1), date(2025, 7, 1))

ViewFactory = Callable[[], DashboardView]


@pytest.fixture
def locale() -> Iterator[Callable[[QLocale], None]]:
    previous = QLocale()

    def use(value: QLocale) -> None:
        QLocale.setDefault(value)

    yield use
    QLocale.setDefault(previous)


@pytest.fixture
def make_view(qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner) -> ViewFactory:
    def make() -> DashboardView:
        view = DashboardView(db, settings=settings, runner=runner, today=REFERENCE)
        qtbot.addWidget(view)
        view.resize(1200, 800)
        view.show()
        wait_updated(qtbot, view)
        return view

    return make


def wait_updated(qtbot: QtBot, view: DashboardView) -> None:
    qtbot.waitUntil(
        lambda: view.data is not None and view.choices is not None and not view.is_busy,
        timeout=60_000,
    )


def load_sample(db: Database, contacts: int = 300, reference: date | None = REFERENCE) -> None:
    generate(db.session, contacts, seed=2, reference_date=reference)


def computed(db: Database, f: MetricFilter, currency: str | None = None) -> d.DashboardData:
    with db.read_session() as session:
        return d.compute_dashboard(session, f, REFERENCE, currency)


def test_tiles_and_charts_show_the_quarter_in_french(
    make_view: ViewFactory, db: Database, locale: Callable[[QLocale], None]
) -> None:
    locale(QLocale(QLocale.Language.French, QLocale.Country.France))
    load_sample(db)
    view = make_view()
    expected = computed(db, Q2)
    assert view.data is not None
    assert (view.data.filter.start, view.data.filter.end) == (Q2.start, Q2.end)
    assert view.period_label.text() == "Q2 2025"
    assert expected.win_rate.rate is not None
    assert (
        view.tiles["win_rate"].value_label.text() == f"{round(expected.win_rate.rate * 100)}\u202f%"
    )
    won = expected.win_rate
    assert view.tiles["win_rate"].detail_label.text() == (
        f"{won.won} won of {QLocale().toString(won.closed)} closed"
    )
    revenue = next(x for x in expected.per_currency if x.currency == expected.currency)
    assert view.tiles["revenue"].value_label.text() == QLocale().toCurrencyString(
        revenue.won.total_minor / 100, "€"
    )
    ratio = change(revenue.won.total_minor, revenue.won_previous.total_minor)
    assert view.tiles["revenue"].change_label.text() == (
        "no comparison with the previous period"
        if ratio is None
        else f"{'▲' if ratio > 0 else '▼'} {round(abs(ratio) * 100)}\u202f% vs previous period"
    )
    for key, canvas in view.canvases.items():
        canvas.ensure_built()  # those below the fold are built when scrolled to
        title = canvas.figure.axes[0].get_title(loc="left")
        assert title, key
    bar_labels = [t.get_text() for t in view.canvases["funnel"].figure.axes[0].texts]
    first_stage = view.data.pipeline.stages[0]
    assert (
        f"{first_stage.deals} · "
        f"{QLocale().toCurrencyString(round(first_stage.amount_minor / 100), '€', 0)}" in bar_labels
    )  # "12 · 34 568 €": French digits and money in the chart
    assert view.canvases["funnel"].hits
    assert not view.empty_label.isVisibleTo(view)


def test_an_empty_database_shows_a_friendly_empty_state(make_view: ViewFactory) -> None:
    view = make_view()
    assert view.data is not None
    assert view.data.is_empty
    assert view.empty_label.isVisibleTo(view)
    assert "Nothing to show yet" in view.empty_label.text()
    assert view.tiles["win_rate"].value_label.text() == "—"
    assert all(tile.drill is None for tile in view.tiles.values())
    for canvas in view.canvases.values():
        canvas.ensure_built()
    texts = [t.get_text() for t in view.canvases["funnel"].figure.axes[0].texts]
    assert "No open deals." in texts
    assert all(canvas.hits == [] for canvas in view.canvases.values())


def test_changing_the_filters_recomputes_without_blocking(
    qtbot: QtBot, make_view: ViewFactory, db: Database
) -> None:
    load_sample(db)
    view = make_view()
    view.previous_button.click()
    wait_updated(qtbot, view)
    assert view.data is not None
    assert (view.data.filter.start, view.data.filter.end) == (date(2025, 1, 1), date(2025, 4, 1))
    user_row = view.owner_combo.count() - 1
    view.owner_combo.setCurrentIndex(user_row)
    wait_updated(qtbot, view)
    owner = view.owner_combo.itemData(user_row).owner_ids
    assert view.data.filter.owner_ids == owner
    expected = computed(db, MetricFilter(date(2025, 1, 1), date(2025, 4, 1), owner_ids=owner))
    assert view.data.win_rate == expected.win_rate
    view.set_period("custom", date(2025, 2, 10), date(2025, 3, 20))
    wait_updated(qtbot, view)
    assert (view.data.filter.start, view.data.filter.end) == (date(2025, 2, 10), date(2025, 3, 20))
    assert view.from_edit.isVisibleTo(view)
    assert not view.period_label.isVisibleTo(view)


def test_a_refresh_of_unchanged_records_and_a_period_set_back_come_from_the_cache(
    qtbot: QtBot, make_view: ViewFactory, db: Database
) -> None:
    load_sample(db)
    view = make_view()
    shown = view.data
    with qtbot.waitSignal(view.sig_updated, timeout=30_000):
        view.refresh()
    assert view.data is shown
    assert view.cache.hits == 1
    view.previous_button.click()
    wait_updated(qtbot, view)
    view.next_button.click()
    wait_updated(qtbot, view)
    assert view.data is shown
    assert view.cache.hits == 2
    with db.session() as s, s.begin():  # records changed: computed again
        s.add(Lead(last_name="Nouveau", created_at=datetime(2025, 5, 2, tzinfo=UTC)))
    with qtbot.waitSignal(view.sig_updated, timeout=30_000):
        view.refresh()
    assert view.data is not shown
    assert view.cache.hits == 2
    assert view.data is not None
    assert shown is not None
    assert view.data.leads.leads == shown.leads.leads + 1


def test_several_quick_changes_show_the_last_choice(
    qtbot: QtBot, make_view: ViewFactory, db: Database
) -> None:
    load_sample(db)
    view = make_view()
    for kind in ("month", "year", "quarter", "month"):
        view.set_period(kind, REFERENCE)
        view.recompute()
    wait_updated(qtbot, view)
    qtbot.waitUntil(lambda: view.data is not None and view.data.filter.start == date(2025, 6, 1))
    assert view.data is not None
    assert view.data.filter.end == date(2025, 7, 1)


def test_money_per_currency_and_charts_in_the_chosen_one(
    qtbot: QtBot, make_view: ViewFactory, db: Database, locale: Callable[[QLocale], None]
) -> None:
    locale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    load_sample(db)
    view = make_view()
    assert view.data is not None
    currencies = [view.currency_combo.itemData(i) for i in range(view.currency_combo.count())]
    assert currencies == list(view.data.currencies)
    assert len(currencies) > 1
    assert "also" in view.tiles["pipeline"].detail_label.text()
    other = currencies[1]
    view.currency_combo.setCurrentIndex(1)
    view.currency_combo.activated.emit(1)
    qtbot.waitUntil(lambda: view.data is not None and view.data.currency == other, timeout=60_000)
    wait_updated(qtbot, view)
    view.canvases["revenue"].ensure_built()
    title = view.canvases["revenue"].figure.axes[0].get_title(loc="left")
    assert other in title or {"USD": "$", "GBP": "£"}.get(other, "?") in title
    assert view.data.revenue == computed(db, Q2, other).revenue


def test_the_palette_colours_the_charts(qtbot: QtBot, make_view: ViewFactory, db: Database) -> None:
    load_sample(db)
    view = make_view()
    view.canvases["cases"].grab()
    light = view.canvases["cases"].figure.get_facecolor()
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    view.setPalette(palette)
    wait_updated(qtbot, view)
    canvas = view.canvases["cases"]
    pixel = canvas.grab().toImage().pixelColor(4, 4)  # painting it builds it
    assert canvas.figure.get_facecolor() != light
    assert pixel.lightnessF() < 0.2
    assert {t.get_color() for t in canvas.figure.axes[0].get_xticklabels()} == {"#eeeeee"}


def test_the_view_exports_a_pdf_and_pngs(
    qtbot: QtBot, make_view: ViewFactory, db: Database, tmp_path: Path
) -> None:
    load_sample(db)
    view = make_view()
    assert view.export_pdf(tmp_path / "dashboard.pdf") == 8
    pages = PdfReader(tmp_path / "dashboard.pdf").pages
    assert len(pages) == 8
    assert all("Owner: Everyone" in page.extract_text() for page in pages)
    png = view.export_png("leads", tmp_path / "leads.png")
    assert png.stat().st_size > 10_000
    job = view.export_pdf_in_background(tmp_path / "in-background.pdf")
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=60_000)
    assert len(PdfReader(tmp_path / "in-background.pdf").pages) == 8
    assert view.status_label.text() == "Exported 8 pages"


def test_an_export_that_cannot_be_written_says_so(
    qtbot: QtBot, make_view: ViewFactory, db: Database, tmp_path: Path
) -> None:
    load_sample(db, 50)
    view = make_view()
    job = view.export_pdf_in_background(tmp_path / "no such folder" / "dashboard.pdf")
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=60_000)
    assert job.error_box is not None
    assert "no such folder" in job.error_box.text()
    job.error_box.close()


# --- drill-down into the lists ----------------------------------------------------------------


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner
) -> Iterator[MainWindow]:
    load_sample(db, reference=None)  # around today: the dashboard opens on this quarter
    window = MainWindow(db, language="en", settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.resize(1300, 900)
    window.show()
    qtbot.waitUntil(lambda: runner.is_idle() and window.overview is not None, timeout=60_000)
    return window


def rows_shown(qtbot: QtBot, view: RecordListView, expected: int) -> int:
    qtbot.waitUntil(lambda: view.model.rowCount() == expected, timeout=30_000)
    return view.model.rowCount()


def exact_count(db: Database, object_type: str, view: RecordListView) -> int:
    with db.read_session() as session:
        return len(ordered_rowids(session, ListQuery(object_type, view.model.query.conditions)))


def test_the_dashboard_is_in_the_navigation(window: MainWindow, qtbot: QtBot) -> None:
    labels = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert labels[:2] == ["Overview", "Dashboard"]
    window.nav.setCurrentRow(1)
    assert window.pages.currentWidget() is window.dashboard
    dashboard = window.open_dashboard()
    wait_updated(qtbot, dashboard)
    # The lists keep their places: the object lists still open by type.
    assert window.open_list("contact").object_type == "contact"
    finish_jobs(qtbot, window)


def finish_jobs(qtbot: QtBot, window: MainWindow) -> None:
    """Let the window's jobs end before it closes: closing during a job asks the user."""
    runner = window.runner
    assert runner is not None
    qtbot.waitUntil(runner.is_idle, timeout=60_000)


@pytest.mark.parametrize(("chart", "bar"), [("funnel", 0), ("funnel", 2), ("cases", 1)])
def test_clicking_a_bar_opens_the_list_of_exactly_its_records(
    window: MainWindow, qtbot: QtBot, chart: str, bar: int
) -> None:
    dashboard = window.open_dashboard()
    wait_updated(qtbot, dashboard)
    canvas = dashboard.canvases[chart]
    dashboard.scroll_area.ensureWidgetVisible(canvas)
    qtbot.waitUntil(lambda: bool(canvas.hits))  # built and rendered once in view
    qtbot.wait(20)
    target = canvas.hits[bar][1]
    assert target.count > 0
    with qtbot.waitSignal(dashboard.sig_drill_down, timeout=5_000) as signal:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*canvas.bar_center(bar)))
    assert signal.args == [target.object_type, target.conditions]
    view = window.pages.currentWidget()
    assert isinstance(view, RecordListView)
    assert view.object_type == target.object_type
    assert view.model.query.conditions == target.conditions
    assert rows_shown(qtbot, view, target.count) == target.count
    finish_jobs(qtbot, window)


@pytest.mark.parametrize(
    ("chart", "keys", "bar"),
    [
        ("funnel", [Qt.Key.Key_Right], 0),
        ("funnel", [Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Right], 2),
        ("funnel", [Qt.Key.Key_Left], -1),
        ("cases", [Qt.Key.Key_End, Qt.Key.Key_Up], -2),
    ],
    ids=["first", "third", "wraps-to-last", "end-then-back"],
)
def test_a_bar_is_chosen_with_the_arrow_keys_and_opened_with_enter(
    window: MainWindow, qtbot: QtBot, chart: str, keys: list[Qt.Key], bar: int
) -> None:
    dashboard = window.open_dashboard()
    wait_updated(qtbot, dashboard)
    canvas = dashboard.canvases[chart]
    dashboard.scroll_area.ensureWidgetVisible(canvas)
    qtbot.waitUntil(lambda: bool(canvas.hits))
    assert canvas.focusPolicy() == Qt.FocusPolicy.StrongFocus
    canvas.setFocus()
    for key in keys:
        qtbot.keyClick(canvas, key)
    expected = bar % len(canvas.hits)
    assert canvas.current == expected
    artist, target = canvas.hits[expected]
    assert artist.get_linewidth() == 2.5  # type: ignore[attr-defined]  # outlined
    assert f"{target.count} records" in canvas.accessibleDescription()
    with qtbot.waitSignal(dashboard.sig_drill_down, timeout=5_000) as signal:
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert signal.args == [target.object_type, target.conditions]
    view = window.pages.currentWidget()
    assert isinstance(view, RecordListView)
    assert rows_shown(qtbot, view, target.count) == target.count
    finish_jobs(qtbot, window)


def test_enter_before_any_bar_is_chosen_opens_nothing(window: MainWindow, qtbot: QtBot) -> None:
    dashboard = window.open_dashboard()
    wait_updated(qtbot, dashboard)
    canvas = dashboard.canvases["funnel"]
    dashboard.scroll_area.ensureWidgetVisible(canvas)
    qtbot.waitUntil(lambda: bool(canvas.hits))
    canvas.setFocus()
    with qtbot.assertNotEmitted(dashboard.sig_drill_down, wait=100):
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is dashboard
    finish_jobs(qtbot, window)


def test_a_tile_opens_the_list_from_the_keyboard_and_replaces_the_filters(
    window: MainWindow, qtbot: QtBot, db: Database
) -> None:
    deals = window.open_list("opportunity")
    deals.filter_edit.setText("zzz-nothing")
    deals.apply_filters()
    dashboard = window.open_dashboard()
    wait_updated(qtbot, dashboard)
    tile = dashboard.tiles["pipeline"]
    assert tile.drill is not None
    assert tile.drill.count > 0
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is deals
    assert deals.filter_edit.text() == ""
    assert rows_shown(qtbot, deals, tile.drill.count) == exact_count(db, "opportunity", deals)
    # Another figure replaces the conditions rather than adding to them.
    window.open_dashboard()
    won = dashboard.tiles["cycle"]
    if won.drill is not None:
        qtbot.mouseClick(won, Qt.MouseButton.LeftButton)
        assert deals.model.query.conditions == won.drill.conditions
        assert rows_shown(qtbot, deals, won.drill.count) == won.drill.count
    finish_jobs(qtbot, window)
