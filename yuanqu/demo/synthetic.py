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
