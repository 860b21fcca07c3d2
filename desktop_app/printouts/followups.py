"""Gathers the discharge follow-up printouts from the database (DESIGN §1.4, §1.8).

Each function reads through the follow-up services and hands plain rows to a
report builder in `desktop_app.reports`; used by the GUI and the command line.
"""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.db.database import Database
from desktop_app.db.models import Department
from desktop_app.db.services.followup_results import call_list, followup_results
from desktop_app.db.services.settings import get_settings
from desktop_app.domain.errors import ValidationError
from desktop_app.reports.followup_call_list import build_call_list
from desktop_app.reports.followup_results import build_followup_results

WHOLE_HOSPITAL = "全院"


def call_list_pdf(db: Database, day: date, department_id: int | None = None, *,
                  printed_at: datetime) -> bytes:
    """The 出院患者回访工作单 of `day` for one department (or 全院), with whole phone numbers."""
    with db.session() as session:
        scope = WHOLE_HOSPITAL
        if department_id is not None:
            department = session.get(Department, department_id)
            if department is None:
                raise ValidationError("department", "该科室不存在")
            scope = department.name
        rows = call_list(session=session, day=day, department_id=department_id)
        institution = get_settings(session=session).name
    return build_call_list(rows, day=day, scope=scope, institution_name=institution,
                           printed_at=printed_at)


def followup_results_pdf(db: Database, month: str, *, today: date,
                         printed_at: datetime) -> bytes:
    """The 出院患者回访月度统计 of `month` ("YYYY-MM") as of `today`."""
    with db.session() as session:
        results = followup_results(session=session, month=month, today=today)
        institution = get_settings(session=session).name
    return build_followup_results(results, institution_name=institution,
                                  printed_at=printed_at)
