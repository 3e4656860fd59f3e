"""Synthetic registry data at scale, for benchmarks (bench/) and load tests; never for the demo.

Rows are made with bulk_create (no per-row audit: this is generated data, not anyone's edit) and
are deterministic for a given seed, so two runs measure the same thing.
"""

import random

from django.db import transaction

from yuanqu.registry.models import Department, Enterprise, Official, Park, Zone
from yuanqu.testing.factories import make_credit_code

INDUSTRIES = ["电子信息", "电气装备", "新材料", "生物医药", "食品加工", "现代物流", "文化旅游", "汽车零部件", "智能制造", "节能环保"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
WORDS = "创普振添湘君维泰宜合兴新天源方园大力腾达盘龙迅佳百年七星蓝思华金永霏九华昭山天易雨湖岳塘"


def _company(rng: random.Random, n: int) -> str:
    word = "".join(rng.choice(WORDS) for _ in range(2))
    return f"湖南{word}{rng.choice(INDUSTRIES)}有限公司{n}"


@transaction.atomic
def generate(*, zones: int, enterprises_per_zone: int, seed: int = 2021, batch: int = 5000) -> dict:
    rng = random.Random(seed)
    base = Zone.objects.count()
    zone_objs = Zone.objects.bulk_create(
        [
            Zone(name=f"合成经济开发区{base + i}", short_name=f"合成园区{base + i}", level="provincial",
                 kind="economic", slogan="合成数据", sort_order=100 + base + i)
            for i in range(zones)
        ]
    )
    # bulk_create returns primary keys on PostgreSQL and SQLite ≥ 3.35.
    parks = Park.objects.bulk_create(
        [Park(zone=z, name=f"{z.short_name}产业园{p}", industry=rng.choice(INDUSTRIES)) for z in zone_objs for p in range(1, 6)]
    )
    parks_by_zone: dict[int, list] = {}
    for p in parks:
        parks_by_zone.setdefault(p.zone_id, []).append(p)
    departments = Department.objects.bulk_create(
        [Department(zone=z, name=f"{z.short_name}{d}") for z in zone_objs for d in ("建设局", "经发局", "招商局", "安监局", "交警大队")]
    )
    Official.objects.bulk_create(
        [
            Official(zone=d.zone, department=d, name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                     position=rng.choice(["局长", "副局长", "科长", "科员"]), phone=f"139{rng.randrange(10**8):08d}")
            for d in departments for _ in range(4)
        ],
        batch_size=batch,
    )
    serial = Enterprise.objects.count() + 10_000_000
    made = 0
    rows = []
    for z in zone_objs:
        for _ in range(enterprises_per_zone):
            serial += 1
            rows.append(
                Enterprise(
                    name=_company(rng, serial), credit_code=make_credit_code(serial), zone=z,
                    park=rng.choice(parks_by_zone[z.pk]) if rng.random() < 0.8 else None,
                    industry=rng.choice(INDUSTRIES), scale="above" if rng.random() < 0.2 else "below",
                    contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                    contact_phone=f"138{rng.randrange(10**8):08d}",
                )
            )
            if len(rows) >= batch:
                Enterprise.objects.bulk_create(rows)
                made += len(rows)
                rows = []
    if rows:
        Enterprise.objects.bulk_create(rows)
        made += len(rows)
    return {"zones": len(zone_objs), "parks": len(parks), "departments": len(departments), "enterprises": made}


def generate_projects(*, per_zone: int, reports_per_project: int = 0, seed: int = 2021, batch: int = 10000) -> dict:
    """Projects for every zone that has none, with milestones, sub-works, progress records and (when
    the projects app has them) weekly reports: the scale issue 3's benchmark asks for."""
    import datetime as dt

    from django.apps import apps

    from yuanqu.projects.choices import STAGE_MILESTONE, STAGE_ORDER
    from yuanqu.projects.models import Milestone, ProgressRecord, Project, SubWork

    rng = random.Random(seed)
    zones = list(Zone.objects.exclude(projects__isnull=False).order_by("id"))
    parks: dict[int, list[int]] = {}
    for park_id, zone_id in Park.objects.values_list("id", "zone_id"):
        parks.setdefault(zone_id, []).append(park_id)
    rows = []
    for z in zones:
        for i in range(per_zone):
            rows.append(Project(
                zone_id=z.pk, park_id=rng.choice(parks[z.pk]) if parks.get(z.pk) and rng.random() < 0.7 else None,
                name=f"{z.short_name}项目{i:05d}", kind=rng.choice(["industrial", "industrial", "infrastructure", "supporting"]),
                stage=rng.choice(STAGE_ORDER).value, total_investment=rng.randrange(1000, 500000),
                completed_investment=rng.randrange(0, 1000), is_key=rng.random() < 0.1, green_channel=rng.random() < 0.05,
            ))
    with transaction.atomic():
        for start in range(0, len(rows), batch):
            Project.objects.bulk_create(rows[start:start + batch])
    projects = list(Project.objects.filter(zone__in=zones).values_list("id", "stage"))
    base = dt.date(2020, 1, 6)
    milestones, subworks, records = [], [], []
    for pid, stage in projects:
        reached = STAGE_ORDER.index(stage)
        for s in STAGE_ORDER[2:reached + 2]:
            kind = STAGE_MILESTONE.get(s)
            if kind:
                day = base + dt.timedelta(days=30 * STAGE_ORDER.index(s) + rng.randrange(30))
                done = STAGE_ORDER.index(s) <= reached
                milestones.append(Milestone(project_id=pid, kind=kind, planned=day, actual=day if done else None))
        for k in range(3):
            subworks.append(SubWork(project_id=pid, name=f"分项{k + 1}", unit="跨", total_quantity=50, done_quantity=rng.randrange(0, 51)))
        for k in range(4):
            records.append(ProgressRecord(project_id=pid, date=base + dt.timedelta(days=14 * k), percent=min(100, 10 * k + rng.randrange(10))))
    with transaction.atomic():
        for items, model in ((milestones, Milestone), (subworks, SubWork), (records, ProgressRecord)):
            for start in range(0, len(items), batch):
                model.objects.bulk_create(items[start:start + batch])
    reports = 0
    if reports_per_project and apps.is_installed("yuanqu.projects"):
        try:
            WeeklyReport = apps.get_model("projects", "WeeklyReport")
        except LookupError:
            WeeklyReport = None
        if WeeklyReport is not None:
            reports = _weekly_reports(WeeklyReport, [p for p, _ in projects], reports_per_project, rng, batch)
    return {"projects": len(projects), "milestones": len(milestones), "subworks": len(subworks),
            "progress_records": len(records), "weekly_reports": reports}


def _weekly_reports(model, project_ids, per_project, rng, batch) -> int:
    """Weekly reports, one per project per week, going back from 2021-05-10 (a Monday)."""
    import datetime as dt

    monday = dt.date(2021, 5, 10)
    fields = {f.name for f in model._meta.get_fields()}
    made = 0
    chunk = []
    for pid in project_ids:
        for w in range(per_project):
            values = {"project_id": pid, "week": monday - dt.timedelta(weeks=w)}
            if "done_this_week" in fields:
                values["done_this_week"] = "按计划推进"
            if "investment_in_period" in fields:
                values["investment_in_period"] = rng.randrange(0, 50)
            chunk.append(model(**values))
            if len(chunk) >= batch:
                with transaction.atomic():
                    model.objects.bulk_create(chunk)
                made += len(chunk)
                chunk = []
    if chunk:
        with transaction.atomic():
            model.objects.bulk_create(chunk)
        made += len(chunk)
    return made


# ---- appeals (issue 4) -----------------------------------------------------------------------------------
#
# Realistic appeals from recurring causes: each cause has a category, the department that handles it
# (by the suffix of the synthetic departments' names), and title, detail, request and answer patterns
# whose slots take a road, a gate or a number. Rows are those the services would leave (the appeal,
# its assignment, transitions, rating, co-departments and similarity postings); the inbox messages
# and change-log rows of a real intake are not made.

ROADS = ["芙蓉大道", "昭山大道", "九华大道", "吉利路", "白石路", "兴业路", "和平路", "滨江路", "红旗路", "创新路", "学府路",
         "金桥路", "银杏路", "湘江路", "莲城大道", "沿江北路", "东方红路", "奔驰路", "宝马路", "双马路"]
GATES = ["东门", "西门", "南门", "北门", "物流门"]
AMOUNTS = ["二十", "三十", "五十", "一百", "两百", "三百"]
BANKS = ["工商银行", "建设银行", "农业银行", "长沙银行", "华融湘江银行"]

# (category, department suffix, titles, details, requests, answers)
APPEAL_CAUSES = [
    ("交通出行", "交警大队",
     ["厂门前驾考路线调整", "驾考车辆占用{road}影响通行", "请求调整{road}驾考路线"],
     ["驾考车辆长期在{road}我司{gate}前练车,上下班高峰堵车,员工通勤困难", "驾校把{road}作为驾考路线,货车进出厂区与驾考车辆多次险些相撞"],
     ["请协调交警大队调整驾考路线", "希望将驾考路线改到车流较少的道路"],
     ["已协调交警大队与驾校,将驾考路线调整至{road2},{gate}前不再设考点。", "交警大队已在{road}设置禁止驾考标志,驾校已调整路线。"]),
    ("交通出行", "交警大队",
     ["申请增开公交线路至园区", "{road}公交站点设置", "员工通勤公交班次不足"],
     ["园区内{amount}余名员工住在市区,现有公交线路班次少,早晚高峰挤不上车", "最近的公交站台距厂区两公里,员工步行时间长,雨天更不方便"],
     ["请协调公交公司增开线路或加密班次", "建议在{road}增设公交站点"],
     ["已协调公交公司开通园区专线,早晚高峰每十五分钟一班。", "已在{road}增设公交站台,下月起启用。"]),
    ("交通出行", "交警大队",
     ["货车通行证办理", "原材料货车白天限行", "物流车辆进园受限"],
     ["我司原材料运输货车白天限行进不了{road},只能夜间卸货,加班成本高", "货车限行时段与生产排班冲突,成品无法按时发货"],
     ["请为我司办理货车通行证", "希望调整{road}货车限行时段"],
     ["交警大队已为企业办理货车通行证{amount}张,限行时段内可按线路通行。", "经评估已将{road}货车限行时段调整为夜间,白天可正常通行。"]),
    ("交通出行", "交警大队",
     ["{road}路口增设红绿灯", "{road}路口交通事故多发", "厂门口增设人行道斑马线"],
     ["{road}与{road2}交叉路口没有信号灯,员工上下班过马路危险,上月发生两起事故", "{gate}外车辆车速快,没有斑马线和减速带"],
     ["请在路口增设红绿灯和减速带", "希望施划斑马线并设置警示标志"],
     ["交警大队已在{road}路口安装信号灯并施划斑马线。", "已设置减速带和警示标志,并安排交警高峰时段值守。"]),
    ("交通出行", "建设局",
     ["{road}道路破损坑洼", "厂区外道路积水破损", "断头路打通"],
     ["{road}路面多处坑洼,重载货车经过颠簸,已损坏两台车辆", "{road}为断头路,货车需绕行五公里才能进厂"],
     ["请尽快修复路面", "希望将断头路列入今年建设计划"],
     ["建设局已安排施工单位修复{road}路面,本月底完工。", "{road}打通工程已列入年度计划,预计年内通车。"]),
    ("用工招聘", "经发局",
     ["招聘数控技术工人困难", "普工招聘难", "急需焊接技术工人"],
     ["今年订单增加,需要数控、焊接技术工人{amount}名,多次招聘未果", "生产旺季用工缺口{amount}人,普工流失率高"],
     ["请协助对接职业院校,组织专场招聘会", "希望园区组织用工招聘对接"],
     ["已组织园区专场招聘会,并对接职业技术学院定向输送技术工人。", "已将企业用工需求纳入人力资源市场发布,并推荐劳务公司对接。"]),
    ("用工招聘", "经发局",
     ["员工宿舍不足申请人才公寓", "新进员工住宿困难", "申请入住人才公寓"],
     ["新招员工{amount}人,厂区员工宿舍已住满,周边租房价格高", "引进的研发人员没有住处,人才公寓申请一直未批"],
     ["请协调安排人才公寓或公租房", "希望园区配建员工宿舍"],
     ["已为企业调配人才公寓{amount}套,下周可办理入住。", "园区公租房已向企业开放申请,员工可按流程入住。"]),
    ("用工招聘", "经发局",
     ["外地员工子女入学", "员工子女积分入学", "技术骨干子女就近入学"],
     ["外地引进的技术骨干子女今年上小学,户籍不在本地无法就近入学", "员工子女积分入学材料复杂,学位紧张"],
     ["请协调教育部门解决子女入学", "希望给予园区企业员工子女入学政策"],
     ["已协调教育局将企业员工子女纳入园区学位统筹,已安排就近入学。", "已将企业人才列入子女入学保障名单。"]),
    ("用地规划", "建设局",
     ["二期扩建用地指标", "新增用地指标申请", "扩产项目用地未落实"],
     ["我司二期项目需新增用地{amount}亩,目前用地指标未落实,设备已到场无法开工", "扩产项目选址在{road}旁,土地出让一直没有挂牌"],
     ["请协调用地指标和土地出让", "希望加快土地挂牌出让"],
     ["已将项目纳入重点项目用地保障,土地已于本月挂牌出让。", "用地指标已报批,预计下月完成出让。"]),
    ("用地规划", "建设局",
     ["厂房不动产证办理", "历史遗留厂房办证", "产权证办理困难"],
     ["厂房已建成使用三年,因历史遗留问题一直未办理不动产证,影响银行抵押贷款", "厂房规划手续不全,产权证迟迟办不下来"],
     ["请协调相关部门帮助办证", "希望尽快解决不动产证问题"],
     ["已召开专题会议,按历史遗留问题处置办法补办手续,不动产证已核发。", "已协调自然资源局容缺受理,不动产证将于月内办结。"]),
    ("用地规划", "建设局",
     ["申请提高容积率", "建设多层标准厂房规划调整", "厂区规划许可变更"],
     ["现有厂区容积率偏低,拟在原址建设多层厂房,规划条件不允许", "厂区内新增仓库需要变更规划许可"],
     ["请支持调整规划条件", "希望简化规划许可变更手续"],
     ["规划部门已同意按工业用地政策提高容积率,企业可按新条件报建。", "已为企业办理规划许可变更。"]),
    ("审批服务", "经发局",
     ["新建厂房施工许可办理慢", "施工许可审批", "项目报建手续办理"],
     ["新建厂房施工许可材料已提交一个月,仍在审批中,影响开工", "项目报建涉及部门多,来回跑了多次"],
     ["请协调加快施工许可审批", "希望提供代办服务"],
     ["已安排代办员全程代办,施工许可已于三个工作日内办结。", "已启用并联审批,报建手续一次办结。"]),
    ("审批服务", "安监局",
     ["消防验收迟迟未通过", "厂房消防验收", "消防验收整改标准不明确"],
     ["厂房装修完工后申请消防验收,两次现场检查提出的整改意见不一致", "消防验收排队时间长,新生产线无法投产"],
     ["请明确消防验收整改标准", "希望尽快安排消防验收"],
     ["已组织消防、住建部门联合现场指导,一次性告知整改事项,验收已通过。", "已安排专人对接,消防验收于本周完成。"]),
    ("审批服务", "安监局",
     ["技改项目环评批复", "环评审批时间长", "扩产项目环评"],
     ["技改项目环评报告已提交两个月仍未批复", "扩产项目需要重新环评,审批周期影响投产计划"],
     ["请协调加快环评批复", "希望对技改项目简化环评手续"],
     ["生态环境部门已开辟绿色通道,环评批复已下达。", "经核实技改项目适用登记表备案,已当场办结。"]),
    ("水电气", "建设局",
     ["申请增容用电报装", "新生产线用电报装接电慢", "用电增容"],
     ["新生产线投产需用电增容,用电报装已提交两个月未接电", "变压器容量不够,高峰时段限电影响生产"],
     ["请协调供电公司加快用电报装", "希望尽快完成变压器增容"],
     ["已协调供电公司现场勘查,十个工作日内完成增容接电。", "供电公司已完成变压器增容,新生产线已通电。"]),
    ("水电气", "建设局",
     ["厂区频繁停电", "电压不稳影响设备", "停电未提前通知"],
     ["本月厂区停电{amount}次,电压不稳导致精密设备损坏", "供电线路检修停电没有提前通知,生产线突然停机造成损失"],
     ["请协调供电公司解决频繁停电问题", "希望改造为双回路供电"],
     ["供电公司已更换老化线路并承诺检修提前三天通知。", "已将企业纳入双回路改造计划,改造期间安排应急发电。"]),
    ("水电气", "建设局",
     ["天然气管道接入", "申请接通天然气", "天然气供应不稳定"],
     ["厂区天然气管道未接入,只能使用瓶装气,成本高且有安全隐患", "冬季天然气供应压力不足,锅炉无法正常运行"],
     ["请协调燃气公司接入天然气管道", "希望保障天然气稳定供应"],
     ["燃气公司已完成管道接入,天然气已通气。", "已协调燃气公司调压,保障企业用气。"]),
    ("水电气", "建设局",
     ["厂区水压不足", "供水管网未接通", "生产用水供应"],
     ["高峰时段水压不足,生产用水和消防用水都受影响", "厂区所在{road}供水管网还没接通,目前靠水车送水"],
     ["请协调自来水公司解决水压问题", "希望尽快接通供水管网"],
     ["自来水公司已增设加压泵站,水压恢复正常。", "{road}供水管网已接通。"]),
    ("水电气", "经发局",
     ["厂区网络信号差", "申请建设5G基站", "宽带接入"],
     ["厂区手机网络信号差,生产数据上传经常中断", "园区宽带只有一家运营商,价格高速度慢"],
     ["请协调运营商建设5G基站", "希望引入更多宽带运营商"],
     ["已协调运营商在厂区附近建设5G基站,信号已覆盖。", "已引入两家宽带运营商,企业可自主选择。"]),
    ("融资", "经发局",
     ["流动资金贷款困难", "银行抽贷断贷", "申请首贷支持"],
     ["受原材料涨价影响流动资金紧张,银行到期不再续贷", "企业轻资产缺少抵押物,贷款难以获批"],
     ["请协调银行给予首贷或续贷支持", "希望推荐合作银行"],
     ["已组织银企对接会,{bank}为企业新增授信{amount}万元。", "已协调{bank}办理无还本续贷,缓解资金压力。"]),
    ("融资", "经发局",
     ["申请贷款贴息", "融资担保费用高", "申请应急转贷资金"],
     ["今年技改贷款利息负担重,符合贷款贴息条件但不清楚申报流程", "贷款即将到期,需要过桥资金周转"],
     ["请指导申报贷款贴息", "希望使用园区应急转贷资金"],
     ["已指导企业申报贷款贴息,资金已拨付。", "应急转贷资金已审批,{amount}万元已到账。"]),
    ("政策兑现", "招商局",
     ["招商引资奖补资金未兑现", "投资协议奖励未到位", "申请兑现扶持资金"],
     ["按投资协议约定的奖补资金{amount}万元至今未兑现", "企业已达产达效,协议约定的扶持资金迟迟没有拨付"],
     ["请尽快兑现奖补资金", "希望明确兑现时间"],
     ["经审核符合兑现条件,奖补资金已拨付到企业账户。", "已将扶持资金列入本季度兑现计划,月底前拨付。"]),
    ("政策兑现", "招商局",
     ["技改补贴申报", "研发补贴兑现", "高新技术企业认定奖励"],
     ["去年完成技改投资{amount}万元,技改补贴申报后一直没有结果", "获得高新技术企业认定后奖励资金未到位"],
     ["请协助跟进补贴兑现", "希望简化补贴申报材料"],
     ["技改补贴已审核通过并拨付。", "高新技术企业认定奖励已拨付,今后将主动告知申报时间。"]),
    ("政策兑现", "招商局",
     ["增值税留抵退税办理", "出口退税进度慢", "税收优惠政策咨询"],
     ["企业有增值税留抵税额{amount}万元,留抵退税申请材料多、进度慢", "出口退税到账周期长,占用流动资金"],
     ["请协调税务部门加快办理", "希望提供政策辅导"],
     ["已协调税务部门开通绿色通道,留抵退税已到账。", "税务部门已上门辅导,出口退税办理时间压缩至五个工作日。"]),
    ("政策兑现", "招商局",
     ["申请标准厂房租金减免", "厂房租金优惠政策", "租金减免未落实"],
     ["入驻标准厂房时约定前三年租金减免,今年被要求补缴租金", "受疫情影响经营困难,申请厂房租金减免"],
     ["请按协议落实租金减免", "希望给予阶段性租金减免"],
     ["经核实按协议继续减免租金,已退还多收部分。", "已为企业减免三个月厂房租金。"]),
    ("环境安全", "安监局",
     ["周边工地扬尘严重", "渣土车扬尘影响生产", "道路扬尘"],
     ["{road}旁工地施工扬尘大,洁净车间过滤器频繁更换", "渣土车夜间经过{road}抛洒严重,路面扬尘影响产品质量"],
     ["请督促工地落实扬尘治理", "希望加强渣土车管理"],
     ["已责令工地安装喷淋设施并加强洒水,扬尘明显减少。", "已联合交警查处违规渣土车,{road}每日洒水清扫。"]),
    ("环境安全", "安监局",
     ["邻近企业异味影响员工", "周边噪音扰民", "夜间施工噪音"],
     ["相邻化工企业排放异味,员工出现头晕不适", "周边工地夜间施工噪音扰民,员工宿舍无法休息"],
     ["请督促相关企业整改", "希望限制夜间施工"],
     ["已对相邻企业开展执法检查并责令整改废气处理设施。", "已督促施工单位停止夜间施工。"]),
    ("环境安全", "安监局",
     ["危废处置渠道不畅", "危废处置费用高", "危废暂存超期"],
     ["企业产生的危废没有合规处置单位接收,暂存超期", "危废处置单位少,处置费用逐年上涨"],
     ["请协调危废处置单位", "希望园区建设危废集中处置设施"],
     ["已协调有资质的危废处置单位与企业签订协议,超期危废已转运。", "园区危废集中收集点已建成,企业可就近处置。"]),
    ("环境安全", "建设局",
     ["暴雨后厂区内涝", "雨污分流改造", "排水沟堵塞"],
     ["每逢暴雨厂区就内涝,{road}排水沟堵塞,仓库进水造成损失", "{road}雨污管网混接,污水外溢"],
     ["请疏通排水沟并改造排水管网", "希望尽快实施雨污分流"],
     ["已清淤疏通{road}排水沟,并将管网改造列入计划。", "雨污分流改造已完工。"]),
    ("环境安全", "安监局",
     ["安全生产检查过于频繁", "多部门重复检查", "检查标准不统一"],
     ["本月各部门安全生产检查{amount}次,检查内容重复,影响正常生产", "不同部门检查标准不一致,整改要求相互矛盾"],
     ["请统筹安排检查", "希望实行联合检查"],
     ["已推行“综合查一次”,各部门联合检查,一次告知整改事项。", "已统一检查标准,同一事项不再重复检查。"]),
    ("其他", "经发局",
     ["园区快递外卖无法进入", "快递网点设置", "员工食堂"],
     ["园区门岗不让快递外卖车辆进入,员工取件要走很远", "园区没有员工食堂,周边餐饮少"],
     ["请设置快递外卖集中取件点", "希望建设园区食堂"],
     ["已在园区{gate}设置快递外卖集中取件点。", "园区共享食堂已开业。"]),
    ("其他", "建设局",
     ["{road}路灯不亮", "生活垃圾清运不及时", "厂区周边绿化带维护"],
     ["{road}路灯损坏一个多月,员工夜班下班路上不安全", "厂区生活垃圾清运不及时,夏天异味大"],
     ["请尽快修复路灯", "希望增加垃圾清运频次"],
     ["已修复{road}路灯{amount}盏,并纳入日常巡查。", "垃圾清运已调整为每日一次。"]),
]


def _fill(rng: random.Random, pattern: str, short: str) -> str:
    road, road2 = rng.sample(ROADS, 2)
    return pattern.format(road=road, road2=road2, gate=rng.choice(GATES), amount=rng.choice(AMOUNTS),
                          bank=rng.choice(BANKS), short=short)


def _appeal_text(rng: random.Random, cause, short: str) -> tuple[str, str, str]:
    _, _, titles, details, requests, answers = cause
    title = _fill(rng, rng.choice(titles), short)
    opener = f"我司{short}" if short and rng.random() < 0.3 else "我司"
    content = f"{opener}反映:{_fill(rng, rng.choice(details), short)}。{_fill(rng, rng.choice(requests), short)}。"
    return title, content, _fill(rng, rng.choice(answers), short)


class _Rows:
    """Raw rows of one model, written in bulk: COPY on PostgreSQL, executemany on SQLite. The values
    are given by attribute name; the rest take the field's default."""

    def __init__(self, model, *, db_ids: bool = False):
        from django.db import connection

        self.model, self.rows = model, []
        # db_ids: the database numbers the rows (nobody refers to them while generating).
        fields = [f for f in model._meta.concrete_fields if not (db_ids and f.primary_key)]
        self.fields = [(f.attname, f.get_default(), self._adapter(f, connection)) for f in fields]
        self.columns = [f.column for f in fields]

    @staticmethod
    def _adapter(field, connection):
        from django.db import models

        if isinstance(field, models.DateTimeField):
            return connection.ops.adapt_datetimefield_value
        if isinstance(field, models.DateField):
            return connection.ops.adapt_datefield_value
        return None

    def add(self, **values) -> None:
        row = []
        for name, default, adapt in self.fields:
            value = values.get(name, default)
            row.append(adapt(value) if adapt and value is not None else value)
        self.rows.append(row)

    def flush(self) -> int:
        n = len(self.rows)
        if n:
            _write(self.model._meta.db_table, self.columns, self.rows)
            self.rows = []
        return n


def _write(table: str, columns: list[str], rows) -> None:
    from django.db import connection

    cols = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', rows)


class _IndexesDeferred:
    """Drop a table's plain indexes for a bulk load and build them again after: one sort per index
    instead of millions of insertions into it. Unique and primary-key indexes stay."""

    def __init__(self, models):
        self.models, self.saved = models, []

    def __enter__(self):
        from django.db import connection

        with connection.cursor() as c:
            for model in self.models:
                table = model._meta.db_table
                for name, info in connection.introspection.get_constraints(c, table).items():
                    if not info["index"] or info["primary_key"] or info["unique"]:
                        continue
                    if connection.vendor == "postgresql":
                        c.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
                    else:
                        c.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
                    row = c.fetchone()
                    if row and row[0]:
                        self.saved.append(row[0])
                        c.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc):
        from django.db import connection

        with connection.cursor() as c:
            if connection.vendor == "postgresql" and connection.in_atomic_block:
                # Inside a transaction (a test) the loaded rows' deferred foreign-key checks are
                # still pending, and PostgreSQL builds no index on a table with pending trigger events.
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in self.saved:
                c.execute(sql)
        return False


def generate_appeals(*, total: int, seed: int = 2021, today=None, years: float = 2.4, batch: int = 20000) -> dict:
    """`total` appeals spread over the zones that have enterprises, oldest first, over `years` up to
    `today`: old ones closed and rated, recent ones at every state, with their routing history and
    similarity postings. Bypasses the services for speed, writing the rows they would write."""
    import datetime as dt
    from collections import Counter

    from django.core.management.color import no_style
    from django.db import connection
    from django.db.models import F, Max

    from yuanqu.accounts.models import User
    from yuanqu.appeals import similarity
    from yuanqu.appeals.choices import Channel, Rating, State
    from yuanqu.appeals.models import (
        Appeal, AppealAssignment, AppealCategory, AppealRating, AppealTerm, AppealTransition, SimilarTerm,
    )

    rng = random.Random(seed)
    today = today or dt.date(2021, 5, 14)
    staff, _ = User.objects.get_or_create(username="synthetic_staff", defaults={"name": "合成数据登记员"})
    categories = dict(AppealCategory.objects.values_list("name", "id"))
    enterprises: dict[int, list[tuple[int, str]]] = {}
    for pk, zone_id, name in Enterprise.objects.values_list("id", "zone_id", "name"):
        core = similarity.name_words(name)
        enterprises.setdefault(zone_id, []).append((pk, min(core, key=len) if core else ""))
    departments: dict[tuple[int, str], int] = {}
    zone_departments: dict[int, list[int]] = {}
    for pk, zone_id, name in Department.objects.values_list("id", "zone_id", "name"):
        zone_departments.setdefault(zone_id, []).append(pk)
        for suffix in {c[1] for c in APPEAL_CAUSES}:
            if name.endswith(suffix):
                departments[(zone_id, suffix)] = pk
    zones = sorted(enterprises)
    similarity.segment("")  # load the tokenizer with the registry's names, as a server would
    words = dict(SimilarTerm.objects.values_list("word", "id"))
    next_term = (SimilarTerm.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    df: Counter = Counter()
    next_appeal = (Appeal.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    next_assignment = (AppealAssignment.objects.aggregate(m=Max("id"))["m"] or 0) + 1

    appeals, assignments = _Rows(Appeal), _Rows(AppealAssignment)
    # The response window each routing carries, as appeal_assign stores it (the default of one
    # working day), memoised by day: a few hundred days serve a million rows.
    from functools import lru_cache

    from yuanqu.common import workdays

    respond_by = lru_cache(maxsize=None)(lambda day: workdays.add_workdays(day, 1, provisional=True))
    transitions, ratings = _Rows(AppealTransition, db_ids=True), _Rows(AppealRating, db_ids=True)
    co_departments = _Rows(Appeal.co_departments.through, db_ids=True)
    posting_columns = ["term_id", "appeal_id", "zone_id"]
    postings: list[tuple] = []
    counts: Counter = Counter()
    utc = dt.timezone.utc
    start = dt.datetime.combine(today, dt.time(9), utc) - dt.timedelta(days=365 * years)
    span = (dt.datetime.combine(today, dt.time(9), utc) - start).total_seconds()
    tables = [Appeal, AppealAssignment, AppealTransition, AppealRating, Appeal.co_departments.through, AppealTerm]

    def flush():
        with transaction.atomic():
            counts["appeals"] += appeals.flush()
            counts["assignments"] += assignments.flush()
            counts["transitions"] += transitions.flush()
            counts["ratings"] += ratings.flush()
            counts["co_departments"] += co_departments.flush()
            if postings:
                _write(AppealTerm._meta.db_table, posting_columns, postings)
                counts["postings"] += len(postings)
                postings.clear()

    with _IndexesDeferred(tables):
        for i in range(total):
            created = start + dt.timedelta(seconds=span * (i + rng.random()) / total)
            age = (today - created.date()).days
            zone_id = rng.choice(zones)
            enterprise_id, short = rng.choice(enterprises[zone_id])
            cause = rng.choice(APPEAL_CAUSES)
            title, content, answer = _appeal_text(rng, cause, short)
            state = _appeal_state(rng, age)
            pk = next_appeal + i
            channel = rng.choice([Channel.PORTAL, Channel.PORTAL, Channel.PHONE, Channel.VISIT])
            lead = departments.get((zone_id, cause[1])) or rng.choice(zone_departments[zone_id])
            row = dict(id=pk, created_at=created, updated_at=created, zone_id=zone_id, enterprise_id=enterprise_id,
                       category_id=categories[cause[0]], title=title, content=content, channel=channel,
                       taken_by_id=staff.pk, state=state, version=1)
            transitions.add(appeal_id=pk, action="create", from_state="", to_state=State.SUBMITTED, actor_id=staff.pk,
                            note=Channel(channel).label, created_at=created)
            if state != State.SUBMITTED:
                assigned = created + dt.timedelta(hours=rng.randrange(2, 30))
                deadline = assigned.date() + dt.timedelta(days=14)
                a = dict(id=next_assignment, appeal_id=pk, department_id=lead, assigned_by_id=staff.pk,
                         assigned_on=assigned.date(), deadline=deadline, current=True,
                         respond_by=respond_by(assigned.date()), respond_workdays=1)
                next_assignment += 1
                transitions.add(appeal_id=pk, action="assign", from_state=State.SUBMITTED, to_state=State.ASSIGNED,
                                actor_id=staff.pk, department_id=lead, created_at=assigned,
                                note=f"期限:{deadline:%Y-%m-%d}")
                # A fixed date two weeks out (the generator's years are all published: nothing 暂定).
                row.update(lead_department_id=lead, deadline=deadline, deadline_kind="date", deadline_from=assigned.date(),
                           version=2)
                if state == State.RETURNED:
                    a.update(responded_on=assigned.date(), response="returned", current=False)
                    row.update(lead_department_id=None, deadline=None, deadline_kind="", deadline_from=None)
                    transitions.add(appeal_id=pk, action="return", from_state=State.ASSIGNED, to_state=State.RETURNED,
                                    actor_id=staff.pk, department_id=lead, created_at=assigned, note="不属本部门职责")
                elif state != State.ASSIGNED:
                    accepted = assigned + dt.timedelta(hours=rng.randrange(1, 24))
                    a.update(responded_on=accepted.date(), response="accepted")
                    transitions.add(appeal_id=pk, action="accept", from_state=State.ASSIGNED, to_state=State.HANDLING,
                                    actor_id=staff.pk, department_id=lead, created_at=accepted)
                    if rng.random() < 0.1:
                        others = [d for d in zone_departments[zone_id] if d != lead]
                        if others:
                            co_departments.add(appeal_id=pk, department_id=rng.choice(others))
                    if state in (State.ANSWERED, State.CLOSED):
                        answered = accepted + dt.timedelta(days=rng.randrange(1, 20), hours=rng.randrange(8))
                        a.update(answered_on=answered.date(), on_time=answered.date() <= deadline)
                        row.update(answer=answer, answered_at=answered, version=4)
                        transitions.add(appeal_id=pk, action="answer", from_state=State.HANDLING,
                                        to_state=State.ANSWERED, actor_id=staff.pk, department_id=lead,
                                        created_at=answered, note=answer)
                        if state == State.CLOSED:
                            closed = answered + dt.timedelta(days=rng.randrange(1, 7))
                            auto = rng.random() < 0.15
                            level = Rating.SATISFIED if auto else rng.choices(
                                [Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.FAIRLY_SATISFIED], [6, 3, 1])[0]
                            row.update(closed_at=closed, rating=int(level), rating_auto=auto, version=5)
                            ratings.add(appeal_id=pk, assignment_id=a["id"], level=int(level), auto=auto,
                                        rated_by_id=None if auto else staff.pk, rated_on=closed.date(),
                                        comment="答复后5个工作日未评价,默认满意" if auto else "", created_at=closed)
                            transitions.add(appeal_id=pk, action="auto_rate" if auto else "rate",
                                            from_state=State.ANSWERED, to_state=State.CLOSED,
                                            actor_id=None if auto else staff.pk, department_id=None if auto else lead,
                                            created_at=closed, note=Rating(level).label)
                assignments.add(**a)
            appeals.add(**row)
            appeal_words = similarity.terms(title, content)
            if appeal_words:
                df[similarity.TOTAL] += 1
            for word in appeal_words:
                term = words.get(word)
                if term is None:
                    term = words[word] = next_term
                    next_term += 1
                df[word] += 1
                postings.append((term, pk, zone_id))
            if (i + 1) % batch == 0:
                flush()
        flush()
        known = set(SimilarTerm.objects.values_list("word", flat=True))
        if similarity.TOTAL not in words:
            words[similarity.TOTAL] = next_term
        with transaction.atomic():
            _write(SimilarTerm._meta.db_table, ["id", "word", "df"],
                   [(words[w], w, n) for w, n in df.items() if w not in known])
            for w, n in df.items():
                if w in known:
                    SimilarTerm.objects.filter(word=w).update(df=F("df") + n)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Appeal, AppealAssignment, SimilarTerm]):
            cursor.execute(sql)
    counts["terms"] = len(df)
    return dict(counts)


def _appeal_state(rng: random.Random, age: int) -> str:
    """Recent appeals at every state; old ones mostly closed, a few overdue."""
    if age < 3:
        weights = {"submitted": 45, "assigned": 30, "handling": 25}
    elif age < 15:
        weights = {"submitted": 4, "assigned": 8, "returned": 3, "handling": 50, "answered": 25, "closed": 10}
    elif age < 45:
        weights = {"handling": 15, "answered": 15, "closed": 70}
    else:
        weights = {"handling": 2, "answered": 1, "closed": 97}
    return rng.choices(list(weights), list(weights.values()))[0]


# ---- economic indicators (issue 5) -------------------------------------------------------------------------
#
# Zone figures month by month (cumulative indicators run from January, the others are the month's own),
# each with the growth a zone would report (consistent with the year before, a few deliberately not),
# and one enterprise-level indicator's quarterly figures per enterprise. Written as raw rows (COPY on
# PostgreSQL, executemany on SQLite) with the plain indexes built after the load. No ValueRevision rows:
# these figures are nobody's entry, and no page reads a revision except one value's own history.

SYNTHETIC_UNITS = ["wan_yuan", "wan_yuan", "wan_yuan", "jia", "wan_renci", "wan_kwh"]
# A month's share of a cumulative year (%), January to December.
_MONTH_SHARE = [7.0, 5.5, 8.5, 8.0, 8.5, 9.5, 8.0, 8.0, 9.0, 8.5, 9.0, 10.5]


def _synthetic_indicators(total: int):
    """The first `total` indicators of the catalogue (in its order), with SYN01… made where fewer exist."""
    from yuanqu.indicators.models import Indicator

    existing = list(Indicator.objects.filter(is_active=True).order_by("sort_order", "id"))
    n = 0
    while len(existing) < total:
        n += 1
        code = f"SYN{n:02d}"
        if Indicator.objects.filter(code=code).exists():
            continue
        existing.append(Indicator.objects.create(
            code=code, name=f"合成指标{n:02d}", unit=SYNTHETIC_UNITS[n % len(SYNTHETIC_UNITS)],
            cumulative=n % 4 != 0, level="zone", aggregation="sum", definition="合成数据,用于性能测试。",
            sort_order=1000 + n))
    return existing[:total]


def generate_indicators(*, zones: int = 200, years: int = 10, indicators: int = 30, enterprise_figures: int = 200_000,
                        seed: int = 2021, today=None, batch: int = 50_000) -> dict:
    """`zones` × `years` × 12 monthly zone figures of `indicators` indicators, ending with the month before
    `today` (2021-05-14: 2011-05 … 2021-04 for ten years), and `enterprise_figures` quarterly figures of
    营业收入 (an enterprise-level indicator) spread over the zones' enterprises, ten quarters each where
    there are enough enterprises. Zones (and enterprises: ten figures each) are made with `generate`
    when fewer exist; zones that already have synthetic figures are left alone. State 已核定, source
    合成数据, subject_key and level filled as value_save would."""
    import datetime as dt
    import math

    from django.db import connection
    from django.utils import timezone

    from yuanqu.indicators.choices import PeriodKind, Source, ValueState
    from yuanqu.indicators.models import Indicator, IndicatorValue

    rng = random.Random(seed)
    today = today or dt.date(2021, 5, 14)
    per_enterprise = max(1, min(10, 4 * years))
    have = Zone.objects.count()
    if have < zones:
        generate(zones=zones - have, enterprises_per_zone=max(1, math.ceil(enterprise_figures / per_enterprise / zones)),
                 seed=seed)
    done = set(IndicatorValue.objects.filter(source=Source.SYNTHETIC).values_list("zone_id", flat=True).distinct())
    zone_ids = [pk for pk in Zone.objects.order_by("id").values_list("id", flat=True)[:zones] if pk not in done]
    chosen = _synthetic_indicators(indicators)

    # The months: `years` × 12 ending with the last whole month before today.
    last = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    months = []
    y, m = last
    for _ in range(12 * years):
        months.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    months.reverse()

    def moment(year, month, day):
        return timezone.make_aware(dt.datetime(year, month, day, 10, 0))

    adapt = connection.ops.adapt_datetimefield_value
    entered = {}  # (year, month) → the adapted moment a month's figures are entered (the 10th after it)
    for y, m in months:
        entered[(y, m)] = adapt(moment(y + m // 12, m % 12 + 1, 10))
    names = ["created_at", "updated_at", "version", "indicator", "zone", "park", "enterprise", "level", "subject_key",
             "year", "period_kind", "period", "value", "reported_growth", "state", "source", "note", "return_reason",
             "is_illustrative"]
    columns = [IndicatorValue._meta.get_field(n).column for n in names]
    table = IndicatorValue._meta.db_table
    rows: list[tuple] = []
    counts = {"zone_values": 0, "enterprise_values": 0, "indicators": len(chosen),
              "synthetic_indicators": sum(1 for i in chosen if i.code.startswith("SYN"))}

    def flush():
        if rows:
            with transaction.atomic():
                _write(table, columns, rows)
            rows.clear()

    def add(when, indicator_id, zone_id, enterprise_id, level, key, year, kind, period, value, growth):
        rows.append((when, when, 1, indicator_id, zone_id, None, enterprise_id, level, key, year, kind, period, value,
                     growth, ValueState.CONFIRMED, Source.SYNTHETIC, "", "", False))
        if len(rows) >= batch:
            flush()

    with _IndexesDeferred([IndicatorValue]):
        for zone_id in zone_ids:
            size = math.exp(rng.uniform(math.log(20_000), math.log(2_000_000)))  # a year's 技工贸收入, 万元
            key = f"z{zone_id}"
            for indicator in chosen:
                scale = size * rng.uniform(0.01, 0.9) if indicator.unit == "wan_yuan" else rng.uniform(20, 500)
                shares = [s * rng.uniform(0.9, 1.1) for s in _MONTH_SHARE]
                trend = rng.uniform(-0.05, 0.2)
                by_month = {}
                year_of = None
                running = 0.0
                for y, m in months:
                    if y != year_of:
                        year_of, running = y, 0.0
                        scale *= 1 + trend + rng.uniform(-0.08, 0.08)
                    amount = scale * shares[m - 1] / 100 * rng.uniform(0.85, 1.15)
                    running += amount
                    value = round(running if indicator.cumulative else amount)
                    by_month[(y, m)] = value
                    prior = by_month.get((y - 1, m))
                    growth = round((value / prior - 1) * 100, 1) if prior else None
                    if growth is not None and rng.random() < 0.002:
                        growth = round(growth + rng.choice([-1, 1]) * rng.uniform(1, 5), 1)  # a figure to flag
                    if growth is not None and not -100 <= growth <= 9999:
                        growth = None
                    add(entered[(y, m)], indicator.pk, zone_id, None, "zone", key, y, PeriodKind.MONTH, m, value, growth)
                    counts["zone_values"] += 1
        # Enterprises' quarterly 营业收入: the last `per_enterprise` whole quarters before today.
        revenue = Indicator.objects.filter(code="YYSR").first() or chosen[0]
        quarters = sorted({(y, (m - 1) // 3 + 1) for y, m in months if m % 3 == 0})[-per_enterprise:]
        enterprises = list(Enterprise.objects.filter(zone_id__in=zone_ids).order_by("id").values_list("id", "zone_id")
                           [:math.ceil(enterprise_figures / len(quarters))])
        left = enterprise_figures
        for enterprise_id, zone_id in enterprises:
            base = math.exp(rng.uniform(math.log(50), math.log(50_000)))  # a quarter's revenue, 万元
            key = f"e{enterprise_id}"
            prior = {}
            for y, q in quarters:
                if left <= 0:
                    break
                value = round(base * rng.uniform(0.8, 1.25), 2)
                growth = round((value / prior[(y - 1, q)] - 1) * 100, 2) if prior.get((y - 1, q)) else None
                prior[(y, q)] = value
                add(entered[(y, 3 * q)], revenue.pk, zone_id, enterprise_id, "enterprise", key, y,
                    PeriodKind.QUARTER, q, value, growth)
                left -= 1
                counts["enterprise_values"] += 1
        flush()
    counts["zones"] = len(zone_ids)
    return counts


# ---- joint approvals (issue 6) -----------------------------------------------------------------------------
#
# One case per project with the catalogue's engineering items, each in the state its own history would
# leave it: started projects had everything that precedes a start granted (some on commitment) by their
# start day; the others are where a simulated run of their items stands today — granted, under review
# with a deadline (some past it), returned for 补正, waiting on a prerequisite, a few refused, commitment
# checks done or still due. Every event falls on a working day, so the clock fields are plain arithmetic
# on the working days' ordinals, exactly as clock.py's start/pause/resume/stop would set them; the
# cases' summaries (counts, nearest deadline, planned start) are those case_refresh computes. Written as
# raw rows (COPY on PostgreSQL, executemany on SQLite) with the plain indexes built after the load; a
# fraction of the cases (`transitions`) also get their items' logged steps. No inbox messages or
# change-log rows.

# The synthetic zones' departments (generate) that stand for each catalogue department.
_APPROVAL_DEPARTMENTS = {"发展改革部门": "经发局", "自然资源和规划部门": "建设局", "住房和城乡建设部门": "建设局",
                         "生态环境部门": "安监局", "应急管理部门": "安监局", "水利部门": "建设局"}

# The stage a project reaches before the items that follow its start are applied for.
_AFTER_START_STAGE = {"排污许可": "trial", "竣工联合验收": "completed"}


class _WorkdayOrdinals:
    """Working days from `start` to `end` as a list: ordinal k is the k-th working day of the span."""

    def __init__(self, start, end):
        import bisect
        import datetime as dt

        from yuanqu.common import workdays

        self._bisect = bisect
        self.days = []
        day = start
        while day <= end:
            if workdays.is_workday(day, provisional=True):
                self.days.append(day)
            day += dt.timedelta(days=1)

    def date(self, k: int):
        return self.days[k]

    def on_or_after(self, day) -> int:
        return self._bisect.bisect_left(self.days, day)

    def on_or_before(self, day) -> int:
        return self._bisect.bisect_right(self.days, day) - 1

    def after(self, day, n: int):
        """The n-th working day after `day` (Axis.date and workdays.add_workdays; n ≥ 0)."""
        if n == 0:
            return day
        return self.days[self._bisect.bisect_right(self.days, day) + n - 1]


def _approval_agents(zone_ids) -> dict[int, int]:
    """One agency officer per zone (synthetic_agent_<zone>), made where missing: zone id → user id."""
    from yuanqu.accounts.models import RoleAssignment, User

    names = {f"synthetic_agent_{z}": z for z in zone_ids}
    have = dict(User.objects.filter(username__in=list(names)).values_list("username", "id"))
    new = []
    for username, zone_id in names.items():
        if username not in have:
            user = User(username=username, name=f"合成代办员{zone_id}")
            user.set_unusable_password()
            new.append(user)
    for chunk in range(0, len(new), 1000):
        User.objects.bulk_create(new[chunk:chunk + 1000])
    users = dict(User.objects.filter(username__in=list(names)).values_list("username", "id"))
    assigned = set(RoleAssignment.objects.filter(user_id__in=users.values(), role="agent").values_list("user_id", flat=True))
    RoleAssignment.objects.bulk_create([RoleAssignment(user_id=uid, role="agent", zone_id=names[u])
                                        for u, uid in users.items() if uid not in assigned], batch_size=1000)
    return {names[u]: uid for u, uid in users.items()}


def _simulate_item(rng, spec, avail: int, commit: bool, may_refuse: bool) -> dict:
    """One item's events from the working day it may begin (ordinals); its end under 'end'."""
    promised = spec["promised"]
    prepare = avail + rng.randrange(0, 3)
    if commit:
        at = prepare + rng.randrange(1, 4)
        return {"prepare": prepare, "commit": at, "end": at,
                "verify": at + rng.randrange(3, spec["followup"] + 8)}
    accept = prepare + rng.randrange(0, 3)
    # Most items are decided within their promise; some run over it (a red light while they last).
    run = max(1, round(promised * (rng.uniform(0.3, 1.0) if rng.random() < 0.85 else rng.uniform(1.0, 2.5))))
    events = {"prepare": prepare, "accept": accept, "review": accept + min(1, run)}
    if rng.random() < 0.2 and run > 1:
        used = rng.randrange(1, run)
        events["correct"] = accept + used
        events["resubmit"] = events["correct"] + rng.randrange(1, 16)
        end = events["resubmit"] + run - used
    else:
        end = accept + run
    events["refuse" if may_refuse and rng.random() < 0.03 else "grant"] = end
    events["end"] = end
    return events


def generate_approvals(*, projects: int = 50_000, items_per_project: int = 13, seed: int = 2021, today=None,
                       transitions: float = 0.1, batch: int = 20_000) -> dict:
    """One approval case for each of `projects` projects that have none (made with generate and
    generate_projects when fewer exist), with the first `items_per_project` catalogue items (the 13
    engineering items by default), their states and clocks as of `today` (2021-05-14), the 三个提前
    checklist, and for a `transitions` share of the cases the items' logged steps. Bypasses the
    services for speed, writing the rows they would write (no inbox messages, no change log)."""
    import datetime as dt
    import math

    from django.core.management.color import no_style
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from yuanqu.approvals import planning, selectors
    from yuanqu.approvals.choices import ItemState, ServiceKind
    from yuanqu.approvals.models import ApprovalCase, ApprovalItem, CaseItem, ItemTransition, ServiceTask
    from yuanqu.approvals.services import DEFAULT_TASKS
    from yuanqu.projects.choices import STAGE_ORDER
    from yuanqu.projects.models import Milestone, Project

    rng = random.Random(seed)
    today = today or dt.date(2021, 5, 14)

    def candidates():
        return list(Project.objects.filter(approval_case__isnull=True).order_by("id")
                    .values_list("id", "zone_id", "enterprise_id", "stage", "name")[:projects])

    chosen_projects = candidates()
    if len(chosen_projects) < projects:
        missing = projects - len(chosen_projects)
        zones_needed = math.ceil(missing / 250)
        generate(zones=zones_needed, enterprises_per_zone=5, seed=seed)
        generate_projects(per_zone=math.ceil(missing / zones_needed), seed=seed)
        chosen_projects = candidates()

    active = ApprovalItem.objects.filter(is_active=True)
    catalogue = list(active.exclude(category="event").order_by("sort_order", "id"))
    catalogue = (catalogue + list(active.filter(category="event").order_by("sort_order", "id")))[:items_per_project]
    ids = {i.pk for i in catalogue}
    edges = {k: [p for p in v if p in ids] for k, v in selectors.prerequisite_edges(ids).items()}
    # Topological order (prerequisites first), ties by the catalogue's order.
    order, placed = [], set()
    while len(order) < len(catalogue):
        for i in catalogue:
            if i.pk not in placed and all(p in placed for p in edges.get(i.pk, [])):
                order.append(i)
                placed.add(i.pk)
                break
        else:
            raise planning.CycleError([i.name for i in catalogue if i.pk not in placed])
    specs = {i.pk: {"promised": i.promised_days, "followup": i.followup_days, "materials": i.material_list or ["申报材料"]}
             for i in catalogue}
    before_items = [i for i in catalogue if i.before_start]

    # The planned earliest start depends only on which items are planned on commitment: memoised.
    finishes: dict[tuple, int] = {}

    def planned_finish(commitments: frozenset) -> int:
        key = tuple(i.pk in commitments for i in before_items)
        if key not in finishes:
            finishes[key] = planning.schedule([
                planning.Task(i.pk, i.name, 0 if i.pk in commitments else i.promised_days, tuple(edges.get(i.pk, ())))
                for i in before_items]).finish
        return finishes[key]

    zone_ids = sorted({z for _, z, _, _, _ in chosen_projects})
    agents = _approval_agents(zone_ids)
    departments: dict[tuple[int, str], int] = {}
    for pk, zone_id, name in Department.objects.filter(zone_id__in=zone_ids).values_list("id", "zone_id", "name"):
        for suffix in set(_APPROVAL_DEPARTMENTS.values()):
            if name.endswith(suffix):
                departments[(zone_id, suffix)] = pk
    dates: dict[int, dict] = {}
    wanted = {p[0] for p in chosen_projects}
    for pid, kind, actual in Milestone.objects.filter(kind__in=["signed", "started"], actual__isnull=False) \
            .values_list("project_id", "kind", "actual"):
        if pid in wanted:
            dates.setdefault(pid, {})[kind] = actual

    cal = _WorkdayOrdinals(dt.date(2018, 1, 1), today + dt.timedelta(days=800))
    k_today = cal.on_or_before(today)
    started_index = STAGE_ORDER.index("started")
    tz = timezone.get_current_timezone()
    moments: dict = {}

    def moment(day):
        if day not in moments:
            moments[day] = timezone.make_aware(dt.datetime.combine(day, dt.time(9)), tz)
        return moments[day]

    next_case = (ApprovalCase.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    next_item = (CaseItem.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    cases, items = _Rows(ApprovalCase), _Rows(CaseItem)
    steps, tasks = _Rows(ItemTransition, db_ids=True), _Rows(ServiceTask, db_ids=True)
    counts = {"cases": 0, "items": 0, "transitions": 0, "service_tasks": 0}
    S = ItemState
    AGENT_ACTIONS = {"prepare", "resubmit"}

    def flush():
        with transaction.atomic():
            counts["cases"] += cases.flush()
            counts["items"] += items.flush()
            counts["transitions"] += steps.flush()
            counts["service_tasks"] += tasks.flush()

    with _IndexesDeferred([ApprovalCase, CaseItem, ItemTransition, ServiceTask]):
        for n, (pid, zone_id, enterprise_id, stage, name) in enumerate(chosen_projects):
            known = dates.get(pid, {})
            signed, started = known.get("signed"), known.get("started")
            if started and STAGE_ORDER.index(stage) < started_index:
                started = None  # a start date the project has not reached yet
            if started:
                opened = signed or (started - dt.timedelta(days=rng.randrange(20, 60)))
            else:
                opened = cal.date(k_today - rng.randrange(1, 70))
                if signed and signed > opened:
                    opened = signed
            k_open = cal.on_or_after(opened)
            k_start = cal.on_or_before(started) if started else None
            commitments = frozenset(i.pk for i in catalogue
                                    if i.commitment_allowed and rng.random() < (0.5 if started else 0.3))
            handover = started if started and commitments and rng.random() < 0.15 else None

            # Before-start items on a virtual axis from 0; a started case's squeezed into signing → start.
            virtual: dict[int, dict] = {}
            for i in order:
                if not i.before_start:
                    continue
                prereqs = edges.get(i.pk, [])
                if any(p not in virtual or "refuse" in virtual[p] for p in prereqs):
                    continue
                avail = max([virtual[p]["end"] for p in prereqs], default=0)
                virtual[i.pk] = _simulate_item(rng, specs[i.pk], avail, i.pk in commitments, may_refuse=not started)
            scale = 1.0
            if k_start is not None and virtual:
                finish = max(ev["end"] for ev in virtual.values())
                if finish > 0:
                    scale = max(0.0, min(1.0, (k_start - k_open) / finish))
            real: dict[int, dict] = {}
            for pk, ev in virtual.items():
                real[pk] = {a: k_open + math.floor(v * scale) if a != "verify" else None for a, v in ev.items()}
                if "verify" in ev:
                    real[pk]["verify"] = real[pk]["commit"] + (ev["verify"] - ev["commit"])
            # Items after the start (排污许可 before trial production, 竣工联合验收 at completion) begin when
            # the works reach that stage: long done, just begun, or not yet.
            for i in order:
                if i.before_start or k_start is None:
                    continue
                prereqs = edges.get(i.pk, [])
                if any(p not in real or "grant" not in real[p] and "commit" not in real[p] for p in prereqs):
                    continue
                needed = STAGE_ORDER.index(_AFTER_START_STAGE.get(i.name, "completed"))
                reached = STAGE_ORDER.index(stage)
                if reached >= needed:
                    lead = rng.randrange(10, 200)
                elif reached == needed - 1:
                    lead = rng.randrange(0, 25)
                else:
                    continue
                avail = max([real[p]["end"] for p in prereqs] + [k_start, k_today - lead])
                real[i.pk] = _simulate_item(rng, specs[i.pk], avail, i.pk in commitments, may_refuse=False)

            case_id = next_case + n
            agent_id = agents[zone_id]
            logged = rng.random() < transitions
            tally = {s: 0 for s in S.values}
            dues = []
            for i in catalogue:
                ev = real.get(i.pk, {})
                spec = specs[i.pk]
                promised = spec["promised"]
                row = dict(id=next_item, case_id=case_id, item_id=i.pk,
                           department_id=departments.get((zone_id, _APPROVAL_DEPARTMENTS.get(i.department_name, ""))),
                           statutory_days=i.statutory_days, promised_days=promised, before_start=i.before_start,
                           by_commitment=i.pk in commitments, followup_days=spec["followup"],
                           sort_order=i.sort_order, state=S.PENDING.value)
                log = []  # (action, ordinal, from, to, note)
                state = S.PENDING

                def step(action, k, to, note=""):
                    nonlocal state
                    log.append((action, k, state, to, note))
                    state = to

                if ev.get("prepare", k_today + 1) <= k_today:
                    step("prepare", ev["prepare"], S.PREPARING)
                    if "commit" in ev:
                        if ev["commit"] <= k_today:
                            step("commit", ev["commit"], S.DONE)
                            row.update(done_on=cal.date(ev["commit"]), on_commitment=True,
                                       followup_due=cal.date(ev["commit"] + spec["followup"]))
                            if ev["verify"] <= k_today:
                                step("verify", ev["verify"], S.DONE)
                                row["followup_done_on"] = cal.date(ev["verify"])
                            else:
                                dues.append(row["followup_due"])
                    elif ev["accept"] <= k_today:
                        k_acc = ev["accept"]
                        step("accept", k_acc, S.ACCEPTED)
                        row.update(accepted_on=cal.date(k_acc))
                        since, used = k_acc, 0
                        end = ev["end"] if ev["end"] <= k_today else None
                        if ev["review"] <= k_today and (end is None or ev["review"] <= end):
                            step("review", ev["review"], S.REVIEWING)
                        if "correct" in ev and ev["correct"] <= k_today:
                            material = rng.choice(spec["materials"])
                            step("correct", ev["correct"], S.CORRECTING, material)
                            used = ev["correct"] - k_acc
                            row.update(pauses=1, correction_note=material)
                            if ev["resubmit"] <= k_today:
                                step("resubmit", ev["resubmit"], S.REVIEWING)
                                row["paused_workdays"] = ev["resubmit"] - ev["correct"]
                                since = ev["resubmit"]
                            else:
                                since = None
                                row.update(used_workdays=used, paused_on=cal.date(ev["correct"]))
                        if since is not None:
                            if end is not None:
                                refused = "refuse" in ev
                                step("refuse" if refused else "grant", end, S.REFUSED if refused else S.DONE,
                                     "不符合产业准入要求" if refused else "")
                                row["used_workdays"] = used + end - since
                                if not refused:
                                    row["done_on"] = cal.date(end)
                            else:
                                due = cal.date(since + promised - used)
                                row.update(used_workdays=used, running_since=cal.date(since), due_on=due)
                                dues.append(due)
                row["state"] = S(state).value
                tally[state] += 1
                items.add(**row)
                if logged:
                    for action, k, before, after, note in log:
                        steps.add(case_item_id=next_item, action=action, from_state=S(before).value, to_state=S(after).value,
                                  date=cal.date(k), actor_id=agent_id if action in AGENT_ACTIONS else None, note=note,
                                  created_at=moment(cal.date(k)))
                next_item += 1

            planned = None
            if before_items:
                base = signed or opened
                planned = cal.after(base, planned_finish(commitments))
                if handover and handover > planned:
                    planned = handover
            created = moment(opened)
            cases.add(id=case_id, created_at=created, updated_at=created, version=1, zone_id=zone_id, kind="project",
                      project_id=pid, enterprise_id=enterprise_id, title=f"{name}审批", agent_id=agent_id,
                      opened_on=opened, signed_on=signed, started_on=started, target_start=None,
                      land_handover_on=handover, handover_start=handover is not None, note="合成数据",
                      items_total=len(catalogue), items_done=tally[S.DONE],
                      items_running=tally[S.ACCEPTED] + tally[S.REVIEWING], items_correcting=tally[S.CORRECTING],
                      items_waiting=tally[S.PENDING] + tally[S.PREPARING], items_refused=tally[S.REFUSED],
                      next_due=min(dues) if dues else None, planned_start=planned)
            for kind, title in DEFAULT_TASKS:
                done = started if started and rng.random() < 0.8 else None
                tasks.add(created_at=created, updated_at=created, version=1, case_id=case_id, kind=ServiceKind(kind).value,
                          title=title, owner="代办员", due_on=None, done_on=done,
                          state="done" if done else rng.choice(["todo", "doing"]), note="")
            if len(items.rows) >= batch:
                flush()
        flush()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [ApprovalCase, CaseItem]):
            cursor.execute(sql)
    return counts
