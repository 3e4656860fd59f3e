"""The Xiangtan demo: the facts of the newspaper page (湘潭日报 园区版, May 2021), spelled as printed.

Only what the page says is here. Where the product needs a value the page does not give (a zone's
level, a department's kind), the value is marked in a comment; no credit codes are invented for the
real enterprises named on the page.
"""

# (name, short_name, english_name, level, kind, slogan, hotline) — slogans and hotlines from the
# page's 合作园区 box. Levels and kinds are the zones' public designations, not printed on the page.
ZONES = [
    ("湘潭高新区", "湘潭高新区", "Xiang Tan High-Tech Zone", "national", "high_tech", "", ""),
    ("湘潭经开区", "湘潭经开区", "", "national", "economic", "大美九华 创业之家", ""),
    ("湘潭昭山示范区", "昭山示范区", "", "provincial", "demonstration", "生态绿谷 创意之都", ""),
    ("雨湖高新区", "雨湖高新区", "", "provincial", "high_tech", "长潭腹地 产业新城", "0731-55556789"),
    ("天易经经开区", "天易示范区", "Tianyi Demonstration Zone in Xiangtan", "provincial", "demonstration",
     "创新服务基地 生态工业新区", "0731-57572222"),
    ("湖南湘乡经济开发区", "湘乡经开区", "XXJKQ", "provincial", "economic", "实力园区 活力园区 魅力园区", "0731-56568888"),
    ("湖南湘潭岳塘经济开发区", "岳塘经开区", "", "provincial", "economic", "打造湖南商贸第一区", "52688088"),
]

# (zone short name, park name, parent park name or None, phase, industry, description)
PARKS = [
    ("湘乡经开区", "电力科技产业园", None, None, "电力",
     "湖南省的一张产业名片,2020年税收达到3.25亿元。累计引进方园电力、大力电力等电力设备制造企业和湘乡电力、腾达电力等电力施工企业共计42家。"),
    ("湘乡经开区", "电力科技产业园一期", "电力科技产业园", 1, "电力",
     "已建成1栋17层的总部办公大楼和1栋13层的服务中心大楼,湘乡电力、泰湘电力等11家电力企业产业楼建成运行,电力检测所预计8月可竣工投产。"),
    ("湘乡经开区", "电子信息产业园", None, None, "电子信息",
     "目前共引进湘君电子、维泰科技、宜合兴、新天源等入园企业16家,合同引进资金达30亿元。"),
    ("湘乡经开区", "电子信息产业园一期", "电子信息产业园", 1, "电子信息", "10万平方米厂房已建成交付使用,其中创普开业已投产。"),
    ("湘乡经开区", "电子信息产业园二期", "电子信息产业园", 2, "电子信息", "湘君子电子已竣工投产。"),
    ("湘乡经开区", "电子信息产业园三期", "电子信息产业园", 3, "电子信息", "2020年8月份签约,9月份即实现开工建设;正加快主体工程建设。"),
    ("湘乡经开区", "电子信息产业园四期", "电子信息产业园", 4, "电子信息", "正加快主体工程建设。"),
    ("湘乡经开区", "电子信息产业园五期", "电子信息产业园", 5, "电子信息", "完成前期规划设计,正在进行土地报批。"),
    ("昭山示范区", "湘潭昭山国家级文化产业园", None, None, "文化创意",
     "园内七星村、红旗村的桥柱、墙壁、内部道路等立面面向社会征集户外彩绘作品。微信公众号:昭山文化产业园。"),
]

# (zone short name, department name, kind)
DEPARTMENTS = [
    ("湘潭经开区", "区建设局", "office"),
    ("湘潭经开区", "九华交警大队", "stationed"),
    ("湘潭经开区", "响水乡", "subdistrict"),
    ("湘潭高新区", "湘潭国家高新技术创业服务中心", "service"),
    ("湘潭高新区", "双马街道", "subdistrict"),
    ("昭山示范区", "湘潭昭山文化产业园管委会", "office"),
    ("天易示范区", "天易经经开区团工委", "office"),
    # The committee 盘龙 thanked with its banner, as the page names it; it handled the festival's approvals.
    ("岳塘经开区", "岳塘经开区党工委、管委会", "office"),
    # The departments that grant the approvals of the demo's cases (联合审批). The page names none of them:
    # these are generic names of the usual units, illustrative. 湘乡经开区's projects go to 湘乡市's bureaus;
    # 盘龙's festival went to the city's and 岳塘区's public security, fire, traffic and market units.
    ("湘乡经开区", "湘乡市发展和改革局", "city"),
    ("湘乡经开区", "湘乡市自然资源局", "city"),
    ("湘乡经开区", "湘乡市住房和城乡建设局", "city"),
    ("湘乡经开区", "湘潭市生态环境局湘乡分局", "city"),
    ("湘乡经开区", "湘乡市应急管理局", "city"),
    ("湘乡经开区", "湘乡市水利局", "city"),
    ("岳塘经开区", "湘潭市公安局岳塘分局", "city"),
    ("岳塘经开区", "岳塘区消防救援大队", "city"),
    ("岳塘经开区", "岳塘交警大队", "stationed"),
    ("岳塘经开区", "岳塘区市场监督管理局", "city"),
]

# (zone short name, park name or None, enterprise name, industry, scale, note)
ENTERPRISES = [
    ("湘乡经开区", "电子信息产业园一期", "湖南创普开业科技有限公司", "电子信息", "above",
     "液晶显示屏智能化生产线,年产可达2400万片;从签约到开工建设仅用20个工作日;已投产。"),
    ("湘乡经开区", None, "湖南振添光学玻璃科技有限公司", "光学玻璃", "above",
     "二期试投产,每日可生产2000片中尺寸光学玻璃。"),
    ("湘乡经开区", "电子信息产业园二期", "湘君子电子", "电子信息", "below", "已竣工投产。报道中亦写作“湘君电子”。"),
    ("湘乡经开区", "电子信息产业园", "维泰科技", "电子信息", "below", ""),
    ("湘乡经开区", "电子信息产业园", "宜合兴", "电子信息", "below", ""),
    ("湘乡经开区", "电子信息产业园", "新天源", "电子信息", "below", ""),
    ("湘乡经开区", "电力科技产业园一期", "湘乡电力", "电力施工", "below", "产业楼建成运行。"),
    ("湘乡经开区", "电力科技产业园一期", "泰湘电力", "电力", "below", "产业楼建成运行。"),
    ("湘乡经开区", "电力科技产业园", "方园电力", "电力设备制造", "below", ""),
    ("湘乡经开区", "电力科技产业园", "大力电力", "电力设备制造", "below", ""),
    ("湘乡经开区", "电力科技产业园", "腾达电力", "电力施工", "below", ""),
    ("湘潭经开区", None, "蓝思科技(湘潭)有限公司", "电子信息", "above",
     "第5期“亲商优商企业接待日”提出调整厂门前驾考路线、延长市内公交车线路到公司的诉求。"),
    ("湘潭经开区", None, "湖南百年七星不锈钢制品有限公司", "金属制品", "below", "第5期“亲商优商企业接待日”接待企业。"),
    ("湘潭经开区", None, "中华石油湖南有限公司", "石油销售", "below", "第5期“亲商优商企业接待日”接待企业。"),
    ("湘潭经开区", None, "湖南迅佳科技有限公司", "科技服务", "below", "第5期“亲商优商企业接待日”接待企业。"),
    ("岳塘经开区", None, "湘潭盘龙生态农业示范园有限公司", "文化旅游", "below",
     "盘龙大观园;5月1日至4日举办首届国际焰火音乐节;5月7日向岳塘经开区赠送锦旗“真情暖企 贴心服务 优化营商 保驾护航”。"),
    ("湘潭高新区", None, "湘潭高新集团", "园区开发建设", "above", "湘潭二大桥维修加固工程建设单位。"),
    ("湘潭高新区", None, "永霏公司", "", "below", "双马街道华金社区辖区企业。"),
]

# (zone short name, department name or None, name, position as printed, unit, sort order)
OFFICIALS = [
    ("湘潭经开区", None, "胡海军", "湘潭经开区党委书记", "", 1),
    ("湘潭经开区", None, "黄韧", "湘潭经开区党工委副书记、管委会主任", "", 2),
    ("岳塘经开区", None, "刘小伟", "岳塘经开区党工委委员、管委会副主任", "", 1),
    ("湘潭经开区", None, "杨德明", "工程师", "市林业局林业综合服务中心", 20),
    ("湘潭高新区", "双马街道", "李委烨", "华金社区党总支书记", "双马街道华金社区", 20),
]

DEMO_PASSWORD = "Demo@2021"

# (username, display name, role, scope kind, scope name) — one account per role, and for appeals the
# parties of the page's stories: 湘潭经开区's reception day (its leader, the two departments, 蓝思) and
# 盘龙's festival (岳塘经开区's leader, 盘龙, and the agency officer who handled its approvals).
ACCOUNTS = [
    ("city", "市园区办(演示)", "city", None, None),
    ("leader", "湘乡经开区领导(演示)", "leader", "zone", "湘乡经开区"),
    ("xtleader", "湘潭经开区领导(演示)", "leader", "zone", "湘潭经开区"),
    ("ytleader", "岳塘经开区领导(演示)", "leader", "zone", "岳塘经开区"),
    ("dept", "区建设局工作人员(演示)", "dept", "department", ("湘潭经开区", "区建设局")),
    ("jiuhua", "九华交警大队工作人员(演示)", "dept", "department", ("湘潭经开区", "九华交警大队")),
    # The department that reviews 电子信息产业园五期's 环评 (overdue on the demo's day): its queue and steps.
    ("xxhb", "生态环境局湘乡分局工作人员(演示)", "dept", "department", ("湘乡经开区", "湘潭市生态环境局湘乡分局")),
    ("liaison", "项目联点责任人(演示)", "liaison", "zone", "湘乡经开区"),
    ("agent", "代办员(演示)", "agent", "zone", "湘乡经开区"),
    ("ytagent", "岳塘经开区代办员(演示)", "agent", "zone", "岳塘经开区"),
    ("investor", "招商专班(演示)", "investor", "zone", "湘乡经开区"),
    ("enterprise", "蓝思科技(演示)", "enterprise", "enterprise", "蓝思科技(湘潭)有限公司"),
    ("panlong", "盘龙生态农业(演示)", "enterprise", "enterprise", "湘潭盘龙生态农业示范园有限公司"),
    ("mentor", "创业导师(演示)", "mentor", "zone", "湘潭高新区"),
    ("clerk", "统计员(演示)", "clerk", "zone", "湘乡经开区"),
    ("sysadmin", "系统管理员(演示)", "sysadmin", None, None),
    ("secadmin", "安全管理员(演示)", "secadmin", None, None),
    ("auditor", "审计管理员(演示)", "auditor", None, None),
]
