"""Economic indicators benchmark (issue 5): the leader cockpit and the values list at province scale.

    .venv/bin/python bench/bench_indicators.py                                      # SQLite, full scale
    YUANQU_DATABASE_URL=postgres://… .venv/bin/python bench/bench_indicators.py     # PostgreSQL (the database is emptied)
    .venv/bin/python bench/bench_indicators.py --zones 20 --years 2 --repeat 5      # a quick run

Generates 200 zones (100 enterprises each) with 10 years of monthly figures for 30 indicators
(200 × 120 × 30 = 720,000 zone figures, cumulative or the month's own, through
demo.synthetic.generate_indicators), 200,000 enterprise figures (20,000 enterprises × 10 quarters of
营业收入), and what the cockpit also reads: projects (`--projects-per-zone`, 250: 50,000 projects with
their milestones and stored lights) and appeals (`--appeals`, 200,000 with their routing). Then requests, through
Django's test client, the cockpit as the city (all zones and one zone) and as a zone leader, and the
values list as the city (first page, page 50, filtered by indicator and period, a search) and as the
leader (first page, filtered), printing p50/p95 in ms, the query count and the peak Python memory of
one request. Targets on 2 cores (issue 5): p95 ≤ 300 ms for the cockpit, ≤ 100 ms for the list.
A benchmark, not a test: it asserts nothing.
"""

import argparse
import time
from urllib.parse import urlencode

import harness


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--zones", type=int, default=200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--enterprise-figures", type=int, default=200_000)
    parser.add_argument("--projects-per-zone", type=int, default=250)
    parser.add_argument("--appeals", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    connection = harness.setup("indicators.sqlite3", today="2021-05-14")
    from django.apps import apps
    from django.urls import reverse

    from yuanqu.demo.synthetic import generate_appeals, generate_indicators, generate_projects
    from yuanqu.indicators.models import Indicator, IndicatorValue
    from yuanqu.registry.models import Zone

    t0 = time.perf_counter()
    counts = generate_indicators(zones=args.zones, years=args.years, indicators=args.indicators,
                                 enterprise_figures=args.enterprise_figures)
    t1 = time.perf_counter()
    print(f"{connection.vendor}: indicators {counts} in {t1 - t0:.0f}s")
    if args.projects_per_zone:
        projects = generate_projects(per_zone=args.projects_per_zone)
        if apps.is_installed("yuanqu.supervision"):  # the lights the cockpit counts, as the tick stores them
            from yuanqu.supervision.services import lights_refresh

            projects.update(lights_refresh())
        t2 = time.perf_counter()
        print(f"{connection.vendor}: projects {projects} in {t2 - t1:.0f}s")
        t1 = t2
    if args.appeals:
        appeals = generate_appeals(total=args.appeals)
        print(f"{connection.vendor}: appeals {appeals} in {time.perf_counter() - t1:.0f}s")
    harness.settle(connection)
    print(f"{connection.vendor}: {IndicatorValue.objects.count():,} indicator values, "
          f"{Zone.objects.count()} zones; generated in {time.perf_counter() - t0:.0f}s")

    zone = Zone.objects.order_by("id")[min(17, args.zones - 1)]
    city, leader = harness.city_and_leader(zone)
    tax = Indicator.objects.get(code="SJSJ")

    cockpit = reverse("indicators:cockpit")
    print()
    harness.time_pages([("cockpit", cockpit), ("cockpit one zone", f"{cockpit}?{urlencode({'zone': zone.pk})}")],
                       [(city, "city"), (leader, "leader")], args.repeat)
    listing = reverse("indicators:value_list")
    print()
    harness.time_pages([
        ("list", listing),
        ("list p.50", f"{listing}?page=50"),
        ("list indicator+period", f"{listing}?{urlencode({'indicator': tax.pk, 'period': '2021-03'})}"),
        ("list search", f"{listing}?{urlencode({'q': '上缴税金'})}"),
    ], [(city, "city"), (leader, "leader")], args.repeat)

if __name__ == "__main__":
    main()
