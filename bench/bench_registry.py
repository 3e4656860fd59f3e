"""Registry benchmark: the enterprise ledger at province scale.

    .venv/bin/python bench/bench_registry.py --zones 200 --per-zone 5000           # 1,000,000 enterprises, SQLite
    YUANQU_DATABASE_URL=postgres://… .venv/bin/python bench/bench_registry.py …     # the same on PostgreSQL

Builds a fresh database under var/bench/ (SQLite) or uses the given PostgreSQL database (its public
schema is dropped and made anew: give it a database of its own), fills it with the synthetic generator, then requests each page through Django's test
client as a city viewer (sees everything) and a zone leader (one zone), printing p50/p95 in ms and the
query count of each. A benchmark, not a test: it asserts nothing and is not part of `make test`.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--zones", type=int, default=200)
    parser.add_argument("--per-zone", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    os.environ.setdefault("YUANQU_SECRET_KEY", "bench-" + "b" * 60)
    os.environ.setdefault("YUANQU_SSL_REDIRECT", "false")
    os.environ["YUANQU_VAR_DIR"] = str(ROOT / "var" / "bench")
    if not os.environ.get("YUANQU_DATABASE_URL"):
        db = ROOT / "var" / "bench" / "bench.sqlite3"
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
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    if connection.vendor == "postgresql":
        # Start from an empty schema: the benchmark owns this database.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)

    from yuanqu.accounts.models import RoleAssignment, User
    from yuanqu.demo.synthetic import generate
    from yuanqu.registry.models import Enterprise, Zone

    t0 = time.perf_counter()
    counts = generate(zones=args.zones, enterprises_per_zone=args.per_zone)
    with connection.cursor() as c:
        # Fresh statistics (and, on PostgreSQL, a visibility map for index-only scans), as a
        # database that has been in use would have.
        c.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    print(f"{connection.vendor}: generated {counts} in {time.perf_counter() - t0:.1f}s")

    zone = Zone.objects.order_by("id")[len(Zone.objects.all()) // 2]
    city = User.objects.create(username="bench_city")
    RoleAssignment.objects.create(user=city, role="city")
    leader = User.objects.create(username="bench_leader")
    RoleAssignment.objects.create(user=leader, role="leader", zone=zone)
    some = Enterprise.objects.filter(zone=zone).order_by("id")[10]

    pages = [
        ("enterprise list", "/registry/enterprises/"),
        ("enterprise list p.50", "/registry/enterprises/?page=50"),
        ("enterprise search", "/registry/enterprises/?q=" + some.name[2:4]),
        ("enterprise by park", f"/registry/enterprises/?park={some.park_id or ''}"),
        ("enterprise detail", f"/registry/enterprises/{some.pk}/"),
        ("zone list", "/registry/zones/"),
        ("official list", "/registry/officials/"),
        ("home", "/"),
    ]
    print(f"{'page':<24}{'user':<8}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for user, label in ((city, "city"), (leader, "leader")):
        client = Client()
        client.force_login(user)
        for name, url in pages:
            client.get(url)  # warm
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"{name:<24}{label:<8}{statistics.median(times):>9.1f}{p95:>9.1f}{len(ctx.captured_queries):>9}")


if __name__ == "__main__":
    main()
