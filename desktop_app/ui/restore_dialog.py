"""文件 → 恢复备份…: pick a backup (listed with date, kind and size) and have it checked.

The dialog only chooses and checks (`db.backup.check_backup_file`: integrity,
this program's tables, a schema version this program knows); the main
window backs up the current data and asks the program to restart on the
restored file (`MainWindow.restore_from_backup`, `app.run_gui`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.db.backup import check_backup_file
from desktop_app.db.backup_rotation import KIND_LABELS, BackupFile, plan_rotation, program_backups
from desktop_app.domain.errors import StorageError
from desktop_app.ui.widgets.errors import show_warning

COLUMNS = ("备份时间", "类型", "大小", "文件名")
RESTORE_NOTE = ("恢复前会先把当前数据备份到备份文件夹（类型“恢复前”）。"
                "恢复后程序会重新打开，需要重新登录。")


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def kind_text(backup: BackupFile, daily: frozenset[Path], monthly: frozenset[Path]) -> str:
    if backup.is_auto:
        if backup.path in monthly:
            return KIND_LABELS["monthly"]
        return KIND_LABELS["daily"] if backup.path in daily else KIND_LABELS["auto"]
    return KIND_LABELS.get(backup.label, backup.label)


class RestoreDialog(QDialog):
    """The list of backups in the backup folder; 恢复所选备份 checks the choice first."""

    def __init__(self, folder: Path, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("恢复备份"))
        self.folder = Path(folder)
        self.db_path = Path(db_path)
        self.chosen: Path | None = None
        self.backups: list[BackupFile] = []

        layout = QVBoxLayout(self)
        self.folder_label = QLabel(self.tr("备份文件夹：{folder}").format(folder=self.folder))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        layout.addWidget(self.folder_label)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #8a6d00;")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        note = QLabel(self.tr(RESTORE_NOTE))
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a6d00; background: #fff8e1; padding: 4px 8px; border-radius: 3px;")
        layout.addWidget(note)

        buttons = QHBoxLayout()
        self.other_button = QPushButton(self.tr("从其他位置选择文件…"))
        self.other_button.clicked.connect(self.restore_other)
        self.restore_button = QPushButton(self.tr("恢复所选备份"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self.load()
        self.resize(720, 460)

    def load(self) -> None:
        try:
            self.backups = list(reversed(program_backups(self.folder)))  # newest first
            problem = "" if self.backups else self.tr("备份文件夹中没有本程序的备份。")
        except OSError:
            self.backups = []
            problem = self.tr("备份文件夹不存在或无法访问（U 盘未插好？）。可以从其他位置选择备份文件。")
        plan = plan_rotation(self.backups)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            try:
                size = backup.path.stat().st_size
            except OSError:
                size = 0
            cells = (f"{backup.made_at:%Y-%m-%d %H:%M:%S}", kind_text(backup, plan.daily, plan.monthly),
                     size_text(size), backup.path.name)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.empty_label.setText(problem)
        self.empty_label.setVisible(bool(problem))
        if self.backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.backups))

    def selected(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    # choosing ------------------------------------------------------------------------
    def restore_selected(self) -> bool:
        backup = self.selected()
        if backup is None:
            return False
        return self.try_restore(backup.path, f"{backup.made_at:%Y-%m-%d %H:%M}")

    def restore_other(self) -> bool:
        path = self.pick_file()
        return self.try_restore(path, path.name) if path is not None else False

    def pick_file(self) -> Path | None:
        """The file dialog (tests replace this)."""
        start = self.folder if self.folder.is_dir() else self.db_path.parent
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), str(start),
                                                self.tr("数据库备份 (*.sqlite3 *.db);;所有文件 (*)"))
        return Path(chosen) if chosen else None

    def try_restore(self, path: Path, what: str) -> bool:
        """Check the file; refuse it with the reason, or confirm and accept the dialog."""
        try:
            check_backup_file(path)
        except StorageError as exc:
            show_warning(self, self.tr("不能用这个文件恢复"), exc.message)
            return False
        if not self.confirm(what):
            return False
        self.chosen = Path(path)
        self.accept()
        return True

    def confirm(self, what: str) -> bool:
        """The last question before anything happens (tests replace this)."""
        answer = QMessageBox.question(
            self, self.tr("恢复备份"),
            self.tr("将用 {what} 的备份替换当前全部数据。\n\n"
                    "当前数据会先备份到备份文件夹；恢复后程序会重新打开，需要重新登录。\n\n"
                    "确定恢复吗？").format(what=what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def ask(cls, parent: QWidget | None, folder: Path, db_path: Path) -> Path | None:
        dialog = cls(folder, db_path, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen
        return None
