"""Plain rows that the matters service functions take and return (no ORM objects leave db/).

Shared by the service (`services/matters.py`), the complaints tab and the
printouts; DESIGN §1.1–1.3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class MatterInput:
    """What the 医院投诉登记表 asks for. Codes are domain enum values."""

    received_at: datetime | None
    channel: str
    request_type: str
    complainant_name: str
    anonymous: bool
    phone: str
    relation: str  # 与患者关系: 本人/家属/朋友/其他, free text up to 10 chars
    target_department_id: int | None
    target_staff_id: int | None
    target_text: str  # e.g. 挂号窗口; department, staff or this: at least one (key element)
    category: str | None
    content: str  # 反映问题
    first_receiver_name: str  # 首诉责任人
    upstream_order_no: str = ""
    signed_at: datetime | None = None
    upstream_deadline: date | None = None
    source_ref: str = ""  # e.g. "followup:12", "duty_log:3" (links from other tabs)


@dataclass(frozen=True)
class MatterFilter:
    """The list's filters; None/"" means any."""

    status: str | None = None
    request_type: str | None = None
    channel: str | None = None
    department_id: int | None = None
    category: str | None = None
    month: str | None = None  # "YYYY-MM" of received_at
    text: str = ""  # over content, complainant and serial
    only_overdue: bool = False


@dataclass(frozen=True)
class MatterRow:
    """One line of the list."""

    id: int
    serial: str  # 2026-0007
    received_at: datetime
    request_type: str
    channel: str
    complainant: str  # "匿名" when anonymous
    phone_masked: str
    target: str  # department / staff / text joined with " / "
    department_id: int | None
    category: str | None
    status: str
    round: int
    deadline: date
    provisional: bool
    overdue: bool
    due_soon: bool
    closed_at: datetime | None
    content: str


@dataclass(frozen=True)
class SheetRow:
    """A 服务问题反馈单 to one department in one round, and its reply."""

    id: int
    round: int
    department_id: int
    department_name: str
    reply_by: date
    instructions: str
    issued_at: datetime
    issued_by: str
    replier: str = ""
    contacted_at: datetime | None = None
    reply_content: str = ""
    replied_at: datetime | None = None
    recorded_by: str = ""


@dataclass(frozen=True)
class CallbackRow:
    """One 回访 of the complainant."""

    id: int
    round: int
    at: datetime
    satisfaction: str
    words: str
    outcome: str  # close | rehandle | explain
    explanation: str
    path_offered: str
    recorded_by: str


@dataclass(frozen=True)
class ExtensionRow:
    """A granted 延期 with the complainant's consent."""

    id: int
    consent_by: str
    consent_at: datetime
    consent_method: str
    reason: str
    old_deadline: date
    new_deadline: date
    granted_by: str
    at: datetime


@dataclass(frozen=True)
class EventRow:
    """One entry of the detail view's timeline."""

    at: datetime
    action: str  # registered, dispatch, reply, callback, close_on_the_spot, close_unreachable, extend, withdraw
    actor: str
    summary: str  # Chinese, one line


@dataclass(frozen=True)
class MatterDetail:
    """Everything about one matter, for the detail view and the registration sheet."""

    row: MatterRow
    complainant_name: str
    anonymous: bool
    phone: str  # whole, for the detail form only
    relation: str
    target_department: str
    target_staff: str
    target_text: str
    first_receiver_name: str
    registered_by: str
    upstream_order_no: str
    signed_at: datetime | None
    upstream_deadline: date | None
    local_deadline: date
    close_reason: str | None
    final_satisfaction: str | None
    withdrawn_reason: str
    on_the_spot_resolution: str
    source_ref: str
    sheets: tuple[SheetRow, ...] = field(default_factory=tuple)
    callbacks: tuple[CallbackRow, ...] = field(default_factory=tuple)
    extensions: tuple[ExtensionRow, ...] = field(default_factory=tuple)
    events: tuple[EventRow, ...] = field(default_factory=tuple)
    close_note: str = ""  # why no callback was possible (无法回访办结: anonymous / unreachable)
    finding: str | None = None  # 核实结论, a domain Finding code (批评/投诉/举报 only)
    finding_note: str = ""
