"""The data-quality pages of the main window (Duplicates, Data health) and their wiring to
it, kept here so the window only names them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_crm.services.record_lists import Condition
from desktop_crm.views.data_health_view import DataHealthView
from desktop_crm.views.duplicates_view import DuplicatesView

if TYPE_CHECKING:
    from desktop_crm.views.main_window import MainWindow

#: Navigation keys of the pages (stored in the navigation items beside object types).
DUPLICATES = "page:duplicates"
HEALTH = "page:data_health"


def make_quality_page(window: MainWindow, page: str) -> QWidget:
    """Make one page, connected to the window: a merge refreshes counts and lists; a
    data-health figure opens its list, suspected duplicates open a scan."""
    if page == DUPLICATES:
        duplicates = DuplicatesView(
            window.db, settings=window.settings, runner=window.runner, parent=window
        )

        def changed() -> None:
            window.refresh()
            window._lists_changed()

        duplicates.sig_changed.connect(changed)
        return duplicates
    if page == HEALTH:
        health = DataHealthView(
            window.db, settings=window.settings, runner=window.runner, parent=window
        )

        def open_list(object_type: str, conditions: Sequence[Condition], label: str) -> None:
            window.drill_down(object_type, conditions)
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "DataHealthView", "Showing: {figure} (from Data health)"
                ).format(figure=label)
            )

        def open_duplicates(object_type: str) -> None:
            view = window.open_quality_page(DUPLICATES)
            assert isinstance(view, DuplicatesView)
            view.set_object_type(object_type)
            view.start_scan()

        health.sig_open_list.connect(open_list)
        health.sig_open_duplicates.connect(open_duplicates)
        return health
    raise ValueError(f"no page {page!r}")
