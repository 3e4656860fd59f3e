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
