"""Gathers plain data from the database for each printout and hands it to a report builder.

Used by the GUI and the command line alike; reports never query the database.
"""

from __future__ import annotations

from datetime import datetime

from desktop_app.db.database import Database
from desktop_app.db.services.departments import list_departments
from desktop_app.db.services.settings import get_settings
from desktop_app.reports.liaison_card import DepartmentPhone, LiaisonCardData, build_liaison_cards


def liaison_card_data(db: Database) -> LiaisonCardData:
    """The 医患连心卡 contents: every active clinical department's phone and the complaint contacts."""
    with db.session() as session:
        settings = get_settings(session=session)
        departments = list_departments(session=session, include_inactive=False)
    return LiaisonCardData(
        institution_name=settings.name,
        complaint_phone=settings.complaint_phone,
        email=settings.email,
        mailbox_location=settings.mailbox_location,
        office_location=settings.office_location,
        wechat_account=settings.wechat_account,
        departments=tuple(DepartmentPhone(d.name, d.phone) for d in departments if d.is_clinical),
    )


def liaison_cards_pdf(db: Database, *, printed_at: datetime, copies: int = 8) -> bytes:
    """The 医患连心卡 sheet as PDF bytes (eight cards to an A4 page)."""
    return build_liaison_cards(
        liaison_card_data(db), printed_at=printed_at, copies=copies
    )
