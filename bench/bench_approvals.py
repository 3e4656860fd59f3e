"""Joint approvals benchmark (issue 6): the case board, the queues, a case's page and its plan, and the
critical path, at 50,000 projects with 13 approval items each.

    .venv/bin/python bench/bench_approvals.py                                       # SQLite, 50,000 cases, 650,000 items
    YUANQU_DATABASE_URL=postgres://… .venv/bin/python bench/bench_approvals.py      # PostgreSQL (the database is emptied)
    .venv/bin/python bench/bench_approvals.py --zones 20 --repeat 5                 # a quick run

Generates 200 zones (20 enterprises each) and `--per-zone` projects in each through the synthetic
generator, then one approval case per project with `--items` catalogue items each (demo.synthetic.
generate_approvals: items in mixed states with their clocks, 补正 pauses and commitment checks, the
三个提前 checklist, and the logged steps of a `--transitions` share of the cases). Then requests,
through Django's test client, the board (approvals:case_list) as the city (first page, page 50, the
有逾期 filter, a search), as a zone leader and as an agency officer; the queue as the agent and as a
department; one case's page and its plan page; printing p50/p95 in ms, the query count and the peak
Python memory of one request. Last, planning.case_plan on one 13-item case directly (the critical
path alone, and with the reads that feed it). Targets on 2 cores (issue 6): p95 ≤ 100 ms for the
board, ≤ 50 ms for one project's critical path. A benchmark, not a test: it asserts nothing.
"""

import argparse
import statistics
import time
import tracemalloc
from urllib.parse import urlencode

import harness


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--zones", type=int, default=200)
    parser.add_argument("--per-zone", type=int, default=250)
    parser.add_argument("--items", type=int, default=13)
    parser.add_argument("--transitions", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    connection = harness.setup("approvals.sqlite3", today="2021-05-14")
    from django.urls import reverse

    from yuanqu.accounts.models import RoleAssignment, User
    from yuanqu.approvals.models import ApprovalCase, CaseItem
    from yuanqu.demo.synthetic import generate, generate_approvals, generate_projects
    from yuanqu.registry.models import Department, Zone

    t0 = time.perf_counter()
    generate(zones=args.zones, enterprises_per_zone=20)
    projects = generate_projects(per_zone=args.per_zone)
    t1 = time.perf_counter()
    print(f"{connection.vendor}: projects {projects} in {t1 - t0:.0f}s")
    counts = generate_approvals(projects=args.zones * args.per_zone, items_per_project=args.items,
                                transitions=args.transitions)
    print(f"{connection.vendor}: approvals {counts} in {time.perf_counter() - t1:.0f}s")
    harness.settle(connection)
    print(f"{connection.vendor}: {ApprovalCase.objects.count():,} cases, {CaseItem.objects.count():,} items; "
          f"generated in {time.perf_counter() - t0:.0f}s")

    zone = Zone.objects.order_by("id")[min(17, args.zones - 1)]
    city, leader = harness.city_and_leader(zone)
    agent = User.objects.get(username=f"synthetic_agent_{zone.pk}")
    department = Department.objects.get(zone=zone, name=f"{zone.short_name}建设局")
    dept = User.objects.create(username="bench_dept")
    RoleAssignment.objects.create(user=dept, role="dept", department=department)
    # A case still under way, with its steps logged: the page a leader opens most.
    case = (ApprovalCase.objects.filter(zone=zone, items_running__gt=0, items__transitions__isnull=False)
            .order_by("-opened_on", "-id").first()
            or ApprovalCase.objects.filter(zone=zone).order_by("-opened_on", "-id").first())

    board = reverse("approvals:case_list")
    some_project = case.project.name if case.project_id else case.title
    print()
    harness.time_pages([
        ("board", board),
        ("board p.50", f"{board}?page=50"),
        ("board 有逾期", f"{board}?{urlencode({'status': 'overdue'})}"),
        ("board search", f"{board}?{urlencode({'q': some_project[-7:]})}"),
    ], [(city, "city")], args.repeat)
    print()
    harness.time_pages([("board", board), ("board 有逾期", f"{board}?{urlencode({'status': 'overdue'})}")],
                       [(leader, "leader"), (agent, "agent"), (dept, "dept")], args.repeat)
    print()
    report = reverse("approvals:timeliness")
    harness.time_pages([("signing→start", report), ("signing→start 2021", f"{report}?year=2021")],
                       [(city, "city"), (leader, "leader")], args.repeat)
    print()
    queue = reverse("approvals:queue")
    harness.time_pages([("queue", queue)], [(agent, "agent"), (dept, "dept"), (leader, "leader")], args.repeat)
    print()
    harness.time_pages([
        ("case page", reverse("approvals:case_detail", args=[case.pk])),
        ("case plan", reverse("approvals:case_plan", args=[case.pk])),
    ], [(leader, "leader"), (agent, "agent")], args.repeat)
    print()
    critical_path(case, max(50, args.repeat * 5))


def critical_path(case, repeat: int) -> None:
    """planning.case_plan on the case: alone (its items and edges read once), and with those reads."""
    import datetime as dt

    from django.db import connection

    from yuanqu.approvals import planning, selectors
    from yuanqu.approvals.models import CaseItem

    today = dt.date(2021, 5, 14)

    def reads():
        items = list(CaseItem.objects.filter(case=case).select_related("item"))
        return items, selectors.prerequisite_edges([ci.item_id for ci in items])

    items, edges = reads()

    def plan_only():
        return planning.case_plan(case, items, edges, today)

    def with_reads():
        rows, graph = reads()
        return planning.case_plan(case, rows, graph, today)

    plan = plan_only()
    print(f"critical path of {case.number} ({len(items)} items): {' → '.join(ci.item.name for ci in plan.chain)}; "
          f"planned start {plan.planned_start}, forecast {plan.forecast_start}")
    print(f"{'function':<26}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'peak MB':>9}")
    for name, func in (("case_plan", plan_only), ("case_plan + reads", with_reads)):
        func()  # warm
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            func()
            times.append((time.perf_counter() - start) * 1000)
        executed = []
        with connection.execute_wrapper(lambda execute, sql, params, many, context: (executed.append(sql), execute(sql, params, many, context))[1]):
            func()
        tracemalloc.start()
        func()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{name:<26}{statistics.median(times):>9.2f}{p95:>9.2f}{len(executed):>9}{peak / 2**20:>9.1f}")


if __name__ == "__main__":
    main()
