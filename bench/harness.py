"""What every benchmark shares: a fresh database, fresh statistics, a city viewer and a zone leader,
and the timing table (p50/p95 in ms, queries and peak Python memory of one request)."""

import gc
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(sqlite_name: str, today: str | None = None):
    """Django on an empty database: a new SQLite file under var/bench/, or the PostgreSQL of
    YUANQU_DATABASE_URL with its public schema dropped and made anew (give the benchmark a database
    of its own). Returns the connection."""
    os.environ.setdefault("YUANQU_SECRET_KEY", "bench-" + "b" * 60)
    os.environ.setdefault("YUANQU_SSL_REDIRECT", "false")
    os.environ["YUANQU_VAR_DIR"] = str(ROOT / "var" / "bench")
    if today:
        os.environ["YUANQU_TODAY"] = today
    if not os.environ.get("YUANQU_DATABASE_URL"):
        db = ROOT / "var" / "bench" / sqlite_name
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
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    return connection


def settle(connection) -> None:
    """Fresh statistics (and on PostgreSQL a visibility map for index-only scans), as a database in
    use would have; and no generator garbage left for the collector to walk during the timings."""
    with connection.cursor() as c:
        c.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    gc.collect()
    gc.freeze()


def city_and_leader(zone):
    from yuanqu.accounts.models import RoleAssignment, User

    city = User.objects.create(username="bench_city")
    RoleAssignment.objects.create(user=city, role="city")
    leader = User.objects.create(username="bench_leader")
    RoleAssignment.objects.create(user=leader, role="leader", zone=zone)
    return city, leader


def time_pages(pages, users, repeat: int) -> None:
    """Print one row per page and user: p50, p95, the queries of one request (counted at the driver,
    since Django clears its query log when a request starts) and its peak Python memory."""
    from django.db import connection
    from django.test import Client

    # As a gunicorn worker does after loading (yuanqu/gunicorn_conf.py): warm every page once, then
    # freeze what is alive, so full garbage collections walk only what requests create.
    for user, _ in users:
        client = Client()
        client.force_login(user)
        for _, url in pages:
            client.get(url)
    gc.collect()
    gc.freeze()
    width = max(len(name) for name, _ in pages) + 2
    print(f"{'page':<{width}}{'user':<8}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'peak MB':>9}")
    for user, label in users:
        client = Client()
        client.force_login(user)
        for name, url in pages:
            response = client.get(url)  # warm
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            executed = []
            with connection.execute_wrapper(lambda execute, sql, params, many, context: (executed.append(sql), execute(sql, params, many, context))[1]):
                client.get(url)
            tracemalloc.start()
            client.get(url)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            note = "" if response.status_code == 200 else f"  (status {response.status_code})"
            print(f"{name:<{width}}{label:<8}{statistics.median(times):>9.1f}{p95:>9.1f}{len(executed):>9}{peak / 2**20:>9.1f}{note}")
