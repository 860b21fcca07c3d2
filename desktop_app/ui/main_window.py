"""The main window: hosts the tabs, the calendar banner, menus, status bar and the idle lock.

It alone imports the tab packages (tests/ui/test_tabs_stand_apart.py): each tab
prints through its own `printing`, and where one tab's window leads into
another's it asks the navigator that `tab_navigator` fills here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, __version__
from desktop_app.clock import Clock
from desktop_app.db.backup import backup_database
from desktop_app.db.database import Database
from desktop_app.db.services.work_calendar import missing_calendar_year
from desktop_app.db.services.users import verify_password
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import ROLE_LABELS
from desktop_app.ui.backup_ui import AutoBackup
from desktop_app.ui.complaints.openers import register_with, show_matter
from desktop_app.ui.complaints.tab import ComplaintsTab
from desktop_app.ui.followups.tab import FollowUpsTab
from desktop_app.ui.followups.task_dialog import TaskDialog
from desktop_app.ui.inspections.duty_log_panel import DutyLogDialog
from desktop_app.ui.inspections.tab import InspectionsTab
from desktop_app.ui.login import UnlockDialog
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.satisfaction.tab import SatisfactionTab
from desktop_app.ui.settings.tab import SettingsTab
from desktop_app.ui.widgets.errors import show_error
from desktop_app.db.backup import backup_before_restore
from desktop_app.domain.errors import StorageError
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.restore_dialog import RestoreDialog
from desktop_app.ui.widgets.errors import show_warning


def tab_navigator(db: Database, actor: Actor, now: Callable[[], datetime]) -> Navigator:
    """The navigator every tab is given: each destination opens the window of the tab it
    belongs to, over the window that asked (see `ui.navigation`)."""
    return Navigator(
        open_matter=lambda nav, matter_id, parent: show_matter(
            parent, db, actor, matter_id, now=now, navigator=nav),
        register_matter=lambda nav, prefill, parent: register_with(
            parent, db, actor, prefill, now=now),
        open_followup_task=lambda nav, task_id, parent: TaskDialog.open(
            parent, db, actor, task_id, now, navigator=nav),
        open_duty_log_day=lambda nav, day, entry_id, parent: DutyLogDialog.open(
            parent, db, actor, day, entry_id, now=now, navigator=nav),
    )


class CalendarBanner(QFrame):
    """A yellow strip asking for a year's holiday calendar while it is missing."""

    enter_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarBanner")
        self.setStyleSheet(
            "#calendarBanner { background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; }"
        )
        self._year = 0
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        button = QPushButton(self.tr("去录入"), self)
        button.clicked.connect(lambda: self.enter_requested.emit(self._year))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(button)
        self.hide()

    def set_missing_year(self, year: int | None) -> None:
        if year is None:
            self.hide()
            return
        self._year = year
        self.label.setText(
            self.tr(
                "尚未录入 {year} 年的法定节假日和调休安排：该年的办理期限暂按周末推算，标记为“待核定”。"
                "国务院办公厅公布安排后，请在“设置 → 节假日日历”中录入。"
            ).format(year=year)
        )
        self.show()


class MainWindow(QMainWindow):
    """Hosts the tabs; the tabs themselves live in their own packages."""

    def __init__(self, db: Database, actor: Actor, *, clock: Clock,
                 log_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.clock = clock  # the one clock of the run (app.run_gui), passed to every tab
        self._log_path = log_path
        self._hidden_dialogs: list[QWidget] = []
        self.setWindowTitle(f"{APP_NAME} — {db.path.name}")
        self.navigator = tab_navigator(db, actor, clock.now)  # passed to every tab
        navigator = self.navigator

        self.banner = CalendarBanner(self)
        self.banner.enter_requested.connect(self.open_calendar)
        self.tabs = QTabWidget(self)
        self.complaints_tab = ComplaintsTab(db, actor, self, clock=clock, navigator=navigator)
        self.complaints_tab.overdue_count_changed.connect(self._set_complaints_title)
        self.tabs.addTab(self.complaints_tab, self.tr("投诉登记"))
        self._set_complaints_title(self.complaints_tab.overdue_count)
        self.followups_tab = FollowUpsTab(db, actor, self, clock=clock, navigator=navigator)
        self.followups_tab.due_count_changed.connect(self._set_followups_title)
        self.followups_tab.records_changed.connect(lambda: self.complaints_tab.refresh())
        self.tabs.addTab(self.followups_tab, self.tr("出院回访"))
        self._set_followups_title(self.followups_tab.counts.get("due", 0))
        self.inspections_tab = InspectionsTab(db, actor, self, clock=clock, navigator=navigator)
        self.inspections_tab.matter_registered.connect(lambda _id: self.complaints_tab.refresh())
        self.tabs.addTab(self.inspections_tab, self.tr("周五检查"))
        self.satisfaction_tab = SatisfactionTab(db, actor, self, clock=clock,
                                                navigator=navigator)
        self.satisfaction_tab.matter_registered.connect(lambda _id: self.complaints_tab.refresh())
        self.tabs.addTab(self.satisfaction_tab, self.tr("满意度"))
        self.settings_tab = SettingsTab(db, actor, self, clock=clock)
        self.settings_tab.data_changed.connect(self.refresh_banner)
        self.settings_tab.data_changed.connect(self.satisfaction_tab.refresh)
        self.tabs.addTab(self.settings_tab, self.tr("设置"))

        work = QWidget(self)
        layout = QVBoxLayout(work)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.locked_page = QLabel(self.tr("已锁定，请输入密码解锁。"), self)
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(work)
        self.stack.addWidget(self.locked_page)
        self.setCentralWidget(self.stack)

        self._build_menus()
        user = QLabel(self.tr("当前用户：{name}（{role}）").format(
            name=actor.display_name, role=ROLE_LABELS[actor.role]))
        self.db_label = QLabel(self.tr("数据库：{name}").format(name=db.path.name))
        self.db_label.setToolTip(str(db.path))  # the whole path is in 帮助 → 关于 too
        self.statusBar().addWidget(user)
        self.statusBar().addPermanentWidget(self.db_label)
        self.backups = AutoBackup(db.path, self, clock=clock.now)  # automatic backups; the last good one in the status bar
        self.statusBar().addPermanentWidget(self.backups.label)
        self.settings_tab.data_changed.connect(self.backups.refresh)
        self.restore_file: Path | None = None  # set by restore_from_backup; app.run_gui restarts on it
        self.pre_restore_backup: Path | None = None
        self.refresh_banner()
        self.resize(1200, 780)

    def today(self) -> date:
        return self.clock.today()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.tr("备份数据库…"), self.backup_now)
        self.restore_action = file_menu.addAction(self.tr("恢复备份…"), self.restore_from_backup)
        file_menu.addAction(self.tr("打印医患连心卡…"), self.settings_tab.print_liaison_cards)
        file_menu.addSeparator()
        file_menu.addAction(self.tr("退出"), self.close)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.tr("关于"), self.show_about)

    # --- actions -------------------------------------------------------------
    def refresh_banner(self) -> None:
        try:
            with self.db.session() as session:
                year = missing_calendar_year(session=session, today=self.today())
        except Exception as exc:  # noqa: BLE001 (shown, not swallowed)
            show_error(self, exc)
            return
        self.banner.set_missing_year(year)

    def open_calendar(self, year: int) -> None:
        self.tabs.setCurrentWidget(self.settings_tab)
        self.settings_tab.show_calendar_year(year)

    def _set_complaints_title(self, overdue: int) -> None:
        index = self.tabs.indexOf(self.complaints_tab)
        title = self.tr("投诉登记（超期 {n}）").format(n=overdue) if overdue else self.tr("投诉登记")
        self.tabs.setTabText(index, title)

    def _set_followups_title(self, due: int) -> None:
        if due < 0:  # the tab shows another day than today: keep the title
            return
        index = self.tabs.indexOf(self.followups_tab)
        title = self.tr("出院回访（待访 {n}）").format(n=due) if due else self.tr("出院回访")
        self.tabs.setTabText(index, title)

    def show_reminders_if_any(self) -> bool:
        """On login: the overdue and due-soon panel, when there is something in it."""
        dialog = self.complaints_tab.show_reminders()
        if not dialog.has_items():
            dialog.hide()
            return False
        return True

    def ask_backup_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"), str(self.db.path.parent))
        return Path(folder) if folder else None

    def backup_now(self) -> Path | None:
        folder = self.ask_backup_folder()
        if folder is None:
            return None
        try:
            target = backup_database(self.db.path, folder, now=self.clock.now())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return None
        QMessageBox.information(self, self.tr("备份完成"), self.tr("已备份到：\n{path}").format(path=target))
        self.backups.refresh()
        return target

    def restore_from_backup(self) -> Path | None:
        """文件 → 恢复备份…: choose and check a backup, back up the current data, restart on it.

        Office director only. The chosen file is checked in the dialog; the
        `pre-restore` copy is made here while the data is still open (if it
        fails nothing changes); then the window closes with `restore_file`
        set and `app.run_gui` replaces the file and opens it again (login).
        """
        if not allows(self.actor.role, Permission.edit_settings):
            show_warning(self, self.tr("没有权限"), self.tr("只有办公室主任可以恢复备份。"))
            return None
        folder, _default = self.backups.folder()
        chosen = RestoreDialog.ask(self, folder, self.db.path)
        if chosen is None:
            return None
        self.backups.wait()
        try:
            self.pre_restore_backup = backup_before_restore(self.db.path, now=self.clock.now())
        except StorageError as exc:  # folder missing, read-only, disk full: nothing changed
            show_warning(self, self.tr("没有恢复"), exc.message)
            return None
        except Exception as exc:  # noqa: BLE001 (a bug: logged, shown)
            show_error(self, exc)
            return None
        self.restore_file = chosen
        self.close()
        return chosen

    def show_about(self) -> None:
        log = str(self._log_path) if self._log_path else self.tr("（未设置）")
        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr("{app} {version}\n\n数据库文件：{db}\n日志文件：{log}\n\n"
                    "界面字体：文泉驿微米黑（Apache-2.0）").format(
                app=APP_NAME, version=__version__, db=self.db.path, log=log),
        )

    # --- idle lock -----------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self.stack.currentWidget() is self.locked_page

    def lock(self) -> None:
        """Hide the work until the password is given again; open forms keep their input.

        Open dialogs are made transparent and disabled, not hidden: hiding a
        modal dialog would end its exec() as cancelled and lose what was typed.
        """
        if self.is_locked:
            return
        self.stack.setCurrentWidget(self.locked_page)
        self._hidden_dialogs = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w is not self
        ]
        for dialog in self._hidden_dialogs:
            dialog.setWindowOpacity(0.0)
            dialog.setEnabled(False)

    def unlock_with(self, password: str) -> None:
        """Check the password (AuthError if wrong) and show the work again, as it was."""
        with self.db.session() as session:
            verify_password(session=session, actor=self.actor, password=password,
                            now=self.clock.now())
        self.stack.setCurrentIndex(0)
        for dialog in self._hidden_dialogs:
            dialog.setEnabled(True)
            dialog.setWindowOpacity(1.0)
        self._hidden_dialogs = []

    def lock_and_ask(self) -> bool:
        """Lock, then ask for the password; False when the user chose to quit instead.

        Quitting while forms with input are open needs a second, explicit yes
        (their content would be lost); "no" goes back to the unlock prompt.
        """
        self.lock()
        while not UnlockDialog.ask(self, self.actor.display_name, self.unlock_with):
            if self.confirm_quit_while_locked():
                self._quit_from_lock()
                return False
        return True

    def unsaved_forms(self) -> list[str]:
        """Titles of the forms hidden by the lock that hold input (viewers do not count)."""
        return [dialog.windowTitle() or self.tr("未命名的表单")
                for dialog in self._hidden_dialogs if _holds_input(dialog)]

    def confirm_quit_while_locked(self) -> bool:
        """True to quit: at once without open forms, else only after the user confirms."""
        forms = self.unsaved_forms()
        if not forms:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("退出程序"), self.tr(
            "有未保存的表单（{forms}），退出将丢失这些内容。仍要退出吗？\n\n"
            "要保留这些内容，请返回并输入密码解锁，然后保存表单。").format(forms="、".join(forms)),
            parent=self)
        quit_button = box.addButton(self.tr("仍要退出"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("返回解锁"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is quit_button

    def _quit_from_lock(self) -> None:
        """Cancel the hidden forms (nothing half-saved, their exec() loops end), then close."""
        for dialog in self._hidden_dialogs:
            dialog.setEnabled(True)
            dialog.reject()
        self._hidden_dialogs = []
        self.close()


_INPUT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def _holds_input(dialog: QWidget) -> bool:
    """A dialog counts as a form when it says so (`has_unsaved_input`) or has an editable field."""
    check = getattr(dialog, "has_unsaved_input", None)
    if callable(check):
        return bool(check())
    return any(not widget.isReadOnly() for kind in _INPUT_WIDGETS
               for widget in dialog.findChildren(kind))
