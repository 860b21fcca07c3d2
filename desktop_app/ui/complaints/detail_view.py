"""One matter: its key elements, status, deadline, the history as a timeline, its sheets,
callbacks and extensions, and buttons for the steps its status allows (DESIGN §1.3).

Every step opens its dialog; the dialog's `save` runs the service in one short
session. After a step the view reloads and `changed` fires (the tab refreshes).
延期 is offered to the office director only (the service refuses others anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QPushButton,
    QScrollArea, QTabWidget, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services import matters as svc
from desktop_app.db.services.departments import list_departments
from desktop_app.db.services.duty_log import duty_entry_for_matter
from desktop_app.db.services.followups_query import followup_for_matter
from desktop_app.db.services.matter_finding import finding_applies, set_matter_finding
from desktop_app.records.matter_rows import MatterDetail, SheetRow
from desktop_app.records.survey_rows import SurveyRow
from desktop_app.db.services.surveys import get_survey, survey_for_matter
from desktop_app.db.tx import Actor
from desktop_app.domain.matters import ACTION_LABELS, Action, allowed_actions
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.complaints import detail_parts as parts
from desktop_app.ui.complaints.close_dialogs import (
    CloseUnreachableDialog, ExtensionDialog, OnTheSpotDialog, WithdrawDialog,
)
from desktop_app.ui.complaints.finding_dialog import FindingDialog
from desktop_app.ui.complaints.step_dialogs import (
    CallbackDialog, DispatchDialog, ReplyDialog, sheet_label,
)
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.widgets.errors import show_warning
from desktop_app.ui.widgets.service import call_service, ok_if_none, saver


def choose_sheet(parent: QWidget, sheets: list[SheetRow]) -> int | None:
    """Ask which feedback sheet to print; tests replace this function."""
    labels = [sheet_label(s) for s in sheets]
    label, ok = QInputDialog.getItem(parent, parent.tr("打印反馈单"), parent.tr("选择反馈单："),
                                     labels, len(labels) - 1, False)
    return sheets[labels.index(label)].id if ok and label in labels else None


def _tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(True)
    return tree


class MatterDetailDialog(QDialog):
    """The detail of one matter; works modeless (the tab keeps it open beside the list)."""

    changed = Signal(int)
    print_registration_requested = Signal(int)
    print_feedback_requested = Signal(int, int)

    def __init__(self, db: Database, actor: Actor, matter_id: int, parent: QWidget | None = None,
                 *, now: Callable[[], datetime], navigator: Navigator | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.matter_id = db, actor, matter_id
        self._now = now
        self.navigator = navigator or Navigator()  # the source links lead into other tabs
        self.detail: MatterDetail | None = None
        self.setWindowTitle(self.tr("诉求详情"))
        self.resize(1060, 720)

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        info_page = QWidget()
        self.info_form = QFormLayout(info_page)
        self.info_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        info_scroll = QScrollArea()
        info_scroll.setWidgetResizable(True)
        info_scroll.setFrameShape(QFrame.Shape.NoFrame)
        info_scroll.setWidget(info_page)
        self.info_box = QGroupBox(self.tr("登记信息"))
        self.info_box.setMinimumWidth(330)
        QVBoxLayout(self.info_box).addWidget(info_scroll)
        self.timeline = QTextBrowser()
        self.timeline.setOpenLinks(False)
        self.sheets_tree = _tree(parts.SHEET_HEADERS)
        self.callbacks_tree = _tree(parts.CALLBACK_HEADERS)
        self.extensions_tree = _tree(parts.EXTENSION_HEADERS)
        self.pages = QTabWidget()
        self.pages.addTab(self.timeline, self.tr("办理经过"))
        self.pages.addTab(self.sheets_tree, self.tr("反馈单"))
        self.pages.addTab(self.callbacks_tree, self.tr("回访记录"))
        self.pages.addTab(self.extensions_tree, self.tr("延期记录"))

        self.step_buttons: dict[Action, QPushButton] = {}
        handlers = {
            Action.dispatch: self.dispatch, Action.reply: self.record_reply,
            Action.callback: self.callback, Action.close_unreachable: self.close_unreachable,
            Action.close_on_the_spot: self.close_on_the_spot, Action.extend: self.extend,
            Action.withdraw: self.withdraw,
        }
        steps = QHBoxLayout()
        for action, handler in handlers.items():
            button = QPushButton(self.tr(ACTION_LABELS[action] + "…"))
            button.clicked.connect(handler)
            self.step_buttons[action] = button
            steps.addWidget(button)
        self.finding_button = QPushButton(self.tr("核实结论…"))
        self.finding_button.setToolTip(self.tr("批评、投诉、举报经核实属实与否（计入科室月度满意度考评）"))
        self.finding_button.clicked.connect(self.record_finding)
        steps.addWidget(self.finding_button)
        steps.addStretch(1)
        self.print_registration_button = QPushButton(self.tr("打印登记表…"))
        self.print_feedback_button = QPushButton(self.tr("打印反馈单…"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.print_registration_button.clicked.connect(
            lambda: self.print_registration_requested.emit(self.matter_id))
        self.print_feedback_button.clicked.connect(self.print_feedback)
        self.close_button.clicked.connect(self.close)
        steps.addWidget(self.print_registration_button)
        steps.addWidget(self.print_feedback_button)
        steps.addWidget(self.close_button)

        body = QHBoxLayout()
        body.addWidget(self.info_box, 1)
        body.addWidget(self.pages, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        layout.addLayout(steps)
        self.reload()

    # showing --------------------------------------------------------------------------
    def reload(self) -> bool:
        """Load the matter again and show it; False if it could not be read."""
        ok, detail = call_service(self, self.db, lambda s: svc.get_matter(
            session=s, matter_id=self.matter_id, today=self._now().date()))
        if not ok or detail is None:
            return False
        self.show_detail(detail)
        return True

    def show_detail(self, detail: MatterDetail) -> None:
        self.detail = detail
        self.setWindowTitle(self.tr("诉求详情 — {0}").format(detail.row.serial))
        self.header.setText(parts.header_html(detail))
        while self.info_form.rowCount():
            self.info_form.removeRow(0)
        for caption, value in parts.key_elements(detail):
            label = QLabel(value)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info_form.addRow(self.tr(caption) + "：", label)
        self._add_source_link(detail.source_ref)
        self.timeline.setHtml(parts.timeline_html(detail.events))
        self._fill(self.sheets_tree, [parts.sheet_cells(s) for s in detail.sheets], 1)
        self._fill(self.callbacks_tree, [parts.callback_cells(c) for c in detail.callbacks], 2)
        self._fill(self.extensions_tree, [parts.extension_cells(e) for e in detail.extensions], 3)
        offered = set(self.offered_actions())
        for action, button in self.step_buttons.items():
            button.setVisible(action in offered)
        self.finding_button.setVisible(finding_applies(detail.row.request_type)
                                        and allows(self.actor.role, Permission.set_finding))
        self.print_feedback_button.setEnabled(bool(detail.sheets))

    def _add_source_link(self, source_ref: str) -> None:
        """A matter registered from a follow-up or a duty-log entry links back to that record."""
        self.source_button = None
        if not source_ref:
            return
        ok, found = call_service(self, self.db, lambda s: (
            followup_for_matter(session=s, source_ref=source_ref),
            duty_entry_for_matter(session=s, source_ref=source_ref),
            _survey_of(s, source_ref)))
        if not ok or found is None:
            return
        followup, duty_entry, survey = found
        if survey is not None:
            label = QLabel(parts.survey_source_text(survey))
            label.setWordWrap(True)
            self.info_form.addRow(self.tr("来源") + "：", label)
            return
        if followup is not None:
            task_id, text = followup
            self.source_button = QPushButton(self.tr("出院回访：{0}").format(text))
            self.source_button.clicked.connect(lambda: self.open_followup(task_id))
        elif duty_entry is not None:
            self.source_button = QPushButton(duty_entry.text)
            self.source_button.clicked.connect(
                lambda: self.open_duty_log(duty_entry.day, duty_entry.entry_id))
        else:
            return
        self.source_button.setFlat(True)
        self.source_button.setStyleSheet("color: #1565c0; text-align: left;")
        self.info_form.addRow(self.tr("来源") + "：", self.source_button)

    def open_duty_log(self, day: date, entry_id: int) -> None:
        """Show the duty log of `day` with the entry selected (where the navigator leads:
        the 值班日志 page that opened this window, else a duty-log window of its own)."""
        self.navigator.open_duty_log_day(day, entry_id, self)

    def open_followup(self, task_id: int) -> bool:
        return self.navigator.open_followup_task(task_id, self)

    def _fill(self, tree: QTreeWidget, rows: list[list[str]], page: int) -> None:
        tree.clear()
        for cells in rows:
            item = QTreeWidgetItem(cells)
            for column, text in enumerate(cells):
                item.setToolTip(column, text)
            tree.addTopLevelItem(item)
        for column in range(tree.columnCount() - 1):
            tree.resizeColumnToContents(column)
            tree.setColumnWidth(column, tree.columnWidth(column) + 8)
        title = self.pages.tabText(page).split("（")[0]
        self.pages.setTabText(page, f"{title}（{len(rows)}）" if rows else title)

    def offered_actions(self) -> list[Action]:
        """The steps this user may take now (DESIGN §1.3; 延期 for the office director only)."""
        if self.detail is None:
            return []
        actions = allowed_actions(self.detail.row.status)
        if not allows(self.actor.role, Permission.grant_extension):
            actions = [a for a in actions if a != Action.extend]
        return actions

    def timeline_lines(self) -> list[str]:
        return [parts.event_line(e) for e in self.detail.events] if self.detail else []

    # steps ----------------------------------------------------------------------------
    def _saver(self, service: Callable[..., Any], **fixed: Any) -> Callable[..., Any]:
        return ok_if_none(saver(self.db, self.actor, self._now, service, **fixed))

    def _done(self, result: Any) -> None:
        if result is None:
            return
        if isinstance(result, MatterDetail):
            self.show_detail(result)
        else:
            self.reload()
        self.changed.emit(self.matter_id)

    def _current_sheets(self) -> list[SheetRow]:
        assert self.detail is not None
        current = self.detail.row.round
        return [s for s in self.detail.sheets if s.round == current]

    def dispatch(self) -> None:
        assert self.detail is not None
        ok, departments = call_service(self, self.db, lambda s: list_departments(
            session=s, include_inactive=False))
        if not ok:
            return
        previous = [s.department_id for s in self.detail.sheets
                    if s.round == self.detail.row.round]
        preselect = previous or ([self.detail.row.department_id]
                                 if self.detail.row.department_id else [])
        reply_by = max(self.detail.row.deadline, self._now().date())
        self._done(DispatchDialog.ask(self, departments, reply_by,
                                      self._saver(svc.dispatch, matter_id=self.matter_id),
                                      preselect))

    def record_reply(self) -> None:
        open_sheets = [s for s in self._current_sheets() if s.replied_at is None]
        if not open_sheets:
            show_warning(self, self.tr("登记答复"), self.tr("本轮反馈单都已答复。"))
            return
        self._done(ReplyDialog.ask(self, open_sheets, self._now(), self._saver(svc.record_reply)))

    def callback(self) -> None:
        self._done(CallbackDialog.ask(self, self._saver(svc.record_callback,
                                                        matter_id=self.matter_id)))

    def close_unreachable(self) -> None:
        assert self.detail is not None
        self._done(CloseUnreachableDialog.ask(
            self, self.detail.anonymous,
            self._saver(svc.close_unreachable, matter_id=self.matter_id)))

    def close_on_the_spot(self) -> None:
        self._done(OnTheSpotDialog.ask(self, self._saver(svc.close_on_the_spot,
                                                         matter_id=self.matter_id)))

    def extend(self) -> None:
        assert self.detail is not None
        self._done(ExtensionDialog.ask(self, self.detail.row.deadline, self._now(),
                                       self._saver(svc.extend_deadline,
                                                   matter_id=self.matter_id)))

    def withdraw(self) -> None:
        self._done(WithdrawDialog.ask(self, self._saver(svc.withdraw, matter_id=self.matter_id)))

    def record_finding(self) -> None:
        """核实结论… (any status; 批评/投诉/举报 only, the button is hidden otherwise)."""
        assert self.detail is not None
        self._done(FindingDialog.ask(self, self.detail.finding, self.detail.finding_note,
                                     self._saver(set_matter_finding, matter_id=self.matter_id)))

    def print_feedback(self) -> None:
        if self.detail is None or not self.detail.sheets:
            return
        sheets = list(self.detail.sheets)
        sheet_id = sheets[0].id if len(sheets) == 1 else choose_sheet(self, sheets)
        if sheet_id is not None:
            self.print_feedback_requested.emit(self.matter_id, sheet_id)


def _survey_of(session: Any, source_ref: str) -> SurveyRow | None:
    """The survey form a matter was registered from, if it was."""
    survey_id = survey_for_matter(session=session, source_ref=source_ref)
    return None if survey_id is None else get_survey(session=session, survey_id=survey_id)
