"""The page's projects with their stages and figures.

The page gives stages, capacities, quantities and the bridge's 63%, but few dates. Dates it does not
print are illustrative (marked so in each project's description) and chosen to agree with what it
does say: 创普开业 started 20 working days after signing; 电子信息产业园三期 was signed in August 2020 and
started in September; 电力检测所 is due to complete and start production in August 2021; the bridge
closes for three months and stood at 63% on 5月13日.
"""

import datetime as dt

D = dt.date
ILLUSTRATIVE = "(报道未载明的日期为示意)"

# name, zone, park, enterprise, kind, stage, extra fields, milestones {kind: (planned, actual)}
PROJECTS = [
    {
        "name": "创普开业液晶显示屏生产线项目", "zone": "湘乡经开区", "park": "电子信息产业园一期",
        "enterprise": "湖南创普开业科技有限公司", "kind": "industrial", "stage": "producing",
        "fields": {"capacity_quantity": 2400, "capacity_unit": "万片", "capacity_period": "year",
                   "capacity_product": "液晶显示屏", "is_key": True, "green_channel": True,
                   "description": "液晶显示屏智能化生产线,年产可达2400万片;从签约到开工建设仅用20个工作日,已投产。" + ILLUSTRATIVE},
        # Signed 2020-06-01; the 20th working day after it (with the 端午 holiday of 6月25—26日) is 2020-06-30.
        "milestones": {"signed": (D(2020, 6, 1), D(2020, 6, 1)), "started": (D(2020, 6, 30), D(2020, 6, 30)),
                       "completed": (D(2020, 11, 30), D(2020, 11, 27)), "producing": (D(2020, 12, 31), D(2020, 12, 28))},
        "liaison": True,
    },
    {
        "name": "振添光学玻璃二期项目", "zone": "湘乡经开区", "park": None,
        "enterprise": "湖南振添光学玻璃科技有限公司", "kind": "industrial", "stage": "trial",
        "fields": {"capacity_quantity": 2000, "capacity_unit": "片", "capacity_period": "day",
                   "capacity_product": "中尺寸光学玻璃", "is_key": True,
                   "description": "二期试投产,一条条生产线开足马力,每日可生产2000片中尺寸光学玻璃。" + ILLUSTRATIVE},
        "milestones": {"signed": (None, D(2020, 3, 16)), "started": (None, D(2020, 4, 20)),
                       "completed": (None, D(2021, 3, 31)), "trial": (None, D(2021, 4, 15)),
                       "producing": (D(2021, 6, 30), None)},
        "liaison": True,
    },
    {
        "name": "电子信息产业园一期标准厂房", "zone": "湘乡经开区", "park": "电子信息产业园一期", "enterprise": None,
        "kind": "supporting", "stage": "producing",
        "fields": {"floor_area": 100000, "description": "10万平方米厂房已建成交付使用,其中创普开业已投产。" + ILLUSTRATIVE},
        "milestones": {"completed": (None, D(2020, 5, 29)), "producing": (None, D(2020, 12, 28))},
    },
    {
        "name": "电子信息产业园二期(湘君子电子)", "zone": "湘乡经开区", "park": "电子信息产业园二期", "enterprise": "湘君子电子",
        "kind": "industrial", "stage": "producing",
        "fields": {"description": "二期湘君子电子已竣工投产。" + ILLUSTRATIVE},
        "milestones": {"completed": (None, D(2021, 1, 29)), "producing": (None, D(2021, 3, 1))},
    },
    {
        "name": "电子信息产业园三期", "zone": "湘乡经开区", "park": "电子信息产业园三期", "enterprise": None,
        "kind": "supporting", "stage": "main_works",
        "fields": {"description": "2020年8月份签约,9月份即实现开工建设;正加快主体工程建设。" + ILLUSTRATIVE},
        "milestones": {"signed": (None, D(2020, 8, 18)), "started": (D(2020, 9, 15), D(2020, 9, 15)),
                       "main_works": (None, D(2020, 11, 2)), "completed": (D(2021, 10, 31), None)},
        "liaison": True,
    },
    {
        "name": "电子信息产业园四期", "zone": "湘乡经开区", "park": "电子信息产业园四期", "enterprise": None,
        "kind": "supporting", "stage": "main_works",
        "fields": {"description": "正加快主体工程建设。" + ILLUSTRATIVE},
        "milestones": {"signed": (None, D(2020, 10, 12)), "started": (None, D(2020, 11, 16)),
                       "main_works": (None, D(2021, 1, 11)), "completed": (D(2021, 12, 31), None)},
    },
    {
        "name": "电子信息产业园五期", "zone": "湘乡经开区", "park": "电子信息产业园五期", "enterprise": None,
        "kind": "supporting", "stage": "preliminary",
        "fields": {"description": "完成前期规划设计,正在进行土地报批。" + ILLUSTRATIVE},
        "milestones": {"design": (D(2021, 3, 31), D(2021, 3, 26)), "land": (D(2021, 6, 30), None)},
    },
    {
        "name": "电力科技产业园一期总部办公大楼", "zone": "湘乡经开区", "park": "电力科技产业园一期", "enterprise": None,
        "kind": "supporting", "stage": "completed",
        "fields": {"storeys": 17, "description": "已建成1栋17层的总部办公大楼。" + ILLUSTRATIVE},
        "milestones": {"completed": (None, D(2020, 12, 18))},
    },
    {
        "name": "电力科技产业园一期服务中心大楼", "zone": "湘乡经开区", "park": "电力科技产业园一期", "enterprise": None,
        "kind": "supporting", "stage": "completed",
        "fields": {"storeys": 13, "description": "已建成1栋13层的服务中心大楼。" + ILLUSTRATIVE},
        "milestones": {"completed": (None, D(2020, 12, 18))},
    },
    {
        "name": "电力检测所", "zone": "湘乡经开区", "park": "电力科技产业园一期", "enterprise": None,
        "kind": "industrial", "stage": "main_works",
        "fields": {"description": "预计8月可竣工投产。" + ILLUSTRATIVE},
        "milestones": {"started": (None, D(2020, 9, 7)), "main_works": (None, D(2020, 11, 9)),
                       "completed": (D(2021, 8, 20), None), "producing": (D(2021, 8, 31), None)},
        "liaison": True,
    },
    {
        "name": "湘潭二大桥维修加固工程", "zone": "湘潭高新区", "park": None, "enterprise": "湘潭高新集团",
        "kind": "infrastructure", "stage": "main_works",
        "fields": {
            "is_key": True, "rollup_mode": "equal",
            "progress_override": 63, "progress_override_reason": "湘潭高新集团5月13日通报:已完成总体工程量的63%",
            "window_start": D(2021, 3, 15), "window_end": D(2021, 6, 14),
            "description": "北引桥桥面系整体化改造1.17万平方米:桥面系统凿除、重新铺装,更换病害特别严重的空心板梁,"
                           "加固其余存在病害的空心板梁并修补裂缝。封闭期只有3个月,又正处雨季;"
                           "大桥划成数十个区域同步施工,三班倒24小时作业。" + ILLUSTRATIVE,
        },
        "milestones": {"started": (D(2021, 3, 15), D(2021, 3, 15)), "main_works": (None, D(2021, 3, 22)),
                       "completed": (D(2021, 6, 14), None)},
        # name, unit, total, done, note — totals the page does not give are left blank.
        "subworks": [
            ("桥面砼破除", "联", None, 6, "左幅第六联破除完成(设计量未见报道,不计入汇总)"),
            ("桥面砼浇筑", "%", 100, 50, "右幅浇筑完成,完成量50%"),
            ("接缝处理", "%", 100, 60, "完成量60%"),
            ("吊架搭设", "跨", 51, 30, "完成30跨,完成量59%"),
            ("碳板张拉", "樑架", None, 84, "完成84樑架(设计量未见报道,不计入汇总)"),
            ("顶升更换支座", "跨", 51, 28, "完成28跨,完成量55%"),
            ("东、西匝道异形箱梁浇筑", "%", 100, 95, "基本完成(按95%计)"),
        ],
        # Progress as reported along the way (illustrative but for the 63% of 5月13日).
        "progress": [(D(2021, 4, 1), 22), (D(2021, 4, 15), 36), (D(2021, 4, 29), 49), (D(2021, 5, 13), 63)],
    },
]
