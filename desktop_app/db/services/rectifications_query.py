"""Reading the 整改台账 (rectification ledger) and its notices (DESIGN §1.5).

The ledger lists every rectification item from every source; overdue (逾期)
ones are flagged against the `today` passed in (still 待整改 after the
deadline, `domain.rectification.is_overdue`). A 整改通知单 goes to each
responsible department with its items; items without a department yet are
grouped under 未指定科室.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import and_, func, select
from sqlmodel import Session

from desktop_app.db.models import (
    Department,
    InspectionPhoto,
    InspectionResult,
    RectificationDepartment,
    RectificationEvent,
    RectificationItem,
)
from desktop_app.db.services.inspection_photos import data_folder, photo_row
from desktop_app.records.rectification_rows import (
    RectificationDetail,
    RectificationEventRow,
    RectificationFilter,
    RectificationNotice,
    RectificationRow,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.rectification import (
    OPEN_RECTIFICATION_STATUSES,
    RectificationSource,
    RectificationStatus,
    deadline_wording,
    is_overdue,
)

R = RectificationItem
RD = RectificationDepartment
LIST_LIMIT = 5000
UNASSIGNED = "未指定科室"


def departments_of(session: Session, item_ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    """item id → [(department id, name)] in the departments' display order."""
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for i in range(0, len(item_ids), 900):
        rows = session.execute(
            select(RD.item_id, Department.id, Department.name)
            .join(Department, Department.id == RD.department_id)
            .where(RD.item_id.in_(item_ids[i:i + 900]))
            .order_by(Department.sort_order, Department.id)).all()
        for item_id, dept_id, name in rows:
            found[item_id].append((dept_id, name))
    return found


def to_row(item: RectificationItem, inspection_id: int | None,
           departments: list[tuple[int, str]], today: date) -> RectificationRow:
    """The ledger line of an item as of `today`."""
    return RectificationRow(
        id=item.id or 0, source_kind=item.source_kind, source_text=item.source_text,
        found_on=item.found_on, inspection_id=inspection_id, result_id=item.source_result_id,
        area=item.area, item_text=item.item_text, problem=item.problem, measure=item.measure,
        department_ids=tuple(d for d, _ in departments),
        departments="、".join(name for _, name in departments), deadline=item.deadline,
        status=item.status, overdue=is_overdue(item.status, item.deadline, today),
        deadline_text=deadline_wording(item.status, item.deadline, today),
        rectified_at=item.rectified_at, rectified_by=item.rectified_by,
        rectified_note=item.rectified_note, recheck_by=item.recheck_by,
        recheck_on=item.recheck_on, recheck_passed=item.recheck_passed,
        recheck_note=item.recheck_note, recheck_photo_id=item.recheck_photo_id,
        closed_at=item.closed_at, created_at=item.created_at, created_by=item.created_by,
    )


def _conditions(filters: RectificationFilter, today: date) -> list:
    where = []
    if filters.status:
        where.append(R.status == RectificationStatus(filters.status).value)
    if filters.open_only:
        where.append(R.status.in_([s.value for s in OPEN_RECTIFICATION_STATUSES]))
    if filters.overdue_only:
        where.append(and_(R.status == RectificationStatus.pending.value, R.deadline < today))
    if filters.source_kind:
        where.append(R.source_kind == RectificationSource(filters.source_kind).value)
    if filters.department_id is not None:
        where.append(R.id.in_(select(RD.item_id).where(RD.department_id == filters.department_id)))
    if filters.start is not None:
        where.append(R.found_on >= filters.start)
    if filters.end is not None:
        where.append(R.found_on <= filters.end)
    if filters.inspection_id is not None:
        where.append(InspectionResult.inspection_id == filters.inspection_id)
    return where


def _rows(session: Session, found: Iterable[tuple[RectificationItem, int | None]],
          today: date) -> list[RectificationRow]:
    found = list(found)
    depts = departments_of(session, [item.id for item, _ in found])
    return [to_row(item, inspection_id, depts.get(item.id, []), today)
            for item, inspection_id in found]


def list_rectifications(
    *, session: Session, filters: RectificationFilter = RectificationFilter(), today: date,
    limit: int = LIST_LIMIT,
) -> list[RectificationRow]:
    """The ledger for `filters` as of `today`, by the day found then entry order."""
    query = (select(R, InspectionResult.inspection_id)
             .outerjoin(InspectionResult, InspectionResult.id == R.source_result_id)
             .where(*_conditions(filters, today)).order_by(R.found_on, R.id).limit(limit))
    return _rows(session, session.execute(query).all(), today)


def count_rectifications(*, session: Session, today: date) -> dict[str, int]:
    """The tab's counters: "pending", "rectified" (awaiting re-check), "overdue" as of `today`."""
    counts = dict(session.execute(
        select(R.status, func.count()).group_by(R.status)).all())
    overdue = session.execute(
        select(func.count()).select_from(R).where(
            R.status == RectificationStatus.pending.value, R.deadline < today)).scalar_one()
    return {"pending": counts.get(RectificationStatus.pending.value, 0),
            "rectified": counts.get(RectificationStatus.rectified.value, 0),
            "overdue": overdue}


def get_rectification(*, session: Session, item_id: int, today: date) -> RectificationDetail:
    """One item with its history and its latest re-check photo."""
    found = session.execute(
        select(R, InspectionResult.inspection_id)
        .outerjoin(InspectionResult, InspectionResult.id == R.source_result_id)
        .where(R.id == item_id)).first()
    if found is None:
        raise ValidationError("item", "该整改事项不存在")
    row = _rows(session, [tuple(found)], today)[0]
    events = tuple(
        RectificationEventRow(e.at, e.action, e.actor, e.summary)
        for e in session.execute(
            select(RectificationEvent).where(RectificationEvent.item_id == item_id)
            .order_by(RectificationEvent.at, RectificationEvent.id)).scalars())
    photo = None
    if row.recheck_photo_id is not None:
        stored = session.get(InspectionPhoto, row.recheck_photo_id)
        photo = photo_row(data_folder(session), stored)
    return RectificationDetail(row=row, events=events, recheck_photo=photo)


def rectification_notices(
    *, session: Session, filters: RectificationFilter = RectificationFilter(open_only=True),
    today: date,
) -> list[RectificationNotice]:
    """The 整改通知单s: one per responsible department with its items (DESIGN §1.5).

    An item with several departments appears on each department's notice;
    items with none come last under 未指定科室. Departments in display order.
    """
    rows = list_rectifications(session=session, filters=filters, today=today)
    by_dept: dict[int | None, list[RectificationRow]] = defaultdict(list)
    for row in rows:
        for dept_id in row.department_ids or (None,):
            by_dept[dept_id].append(row)
    names: dict[int | None, str] = {None: UNASSIGNED}
    order: list[int | None] = []
    for dept_id, name in session.execute(
            select(Department.id, Department.name).order_by(Department.sort_order, Department.id)):
        names[dept_id] = name
        order.append(dept_id)
    keys = [d for d in order + [None] if d in by_dept]
    return [RectificationNotice(k, names[k], tuple(by_dept[k])) for k in keys]


def rectifications_of_results(
    session: Session, result_ids: Sequence[int]
) -> dict[int, tuple[int, str]]:
    """inspection result id → (rectification item id, status) for items made from it."""
    found: dict[int, tuple[int, str]] = {}
    for i in range(0, len(result_ids), 900):
        for result_id, item_id, status in session.execute(
            select(R.source_result_id, R.id, R.status)
            .where(R.source_result_id.in_(result_ids[i:i + 900]))).all():
            found[result_id] = (item_id, status)
    return found
