"""The audit log's table model: pages of 200 rows from a loader (`canFetchMore`/`fetchMore`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex

from desktop_app.db.services.audit import AuditRow
from desktop_app.domain.matters import ACTION_LABELS as MATTER_ACTION_LABELS
from desktop_app.domain.validation import mask_phone
from desktop_app.ui.settings.table_models import SettingsRowModel
from desktop_app.ui.widgets.tables import CENTER, Column, Index

TABLE_LABELS = {
    "institution_settings": "机构设置",
    "department": "科室",
    "staff": "人员",
    "app_user": "用户",
    "calendar_day": "节假日日历",
    "calendar_year": "日历年度",
    "matter": "诉求事项",
}
ACTION_LABELS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "password": "设置密码",
    "login": "登录",
    "login_failed": "登录失败",
    "seed": "导入内置数据",
    "registered": "登记受理",
    "recompute": "期限重算",
    **{action.value: label for action, label in MATTER_ACTION_LABELS.items()},
}


def load_json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


PHONE_KEYS = frozenset({"phone"})  # personal numbers; the public complaint phone stays whole


def _value(value: Any, key: str = "") -> str:
    """One value for the list; phone numbers masked (DESIGN §3: masked in lists)."""
    if value is None:
        return ""
    if key in PHONE_KEYS and isinstance(value, str):
        return mask_phone(value) if value else ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _compact(data: Any, limit: int = 80) -> str:
    if data is None:
        return ""
    if isinstance(data, dict):
        text = "，".join(f"{k}={_value(v, k)}" for k, v in data.items())
    else:
        text = str(data)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def audit_changes(row: AuditRow) -> tuple[str, str]:
    """Compact before/after: for an update only the fields that changed."""
    before, after = load_json(row.before), load_json(row.after)
    if isinstance(before, dict) and isinstance(after, dict):
        keys = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
        before = {k: before.get(k) for k in keys}
        after = {k: after.get(k) for k in keys}
    return _compact(before), _compact(after)


def audit_detail(row: AuditRow) -> str:
    """The full before/after as pretty JSON, for the detail box."""
    parts = [
        f"时间：{row.at:%Y-%m-%d %H:%M:%S}    操作人：{row.username}    "
        f"操作：{ACTION_LABELS.get(row.action, row.action)}    "
        f"表：{TABLE_LABELS.get(row.table_name, row.table_name)}（{row.table_name}）    "
        f"记录：{row.record_id}",
    ]
    for title, data in (("修改前", load_json(row.before)), ("修改后", load_json(row.after))):
        text = "（无）" if data is None else json.dumps(data, ensure_ascii=False, indent=2)
        parts.append(f"{title}：\n{text}")
    return "\n\n".join(parts)


class AuditTableModel(SettingsRowModel):
    """The audit log, newest first, fetched in pages from `loader(offset, limit)`."""

    PAGE_SIZE = 200
    columns = (
        Column("时间", lambda a: f"{a.at:%Y-%m-%d %H:%M:%S}", CENTER),
        Column("操作人", lambda a: a.username),
        Column("操作", lambda a: ACTION_LABELS.get(a.action, a.action)),
        Column("表", lambda a: TABLE_LABELS.get(a.table_name, a.table_name)),
        Column("记录", lambda a: a.record_id),
        Column("修改前", lambda a: audit_changes(a)[0]),
        Column("修改后", lambda a: audit_changes(a)[1]),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._loader: Callable[[int, int], list[AuditRow]] = lambda offset, limit: []
        self._total = 0
        self._busy = False

    def reset(self, loader: Callable[[int, int], list[AuditRow]], total: int) -> None:
        """Start over with a new source of `total` rows, the first page already loaded."""
        self._busy = True  # views and testers may ask for more while the change is announced
        try:
            self.beginResetModel()
            self._loader = loader
            self._replace_rows(list(loader(0, self.PAGE_SIZE)) if total else [])
            self._total = total if self._rows else 0
            self.endResetModel()
        finally:
            self._busy = False

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._busy and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        page = self._loader(len(self._rows), self.PAGE_SIZE)
        if not page:
            self._total = len(self._rows)  # nothing more (or the load failed): stop asking
            return
        start = len(self._rows)
        self._busy = True
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._extend_rows(page)
            self.endInsertRows()
        finally:
            self._busy = False

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]
