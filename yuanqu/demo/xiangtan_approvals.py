"""Joint approvals (联合审批) in the Xiangtan demo: the four cases the page's stories imply.

From the page: 湘乡经开区 runs a joint-approval mechanism with full-process agency (项目审批全程代理), a green
channel for key projects and 交地即开工; 创普开业 went from signing to construction start in 20 working days;
电子信息产业园三期 was signed in August 2020 and started in September; 五期 has finished its planning and
design and is in 土地报批; the "三个提前" (staff recruited and trained, offices and housing for the
managers, 环保/安全生产"三同时" guidance, all in advance). 湘潭盘龙生态农业示范园有限公司 held its first
international fireworks music festival on 1–4 May 2021; 岳塘经开区 handled its approvals in full
(全程服务企业手续办理) across the many departments involved, and on 7 May the company brought a banner.

Not from the page (illustrative, marked “(报道未载明的日期为示意)” in the cases' notes): every step's date
and wording, the departments' names (generic, see xiangtan.DEPARTMENTS), the owners of the 三个提前
lines, the opening days of 五期's and the festival's cases, and the green channel's shortened promises
for 创普开业 and 三期 (their departments promising less than the catalogue's default limits, so their
critical paths fit the 20 working days they took).

Everything goes through yuanqu.approvals.services (case_open, item_act, case_update,
service_task_save), each step under the one clock frozen at its day, so clocks, pauses, deadlines and
follow-up checks read as they would have; the log's and inbox's timestamps are set to those days.
Department steps are taken by a user of that department (made here, unable to sign in), the agency
officer's by the demo's agent. Idempotent: a case already there is left as it is.
"""

import datetime as dt

from django.db.models import Max

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.common import clock
from yuanqu.common.clock import frozen
from yuanqu.registry.models import Department, Enterprise, Zone

D = dt.date
ILLUSTRATIVE = "(报道未载明的日期为示意)"
TODAY = D(2021, 5, 14)
XIANGXIANG = "湘乡经开区"
YUETANG = "岳塘经开区"
PANLONG = "湘潭盘龙生态农业示范园有限公司"

CHUANGPU = "创普开业液晶显示屏生产线项目"
PHASE_THREE = "电子信息产业园三期"
PHASE_FIVE = "电子信息产业园五期"
FESTIVAL = "首届国际焰火音乐节活动报批"

# (username, name, department): the departments' own users, who accept, return and decide. They
# cannot sign in (no usable password); they exist so each step is taken by someone entitled to it.
DEPARTMENT_USERS = [
    ("approvals-record-xx-fgj", "湘乡市发展和改革局经办人(演示数据)", (XIANGXIANG, "湘乡市发展和改革局")),
    ("approvals-record-xx-zrzy", "湘乡市自然资源局经办人(演示数据)", (XIANGXIANG, "湘乡市自然资源局")),
    ("approvals-record-xx-zjj", "湘乡市住房和城乡建设局经办人(演示数据)", (XIANGXIANG, "湘乡市住房和城乡建设局")),
    ("approvals-record-xx-sthj", "湘潭市生态环境局湘乡分局经办人(演示数据)", (XIANGXIANG, "湘潭市生态环境局湘乡分局")),
    ("approvals-record-xx-yjj", "湘乡市应急管理局经办人(演示数据)", (XIANGXIANG, "湘乡市应急管理局")),
    ("approvals-record-xx-slj", "湘乡市水利局经办人(演示数据)", (XIANGXIANG, "湘乡市水利局")),
    ("approvals-record-yt-ga", "湘潭市公安局岳塘分局经办人(演示数据)", (YUETANG, "湘潭市公安局岳塘分局")),
    ("approvals-record-yt-xf", "岳塘区消防救援大队经办人(演示数据)", (YUETANG, "岳塘区消防救援大队")),
    ("approvals-record-yt-jj", "岳塘交警大队经办人(演示数据)", (YUETANG, "岳塘交警大队")),
    ("approvals-record-yt-scjg", "岳塘区市场监督管理局经办人(演示数据)", (YUETANG, "岳塘区市场监督管理局")),
]

# Which department of the zone grants each catalogue item.
ROUTES = {
    "立项备案": "湘乡市发展和改革局", "节能审查": "湘乡市发展和改革局",
    "用地预审与选址意见": "湘乡市自然资源局", "建设用地规划许可": "湘乡市自然资源局", "建设工程规划许可": "湘乡市自然资源局",
    "施工图审查": "湘乡市住房和城乡建设局", "消防设计审查": "湘乡市住房和城乡建设局", "施工许可": "湘乡市住房和城乡建设局",
    "竣工联合验收": "湘乡市住房和城乡建设局",
    "环评审批": "湘潭市生态环境局湘乡分局", "排污许可": "湘潭市生态环境局湘乡分局",
    "安全预评价": "湘乡市应急管理局", "水土保持": "湘乡市水利局",
    "大型群众性活动安全许可": "湘潭市公安局岳塘分局", "焰火燃放许可": "湘潭市公安局岳塘分局",
    "活动场所消防安全检查": "岳塘区消防救援大队", "交通组织方案审批": "岳塘交警大队",
    "临时食品经营备案": "岳塘区市场监督管理局",
}
AGENT_STEPS = {"prepare", "resubmit", "reapply"}

# 创普开业 and 三期 are in the green channel: their departments promised less than the catalogue's
# defaults (working days; illustrative). The chain 立项备案 → 用地预审 → 建设用地规划 → 建设工程规划 → 消防设计审查 →
# 施工许可 then plans 1+4+3+4+5+2 = 19 working days, and land handed over on the 20th starts it (交地即开工).
GREEN_CHANNEL = {"用地预审与选址意见": 4, "建设用地规划许可": 3, "建设工程规划许可": 4, "施工图审查": 5,
                 "消防设计审查": 5, "施工许可": 2}

ENGINEERING = ["立项备案", "用地预审与选址意见", "建设用地规划许可", "建设工程规划许可", "施工图审查", "消防设计审查",
               "施工许可", "环评审批", "节能审查", "安全预评价", "水土保持", "排污许可", "竣工联合验收"]

# Each item's steps: (action, day[, note]). Steps of all items run in the order of their days.
CHUANGPU_STEPS = {
    "立项备案": [("prepare", D(2020, 6, 1)), ("accept", D(2020, 6, 1)), ("grant", D(2020, 6, 2))],
    "用地预审与选址意见": [("prepare", D(2020, 6, 2)), ("accept", D(2020, 6, 3)), ("review", D(2020, 6, 4)),
                  ("grant", D(2020, 6, 8))],
    "建设用地规划许可": [("prepare", D(2020, 6, 8)), ("accept", D(2020, 6, 9)), ("review", D(2020, 6, 10)),
                 ("grant", D(2020, 6, 11))],
    "建设工程规划许可": [("prepare", D(2020, 6, 11)), ("accept", D(2020, 6, 12)), ("review", D(2020, 6, 15)),
                 ("grant", D(2020, 6, 17))],
    "施工图审查": [("prepare", D(2020, 6, 17)), ("commit", D(2020, 6, 18), "企业书面承诺施工图符合强制性标准,先行办结"),
              ("verify", D(2020, 7, 14), "施工图事后审查合格")],
    "消防设计审查": [("prepare", D(2020, 6, 17)), ("accept", D(2020, 6, 18)), ("review", D(2020, 6, 19)),
               ("grant", D(2020, 6, 24))],
    "施工许可": [("prepare", D(2020, 6, 24)), ("accept", D(2020, 6, 28)), ("review", D(2020, 6, 29)),
             ("grant", D(2020, 6, 30), "交地当天核发施工许可,交地即开工")],
    "环评审批": [("prepare", D(2020, 6, 2)), ("accept", D(2020, 6, 3)), ("review", D(2020, 6, 4)),
             ("correct", D(2020, 6, 10), "公众参与说明"), ("resubmit", D(2020, 6, 12), "补交公众参与说明"),
             ("grant", D(2020, 6, 22))],
    "节能审查": [("prepare", D(2020, 6, 2)), ("commit", D(2020, 6, 4), "企业书面承诺按节能报告落实节能措施,先行办结"),
             ("verify", D(2020, 7, 2), "节能措施落实情况核查合格")],
    "安全预评价": [("prepare", D(2020, 6, 3)), ("accept", D(2020, 6, 4)), ("review", D(2020, 6, 5)),
              ("grant", D(2020, 6, 15))],
    "水土保持": [("prepare", D(2020, 6, 8)), ("accept", D(2020, 6, 9)), ("review", D(2020, 6, 10)),
             ("grant", D(2020, 6, 19))],
    "竣工联合验收": [("prepare", D(2020, 11, 27)), ("accept", D(2020, 11, 30)), ("review", D(2020, 12, 1)),
               ("grant", D(2020, 12, 11))],
    "排污许可": [("prepare", D(2020, 12, 1)), ("accept", D(2020, 12, 2)), ("review", D(2020, 12, 3)),
             ("grant", D(2020, 12, 15))],
}
CHUANGPU_COMMITMENTS = ["施工图审查", "节能审查"]
# 三个提前: (kind, owner, due, done, state, note)
CHUANGPU_TASKS = [
    ("recruitment", "湘乡经开区人力资源服务站", D(2020, 12, 20), D(2020, 12, 18), "done",
     "提前招聘一线员工并组织岗前培训,投产前到岗" + ILLUSTRATIVE),
    ("office_housing", "湘乡经开区企业服务中心", D(2020, 6, 12), D(2020, 6, 10), "done",
     "签约后为企业中高层管理人员安排办公用房和人才公寓" + ILLUSTRATIVE),
    ("three_simultaneous", "湘潭市生态环境局湘乡分局、湘乡市应急管理局", D(2020, 6, 30), D(2020, 6, 24), "done",
     "环保、安全设施与主体工程同时设计、同时施工、同时投产使用,开工前到现场指导" + ILLUSTRATIVE),
]

PHASE_THREE_STEPS = {
    "立项备案": [("prepare", D(2020, 8, 18)), ("accept", D(2020, 8, 18)), ("grant", D(2020, 8, 19))],
    "用地预审与选址意见": [("prepare", D(2020, 8, 19)), ("accept", D(2020, 8, 20)), ("review", D(2020, 8, 21)),
                  ("grant", D(2020, 8, 26))],
    "环评审批": [("prepare", D(2020, 8, 19)), ("accept", D(2020, 8, 20)), ("review", D(2020, 8, 21)),
             ("grant", D(2020, 9, 8))],
    "建设用地规划许可": [("prepare", D(2020, 8, 26)), ("accept", D(2020, 8, 27)), ("grant", D(2020, 8, 31))],
    "水土保持": [("prepare", D(2020, 8, 26)), ("accept", D(2020, 8, 27)), ("review", D(2020, 8, 28)),
             ("grant", D(2020, 9, 9))],
    "建设工程规划许可": [("prepare", D(2020, 8, 31)), ("accept", D(2020, 9, 1)), ("review", D(2020, 9, 2)),
                 ("grant", D(2020, 9, 4))],
    "施工图审查": [("prepare", D(2020, 9, 4)), ("commit", D(2020, 9, 7), "建设单位书面承诺,先行办结"),
              ("verify", D(2020, 9, 29), "施工图事后审查合格")],
    "消防设计审查": [("prepare", D(2020, 9, 4)), ("accept", D(2020, 9, 7)), ("review", D(2020, 9, 8)),
               ("grant", D(2020, 9, 10))],
    "施工许可": [("prepare", D(2020, 9, 10)), ("accept", D(2020, 9, 11)), ("grant", D(2020, 9, 15))],
    "竣工联合验收": [],
}
PHASE_THREE_ITEMS = ["立项备案", "用地预审与选址意见", "建设用地规划许可", "建设工程规划许可", "施工图审查", "消防设计审查",
                     "施工许可", "环评审批", "水土保持", "竣工联合验收"]
PHASE_THREE_TASKS = [
    ("recruitment", "湘乡经开区人力资源服务站", None, None, "todo", "标准厂房,入驻企业确定后开展" + ILLUSTRATIVE),
    ("office_housing", "湘乡经开区企业服务中心", None, None, "todo", "标准厂房,入驻企业确定后开展" + ILLUSTRATIVE),
    ("three_simultaneous", "湘潭市生态环境局湘乡分局、湘乡市应急管理局", D(2020, 9, 15), D(2020, 9, 10), "done",
     "开工前现场指导施工扬尘、安全防护措施" + ILLUSTRATIVE),
]

# 五期: in 土地报批 on the demo's day. 用地预审 was returned for its survey map (勘测定界图) and is under
# review again; the items after it wait on it; 环评审批 has run past its promised limit (a red light).
PHASE_FIVE_OPENED = D(2021, 4, 6)
PHASE_FIVE_STEPS = {
    "立项备案": [("prepare", D(2021, 4, 6)), ("accept", D(2021, 4, 7)), ("grant", D(2021, 4, 8))],
    "用地预审与选址意见": [("prepare", D(2021, 4, 9)), ("accept", D(2021, 4, 12)), ("review", D(2021, 4, 13)),
                  ("correct", D(2021, 4, 16), "勘测定界图(须按调整后的用地红线重新测绘)"),
                  ("resubmit", D(2021, 5, 10), "提交重新测绘的勘测定界图")],
    "环评审批": [("prepare", D(2021, 4, 9)), ("accept", D(2021, 4, 20)), ("review", D(2021, 4, 21))],
    "建设用地规划许可": [("prepare", D(2021, 5, 11))],
    "水土保持": [("prepare", D(2021, 5, 11))],
    "建设工程规划许可": [], "施工图审查": [], "消防设计审查": [], "施工许可": [], "竣工联合验收": [],
}
PHASE_FIVE_ITEMS = PHASE_THREE_ITEMS
PHASE_FIVE_TASKS = [
    ("recruitment", "湘乡经开区人力资源服务站", D(2021, 12, 31), None, "todo", "入驻企业确定后开展" + ILLUSTRATIVE),
    ("office_housing", "湘乡经开区企业服务中心", D(2021, 12, 31), None, "todo", "入驻企业确定后开展" + ILLUSTRATIVE),
    ("three_simultaneous", "湘潭市生态环境局湘乡分局、湘乡市应急管理局", D(2021, 6, 30), None, "doing",
     "已结合环评编制开展“三同时”技术指导,开工前完成现场服务" + ILLUSTRATIVE),
]

# 盘龙's festival: opened after 清明, everything granted before 五一.
FESTIVAL_OPENED = D(2021, 4, 6)
FESTIVAL_DAY = D(2021, 5, 1)
FESTIVAL_ITEMS = ["大型群众性活动安全许可", "焰火燃放许可", "活动场所消防安全检查", "交通组织方案审批", "临时食品经营备案"]
FESTIVAL_STEPS = {
    "大型群众性活动安全许可": [("prepare", D(2021, 4, 7)), ("accept", D(2021, 4, 8)), ("review", D(2021, 4, 9)),
                     ("correct", D(2021, 4, 12), "安全工作方案(补充应急疏散预案和安保力量部署)"),
                     ("resubmit", D(2021, 4, 14), "补交完善后的安全工作方案"), ("grant", D(2021, 4, 16))],
    "焰火燃放许可": [("prepare", D(2021, 4, 7)), ("accept", D(2021, 4, 8)), ("review", D(2021, 4, 9)),
               ("grant", D(2021, 4, 21))],
    "交通组织方案审批": [("prepare", D(2021, 4, 16)), ("accept", D(2021, 4, 19)), ("review", D(2021, 4, 20)),
                 ("grant", D(2021, 4, 23))],
    "活动场所消防安全检查": [("prepare", D(2021, 4, 19)), ("accept", D(2021, 4, 20)), ("review", D(2021, 4, 21)),
                   ("grant", D(2021, 4, 26))],
    "临时食品经营备案": [("prepare", D(2021, 4, 26)), ("commit", D(2021, 4, 27), "经营者书面承诺符合食品安全条件,先行备案"),
                 ("verify", D(2021, 5, 2), "活动期间现场核查合格")],
}
FESTIVAL_COMMITMENTS = ["临时食品经营备案"]
FESTIVAL_NOTE = (
    "湘潭盘龙生态农业示范园有限公司于2021年5月1日至4日举办首届国际焰火音乐节。该公司第一次开展此类活动,报批牵涉部门较多、"
    "时间紧迫,岳塘经开区积极与上级部门沟通协调,全程服务企业手续办理,确保活动如期举行。5月7日上午,该公司向岳塘经开区"
    "党工委、管委会送来锦旗“真情暖企 贴心服务 优化营商 保驾护航”。" + ILLUSTRATIVE
)


def _department_users() -> dict[tuple[str, str], User]:
    out = {}
    for username, name, (zone, department_name) in DEPARTMENT_USERS:
        department = Department.objects.get(zone__short_name=zone, name=department_name)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, name=name, is_demo=True)
            user.set_unusable_password()
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role="dept", department=department)
        out[(zone, department_name)] = user
    return out


def _stamped(step):
    """Run one step and date the log and inbox rows it wrote at the clock's moment (their
    auto_now_add reads the real clock; the demo's history must read as of its days)."""
    from yuanqu.approvals.models import ItemTransition
    from yuanqu.inbox.models import InboxMessage

    models = (ItemTransition, InboxMessage)
    before = {m: m.objects.aggregate(m=Max("pk"))["m"] or 0 for m in models}
    result = step()
    moment = clock.now()
    for model in models:
        model.objects.filter(pk__gt=before[model]).update(created_at=moment)
    return result


def _open(*, zone: str, agent: str, title: str, items: list[str], commitments=(), **kwargs):
    from yuanqu.approvals.models import ApprovalCase, ApprovalItem
    from yuanqu.approvals.services import case_open

    zone_obj = Zone.objects.get(short_name=zone)
    catalogue = {i.name: i for i in ApprovalItem.objects.filter(name__in=items)}
    departments = {d.name: d for d in Department.objects.filter(zone=zone_obj)}
    chosen = [catalogue[n] for n in items]
    case = _stamped(lambda: case_open(
        actor=User.objects.get(username=agent), zone=zone_obj, title=title, items=chosen,
        departments={catalogue[n].pk: departments[ROUTES[n]] for n in items},
        commitments=[catalogue[n].pk for n in commitments], **kwargs))
    moment = clock.now()
    ApprovalCase.objects.filter(pk=case.pk).update(created_at=moment, updated_at=moment)
    return case


def _run(case, steps: dict, agent: str, people: dict) -> None:
    """Take every item's steps in the order of their days (an item's own steps keep their order)."""
    from yuanqu.approvals.models import CaseItem
    from yuanqu.approvals.services import item_act

    agent_user = User.objects.get(username=agent)
    zone = case.zone.short_name
    ordered = sorted((step[1], n, i, name, step) for n, (name, item_steps) in enumerate(steps.items())
                     for i, step in enumerate(item_steps))
    for day, _, _, name, (action, _, *rest) in ordered:
        note = rest[0] if rest else ""
        case_item = CaseItem.objects.get(case=case, item__name=name)
        actor = agent_user if action in AGENT_STEPS else people[(zone, ROUTES[name])]
        with frozen(day):
            _stamped(lambda: item_act(actor=actor, case_item=case_item, action=action, on=day, note=note))


def _tasks(case, agent: str, tasks) -> None:
    """Fill in the 三个提前 checklist case_open started, each line saved on the day it was done (or today)."""
    from yuanqu.approvals.models import ServiceTask
    from yuanqu.approvals.services import service_task_save

    actor = User.objects.get(username=agent)
    for kind, owner, due, done, state, note in tasks:
        task = ServiceTask.objects.get(case=case, kind=kind)
        with frozen(done or TODAY):
            service_task_save(actor=actor, case=case, task=task, version=task.version,
                              data={"owner": owner, "due_on": due, "done_on": done, "state": state, "note": note})


def _green_channel(case, limits: dict, agent: str) -> None:
    """The green channel's shortened promises on this case's items, set by its agent before any of
    them is accepted (services.case_item_update)."""
    from yuanqu.approvals.models import CaseItem
    from yuanqu.approvals.services import case_item_update

    actor = User.objects.get(username=agent)
    for ci in CaseItem.objects.filter(case=case, item__name__in=list(limits)).select_related("item", "department"):
        case_item_update(actor=actor, case_item=ci, department=ci.department, by_commitment=ci.by_commitment,
                         promised_days=limits[ci.item.name])


def load_approvals() -> int:
    """Load the four cases (or leave those there as they are); returns the number of cases."""
    from yuanqu.approvals.models import ApprovalCase
    from yuanqu.approvals.services import case_update
    from yuanqu.projects.models import Project

    people = _department_users()
    projects = {p.name: p for p in Project.objects.filter(name__in=[CHUANGPU, PHASE_THREE, PHASE_FIVE])}

    if not ApprovalCase.objects.filter(project=projects[CHUANGPU]).exists():
        with frozen(D(2020, 6, 1)):
            case = _open(zone=XIANGXIANG, agent="agent", title=f"{CHUANGPU}联合审批", project=projects[CHUANGPU],
                         items=ENGINEERING, commitments=CHUANGPU_COMMITMENTS, land_handover_on=D(2020, 6, 30),
                         handover_start=True, target_start=D(2020, 6, 30),
                         note="重点项目纳入“绿色通道”,项目审批全程代理,联合审批、并联办理;施工图审查、节能审查实行告知承诺制,"
                              "交地即开工。各部门对本项目的承诺时限按绿色通道压缩。" + ILLUSTRATIVE)
            _green_channel(case, GREEN_CHANNEL, "agent")
        _run(case, CHUANGPU_STEPS, "agent", people)
        _tasks(case, "agent", CHUANGPU_TASKS)

    if not ApprovalCase.objects.filter(project=projects[PHASE_THREE]).exists():
        with frozen(D(2020, 8, 18)):
            case = _open(zone=XIANGXIANG, agent="agent", title=f"{PHASE_THREE}联合审批", project=projects[PHASE_THREE],
                         items=PHASE_THREE_ITEMS, commitments=["施工图审查"], target_start=D(2020, 9, 30),
                         note="2020年8月份签约,9月份即实现开工建设;纳入“绿色通道”并联审批,各部门承诺时限按绿色通道压缩,"
                              "施工图审查实行告知承诺制。" + ILLUSTRATIVE)
            _green_channel(case, GREEN_CHANNEL, "agent")
        _run(case, PHASE_THREE_STEPS, "agent", people)
        _tasks(case, "agent", PHASE_THREE_TASKS)

    if not ApprovalCase.objects.filter(project=projects[PHASE_FIVE]).exists():
        with frozen(PHASE_FIVE_OPENED):
            case = _open(zone=XIANGXIANG, agent="agent", title=f"{PHASE_FIVE}联合审批", project=projects[PHASE_FIVE],
                         items=PHASE_FIVE_ITEMS, opened_on=PHASE_FIVE_OPENED, target_start=D(2021, 7, 30),
                         note="完成前期规划设计,正在进行土地报批。" + ILLUSTRATIVE)
        _run(case, PHASE_FIVE_STEPS, "agent", people)
        _tasks(case, "agent", PHASE_FIVE_TASKS)

    panlong = Enterprise.objects.get(name=PANLONG)
    if not ApprovalCase.objects.filter(enterprise=panlong, title=FESTIVAL).exists():
        with frozen(FESTIVAL_OPENED):
            case = _open(zone=YUETANG, agent="ytagent", title=FESTIVAL, kind="event", enterprise=panlong,
                         items=FESTIVAL_ITEMS, commitments=FESTIVAL_COMMITMENTS, opened_on=FESTIVAL_OPENED,
                         target_start=FESTIVAL_DAY, note="首届国际焰火音乐节(5月1日至4日),岳塘经开区全程代办。" + ILLUSTRATIVE)
        _run(case, FESTIVAL_STEPS, "ytagent", people)
        with frozen(D(2021, 5, 7)):
            case.refresh_from_db()
            case_update(actor=User.objects.get(username="ytagent"), case=case, version=case.version,
                        data={"started_on": FESTIVAL_DAY, "note": FESTIVAL_NOTE})
    return ApprovalCase.objects.count()
