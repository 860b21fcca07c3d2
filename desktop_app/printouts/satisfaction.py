"""Gathers the 满意度 printouts and the monthly workbook from the database (DESIGN §1.7–1.8).

Each function reads through the services (survey results, department scores,
the complaint bulletin's figures, follow-up results) in short sessions and
hands plain rows to a builder in `desktop_app.reports`; used by the 满意度 tab
and the command line. A malformed month is a ValidationError from the
services; weights that do not sum to 100% one from `month_scores`.
"""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.printouts.complaints import monthly_bulletin_data
from desktop_app.db.database import Database
from desktop_app.db.services.followup_results import followup_results
from desktop_app.db.services.scores import month_scores
from desktop_app.db.services.settings import get_settings
from desktop_app.db.services.survey_results import (
    ALL_KINDS,
    satisfaction_results,
    satisfaction_trend,
)
from desktop_app.reports.department_scores import department_scores_pdf_bytes
from desktop_app.reports.monthly_xlsx import build_monthly_workbook
from desktop_app.reports.satisfaction_results import satisfaction_results_pdf_bytes

TREND_MONTHS = 12


def satisfaction_results_pdf(db: Database, month: str, *, kinds: tuple[str, ...] = ALL_KINDS,
                             printed_at: datetime) -> bytes:
    """The 满意度调查结果 of `month` ("YYYY-MM") for the SurveyKind codes `kinds` (all by
    default; the 结果与考评 page passes its filter), with the 12-month trend of the same
    kinds. The header names the kinds counted (调查类别)."""
    with db.session() as session:
        results = satisfaction_results(session=session, month=month, kinds=kinds)
        trend = satisfaction_trend(session=session, month=month, months=TREND_MONTHS,
                                   kinds=kinds)
        institution = get_settings(session=session).name
    return satisfaction_results_pdf_bytes(results, trend, institution=institution,
                                          printed_at=printed_at)


def department_scores_pdf(db: Database, month: str, *, today: date,
                          printed_at: datetime) -> bytes:
    """The 科室月度满意度考评表 of `month` as of `today` (follow-ups still open count as of then)."""
    with db.session() as session:
        scores = month_scores(session=session, month=month, today=today)
    return department_scores_pdf_bytes(scores, printed_at=printed_at)


def monthly_workbook(db: Database, month: str, *, today: date) -> bytes:
    """The month's .xlsx: 满意度, 科室考评, 投诉通报, 回访结果 (phones masked); always every
    survey kind, whatever the page's filter, since it is what is reported upward."""
    with db.session() as session:
        results = satisfaction_results(session=session, month=month)
        scores = month_scores(session=session, month=month, today=today)
        followups = followup_results(session=session, month=month, today=today)
        institution = get_settings(session=session).name
    bulletin = monthly_bulletin_data(db, results.month, today=today)
    return build_monthly_workbook(results, scores, bulletin, followups, institution=institution)
