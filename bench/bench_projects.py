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
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--zones", type=int, default=200)
    parser.add_argument("--per-zone", type=int, default=250)
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("YUANQU_SECRET_KEY", "bench-" + "b" * 60)
    os.environ.setdefault("YUANQU_SSL_REDIRECT", "false")
    os.environ["YUANQU_VAR_DIR"] = str(ROOT / "var" / "bench")
    os.environ["YUANQU_TODAY"] = "2021-05-14"
    if not os.environ.get("YUANQU_DATABASE_URL"):
        db = ROOT / "var" / "bench" / "projects.sqlite3"
        db.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        os.environ["YUANQU_DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "yuanqu.settings"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import NoReverseMatch, reverse

    setup_test_environment()
    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)

    from yuanqu.accounts.models import RoleAssignment, User
    from yuanqu.demo.synthetic import generate, generate_projects
    from yuanqu.projects.models import Project

    t0 = time.perf_counter()
    generate(zones=args.zones, enterprises_per_zone=20)
    counts = generate_projects(per_zone=args.per_zone, reports_per_project=args.reports)
    with connection.cursor() as c:
        c.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    print(f"{connection.vendor}: generated {counts} in {time.perf_counter() - t0:.0f}s")
    # A server process holds none of the generator's objects: collect them, so that the timings do not
    # include garbage collections over data a real worker would never have had.
    import gc

    gc.collect()
    gc.freeze()

    some = Project.objects.order_by("id")[len(Project.objects.all()[:1000]) // 2]
    zone = some.zone
    city = User.objects.create(username="bench_city")
    RoleAssignment.objects.create(user=city, role="city")
    leader = User.objects.create(username="bench_leader")
    RoleAssignment.objects.create(user=leader, role="leader", zone=zone)

    pages = [
        ("ledger", reverse("projects:project_list")),
        ("ledger p.40", reverse("projects:project_list") + "?page=40"),
        ("ledger by stage", reverse("projects:project_list") + "?stage=main_works"),
        ("project page", reverse("projects:project_detail", args=[some.pk])),
        ("kanban", reverse("projects:project_kanban")),
    ]
    for label, name, kwargs in (("timeline", "projects:project_timeline", {}),):
        try:
            pages.append((label, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            pass
    pages += _dispatch_pack_url(zone, leader)

    print(f"{'page':<18}{'user':<8}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'peak MB':>9}")
    for user, label in ((city, "city"), (leader, "leader")):
        client = Client()
        client.force_login(user)
        for name, url in pages:
            response = client.get(url)  # warm
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            executed = []  # counted at the driver, whatever resets Django's query log between requests
            with connection.execute_wrapper(lambda execute, sql, params, many, context: (executed.append(sql), execute(sql, params, many, context))[1]):
                client.get(url)
            tracemalloc.start()
            client.get(url)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            status = response.status_code
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            note = "" if status == 200 else f"  (status {status})"
            print(f"{name:<18}{label:<8}{statistics.median(times):>9.1f}{p95:>9.1f}{len(executed):>9}{peak / 2**20:>9.1f}{note}")


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
