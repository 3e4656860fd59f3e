"""Projects benchmark (issue 3): the ledger, a project's page, the kanban and the dispatch pack at
province scale.

    .venv/bin/python bench/bench_projects.py                                       # SQLite, 50,000 projects, 2,500,000 weekly reports
    YUANQU_DATABASE_URL=postgres://… .venv/bin/python bench/bench_projects.py      # PostgreSQL (the database is emptied)
    .venv/bin/python bench/bench_projects.py --per-zone 25 --reports 5             # a quick run

Generates 200 zones (with a few enterprises each) and `--per-zone` projects in each, with milestones,
sub-works, progress records and `--reports` weekly reports per project, through the synthetic
generator; then requests each page through Django's test client as the city viewer (every zone) and
a zone leader (one zone), printing p50/p95 in ms, the query count and the peak Python memory of one
request. Targets on 2 cores (issue 3): p95 ≤ 100 ms for the ledger, detail and kanban, ≤ 300 ms for
the pack. A benchmark, not a test: it asserts only that each page answers 200.
"""

import argparse
import time

import harness


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--zones", type=int, default=200)
    parser.add_argument("--per-zone", type=int, default=250)
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    connection = harness.setup("projects.sqlite3", today="2021-05-14")
    from django.urls import reverse

    from yuanqu.demo.synthetic import generate, generate_projects
    from yuanqu.projects.models import Project

    t0 = time.perf_counter()
    generate(zones=args.zones, enterprises_per_zone=20)
    counts = generate_projects(per_zone=args.per_zone, reports_per_project=args.reports)
    harness.settle(connection)
    print(f"{connection.vendor}: generated {counts} in {time.perf_counter() - t0:.0f}s")

    some = Project.objects.order_by("id")[len(Project.objects.all()[:1000]) // 2]
    city, leader = harness.city_and_leader(some.zone)
    pages = [
        ("ledger", reverse("projects:project_list")),
        ("ledger p.40", reverse("projects:project_list") + "?page=40"),
        ("ledger by stage", reverse("projects:project_list") + "?stage=main_works"),
        ("project page", reverse("projects:project_detail", args=[some.pk])),
        ("kanban", reverse("projects:project_kanban")),
        ("timeline", reverse("projects:project_timeline")),
    ]
    pages += _dispatch_pack_url(some.zone, leader)
    harness.time_pages(pages, [(city, "city"), (leader, "leader")], args.repeat)


def _dispatch_pack_url(zone, leader):
    """The bench zone's May 2021 pack, comparing against an April meeting held with a snapshot, and
    carrying an open task (issue 3, item 5)."""
    import datetime as dt

    from django.urls import reverse

    from yuanqu.dispatch import services as dispatch

    april = dispatch.meeting_create(actor=leader, zone=zone, month=dt.date(2021, 4, 1), held_on=dt.date(2021, 4, 14))
    dispatch.meeting_hold(actor=leader, meeting=april)
    dispatch.task_create(actor=leader, meeting=april, content="协调解决用电报装", deadline=dt.date(2021, 4, 30),
                         owner_other="供电公司")
    may = dispatch.meeting_create(actor=leader, zone=zone, month=dt.date(2021, 5, 1), held_on=dt.date(2021, 5, 14))
    return [("dispatch pack", reverse("dispatch:meeting_detail", args=[may.pk])),
            ("dispatch .docx", reverse("dispatch:meeting_docx", args=[may.pk]))]


if __name__ == "__main__":
    main()
