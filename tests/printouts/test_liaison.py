"""The 医患连心卡 printed from the database carries every clinical department's phone."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader

from desktop_app.db.database import Database
from desktop_app.demo.fill import DEPARTMENTS, INSTITUTION
from desktop_app.db.services import departments
from desktop_app.printouts.liaison import liaison_card_data, liaison_cards_pdf

NOW = datetime(2026, 11, 23, 9, 30)


def test_cards_list_every_active_clinical_department_and_the_complaint_contacts(
        tmp_path: Path, demo_db_file) -> None:
    admin = demo_db_file(tmp_path / "d.sqlite3", now=NOW, today=NOW.date())
    db = Database.open(tmp_path / "d.sqlite3", now=NOW)
    with db.session() as session:
        rows = {d.name: d for d in departments.list_departments(session=session)}
        departments.update_department(
            session=session, actor=admin, department_id=rows["康复科"].id, name="康复科",
            is_clinical=True, phone="0538-1234507", active=False, now=NOW,
        )
    pdf = liaison_cards_pdf(db, printed_at=NOW)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for name, clinical, phone in DEPARTMENTS:
        if clinical and name != "康复科":
            assert text.count(phone) == 8, name
    assert "0538-1234507" not in text  # deactivated
    assert "0538-1234510" not in text  # 院办公室 is not clinical
    assert INSTITUTION["complaint_phone"] in text and INSTITUTION["email"] in text
    assert "2026-11-23 09:30" in text
    names = [d.name for d in liaison_card_data(db).departments]
    db.close()
    assert names == [n for n, c, _ in DEPARTMENTS if c and n != "康复科"]
