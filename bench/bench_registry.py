"""Registry benchmark: the enterprise ledger at province scale.

    .venv/bin/python bench/bench_registry.py --zones 200 --per-zone 5000           # 1,000,000 enterprises, SQLite
    YUANQU_DATABASE_URL=postgres://… .venv/bin/python bench/bench_registry.py …     # the same on PostgreSQL

Builds a fresh database (see harness.setup), fills it with the synthetic generator, then requests each
page through Django's test client as a city viewer (sees everything) and a zone leader (one zone),
printing p50/p95 in ms, the query count and the peak memory of each. A benchmark, not a test.
"""

import argparse
import time

import harness


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--zones", type=int, default=200)
    parser.add_argument("--per-zone", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    connection = harness.setup("bench.sqlite3")
    from yuanqu.demo.synthetic import generate
    from yuanqu.registry.models import Enterprise, Zone

    t0 = time.perf_counter()
    counts = generate(zones=args.zones, enterprises_per_zone=args.per_zone)
    harness.settle(connection)
    print(f"{connection.vendor}: generated {counts} in {time.perf_counter() - t0:.1f}s")

    zone = Zone.objects.order_by("id")[len(Zone.objects.all()) // 2]
    city, leader = harness.city_and_leader(zone)
    some = Enterprise.objects.filter(zone=zone).order_by("id")[min(10, args.per_zone - 1)]
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
    harness.time_pages(pages, [(city, "city"), (leader, "leader")], args.repeat)


if __name__ == "__main__":
    main()
