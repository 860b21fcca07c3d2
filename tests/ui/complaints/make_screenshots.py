"""Screenshots of the complaints tab (a script, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.complaints.make_screenshots [OUT_DIR]

Builds a fresh database with the demo data (`fill_demo`); if the demo has no
matters yet, registers a dozen fictional ones through the services. Saves
complaints_list.png, complaints_register.png and complaints_detail.png
(default /tmp/shots).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.demo.fill import fill_demo
from desktop_app.db.services import matters as svc
from desktop_app.db.services.departments import list_departments, list_staff
from desktop_app.records.matter_rows import MatterFilter, MatterInput
from desktop_app.db.tx import Actor
from desktop_app.ui.widgets.inputs import to_qdatetime
from desktop_app.ui.complaints.register_dialog import RegisterDialog
from desktop_app.ui.complaints.tab import ComplaintsTab
from desktop_app.ui.fonts import install_app_font

NOW = datetime(2026, 11, 23, 9, 30)
TODAY = NOW.date()

# (days before today, hour, channel, type, complainant, phone, department, category, content, path)
# path: open | dispatched | replied | closed | two_rounds | withdrawn | spot
SAMPLES = [
    (35, 9, "walk_in", "complaint", "张某某", "13800001201", "内科", "attitude",
     "候诊时护士态度生硬，询问排队情况不予理睬", "dispatched"),
    (30, 14, "hotline_12345", "complaint", "李某某", "13800001202", "外科", "efficiency",
     "12345 转来：外科换药等候超过两小时", "open"),
    (24, 10, "liaison_card_phone", "criticism", "赵某某", "13800001203", "药剂科", "charges",
     "药房收费与处方不一致，未作说明", "two_rounds"),
    (21, 16, "mailbox", "suggestion", "", "", "总务科", "environment",
     "建议门诊楼二楼卫生间增加扶手", "replied"),
    (14, 11, "walk_in", "consultation", "钱某某", "13800001205", "公共卫生科", "publicity",
     "咨询老年人免费体检的时间和地点", "spot"),
    (10, 9, "president_hotline", "complaint", "孙某某", "13800001206", "儿科", "technique",
     "孩子输液鼓针两次，家长不满", "closed"),
    (9, 15, "outpatient_survey", "suggestion", "周某某", "13800001207", "检验科", "efficiency",
     "希望抽血窗口早上七点开放", "dispatched"),
    (8, 8, "discharge_followup", "criticism", "吴某某", "13800001208", "康复科", "attitude",
     "出院回访时反映康复训练时间被随意缩短", "open"),
    (6, 10, "superior_assigned", "report", "郑某某", "13800001209", "中医科", "ethics",
     "上级交办：反映医生推荐院外购买药品", "dispatched"),
    (3, 13, "walk_in", "complaint", "冯某某", "13800001210", "急诊科", "efficiency",
     "夜间急诊等候时间长，无人分诊", "open"),
    (2, 9, "online_opinion", "criticism", "陈某某", "13800001211", "妇产科", "attitude",
     "网络帖子反映产科门诊医生说话难听", "withdrawn"),
    (1, 17, "inpatient_form", "help", "褚某某", "13800001212", "内科", "insurance",
     "住院费用医保结算后仍需补缴，请求帮助核对", "open"),
    (0, 8, "walk_in", "consultation", "卫某某", "13800001213", "口腔科", "publicity",
     "咨询口腔科是否可以医保刷卡", "open"),
]


def _fill_samples(db: Database, admin: Actor) -> int | None:
    """Register the samples and walk them along their paths; returns the two-round matter's id."""
    with db.session() as session:
        depts = {d.name: d.id for d in list_departments(session=session)}
    two_rounds = None
    for days, hour, channel, rtype, name, phone, dept, category, content, path in SAMPLES:
        received = datetime.combine(TODAY - timedelta(days=days), datetime.min.time()).replace(hour=hour)
        step = received + timedelta(hours=1)
        external = channel in ("hotline_12345", "president_hotline", "superior_assigned")
        data = MatterInput(
            received_at=received, channel=channel, request_type=rtype, complainant_name=name,
            anonymous=not name, phone=phone, relation="本人", target_department_id=depts[dept],
            target_staff_id=None, target_text="", category=category, content=content,
            first_receiver_name="卫某某",
            upstream_order_no=f"GD{received:%Y%m%d}{hour:02d}" if external else "",
            signed_at=received if external else None,
            upstream_deadline=received.date() + timedelta(days=7) if external else None,
        )
        with db.session() as s:
            mid = svc.register_matter(session=s, actor=admin, data=data, now=step).id
        rounds = 2 if path == "two_rounds" else 1
        if path in ("open",):
            continue
        with db.session() as s:
            if path == "withdrawn":
                svc.withdraw(session=s, actor=admin, matter_id=mid, reason="当事人来电撤回，问题已自行解决",
                             now=step)
                continue
            if path == "spot":
                svc.close_on_the_spot(session=s, actor=admin, matter_id=mid,
                                      resolution="当场告知体检安排并登记预约", satisfaction="satisfied",
                                      words="很方便", now=step)
                continue
        for n in range(rounds):
            at = step + timedelta(days=3 * n)
            with db.session() as s:
                detail = svc.dispatch(session=s, actor=admin, matter_id=mid,
                                      department_ids=[depts[dept]], reply_by=None,
                                      instructions="请联系当事人核实情况并反馈处理结果", now=at)
            if path == "dispatched":
                break
            sheet = [sh for sh in detail.sheets if sh.replied_at is None][0]
            with db.session() as s:
                svc.record_reply(session=s, actor=admin, sheet_id=sheet.id, replier="科室负责人",
                                 contacted_at=at + timedelta(days=1),
                                 content="已与当事人沟通，核对处方并退还多收费用" if n else
                                 "已电话解释收费依据", now=at + timedelta(days=1))
            if path == "replied":
                break
            last = n == rounds - 1
            with db.session() as s:
                svc.record_callback(session=s, actor=admin, matter_id=mid,
                                    satisfaction="satisfied" if last else "unsatisfied",
                                    words="问题已解决，谢谢" if last else "解释不清楚，要求退费",
                                    next_step="close" if last else "rehandle",
                                    now=at + timedelta(days=2))
        if path == "two_rounds":
            two_rounds = mid
    return two_rounds


def build(db_path: Path) -> tuple[Database, Actor, int]:
    db = Database.open(db_path, create=True, now=NOW)
    with db.session() as session:
        admin = fill_demo(session=session, now=NOW, today=NOW.date())
    with db.session() as session:
        rows = svc.list_matters(session=session, filters=MatterFilter(), today=TODAY)
    two_rounds = None
    if not rows:
        two_rounds = _fill_samples(db, admin)
    else:
        for row in rows:
            with db.session() as session:
                if svc.get_matter(session=session, matter_id=row.id, today=TODAY).row.round >= 2:
                    two_rounds = row.id
                    break
    assert two_rounds is not None, "no matter with two rounds"
    return db, admin, two_rounds


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    install_app_font(app)
    with tempfile.TemporaryDirectory() as tmp:
        db, admin, two_rounds = build(Path(tmp) / "shots.sqlite3")
        tab = ComplaintsTab(db, admin, clock=Clock.fixed(NOW))
        tab.resize(1200, 780)
        tab.show()
        app.processEvents()
        tab.grab().save(str(out / "complaints_list.png"))

        with db.session() as session:
            departments, staff = list_departments(session=session), list_staff(session=session)
        form = RegisterDialog(tab, db, admin, departments, staff, NOW)
        form.received_edit.setDateTime(to_qdatetime(datetime(2026, 11, 23, 8, 40)))
        form.set_channel("hotline_12345")
        form.set_request_type("complaint")
        form.name_edit.setText("张某某")
        form.phone_edit.setText("13800001234")
        form.department_combo.setCurrentIndex(form.department_combo.findText("内科"))
        form.category_combo.setCurrentIndex(form.category_combo.findData("efficiency"))
        form.content_edit.setPlainText("12345 热线转来：上午在内科候诊两个多小时，叫号混乱，无人解释。")
        form.order_edit.setText("GD2026112300017")
        form.signed_edit.setDateTime(to_qdatetime(datetime(2026, 11, 23, 9, 5)))
        form.upstream_check.setChecked(True)
        form.upstream_edit.setDate(QDate(2026, 12, 1))
        form.show()
        form.adjustSize()
        app.processEvents()
        form.grab().save(str(out / "complaints_register.png"))
        form.close()

        detail = tab.open_detail(two_rounds)
        app.processEvents()
        detail.grab().save(str(out / "complaints_detail.png"))
        detail.close()
        tab.close()
        db.close()
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
