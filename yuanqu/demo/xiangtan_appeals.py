"""Enterprise appeals (企业诉求) in the Xiangtan demo: 湘潭经开区's reception days, the appeals the page
tells, and an illustrative body of further appeals so scores, clusters and similar-appeal lookup show
something.

From the page: 湘潭经开区 holds its “亲商优商企业接待日” on the 9th of each month since January, hosted
in turn by 胡海军 and 黄韧, in the 亲商优商会商室; at the 5th, 蓝思科技(湘潭)有限公司 raised the driving-test
route at its gate and a bus line to the company, and 胡海军 answered on the spot after hearing 区建设局
and 九华交警大队 (“驾考线路问题,最迟本月底调整到位,公交线路问题立马进行摸底”); 湖南百年七星不锈钢制品有限公司,
中华石油湖南有限公司 and 湖南迅佳科技有限公司 were received the same day. 湘潭盘龙生态农业示范园有限公司 held its
first international fireworks music festival on 1–4 May and on 7 May gave 岳塘经开区党工委、管委会 a banner:
“真情暖企 贴心服务 优化营商 保驾护航”.

Not from the page (illustrative, marked “(示意)” in what a visitor reads): the shift rule's choice, the
days' dates other than the rule's, the 盘龙 appeal's wording and dates, every step's date and wording,
and every appeal in ILLUSTRATIVE_APPEALS.

Everything goes through the services, each step under the one clock frozen at its day, so deadlines,
lights and scores read as they would have. Idempotent: an appeal already there (same enterprise and
title) is left as it is; reception days, hosts and settings are made only when missing.
"""

import datetime as dt

from django.db.models import Max

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.common import clock
from yuanqu.common.clock import frozen
from yuanqu.registry.models import Department, Enterprise, Official, Zone

D = dt.date
ILLUSTRATIVE = "(示意)"
ZONE = "湘潭经开区"
LENS = "蓝思科技(湘潭)有限公司"
PANLONG = "湘潭盘龙生态农业示范园有限公司"
YUETANG_COMMITTEE = "岳塘经开区党工委、管委会"

# NEXT (顺延), the model's default: the rotation alternates two hosts whatever the rule, so the 5th
# (odd) day is 胡海军's either way; 顺延 puts January's on Monday 11th and May's on Monday 10th (9 May
# 2021 is a Sunday), both before the demo's day.
RECEPTION_SETTINGS = {"reception_name": "亲商优商企业接待日", "reception_day": 9, "shift_rule": "next",
                      "reception_place": "亲商优商会商室"}
HOSTS = ["胡海军", "黄韧"]
PLANNED_ON = D(2020, 12, 31)  # the first five days planned at the turn of the year
TODAY = D(2021, 5, 14)  # the demo's day: the 6th day is planned then
FIFTH_ENTERPRISES = [LENS, "湖南百年七星不锈钢制品有限公司", "中华石油湖南有限公司", "湖南迅佳科技有限公司"]
FIFTH_ATTENDEES = "区建设局、九华交警大队"
FIFTH_SUMMARY = (
    "湘潭经开区党委书记胡海军坐镇,听取区建设局、九华交警大队的汇报后,对蓝思科技(湘潭)有限公司提出的调整厂门前驾考路线、"
    "延长市内公交车线路到公司两个问题当场给予答复:“驾考线路问题,最迟本月底调整到位,公交线路问题立马进行摸底。”"
    "当天还接待湖南百年七星不锈钢制品有限公司、中华石油湖南有限公司、湖南迅佳科技有限公司等三家公司相关负责人,"
    "倾听他们的诉求,解决他们的问题。"
)
EARLIER_SUMMARY = "报道未载明本期接待情况。"

# Users that take the steps no demo account can take (a department, leader or enterprise the page
# names but nobody signs in as). They cannot sign in (no usable password); they exist so every step
# goes through the services with an actor entitled to it. (username, name, role, scope kind, scope)
RECORD_USERS = [
    ("record-xiangshui", "响水乡经办人(演示数据)", "dept", "department", ("湘潭经开区", "响水乡")),
    ("record-yuetang", "岳塘经开区党工委、管委会经办人(演示数据)", "dept", "department", ("岳塘经开区", YUETANG_COMMITTEE)),
    ("record-gaoxin", "湘潭高新区领导(演示数据)", "leader", "zone", "湘潭高新区"),
    ("record-chuangfu", "湘潭国家高新技术创业服务中心经办人(演示数据)", "dept", "department",
     ("湘潭高新区", "湘潭国家高新技术创业服务中心")),
    ("record-shuangma", "双马街道经办人(演示数据)", "dept", "department", ("湘潭高新区", "双马街道")),
    ("record-qixing", "百年七星(演示数据)", "enterprise", "enterprise", "湖南百年七星不锈钢制品有限公司"),
    ("record-zhonghua", "中华石油湖南(演示数据)", "enterprise", "enterprise", "中华石油湖南有限公司"),
    ("record-xunjia", "迅佳科技(演示数据)", "enterprise", "enterprise", "湖南迅佳科技有限公司"),
    ("record-gaoxinjt", "湘潭高新集团(演示数据)", "enterprise", "enterprise", "湘潭高新集团"),
    ("record-yongfei", "永霏公司(演示数据)", "enterprise", "enterprise", "永霏公司"),
]
LEADERS = {"湘潭经开区": "xtleader", "岳塘经开区": "ytleader", "湘潭高新区": "record-gaoxin"}
DEPARTMENT_USERS = {"区建设局": "dept", "九华交警大队": "jiuhua", "响水乡": "record-xiangshui",
                    YUETANG_COMMITTEE: "record-yuetang", "湘潭国家高新技术创业服务中心": "record-chuangfu",
                    "双马街道": "record-shuangma"}
ENTERPRISE_USERS = {LENS: "enterprise", PANLONG: "panlong", "湖南百年七星不锈钢制品有限公司": "record-qixing",
                    "中华石油湖南有限公司": "record-zhonghua", "湖南迅佳科技有限公司": "record-xunjia",
                    "湘潭高新集团": "record-gaoxinjt", "永霏公司": "record-yongfei"}

# Steps of an appeal after its intake, each on its day (a working day of 2021):
#   ("assign", day, lead, (co, ...), deadline)  deadline: ("workdays", n) | ("date", D) | ("month_end",)
#   ("accept", day) ("return", day, note) ("progress", day, note) ("answer", day, note)
#   ("close", day, note): 不予办理  ("rate", day, level, comment)  ("supervise", day, note, new deadline or None)
# Hours of the day each kind of step is stamped at, so a day's steps read in order.
HOURS = {"create": 9, "assign": 10, "close": 11, "supervise": 11, "accept": 14, "return": 14,
         "progress": 15, "answer": 16, "rate": 10}

# The appeals the page tells: (enterprise, category, title, content, channel, filed, spot answer, steps).
LENS_DRIVING = (
    LENS, "交通出行", "调整厂门前驾考路线",
    "驾考车辆在公司厂门前道路练车、考试,与员工上下班及货运车辆交织,存在安全隐患,请求调整驾考路线。",
    "reception", D(2021, 5, 10), "驾考线路问题,最迟本月底调整到位。",
    [("assign", D(2021, 5, 10), "区建设局", ("九华交警大队",), ("month_end",)),
     ("accept", D(2021, 5, 11)),
     ("progress", D(2021, 5, 13), "已会同九华交警大队现场踏勘,拟将驾考线路调离厂门前路段,正与驾考点对接新线路。" + ILLUSTRATIVE)],
)
LENS_BUS = (
    LENS, "交通出行", "延长市内公交车线路到公司",
    "公司员工多居住在市区,现有公交线路未到公司,员工通勤不便,请求延长市内公交车线路到公司。",
    "reception", D(2021, 5, 10), "公交线路问题立马进行摸底。",
    [("assign", D(2021, 5, 10), "区建设局", (), ("workdays", 5)),
     ("accept", D(2021, 5, 10)),
     ("progress", D(2021, 5, 12), "已对公司员工居住分布和上下班时段进行摸底,正与市公交公司研究线路延伸方案。" + ILLUSTRATIVE)],
)
# The page tells the festival and the banner; the appeal's wording and the steps' dates are illustrative.
PANLONG_FESTIVAL = (
    PANLONG, "审批服务", "首届国际焰火音乐节活动审批协调",
    "我公司定于5月1日至4日在盘龙大观园举办首届国际焰火音乐节,涉及大型群众性活动安全许可、焰火燃放许可及交通疏导等事项,"
    "时间紧、环节多,恳请园区协调相关部门加快办理。" + ILLUSTRATIVE,
    "portal", D(2021, 4, 20), "",
    [("assign", D(2021, 4, 20), YUETANG_COMMITTEE, (), ("date", D(2021, 4, 29))),
     ("accept", D(2021, 4, 21)),
     ("progress", D(2021, 4, 25), "已牵头召开协调会,公安、应急管理等部门联合审查活动方案,现场踏勘燃放场地。" + ILLUSTRATIVE),
     ("answer", D(2021, 4, 28), "大型群众性活动安全许可、焰火燃放许可均已办结,交通疏导和现场安保方案已落实,"
                                "活动期间园区派员驻点服务。" + ILLUSTRATIVE),
     ("rate", D(2021, 5, 7), 5, "真情暖企 贴心服务 优化营商 保驾护航")],
)

# ---- illustrative (not from the page) ---------------------------------------------------------------
# Further appeals across the zones that have enterprises and departments on the page, January to May
# 2021: some rated, some overdue, one returned and re-routed, one 不予办理, one rated 不满意 and reopened,
# some waiting; near-duplicates on 公交/通勤, 用工招聘 and 水电气 so clusters and similar appeals show.
# Only zones with both an enterprise and a department on the page take part: 湘乡经开区 has no
# department to route to (and its leader's inbox stays the projects' ladder's, which the demo's
# supervision tests read as a whole).
QX, ZH, XJ = "湖南百年七星不锈钢制品有限公司", "中华石油湖南有限公司", "湖南迅佳科技有限公司"
GX, YF = "湘潭高新集团", "永霏公司"
JS, JH, XS = "区建设局", "九华交警大队", "响水乡"
CF, SM = "湘潭国家高新技术创业服务中心", "双马街道"
ILLUSTRATIVE_APPEALS = [
    # 湘潭经开区
    (LENS, "用工招聘", "春节后返岗普工缺口较大", "春节后预计普工缺口约800人,请园区协助对接周边乡镇劳务资源,组织专场招聘。",
     "portal", D(2021, 1, 13),
     [("assign", D(2021, 1, 13), XS, (), ("workdays", 10)), ("accept", D(2021, 1, 14)),
      ("progress", D(2021, 1, 20), "已在响水乡各村组张贴招聘信息,组织村民报名。"),
      ("answer", D(2021, 1, 27), "已联合组织两场专场招聘会,现场达成就业意向420人。"),
      ("rate", D(2021, 1, 29), 4, "希望招聘对接常态化开展。")]),
    (QX, "水电气", "厂区用电负荷不足需增容", "新增两条生产线后用电负荷不足,变压器需由800千伏安增容至1600千伏安,请协调供电部门。",
     "visit", D(2021, 1, 19),
     [("assign", D(2021, 1, 19), JS, (), ("workdays", 15)), ("accept", D(2021, 1, 20)),
      ("answer", D(2021, 2, 5), "已协调供电公司完成增容方案审查,春节后施工接入。"),
      ("rate", D(2021, 2, 8), 3, "方案已定,施工时间偏晚。")]),
    (LENS, "交通出行", "夜班员工下班无公交", "夜班员工凌晨下班时公交已停运,员工通勤不便,请求开通夜班公交线路。",
     "portal", D(2021, 1, 26),
     [("assign", D(2021, 1, 26), JS, (JH,), ("workdays", 15)), ("accept", D(2021, 1, 27)),
      ("answer", D(2021, 2, 10), "已协调公交公司开通夜班线路试运行,每晚两班。"),
      ("rate", D(2021, 2, 19), 3, "班次偏少,希望增加。")]),
    (XJ, "水电气", "春节期间保障生产用电", "春节期间部分生产线不停产,请保障厂区供电稳定。",
     "phone", D(2021, 1, 28),
     [("assign", D(2021, 1, 28), JS, (), ("workdays", 5)), ("accept", D(2021, 1, 28)),
      ("answer", D(2021, 2, 3), "已协调供电公司将公司线路列入春节保供电重点名单。"),
      ("rate", D(2021, 2, 4), 4, "")]),
    (ZH, "交通出行", "加油站出入口车辆掉头不便", "加油站出入口处无掉头车道,车辆违规掉头,存在安全隐患。",
     "phone", D(2021, 2, 2),
     [("assign", D(2021, 2, 2), JH, (), ("workdays", 10)), ("accept", D(2021, 2, 3)),
      ("answer", D(2021, 2, 18), "已施划掉头车道,增设指示标志。")]),
    (XJ, "交通出行", "公司门前无公交站点", "公司门前无公交站点,员工需步行二十分钟到最近站点,请求增设公交站点。",
     "phone", D(2021, 2, 22),
     [("assign", D(2021, 2, 22), JS, (JH,), ("workdays", 20)), ("accept", D(2021, 2, 23)),
      ("progress", D(2021, 3, 5), "已与公交公司现场查看,拟在九华大道增设站点。"),
      ("answer", D(2021, 3, 19), "已协调公交公司在九华大道公司门前增设站点,3月22日启用。"),
      ("rate", D(2021, 3, 22), 4, "")]),
    (QX, "政策兑现", "申请减免厂房租金", "受疫情影响,申请减免2021年上半年厂房租金。",
     "phone", D(2021, 2, 24),
     [("close", D(2021, 2, 25), "厂房为企业自有物业,不属于园区标准厂房租金减免政策范围。")]),
    (ZH, "用工招聘", "加油员招聘", "新开两座加油站,需招聘加油员20名,请协助发布招聘信息。",
     "phone", D(2021, 3, 1),
     [("assign", D(2021, 3, 1), XS, (), ("workdays", 10)), ("accept", D(2021, 3, 2)),
      ("answer", D(2021, 3, 12), "已通过乡村就业服务站推荐应聘人员32名。"),
      ("rate", D(2021, 3, 15), 4, "")]),
    (LENS, "交通出行", "上下班高峰厂区周边道路拥堵", "早晚高峰厂区周边道路拥堵严重,员工通勤时间长,请求优化交通组织。",
     "portal", D(2021, 3, 2),
     [("assign", D(2021, 3, 2), JH, (), ("workdays", 10)), ("accept", D(2021, 3, 3)),
      ("answer", D(2021, 3, 12), "高峰时段已增派警力疏导,并优化周边路口信号灯配时。"),
      ("rate", D(2021, 3, 15), 5, "交警反应迅速,效果明显。")]),
    (QX, "用工招聘", "焊工等技术工人招聘难", "焊工、数控操作工等技术岗位长期招不到人,请协助对接技工学校。",
     "visit", D(2021, 3, 9),
     [("assign", D(2021, 3, 9), XS, (), ("workdays", 10)), ("accept", D(2021, 3, 10)),
      ("answer", D(2021, 3, 23), "已推送本乡求职人员信息。"),
      ("rate", D(2021, 3, 25), 2, "只提供了求职信息,焊工等技术岗位缺口没有解决。"),
      ("answer", D(2021, 4, 1), "已对接湘潭技师学院开设订单班,首批30名学员9月入厂实习。"),
      ("rate", D(2021, 4, 6), 4, "")]),
    (LENS, "环境安全", "厂区周边绿化带杂草清理", "厂区周边绿化带杂草丛生,存在火灾隐患,请求清理。",
     "portal", D(2021, 3, 15),
     [("assign", D(2021, 3, 15), JH, (), ("workdays", 5)),
      ("return", D(2021, 3, 16), "绿化带管护不属本大队职责,建议由属地响水乡办理。"),
      ("assign", D(2021, 3, 16), XS, (), ("workdays", 5)), ("accept", D(2021, 3, 17)),
      ("answer", D(2021, 3, 19), "已组织人员完成清理,并纳入日常管护。"),
      ("rate", D(2021, 3, 22), 4, "")]),
    (ZH, "环境安全", "油库周边违规停放危化品车辆", "油库周边道路常有危化品运输车辆违规停放,存在重大安全隐患。",
     "phone", D(2021, 3, 16),
     [("assign", D(2021, 3, 16), JH, (JS,), ("workdays", 5)), ("accept", D(2021, 3, 16)),
      ("answer", D(2021, 3, 22), "已开展专项整治,设置禁停标志,违停车辆已全部清离。"),
      ("rate", D(2021, 3, 23), 5, "")]),
    (XJ, "水电气", "园区供水压力不足影响生产", "白天用水高峰时段供水压力不足,影响清洗工序,请协调供水部门。",
     "visit", D(2021, 3, 23),
     [("assign", D(2021, 3, 23), JS, (), ("workdays", 10)), ("accept", D(2021, 3, 24)),
      ("answer", D(2021, 4, 12), "已协调供水公司更换管网加压设备,供水压力恢复正常。"),
      ("rate", D(2021, 4, 13), 3, "问题解决了,但时间较长。")]),
    (ZH, "交通出行", "夜间大货车超速行驶", "加油站所在路段夜间大货车超速严重,多次发生险情,请求加强管控。",
     "phone", D(2021, 4, 1),
     [("assign", D(2021, 4, 1), JH, (), ("workdays", 5)), ("accept", D(2021, 4, 2)),
      ("supervise", D(2021, 4, 19), "超速问题群众反映强烈,请尽快设置测速设施并答复企业。", D(2021, 4, 30))]),
    (LENS, "水电气", "天然气管道接入进度", "新建厂房天然气管道尚未接入,影响5月投产计划,请督促燃气公司加快施工。",
     "portal", D(2021, 4, 6),
     [("assign", D(2021, 4, 6), JS, (), ("date", D(2021, 4, 30))), ("accept", D(2021, 4, 7)),
      ("progress", D(2021, 4, 16), "燃气公司已进场施工,预计4月底完成。"),
      ("answer", D(2021, 4, 28), "天然气管道已接入并通气验收。"),
      ("rate", D(2021, 4, 29), 4, "")]),
    (QX, "交通出行", "员工通勤班车停靠点设置", "公司通勤班车在九华大道无固定停靠点,请求设置班车停靠点。",
     "phone", D(2021, 4, 13),
     [("assign", D(2021, 4, 13), JH, (), ("workdays", 10)), ("accept", D(2021, 4, 14)),
      ("answer", D(2021, 4, 26), "已在公司门前施划班车临时停靠区。")]),
    (XJ, "用工招聘", "应届毕业生招聘对接", "计划招聘软件、电子类应届毕业生30名,请协助对接省内高校。",
     "visit", D(2021, 4, 20),
     [("assign", D(2021, 4, 20), XS, (), ("workdays", 10)), ("accept", D(2021, 4, 21))]),
    (ZH, "审批服务", "加油站改造项目施工许可", "加油站油罐改造项目施工许可申报已一个月,尚未办结。",
     "phone", D(2021, 4, 22),
     [("assign", D(2021, 4, 22), JS, (), ("workdays", 8)), ("accept", D(2021, 4, 23)),
      ("answer", D(2021, 4, 30), "施工许可已审核通过,待企业补充安全评价报告后发证。"),
      ("rate", D(2021, 5, 11), 2, "安全评价报告早已提交,许可仍未下发,答复与实际不符。")]),
    (LENS, "用地规划", "二期扩建用地规划调整", "二期扩建需调整相邻地块用地规划,请协助办理规划调整手续。",
     "portal", D(2021, 4, 27),
     [("assign", D(2021, 4, 27), JS, (), ("workdays", 30)), ("accept", D(2021, 4, 28)),
      ("progress", D(2021, 5, 12), "规划调整方案已报市自然资源和规划局审查。")]),
    (QX, "水电气", "夏季用电高峰限电预案", "请提前告知夏季用电高峰有序用电安排,便于调整生产计划。",
     "visit", D(2021, 5, 6),
     [("assign", D(2021, 5, 6), JS, (), ("workdays", 10))]),
    (QX, "交通出行", "厂区周边公交班次少", "途经厂区的公交线路班次间隔四十分钟,员工上下班候车时间长,请求加密班次。",
     "phone", D(2021, 1, 21),
     [("assign", D(2021, 1, 21), JS, (), ("workdays", 15)), ("accept", D(2021, 1, 22)),
      ("answer", D(2021, 2, 5), "已协调公交公司在早晚高峰将班次间隔缩短至十五分钟。"),
      ("rate", D(2021, 2, 8), 4, "")]),
    (XJ, "用工招聘", "技术工人招聘难", "电子装配、设备维修等技术工人难招,请协助对接劳务资源。",
     "visit", D(2021, 1, 18),
     [("assign", D(2021, 1, 18), XS, (), ("workdays", 10)), ("accept", D(2021, 1, 19)),
      ("answer", D(2021, 1, 29), "已推荐求职人员15名。"),
      ("rate", D(2021, 2, 1), 3, "推荐人员技能与岗位不太匹配。")]),
    (ZH, "水电气", "新建加油站用电接入", "新建加油站需新装用电,请协调供电部门加快接入。",
     "phone", D(2021, 2, 8),
     [("assign", D(2021, 2, 8), JS, (), ("workdays", 10)), ("accept", D(2021, 2, 9)),
      ("answer", D(2021, 2, 23), "供电公司已完成勘察,3月上旬接电。"),
      ("rate", D(2021, 2, 24), 4, "")]),
    (QX, "用工招聘", "春季招聘会展位安排", "希望参加园区春季招聘会,请安排展位。",
     "phone", D(2021, 2, 22),
     [("assign", D(2021, 2, 22), XS, (), ("workdays", 5)), ("accept", D(2021, 2, 23)),
      ("answer", D(2021, 3, 1), "已安排3月6日春季招聘会展位一个。"),
      ("rate", D(2021, 3, 2), 4, "")]),
    (LENS, "水电气", "厂区污水管网接驳", "新建车间污水管网需接入园区市政污水管网,请协调办理接驳。",
     "portal", D(2021, 2, 24),
     [("assign", D(2021, 2, 24), JS, (), ("workdays", 15)), ("accept", D(2021, 2, 25)),
      ("answer", D(2021, 3, 16), "污水管网接驳已完成并通过验收。"),
      ("rate", D(2021, 3, 17), 4, "")]),
    (LENS, "审批服务", "新建员工宿舍消防验收", "新建员工宿舍已竣工,申请尽快组织消防验收。",
     "portal", D(2021, 4, 12),
     [("assign", D(2021, 4, 12), JS, (), ("workdays", 10)), ("accept", D(2021, 4, 12)),
      ("answer", D(2021, 4, 23), "消防验收已合格,宿舍可投入使用。"),
      ("rate", D(2021, 4, 26), 5, "验收很快,感谢。")]),
    (ZH, "交通出行", "油罐车进出路口设置信号灯", "油罐车进出油库的路口车流量大,请求设置交通信号灯。",
     "phone", D(2021, 4, 28),
     [("assign", D(2021, 4, 28), JH, (), ("workdays", 10)), ("accept", D(2021, 4, 29))]),
    (XJ, "交通出行", "九华大道公交线路延伸至公司", "九华大道公交线路终点距公司约两公里,请求将公交线路延伸至公司。",
     "phone", D(2021, 5, 11), []),
    (LENS, "用工招聘", "暑期工招聘对接", "暑期生产旺季需招聘暑期工500名,请协助对接高校和职业院校。",
     "portal", D(2021, 5, 12),
     [("assign", D(2021, 5, 13), XS, (), ("workdays", 10))]),
    # 岳塘经开区
    (PANLONG, "水电气", "园区灌溉用水供水不稳定", "示范园灌溉用水供水时断时续,影响春季育苗。",
     "portal", D(2021, 1, 20),
     [("assign", D(2021, 1, 20), YUETANG_COMMITTEE, (), ("workdays", 10)), ("accept", D(2021, 1, 21)),
      ("answer", D(2021, 2, 3), "已协调供水单位检修管道,供水恢复稳定。"),
      ("rate", D(2021, 2, 5), 4, "")]),
    (PANLONG, "交通出行", "节假日游客停车难", "盘龙大观园节假日游客多,周边停车位不足,车辆乱停影响通行。",
     "portal", D(2021, 3, 8),
     [("assign", D(2021, 3, 8), YUETANG_COMMITTEE, (), ("workdays", 15)), ("accept", D(2021, 3, 9)),
      ("answer", D(2021, 3, 26), "已协调在景区周边规划临时停车场两处,新增车位600个。"),
      ("rate", D(2021, 3, 29), 5, "")]),
    (PANLONG, "审批服务", "景区观光步道规划许可", "示范园新建观光步道,申请办理规划许可。",
     "portal", D(2021, 2, 22),
     [("assign", D(2021, 2, 22), YUETANG_COMMITTEE, (), ("workdays", 20)), ("accept", D(2021, 2, 23)),
      ("answer", D(2021, 3, 19), "规划许可已办结。"),
      ("rate", D(2021, 3, 22), 4, "")]),
    (PANLONG, "用工招聘", "旅游旺季临时用工招聘", "五一旅游旺季及焰火音乐节期间需临时招聘服务人员100名。",
     "portal", D(2021, 4, 12),
     [("assign", D(2021, 4, 12), YUETANG_COMMITTEE, (), ("workdays", 10)), ("accept", D(2021, 4, 12)),
      ("answer", D(2021, 4, 23), "已通过辖区社区招募临时服务人员112名。"),
      ("rate", D(2021, 4, 26), 5, "")]),
    (PANLONG, "交通出行", "景区公交线路加密班次", "节后游客仍较多,请求加密通往盘龙大观园的公交班次。",
     "portal", D(2021, 5, 10),
     [("assign", D(2021, 5, 10), YUETANG_COMMITTEE, (), ("workdays", 10)), ("accept", D(2021, 5, 11))]),
    # 湘潭高新区
    (GX, "审批服务", "二大桥维修施工围挡占道审批", "湘潭二大桥维修加固工程需设置施工围挡,占用部分人行道,请协助办理占道审批。",
     "visit", D(2021, 1, 25),
     [("assign", D(2021, 1, 25), SM, (), ("workdays", 10)), ("accept", D(2021, 1, 26)),
      ("answer", D(2021, 2, 8), "占道审批已办结,街道同步做好周边居民解释工作。"),
      ("rate", D(2021, 2, 9), 4, "")]),
    (YF, "用工招聘", "招聘普工", "订单增加,需招聘普工30名,请社区协助推荐。",
     "phone", D(2021, 2, 23),
     [("assign", D(2021, 2, 23), SM, (), ("workdays", 10)), ("accept", D(2021, 2, 24)),
      ("answer", D(2021, 3, 5), "华金社区已推荐辖区求职人员26名,其中21名已入职。"),
      ("rate", D(2021, 3, 8), 5, "社区帮了大忙。")]),
    (GX, "水电气", "施工临时用水用电接入", "二大桥维修工程施工临时用水、用电需接入,请协调办理。",
     "visit", D(2021, 3, 2),
     [("assign", D(2021, 3, 2), SM, (), ("workdays", 10)), ("accept", D(2021, 3, 3)),
      ("answer", D(2021, 3, 12), "临时用水、用电已接入。"),
      ("rate", D(2021, 3, 15), 4, "")]),
    (YF, "水电气", "厂区停电频繁", "近一个月厂区停电四次,影响生产,请协调供电部门排查线路。",
     "phone", D(2021, 3, 15),
     [("assign", D(2021, 3, 15), SM, (), ("workdays", 5)), ("accept", D(2021, 3, 16)),
      ("answer", D(2021, 3, 26), "供电公司已更换老化线路,近期未再停电。"),
      ("rate", D(2021, 3, 29), 3, "答复晚了几天。")]),
    (GX, "融资", "创业孵化贷款贴息政策咨询", "园区入驻企业咨询创业孵化贷款贴息政策及申报流程。",
     "visit", D(2021, 4, 8),
     [("assign", D(2021, 4, 8), CF, (), ("workdays", 5)), ("accept", D(2021, 4, 8)),
      ("answer", D(2021, 4, 14), "已将政策文件及申报指南送达企业,并安排专人辅导申报。"),
      ("rate", D(2021, 4, 15), 4, "")]),
    (YF, "交通出行", "员工通勤公交站点较远", "最近的公交站点距厂区约一公里半,员工上下班不便,请求增设站点或调整线路。",
     "phone", D(2021, 4, 19),
     [("assign", D(2021, 4, 19), SM, (), ("workdays", 10)), ("accept", D(2021, 4, 20)),
      ("progress", D(2021, 4, 28), "已向市公交公司提出增设站点建议,等待回复。")]),
    (GX, "交通出行", "二大桥施工期间公交线路临时调整", "二大桥维修施工期间部分公交线路需绕行,请协调公交公司调整线路并公告。",
     "visit", D(2021, 2, 1),
     [("assign", D(2021, 2, 1), SM, (), ("workdays", 10)), ("accept", D(2021, 2, 2)),
      ("answer", D(2021, 2, 19), "公交公司已调整三条线路并发布绕行公告。"),
      ("rate", D(2021, 2, 22), 4, "")]),
    (YF, "用工招聘", "技术工人培训补贴", "公司组织新招技术工人岗前培训,咨询培训补贴申领。",
     "phone", D(2021, 4, 26),
     [("assign", D(2021, 4, 26), CF, (), ("workdays", 10)), ("accept", D(2021, 4, 27)),
      ("answer", D(2021, 5, 12), "已指导企业备齐培训花名册等材料,本月内可申领。")]),
    (YF, "政策兑现", "小微企业稳岗补贴申领", "咨询并申请2020年度小微企业稳岗补贴。",
     "phone", D(2021, 5, 7),
     [("assign", D(2021, 5, 7), CF, (), ("workdays", 10)), ("accept", D(2021, 5, 8))]),
    (GX, "用工招聘", "二大桥工程用工招聘", "二大桥维修工程需招聘钢筋工、混凝土工等40名,请协助发布信息。",
     "visit", D(2021, 5, 12), []),
]


def _at(day: dt.date, kind: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(HOURS[kind], 0))


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _record_users() -> None:
    zones = {z.short_name: z for z in Zone.objects.all()}
    for username, name, role, kind, scope in RECORD_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, name=name, is_demo=True)
            user.set_unusable_password()
            user.save()
        where = {}
        if kind == "zone":
            where["zone"] = zones[scope]
        elif kind == "department":
            where["department"] = Department.objects.get(zone=zones[scope[0]], name=scope[1])
        else:
            where["enterprise"] = Enterprise.objects.get(name=scope)
        RoleAssignment.objects.get_or_create(user=user, role=role, **where)


def _stamped(step):
    """Run one step and date the records it wrote at the step's moment.

    The records' own timestamps (auto_now_add) read the real clock, not yuanqu.common.clock; a history
    loaded today would read as written today. The demo's history must read as of its days."""
    from yuanqu.appeals.models import Appeal, AppealRating, AppealSupervision, AppealTransition
    from yuanqu.inbox.models import InboxMessage

    models = (AppealTransition, AppealRating, AppealSupervision, InboxMessage)
    before = {m: m.objects.aggregate(m=Max("pk"))["m"] or 0 for m in models}
    result = step()
    moment = clock.now()
    for model in models:
        model.objects.filter(pk__gt=before[model]).update(created_at=moment)
    if isinstance(result, Appeal):
        Appeal.objects.filter(pk=result.pk, created_at__gt=moment).update(created_at=moment)
    return result


def _appeal(enterprise_name, category, title, content, channel, filed, spot_answer, steps, reception=None):
    """Take one appeal and walk it through its steps, each under the clock of its day; None when it exists."""
    from yuanqu.appeals import services
    from yuanqu.appeals.models import Appeal, AppealCategory

    enterprise = Enterprise.objects.select_related("zone").get(name=enterprise_name)
    if Appeal.objects.filter(enterprise=enterprise, title=title).exists():
        return None
    zone = enterprise.zone.short_name
    leader = _user(LEADERS[zone])
    owner = _user(ENTERPRISE_USERS[enterprise_name]) if enterprise_name in ENTERPRISE_USERS else None
    departments = {d.name: d for d in Department.objects.filter(zone=enterprise.zone)}
    with frozen(_at(filed, "create")):
        appeal = _stamped(lambda: services.appeal_create(
            actor=owner if channel == "portal" else leader, enterprise=enterprise,
            category=AppealCategory.objects.get(name=category), title=title, content=content, channel=channel,
            spot_answer=spot_answer, reception=reception))
    lead = None
    for kind, day, *args in steps:
        with frozen(_at(day, kind)):
            if kind == "assign":
                lead_name, co, deadline = args
                lead = departments[lead_name]
                spec = {"deadline_kind": deadline[0]}
                if deadline[0] == "workdays":
                    spec["deadline_workdays"] = deadline[1]
                elif deadline[0] == "date":
                    spec["deadline_date"] = deadline[1]
                appeal = _stamped(lambda: services.appeal_assign(
                    actor=leader, appeal=appeal, lead_department=lead, co_departments=[departments[c] for c in co],
                    **spec))
            elif kind in ("accept", "return", "progress", "answer"):
                handler = _user(DEPARTMENT_USERS[lead.name])
                note = args[0] if args else ""
                appeal = _stamped(lambda: services.appeal_act(actor=handler, appeal=appeal, action=kind, note=note))
            elif kind == "close":
                appeal = _stamped(lambda: services.appeal_act(actor=leader, appeal=appeal, action="close", note=args[0]))
            elif kind == "rate":
                level, comment = args
                appeal = _stamped(lambda: services.appeal_rate(actor=owner, appeal=appeal, level=level,
                                                               comment=comment))
            elif kind == "supervise":
                note, deadline = args
                _stamped(lambda: services.appeal_supervise(actor=leader, appeal=appeal, note=note, deadline=deadline))
            else:
                raise ValueError(kind)
    return appeal


def _reception_days():
    """湘潭经开区's settings, hosts and days 1–6; returns the 5th day."""
    from yuanqu.appeals import reception
    from yuanqu.appeals.models import AppealSettings, ReceptionDay, ReceptionHost

    zone = Zone.objects.get(short_name=ZONE)
    leader = _user(LEADERS[ZONE])
    current = AppealSettings.objects.filter(zone=zone).first()
    if current is None or any(getattr(current, k) != v for k, v in RECEPTION_SETTINGS.items()):
        base = current or AppealSettings.defaults(zone)
        fields = {f: getattr(base, f) for f in reception.SETTINGS_FIELDS} | RECEPTION_SETTINGS
        reception.appeal_settings_save(actor=leader, zone=zone, version=current.version if current else 0, **fields)
    for name in HOSTS:
        official = Official.objects.get(zone=zone, name=name)
        if not ReceptionHost.objects.filter(zone=zone, official=official).exists():
            reception.reception_host_add(actor=leader, zone=zone, official=official)
    if not ReceptionDay.objects.filter(zone=zone).exists():
        with frozen(PLANNED_ON):
            reception.reception_plan(actor=leader, zone=zone, count=5)
    for day in ReceptionDay.objects.filter(zone=zone, number__lte=5, status="planned").order_by("number"):
        with frozen(day.date):
            if day.number == 5:
                enterprises = list(Enterprise.objects.filter(name__in=FIFTH_ENTERPRISES))
                day = reception.reception_edit(actor=leader, day=day, version=day.version, date=day.date,
                                               host=day.host, place=day.place, attendees=FIFTH_ATTENDEES,
                                               summary=FIFTH_SUMMARY, status="planned", enterprises=enterprises)
            else:
                day = reception.reception_edit(actor=leader, day=day, version=day.version, date=day.date,
                                               host=day.host, place=day.place, summary=EARLIER_SUMMARY,
                                               status="planned")
            reception.reception_hold(actor=leader, day=day)
    with frozen(TODAY):
        reception.reception_plan(actor=leader, zone=zone, count=1)  # the 6th, in June; nothing if it is there
    return ReceptionDay.objects.get(zone=zone, number=5)


def load_appeals() -> int:
    """Load the reception days and appeals (or leave them as they are); returns the number of appeals."""
    from yuanqu.appeals.models import Appeal

    _record_users()
    fifth = _reception_days()
    for spec in (LENS_DRIVING, LENS_BUS):
        _appeal(*spec, reception=fifth)
    _appeal(*PANLONG_FESTIVAL)
    for enterprise, category, title, content, channel, filed, steps in ILLUSTRATIVE_APPEALS:
        _appeal(enterprise, category, title, content + ILLUSTRATIVE, channel, filed, "", steps)
    return Appeal.objects.count()
