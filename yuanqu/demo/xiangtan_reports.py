"""Weekly reports and coordination items of the demo's projects.

The bridge's four reports carry the progress already recorded for it (22/36/49/63% on 4月1日, 4月15日,
4月29日 and 5月13日; the last is the page's own figure) and reuse those ProgressRecords rather than
adding any. Their text paraphrases the page where it can (the sub-works of 5月13日, the rainy season,
the three-shift work) and is otherwise illustrative, marked so. The 湘乡 projects assigned to the demo
liaison get this week's report for two of the four, so the liaison's home shows the other two as
missing. The page names no department of 湘乡经开区, and none of 湘潭高新区 that would plausibly own a
bridge matter, so the coordination items wait, unassigned, for the zone leader to route them.
"""

import datetime as dt

from yuanqu.accounts.models import User

D = dt.date
ILLUSTRATIVE = "(示意)"

BRIDGE = "湘潭二大桥维修加固工程"
# (week's Monday, submitted on, progress %, done, planned, problems)
BRIDGE_REPORTS = [
    (D(2021, 3, 29), D(2021, 4, 1), 22, "北引桥桥面砼破除按区域推进;吊架搭设同步开展。" + ILLUSTRATIVE,
     "继续桥面砼破除,启动顶升更换支座。" + ILLUSTRATIVE, "封闭期只有3个月,又处雨季。"),
    (D(2021, 4, 12), D(2021, 4, 15), 36, "大桥划成数十个区域同步施工,三班倒24小时作业。",
     "右幅桥面砼浇筑;碳板张拉。" + ILLUSTRATIVE, "雨天影响浇筑,已搭建防雨棚、购置防雨设备。"),
    (D(2021, 4, 26), D(2021, 4, 29), 49, "右幅桥面砼浇筑推进;东、西匝道异形箱梁浇筑。" + ILLUSTRATIVE,
     "接缝处理;增加施工班组抢工期。" + ILLUSTRATIVE, "雨季工期紧张。"),
    (D(2021, 5, 10), D(2021, 5, 13), 63,
     "桥面砼破除左幅第六联完成;桥面砼浇筑右幅完成(完成量50%);接缝处理完成量60%;吊架搭设完成30跨(59%);"
     "碳板张拉完成84樑架;顶升更换支座完成28跨(55%);东、西匝道异形箱梁浇筑基本完成。",
     "继续顶升更换支座和吊架搭设,左幅桥面砼浇筑。" + ILLUSTRATIVE, "雨季施工,工期倒排。"),
]
BRIDGE_ITEMS = [
    ("雨季施工材料堆放及防雨棚搭建场地协调", "封闭施工期间需临时场地堆放材料、搭建防雨棚。" + ILLUSTRATIVE,
     D(2021, 5, 13), D(2021, 5, 27)),
]

# This week's reports of two of the liaison's 湘乡 projects, and their items (all illustrative).
XIANGXIANG_REPORTS = {
    "电子信息产业园三期": ("主体工程施工。" + ILLUSTRATIVE, "继续主体工程建设。" + ILLUSTRATIVE, "施工用电负荷不足。" + ILLUSTRATIVE),
    "电力检测所": ("设备安装准备。" + ILLUSTRATIVE, "按8月竣工投产倒排工期。" + ILLUSTRATIVE, ""),
}
XIANGXIANG_ITEMS = [
    ("电子信息产业园三期", "施工临时用电增容协调", "施工用电负荷不足,需协调供电增容。" + ILLUSTRATIVE, D(2021, 5, 21)),
    ("电力检测所", "竣工验收前消防验收协调", "8月竣工投产前需完成消防验收。" + ILLUSTRATIVE, D(2021, 7, 30)),
]
THIS_WEEK, SUBMITTED = D(2021, 5, 10), D(2021, 5, 12)


def load_reports(upsert) -> dict:
    """Write the reports and items (upsert: the loader's create-or-update helper). Safe to run twice."""
    from yuanqu.projects.models import CoordinationItem, CoordinationTransition, ProgressRecord, Project, WeeklyReport

    reports = items = 0
    bridge = Project.objects.filter(name=BRIDGE).first()
    if bridge is not None:
        recorded = dict(ProgressRecord.objects.filter(project=bridge).values_list("date", "percent"))
        for week, day, percent, done, planned, problems in BRIDGE_REPORTS:
            # The progress is the one already recorded that day, so the report adds no record of its own.
            assert recorded.get(day) == percent, f"the bridge's progress of {day} is not {percent}%"
            upsert(WeeklyReport, {"project": bridge, "week": week}, {
                "done_this_week": done, "planned_next_week": planned, "problems": problems,
                "investment_in_period": 0, "progress_percent": percent, "submitted_on": day, "author": None})
            reports += 1
        for title, description, raised, deadline in BRIDGE_ITEMS:
            items += _item(upsert, CoordinationItem, CoordinationTransition, bridge, title, description, deadline,
                           raised_by=None, report=WeeklyReport.objects.filter(project=bridge, submitted_on=raised).first())
    liaison = User.objects.get(username="liaison")
    for name, (done, planned, problems) in XIANGXIANG_REPORTS.items():
        project = Project.objects.get(name=name, liaison=liaison)
        upsert(WeeklyReport, {"project": project, "week": THIS_WEEK}, {
            "done_this_week": done, "planned_next_week": planned, "problems": problems, "investment_in_period": 0,
            "progress_percent": None, "submitted_on": SUBMITTED, "author": liaison})
        reports += 1
    for name, title, description, deadline in XIANGXIANG_ITEMS:
        project = Project.objects.get(name=name, liaison=liaison)
        report = WeeklyReport.objects.filter(project=project, week=THIS_WEEK).first()
        items += _item(upsert, CoordinationItem, CoordinationTransition, project, title, description, deadline,
                       raised_by=liaison, report=report)
    return {"weekly_reports": reports, "coordination_items": items}


def _item(upsert, model, transition, project, title, description, deadline, *, raised_by, report) -> int:
    existed = model.objects.filter(project=project, title=title).exists()
    item = upsert(model, {"project": project, "title": title}, {
        "zone": project.zone, "description": description, "deadline": deadline, "raised_by": raised_by,
        "report": report, "owner_department": None})
    if not existed:
        transition.objects.create(item=item, action="raise", from_state="", to_state=item.state, actor=raised_by,
                                  note="初始数据")
    return 1
