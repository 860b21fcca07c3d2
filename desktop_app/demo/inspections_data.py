"""The fixed texts and numbers of the demo inspections (`demo_inspections`): the people taking
part, which items fail and how their rectification goes, the duty-log entries, and a small
generated photo. All fictional."""

from __future__ import annotations

from __future__ import annotations
import struct
import zlib
from desktop_app.domain.inspections import DutyEntryKind

SEED = 2028
WEEKS_BACK = 10
DUTY_DAYS_BACK = 21
DUTY_SKIP = 0.12  # share of working days without a log ("most working days")

TAKING_PART = "院办公室、总务科、政工科、服务群众管理办公室"
PARTICIPANTS = "院办公室冯某某、总务科何某某、政工科许某某、服务办卫某某"
WEEKDAYS = "一二三四五六日"

# Item number of the default checklist → (what was wrong, responsible department, measure,
# what the department reports done).
FINDINGS: dict[int, tuple[str, str, str, str]] = {
    1: ("门诊大厅东侧候诊区地面有污渍，垃圾桶已满未清运", "总务科",
        "保洁员上午、下午各巡查清扫一次，垃圾桶满三分之二即清运", "已调整保洁巡查时间，上下午各清扫一次"),
    3: ("门诊二楼卫生间洗手液用完未补充，地面有积水", "总务科",
        "保洁每日两次巡查并补充洗手液，地面铺设防滑垫", "已补充洗手液，铺设防滑垫，巡查表张贴在门后"),
    4: ("住院部医疗废物暂存点交接登记缺两天记录", "总务科",
        "医废收集人员每日交接双签字，院感专干每周检查登记本", "已补齐交接登记，实行双签字"),
    5: ("后院锅炉房旁堆放废旧桌椅和纸箱", "总务科",
        "清理废旧物品，可用的入库登记，其余按规定处置", "已清走纸箱，废旧桌椅集中到仓库待处置"),
    6: ("门诊楼二楼东侧消防通道堆放纸箱", "总务科",
        "立即清理纸箱，通道两端张贴“禁止堆放”标识，纳入每日巡查", "纸箱已清理，两端已张贴禁止堆放标识"),
    7: ("住院部三楼两具灭火器压力不足", "总务科",
        "更换压力不足的灭火器，全院灭火器逐具检查并登记", "已更换两具灭火器，全院灭火器检查登记完毕"),
    8: ("外科护士站私接电热水壶", "外科",
        "收缴电热水壶，科室组织学习用电安全规定", "已收缴电热水壶，科室晨会学习用电安全规定"),
    12: ("急诊科除颤仪每日检查记录缺三天", "急诊科",
         "指定专人每日检查除颤仪并登记，护士长每周核查", "已指定专人负责，护士长每周五核查签字"),
    13: ("内科急救车内一支肾上腺素临近效期未及时更换", "内科",
         "更换近效期药品，急救车药品实行效期登记、每周清点", "已更换药品，建立急救车药品效期登记表"),
    16: ("公共卫生科疫苗冰箱周末温度记录未登记", "公共卫生科",
         "安排周末值班人员每日两次记录冰箱温度，启用温度报警", "已排定周末记录人员，温度报警已启用"),
    17: ("康复科调整诊室后门口无指引标牌", "总务科",
         "制作并安装康复科指引标牌，更新门诊楼层索引", "指引标牌已安装，楼层索引已更新"),
    18: ("便民服务站老花镜缺失，一辆轮椅刹车失灵", "服务群众管理办公室",
         "补充老花镜两副，轮椅送修，便民设施每周清点一次", "已补充老花镜，轮椅修好归位"),
    19: ("门诊入口无障碍坡道扶手松动", "总务科",
         "加固坡道扶手，雨天加铺防滑垫", "扶手已加固，防滑垫放在门卫室备用"),
    20: ("住院部二楼走廊两盏照明灯不亮", "总务科",
         "更换灯管，电工每周巡查病区照明", "已更换灯管"),
    21: ("儿科诊室未张贴医患连心卡和投诉电话", "儿科",
         "补贴医患连心卡和投诉电话，服务办每月核查公示情况", "已在诊室门口张贴医患连心卡"),
    22: ("检查时药房一名工作人员离岗未安排顶岗", "药剂科",
         "科室重申在岗在位要求，离岗须登记并安排顶岗", "科室已开会重申，建立离岗登记"),
    23: ("口腔科一名工作人员未佩戴胸牌", "口腔科",
         "当场提醒佩戴，科室每日晨会检查着装", "已佩戴，科室晨会增加着装检查"),
    25: ("收费处电子显示屏药品价格未随调价更新", "院办公室",
         "信息员当日更新价格公示，调价后24小时内核对公示内容", "价格公示已更新并核对"),
    26: ("中医科交接班记录本有两天未填写", "中医科",
         "补齐交接班记录，科主任每周检查签字", "已补齐记录，科主任每周五检查签字"),
    27: ("院务公开栏内容仍为上月信息", "院办公室",
         "更新院务公开栏，每月5日前完成更新", "院务公开栏已更新"),
    28: ("预检分诊登记本部分患者未登记体温", "公共卫生科",
         "预检分诊人员逐项登记，护理部每周抽查", "已培训预检分诊人员，逐项登记"),
    30: ("妇产科治疗室速干手消毒剂已用完", "妇产科",
         "补充手消毒剂，科室指定专人每日检查手卫生用品", "已补充手消毒剂，指定专人每日检查"),
    32: ("传染病登记本有两例未填写报告时间", "公共卫生科",
         "补填报告时间，防保人员每周核对传染病登记与网络直报", "已补填，建立每周核对制度"),
}
# The show cases, by item number: A 待整改, B 已整改待复查 (last inspection); C overdue, D failed
# re-check (the one before); E closed with before/after photos, F failed once then closed.
SHOW_A, SHOW_B, SHOW_C, SHOW_D, SHOW_E, SHOW_F = 20, 3, 7, 5, 6, 21
FAILED_RECHECK = {
    SHOW_D: "复查时纸箱已清走，但废旧桌椅仍堆放在锅炉房旁，整改不彻底",
    SHOW_F: "复查时儿科二诊室仍未张贴医患连心卡，一诊室已张贴",
}
NOT_APPLICABLE = (29, "发热诊室本周停用改造，未检查")
PASSED_RECHECK_NOTES = ["", "现场查看已整改到位，同意销号", "已整改到位", "复查合格"]

# The duty director's log: kind → [(content, result)].
DUTY_TEXTS: dict[DutyEntryKind, list[tuple[str, str]]] = {
    DutyEntryKind.consultation: [
        ("患者家属咨询住院费用医保报销需要准备哪些材料", "已告知携带身份证、医保卡和出院小结，引导至医保窗口办理"),
        ("老年人咨询65岁以上老人免费体检的时间", "告知每周二、四上午在公共卫生科体检，需空腹"),
        ("群众咨询被狗抓伤后狂犬疫苗接种流程", "已引导至预防接种门诊，告知全程接种时间"),
        ("患者咨询慢病门诊证办理条件", "已讲解办理条件和所需材料，引导到院办公室登记"),
        ("群众咨询家庭医生签约有哪些服务", "已发放签约服务宣传页，介绍签约团队联系方式"),
    ],
    DutyEntryKind.reception: [
        ("接待村卫生室医生来院联系转诊患者住院事宜", "已联系内科主任对接，安排床位"),
        ("接待一位行动不便的老人来院复诊", "安排导医推轮椅陪同就诊、取药"),
        ("接待患者家属来站询问住院患者病情", "联系主管医生到便民服务站当面解释"),
    ],
    DutyEntryKind.complaint: [
        ("患者反映收费处排队时收费员态度冷淡", "当场向患者致歉，已通知收费处负责人谈话提醒，患者表示理解"),
        ("患者家属反映输液室等候时间长", "协调护士长临时增派一名护士，患者表示理解"),
        ("患者反映B超检查预约要等到下周", "与B超室协调加号，当天下午完成检查"),
    ],
    DutyEntryKind.supervision: [
        ("督导门诊各诊室8点前到岗情况", "各诊室均按时到岗"),
        ("督导门诊各诊室到岗情况，口腔科一名医生迟到10分钟", "已提醒科室主任，纳入本月考勤"),
        ("巡查住院部护士站交接班记录", "交接班记录完整"),
        ("督导检验科报告发放时间", "上午标本均在11点前出报告"),
    ],
    DutyEntryKind.logistics: [
        ("门诊楼一楼卫生间水龙头漏水", "已通知总务科维修，下午修好"),
        ("住院部电梯运行时有异响", "联系维保单位检修，当日恢复正常"),
        ("下雨后门诊入口地面湿滑", "已铺设防滑垫并放置警示牌"),
        ("住院部热水供应中断", "总务科检修热水器，一小时后恢复供应"),
    ],
    DutyEntryKind.other: [
        ("协助一名走失老人联系家属", "通过村委会联系到家属，已接回"),
        ("配合派出所调查门诊一起手机丢失", "调取监控录像交派出所"),
    ],
}
KIND_WEIGHTS = {DutyEntryKind.consultation: 5, DutyEntryKind.reception: 3,
                DutyEntryKind.complaint: 2, DutyEntryKind.supervision: 4,
                DutyEntryKind.logistics: 3, DutyEntryKind.other: 1}
# The two entries of the last log that become matters: entry, then the registration form's
# values the duty director fills in beside the prefill.
MATTER_ENTRIES: list[tuple[DutyEntryKind, str, str, dict]] = [
    (DutyEntryKind.complaint,
     "患儿家属反映儿科输液室晚间只有一名护士，呼叫换药后等了二十多分钟",
     "当场向家属致歉，协调护士站增派一名护士，登记为投诉交儿科核实处理",
     dict(complainant_name="刘女士", relation="家属", category="efficiency", target="儿科")),
    (DutyEntryKind.reception,
     "接待群众来访，建议门诊设置老年人优先挂号窗口，并安排志愿者协助老人使用自助机",
     "已记录，登记为建议转院办公室研究",
     dict(request_type="suggestion", complainant_name="王先生", relation="本人",
          category="efficiency", target_text="挂号收费窗口")),
]


def demo_png(boxes: bool, width: int = 160, height: int = 120) -> bytes:
    """A small corridor picture: a door with a green exit sign, boxes in front (before) or not."""
    def pixel(x: int, y: int) -> tuple[int, int, int]:
        if boxes and ((18 <= x < 58 and 58 <= y < 98) or (100 <= x < 142 and 68 <= y < 104)):
            edge = x in (18, 57, 100, 141) or y in (58, 97, 68, 103) or y == 78
            return (120, 84, 45) if edge else (176, 128, 74)
        if 70 <= x < 90 and 14 <= y < 24:
            return (34, 150, 80)
        if 64 <= x < 96 and 28 <= y < 86:
            return (150, 110, 70)
        if y >= 86:
            shade = 150 + (y - 86) // 3
            return (shade, shade - 4, shade - 12)
        shade = 222 - y // 6
        return (shade, shade, shade - 6)

    raw = b"".join(b"\x00" + bytes(c for x in range(width) for c in pixel(x, y))
                   for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
