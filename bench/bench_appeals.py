"""Appeals benchmark (issue 4): the similar-appeal lookup and the appeal list at 1,000,000 appeals.

    .venv/bin/python bench/bench_appeals.py                                        # SQLite, 1,000,000 appeals
    YUANQU_DATABASE_URL=postgres://… .venv/bin/python bench/bench_appeals.py       # PostgreSQL (the database is emptied)
    .venv/bin/python bench/bench_appeals.py --appeals 50000 --repeat 10            # a quick run

Generates 200 zones with 20 enterprises each, then `--appeals` appeals through the synthetic
generator (routing history, ratings and similarity postings included); then requests, through
Django's test client, the similar-appeal partial (what the intake form asks while the user types)
as a zone leader and the city viewer, and the appeal list and its search as the city, a zone leader,
a department and an enterprise, printing p50/p95 in ms, the query count and the peak Python memory
of one request. Targets on 2 cores (issue 4): p95 ≤ 50 ms for the lookup, ≤ 100 ms for the list. A
benchmark, not a test: it asserts nothing.
"""

import argparse
import time
from urllib.parse import urlencode

import harness

# What users type: a near-duplicate of a recurring cause, a cause in other words, and a mixed text.
TEXTS = [
    ("similar: duplicate", "厂门前驾考路线调整", "驾考车辆长期在芙蓉大道我司东门前练车,上下班高峰堵车,员工通勤困难。请协调交警大队调整驾考路线。"),
    ("similar: reworded", "新生产线急需接电", "新上的生产线要增容,变压器容量不够,供电公司报装两个月还没有接电。"),
    ("similar: mixed", "招工和宿舍问题", "订单增加需要招聘焊接技术工人,新员工没有宿舍,希望协调人才公寓,并组织专场招聘会。"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--zones", type=int, default=200)
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    connection = harness.setup("appeals.sqlite3", today="2021-05-14")
    from django.urls import reverse

    from yuanqu.accounts.models import RoleAssignment, User
    from yuanqu.appeals.models import Appeal
    from yuanqu.demo.synthetic import generate, generate_appeals

    t0 = time.perf_counter()
    generate(zones=args.zones, enterprises_per_zone=20)
    counts = generate_appeals(total=args.appeals)
    harness.settle(connection)
    print(f"{connection.vendor}: generated {counts} in {time.perf_counter() - t0:.0f}s")

    some = Appeal.objects.filter(lead_department__isnull=False).order_by("-id")[1000]
    city, leader = harness.city_and_leader(some.zone)
    dept = User.objects.create(username="bench_dept")
    RoleAssignment.objects.create(user=dept, role="dept", department=some.lead_department)
    enterprise = User.objects.create(username="bench_enterprise")
    RoleAssignment.objects.create(user=enterprise, role="enterprise", enterprise=some.enterprise)

    similar = reverse("appeals:appeal_similar")
    lookups = [(name, f"{similar}?{urlencode({'title': title, 'content': content})}") for name, title, content in TEXTS]
    harness.time_pages(lookups, [(leader, "leader"), (city, "city"), (enterprise, "ent")], args.repeat)
    print()
    listing = reverse("appeals:appeal_list")
    pages = [
        ("list", listing),
        ("list p.50", f"{listing}?page=50"),
        ("list search", f"{listing}?{urlencode({'q': '驾考路线'})}"),
        ("list open", f"{listing}?open=1"),
    ]
    harness.time_pages(pages, [(city, "city"), (leader, "leader"), (dept, "dept"), (enterprise, "ent")], args.repeat)
    print()
    harness.time_pages([("clusters", reverse("appeals:cluster_list"))], [(city, "city"), (leader, "leader")],
                       max(5, args.repeat // 3))


if __name__ == "__main__":
    main()
