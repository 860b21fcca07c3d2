"""The 满意度 tab: 问卷录入, 抽样完成情况, 结果与考评 (issue 6, DESIGN §1.7–1.8).

问卷录入 is the keyboard-first entry form with the chosen day's forms listed
under it (修改 loads a form back into the entry form; 删除; 转为诉求登记…
opens the complaints registration form, through the navigator, filled from
the form's comment, and the matter links back to it). 抽样完成情况 is the
quota month grid; 结果与考评 is U2's ResultsPanel. A page whose data changed
while hidden is reloaded when it is shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services.departments import list_departments
from desktop_app.records.matter_rows import MatterRow
from desktop_app.records.survey_rows import SavedSurvey, SurveyRow
from desktop_app.db.services.surveys import delete_survey, survey_matter_prefill
from desktop_app.db.services.surveys_query import get_survey, list_surveys
from desktop_app.db.tx import Actor
from desktop_app.domain.satisfaction import SurveyKind
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.satisfaction.entry_form import SurveyEntryForm
from desktop_app.ui.satisfaction.quota_view import QuotaView
from desktop_app.ui.satisfaction.results_panel import ResultsPanel
from desktop_app.ui.satisfaction.survey_list_model import SurveyListModel, has_dissatisfied
from desktop_app.ui.satisfaction.visits_dialog import VisitsDialog
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import make_table_view, select_row, selected_row

Now = Callable[[], datetime]
LIST_WIDTHS = (50, 60, 80, 150, 48, 48, 48, 48, 48, 48, 48, 56, 260, 80)
COMMENT_COLUMN = 12


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; tests replace this function."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def day_summary(rows: list[SurveyRow], day: date) -> str:
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in SurveyKind}
    return (f"{day:%Y-%m-%d} 共录入 {len(rows)} 份：门诊 {counts[SurveyKind.outpatient]}，"
            f"住院 {counts[SurveyKind.inpatient]}，公卫电话 {counts[SurveyKind.public_health]}")


class EntryPage(QWidget):
    """问卷录入: the entry form above, the day's forms below."""

    matter_registered = Signal(int)
    changed = Signal()  # forms or visits changed: the other pages are stale

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Now, navigator: Navigator | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._now = now
        self.navigator = navigator or Navigator()  # the registration form, in 投诉登记
        self.form = SurveyEntryForm(db, actor, self, now=now)
        self.model = SurveyListModel(self)
        self.view = make_table_view(self.model, self)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate(LIST_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(COMMENT_COLUMN, header.ResizeMode.Stretch)
        self.view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab stays within the form
        self.edit_button = QPushButton(self.tr("修改"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.matter_button = QPushButton(self.tr("转为诉求登记…"))
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #424242;")
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("当日已录入（双击修改）")))
        tools.addWidget(self.edit_button)
        tools.addWidget(self.delete_button)
        tools.addWidget(self.matter_button)
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addLayout(tools)
        below_layout.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.form)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self.form.saved.connect(self._saved)
        self.form.visits_requested.connect(self.correct_visits)
        self.form.day_edit.dateChanged.connect(lambda _d: self.refresh_list())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.matter_button.clicked.connect(lambda: self.register_matter())
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh_list()

    def today(self) -> date:
        return self._now().date()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown: the keyboard goes to the form (after the tab widget settled its focus)."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self._focus_form)

    def _focus_form(self) -> None:
        focus = self.focusWidget()
        if self.isVisible() and (focus is None or not self.form.isAncestorOf(focus)):
            self.form.focus_first()

    def selected_survey(self) -> SurveyRow | None:
        row = selected_row(self.view)
        return self.model.survey_at(row) if row >= 0 else None

    def refresh(self) -> None:
        self.form.refresh()
        self.refresh_list()

    def refresh_list(self, select_id: int | None = None) -> None:
        """The forms of the entry form's date, newest first."""
        current = self.selected_survey()
        keep = select_id if select_id is not None else (current.id if current else None)
        day = self.form.day()
        ok, rows = call_service(self, self.db, lambda s: list_surveys(
            session=s, day_from=day, day_to=day))
        if not ok or rows is None:
            return
        self.model.set_rows(rows)
        if keep is not None:
            select_row(self.view, self.model.row_of(keep))
        self.count_label.setText(day_summary(rows, day))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_survey()
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None and row.matter_id is None)
        self.matter_button.setEnabled(row is not None and row.matter_id is None
                                      and (bool(row.comment) or has_dissatisfied(row)))

    def _saved(self, saved: SavedSurvey) -> None:
        self.refresh_list(select_id=saved.survey.id)
        self.changed.emit()

    # actions --------------------------------------------------------------------------
    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.view, index.row())
            self.edit_selected()

    def edit_selected(self) -> bool:
        """Load the selected form (phone whole) into the entry form for correction."""
        row = self.selected_survey()
        if row is None:
            return False
        ok, whole = call_service(self, self.db, lambda s: get_survey(session=s, survey_id=row.id))
        if not ok or whole is None:
            return False
        self.form.edit(whole)
        return True

    def delete_selected(self) -> bool:
        row = self.selected_survey()
        if row is None:
            return False
        text = self.tr("删除第 {0} 号（{1} {2}，{3} 录入）这份表？").format(
            row.id, row.department_name, f"{row.day:%m-%d}", row.entered_by)
        if not _confirm(self, self.tr("删除问卷"), text):
            return False
        ok, _ = call_service(self, self.db, lambda s: delete_survey(
            session=s, actor=self.actor, survey_id=row.id, now=self._now()))
        if ok:
            if self.form.editing is not None and self.form.editing.id == row.id:
                self.form.cancel_edit()
            self.refresh_list()
            self.form.refresh_quota()
            self.changed.emit()
        return ok

    def register_matter(self) -> MatterRow | None:
        """转为诉求登记: the registration form filled from the form; the matter links back."""
        row = self.selected_survey()
        if row is None or row.matter_id is not None:
            return None

        ok, prefill = call_service(self, self.db, lambda s: survey_matter_prefill(
            session=s, survey_id=row.id))
        if not ok or prefill is None:
            return None
        matter = self.navigator.register_matter(prefill, self)
        if matter is not None:
            self.refresh_list(select_id=row.id)
            self.matter_registered.emit(matter.id)
        return matter

    def correct_visits(self, day: date, department_id: int | None) -> None:
        """The visits dialog for the form's day and department (录入/更正门诊人次…)."""
        ok, departments = call_service(self, self.db, lambda s: list_departments(session=s))
        if not ok or departments is None:
            return
        if VisitsDialog.ask(self, self.db, self.actor, departments, self.today(), self._now,
                            day, department_id) is not None:
            self.form.refresh_quota()
            self.changed.emit()
        self.form.focus_first()


class SatisfactionTab(QWidget):
    """Hosts the three pages of the 满意度 tab."""

    matter_registered = Signal(int)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 clock: Clock, navigator: Navigator | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.pages = QTabWidget(self)
        self.entry_page = EntryPage(db, actor, self, now=clock.now, navigator=navigator)
        self.quota_view = QuotaView(db, actor, self, now=clock.now)
        self.results_panel = ResultsPanel(db, actor, self, now=clock.now)
        self.pages.addTab(self.entry_page, self.tr("问卷录入"))
        self.pages.addTab(self.quota_view, self.tr("抽样完成情况"))
        self.pages.addTab(self.results_panel, self.tr("结果与考评"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._stale: set[QWidget] = set()

        self.entry_page.matter_registered.connect(self.matter_registered)
        self.entry_page.matter_registered.connect(lambda _id: self._changed(self.entry_page))
        self.entry_page.changed.connect(lambda: self._changed(self.entry_page))
        self.quota_view.visits_changed.connect(lambda: self._changed(self.quota_view))
        self.pages.currentChanged.connect(lambda _i: self._page_shown())
        self.quota_view.refresh()

    @property
    def entry_form(self) -> SurveyEntryForm:
        return self.entry_page.form

    def _changed(self, source: QWidget) -> None:
        """Data changed on `source`: the other pages reload when next shown."""
        self._stale |= {self.entry_page, self.quota_view, self.results_panel} - {source}

    def _page_shown(self) -> None:
        page = self.pages.currentWidget()
        if page in self._stale:
            self._stale.discard(page)
            if page is self.entry_page:
                self.entry_page.refresh_list()
                self.entry_form.refresh_quota()
            else:
                page.refresh()

    def refresh(self) -> None:
        """Departments or settings changed elsewhere: reload the entry page now, the other
        pages when they are next shown (or now, if one of them is showing)."""
        self.entry_page.refresh()
        self._stale |= {self.quota_view, self.results_panel}
        self._page_shown()
