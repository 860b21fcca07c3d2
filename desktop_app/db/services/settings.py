"""Institution settings (issue 2 §3): contacts, time limits, follow-up windows, quota.

DESIGN §1.1/§1.4: limits and windows are settings whose defaults live in
`domain.defaults`. Only the office director may change them.
DESIGN §1.5: the default rectification deadline (`rectification_workdays`,
working days after the inspection) is one too, on the 机构信息 form beside
the other limits (`RECTIFICATION_FIELDS` names the settings the 周五检查 tab
reads).
DESIGN §1.8: the weights of the department monthly score (`SCORE_FIELDS`),
which must sum to 100%, are on the form's 满意度调查 box.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from sqlmodel import Session

from desktop_app.db.models import InstitutionSettings
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.defaults import Limit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Permission
from desktop_app.domain.satisfaction import ScoreWeights
from desktop_app.domain.validation import clean_email, clean_phone, clean_text


@dataclass(frozen=True)
class SettingsRow:
    """A plain copy of the settings for the UI and the reports."""

    name: str
    office_location: str
    complaint_phone: str
    email: str
    mailbox_location: str
    wechat_account: str
    limit_consultation_days: int
    limit_help_days: int
    limit_suggestion_workdays: int
    limit_criticism_workdays: int
    limit_complaint_workdays: int
    limit_report_workdays: int
    followup_tier1_start: int
    followup_tier1_end: int
    followup_tier2_start: int
    followup_tier2_end: int
    followup_tier3_start: int
    followup_tier3_end: int
    sampling_ratio: float
    idle_lock_minutes: int
    rectification_workdays: int
    score_weight_survey: int
    score_weight_followup: int
    score_weight_check: int
    score_weight_complaints: int
    score_complaint_deduction: int
    backup_folder: str


RECTIFICATION_FIELDS: tuple[str, ...] = ("rectification_workdays",)
"""Settings of the 周五检查 tab (the default 整改时限); edited on the 机构信息 form."""

SETTING_FIELDS = tuple(f.name for f in fields(SettingsRow))
"""The fields of the 机构信息 form (`ui/settings/institution_panel.py` has one input each)."""

ALL_SETTING_FIELDS = SETTING_FIELDS
"""Every field of `SettingsRow` (all are on the form); `update_settings` accepts any of them."""

TEXT_FIELDS: dict[str, tuple[str, int, bool]] = {
    # field: (label, max length, required)
    "name": ("机构名称", 60, True),
    "office_location": ("办公室位置", 100, False),
    "mailbox_location": ("投诉信箱位置", 100, False),
    "wechat_account": ("微信公众号", 60, False),
}

INT_FIELDS: dict[str, tuple[str, int, int]] = {
    # field: (label, min, max)
    "limit_consultation_days": ("咨询办理时限（自然日）", 0, 30),
    "limit_help_days": ("求助办理时限（自然日）", 0, 30),
    "limit_suggestion_workdays": ("建议办理时限（工作日）", 1, 60),
    "limit_criticism_workdays": ("批评办理时限（工作日）", 1, 60),
    "limit_complaint_workdays": ("投诉办理时限（工作日）", 1, 60),
    "limit_report_workdays": ("举报办理时限（工作日）", 1, 60),
    "followup_tier1_start": ("一级回访开始日", 0, 365),
    "followup_tier1_end": ("一级回访截止日", 0, 365),
    "followup_tier2_start": ("二级回访开始日", 0, 365),
    "followup_tier2_end": ("二级回访截止日", 0, 365),
    "followup_tier3_start": ("三级回访开始日", 0, 365),
    "followup_tier3_end": ("三级回访截止日", 0, 365),
    "idle_lock_minutes": ("无操作自动锁定（分钟）", 1, 240),
    "rectification_workdays": ("整改时限（工作日）", 1, 60),
    "score_weight_survey": ("问卷满意率权重", 0, 100),
    "score_weight_followup": ("回访满意率权重", 0, 100),
    "score_weight_check": ("回访落实权重", 0, 100),
    "score_weight_complaints": ("投诉权重", 0, 100),
    "score_complaint_deduction": ("每件属实投诉扣分", 0, 100),
}

SCORE_FIELDS: tuple[str, ...] = (
    "score_weight_survey", "score_weight_followup", "score_weight_check",
    "score_weight_complaints", "score_complaint_deduction",
)
"""Settings of the 科室月度满意度考评 (DESIGN §1.8): four weights in percent and the deduction."""


def _row(session: Session) -> InstitutionSettings:
    row = session.get(InstitutionSettings, 1)
    if row is None:
        row = InstitutionSettings(id=1)
        session.add(row)
        session.flush()
    return row


def get_settings(*, session: Session) -> SettingsRow:
    """The current settings (defaults if never saved)."""
    row = session.get(InstitutionSettings, 1) or InstitutionSettings(id=1)
    return SettingsRow(**{name: getattr(row, name) for name in ALL_SETTING_FIELDS})


def limits_from(settings: SettingsRow) -> dict[str, Limit]:
    """The six request-type limits of the settings as domain Limits (DESIGN §1.1).

    咨询/求助 count calendar days; 建议/批评/投诉/举报 count working days.
    Keyed by RequestType code, ready for `domain.deadlines.deadline(..., limits=)`.
    """
    return {
        "consultation": Limit("calendar", settings.limit_consultation_days),
        "help": Limit("calendar", settings.limit_help_days),
        "suggestion": Limit("workdays", settings.limit_suggestion_workdays),
        "criticism": Limit("workdays", settings.limit_criticism_workdays),
        "complaint": Limit("workdays", settings.limit_complaint_workdays),
        "report": Limit("workdays", settings.limit_report_workdays),
    }


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in ALL_SETTING_FIELDS:
            raise ValueError(f"unknown setting {name}")
        if name in TEXT_FIELDS:
            label, max_len, required = TEXT_FIELDS[name]
            out[name] = clean_text(value, field=name, label=label, max_len=max_len, required=required)
        elif name == "complaint_phone":
            out[name] = clean_phone(value, field=name, label="投诉电话")
        elif name == "email":
            out[name] = clean_email(value, field=name)
        elif name == "backup_folder":
            out[name] = clean_backup_folder(value)
        elif name == "sampling_ratio":
            try:
                ratio = float(value)
            except (TypeError, ValueError):
                raise ValidationError(name, "抽样比例须为数字") from None
            if not 0 < ratio <= 1:
                raise ValidationError(name, "门诊问卷抽样比例须在 1% 到 100% 之间")
            out[name] = ratio
        else:
            label, low, high = INT_FIELDS[name]
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(name, f"{label}须为整数")
            if not low <= value <= high:
                raise ValidationError(name, f"{label}须在 {low} 到 {high} 之间")
            out[name] = value
    return out


BACKUP_FOLDER_MAX = 260


def clean_backup_folder(value: Any) -> str:
    r"""The backup folder setting (issue 7): "" for the default (`backups/` beside the
    database), else a full path (a drive letter, a shared folder \\server\share or /…).

    Whether the folder exists is not checked here: a USB drive may be unplugged
    while the setting is saved; each backup checks it and warns.
    """
    text = str(value or "").strip().strip('"')
    if not text:
        return ""
    if len(text) > BACKUP_FOLDER_MAX:
        raise ValidationError("backup_folder", f"备份文件夹路径不能超过 {BACKUP_FOLDER_MAX} 个字符")
    if not (PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute()):
        raise ValidationError("backup_folder", "请填写完整的文件夹路径，如 E:\\服务办备份；留空则用默认位置")
    return text


def score_weights(settings: SettingsRow) -> ScoreWeights:
    """The department-score weights of the settings."""
    return ScoreWeights(*(getattr(settings, name) for name in SCORE_FIELDS))


def _check_windows(merged: dict[str, Any]) -> None:
    for tier in (1, 2, 3):
        start, end = merged[f"followup_tier{tier}_start"], merged[f"followup_tier{tier}_end"]
        if end < start:
            raise ValidationError(f"followup_tier{tier}_end", f"{tier}级回访截止日不能早于开始日")


@transactional
def update_settings(
    *, session: Session, actor: Actor, values: dict[str, Any], now: datetime
) -> SettingsRow:
    """Validate and save settings (office director only); all or nothing."""
    require(actor, Permission.edit_settings)
    cleaned = _clean(values)
    row = _row(session)
    before = snapshot(row)
    merged = {name: getattr(row, name) for name in ALL_SETTING_FIELDS} | cleaned
    _check_windows(merged)
    ScoreWeights(*(merged[name] for name in SCORE_FIELDS)).validate()
    for name, value in cleaned.items():
        setattr(row, name, value)
    session.add(row)
    write_audit(session, actor, "update", "institution_settings", 1, before, snapshot(row), now)
    return get_settings(session=session)
