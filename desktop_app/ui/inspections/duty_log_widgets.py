"""The widgets and layout of the 值班日志 page, without behaviour.

`DutyLogWidgets` builds the day row (date, 前一天 / 后一天 / 今天, 值班院长,
建立日志), the entry buttons, the entries table and the recent days' list;
`duty_log_panel.DutyLogPanel` derives from it and wires them to the database.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout,
    QWidget,
)

from desktop_app.ui.widgets.inputs import date_edit, to_qdate
from desktop_app.ui.inspections.duty_log_models import DutyEntryTableModel, DutyLogDaysModel
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.widgets.tables import make_table_view, size_list_columns
from desktop_app.ui.widgets.labels import note_label

RECENT_DAYS = 60
READ_ONLY_NOTE = "只读：记录值班日志需要值班院长或办公室主任的账号"
NO_LOG_NOTE = "该日尚未建立值班日志：填写值班院长后点“建立日志”，再新增记录。"
ENTRY_WIDTHS = (76, 80, 360, 330, 90)
DAY_WIDTHS = (116, 70, 44, 52)


class DutyLogWidgets(QWidget):
    """The page's widgets, laid out; `today` is the picker's first day and its maximum."""

    def __init__(self, parent: QWidget | None, *, today: date, can_write: bool) -> None:
        super().__init__(parent)
        self.can_write = can_write
        self.errors = FieldErrors()

        # the day and its director
        self.day_edit = date_edit(today)
        self.day_edit.setMaximumDate(to_qdate(today))
        self.previous_button = QPushButton(self.tr("前一天"))
        self.next_button = QPushButton(self.tr("后一天"))
        self.today_button = QPushButton(self.tr("今天"))
        self.director_combo = QComboBox()
        self.director_combo.setEditable(True)
        self.director_combo.setMinimumWidth(130)
        self.director_combo.lineEdit().setMaxLength(30)
        self.director_combo.lineEdit().setPlaceholderText(self.tr("值班院长姓名"))
        self.open_button = QPushButton(self.tr("建立日志"))
        self.state_label = QLabel()
        self.state_label.setStyleSheet("color: #424242;")
        self.note = note_label(self.tr(NO_LOG_NOTE))

        # the entries
        self.add_button = QPushButton(self.tr("新增记录…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.register_button = QPushButton(self.tr("转为诉求登记…"))
        self.matter_button = QPushButton(self.tr("查看诉求"))
        self.print_button = QPushButton(self.tr("打印值班日志…"))
        self.register_button.setToolTip(self.tr("用这条记录填好诉求登记表，登记后两边互相链接"))
        self.model = DutyEntryTableModel(self)
        self.view = make_table_view(self.model, self)
        size_list_columns(self.view, ENTRY_WIDTHS, 2)  # blue rows: registered as matters

        # recent days
        self.days_model = DutyLogDaysModel(self)
        self.days_view = make_table_view(self.days_model, self)
        self.days_view.verticalHeader().setDefaultSectionSize(26)
        days_header = self.days_view.horizontalHeader()
        days_header.setStretchLastSection(False)
        for column, width in enumerate(DAY_WIDTHS):
            days_header.resizeSection(column, width)
        days_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        days_box = QGroupBox(self.tr("近 {0} 天的值班日志").format(RECENT_DAYS))
        days_layout = QVBoxLayout(days_box)
        days_layout.addWidget(self.days_view)
        days_box.setMinimumWidth(300)

        day_row = QHBoxLayout()
        day_row.addWidget(QLabel(self.tr("值班日期")))
        day_row.addWidget(self.day_edit)
        day_row.addWidget(self.previous_button)
        day_row.addWidget(self.next_button)
        day_row.addWidget(self.today_button)
        day_row.addSpacing(16)
        day_row.addWidget(QLabel(self.tr("值班院长")))
        day_row.addWidget(self.errors.wrap(self.director_combo, "director", "day"))
        day_row.addWidget(self.open_button)
        day_row.addStretch(1)
        day_row.addWidget(self.state_label)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.matter_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        legend = QLabel(self.tr("<span style='background:#e8f0fe;'>&nbsp;蓝色&nbsp;</span> "
                                "已转为诉求登记（不能再修改或删除）　双击一行修改记录"))
        legend.setStyleSheet("color: #616161;")
        day_page = QWidget()
        right = QVBoxLayout(day_page)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(day_row)
        right.addWidget(self.note)
        right.addLayout(buttons)
        right.addWidget(self.view, 1)
        right.addWidget(legend)
        if not self.can_write:
            right.insertWidget(0, note_label(self.tr(READ_ONLY_NOTE)))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(days_box)
        splitter.addWidget(day_page)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 1000])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
