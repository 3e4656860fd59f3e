"""Loads the Xiangtan demo into an empty (or earlier demo) database. Safe to run twice."""

from auditlog.context import set_actor
from django.db import transaction

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.registry.models import Department, Enterprise, Official, Park, Zone

from . import xiangtan, xiangtan_competitions, xiangtan_projects


def _upsert(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for k, v in values.items():
        setattr(obj, k, v)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def load_xiangtan() -> dict:
    with set_actor(None):
        zones = {}
        for order, (name, short, english, level, kind, slogan, hotline) in enumerate(xiangtan.ZONES, start=1):
            zones[short] = _upsert(Zone, {"short_name": short}, {
                "name": name, "english_name": english, "level": level, "kind": kind,
                "slogan": slogan, "hotline": hotline, "sort_order": order,
            })
        parks = {}
        for zone, name, parent, phase, industry, description in xiangtan.PARKS:
            parks[name] = _upsert(Park, {"zone": zones[zone], "name": name}, {
                "parent": parks[parent] if parent else None, "phase": phase,
                "industry": industry, "description": description,
            })
        departments = {}
        for zone, name, kind in xiangtan.DEPARTMENTS:
            departments[(zone, name)] = _upsert(Department, {"zone": zones[zone], "name": name}, {"kind": kind})
        enterprises = {}
        for zone, park, name, industry, scale, note in xiangtan.ENTERPRISES:
            enterprises[name] = _upsert(Enterprise, {"name": name}, {
                "zone": zones[zone], "park": parks[park] if park else None,
                "industry": industry, "scale": scale, "note": note,
            })
        for zone, dept, name, position, unit, order in xiangtan.OFFICIALS:
            _upsert(Official, {"zone": zones[zone], "name": name}, {
                "department": departments[(zone, dept)] if dept else None,
                "position": position, "unit": unit, "sort_order": order,
            })
        for username, display, role, scope_kind, scope in xiangtan.ACCOUNTS:
            user = User.objects.filter(username=username).first() or User(username=username)
            user.name, user.is_demo = display, True
            user.set_password(xiangtan.DEMO_PASSWORD)
            user.save()
            scope_kwargs = {}
            if scope_kind == "zone":
                scope_kwargs["zone"] = zones[scope]
            elif scope_kind == "department":
                scope_kwargs["department"] = departments[scope]
            elif scope_kind == "enterprise":
                scope_kwargs["enterprise"] = enterprises[scope]
            RoleAssignment.objects.get_or_create(user=user, role=role, **scope_kwargs)
        projects = _load_projects(zones, parks, enterprises)
        from .xiangtan_lights import load_illustrative_plan  # one illustrative planned date: a red light

        load_illustrative_plan()
        from .xiangtan_dispatch import load_dispatch  # after the projects it snapshots

        load_dispatch()
        xiangtan_competitions.load(zones)
        from .xiangtan_appeals import load_appeals  # reception days and appeals, after accounts and departments

        load_appeals()
        from .xiangtan_indicators import load_indicators  # the zones' figures, entered by their clerks

        load_indicators()
        from .xiangtan_approvals import load_approvals  # the approval cases of 创普开业, 三期, 五期 and 盘龙's festival

        load_approvals()
    return {
        "projects": projects,
        "zones": len(zones), "parks": len(parks), "departments": len(departments),
        "enterprises": len(enterprises), "officials": len(xiangtan.OFFICIALS), "accounts": len(xiangtan.ACCOUNTS),
    }


def _load_projects(zones, parks, enterprises) -> int:
    from yuanqu.projects.choices import MILESTONE_ORDER, STAGE_MILESTONE, STAGE_ORDER
    from yuanqu.projects.models import Milestone, ProgressRecord, Project, StageTransition, SubWork
    from yuanqu.projects.services import ACTIONS

    # The action that reaches each milestone, to write the demo's history as the lifecycle would have.
    reached_by = {STAGE_MILESTONE[a.target]: (name, a.target) for name, a in ACTIONS.items() if a.target in STAGE_MILESTONE}

    liaison = User.objects.get(username="liaison")
    for spec in xiangtan_projects.PROJECTS:
        project = _upsert(Project, {"zone": zones[spec["zone"]], "name": spec["name"]}, {
            "park": parks[spec["park"]] if spec["park"] else None,
            "enterprise": enterprises[spec["enterprise"]] if spec["enterprise"] else None,
            "kind": spec["kind"], "liaison": liaison if spec.get("liaison") else None, **spec["fields"],
        })
        # The stage is the lifecycle's to set; the demo states where each project stands today.
        Project.objects.filter(pk=project.pk).update(stage=spec["stage"])
        for kind, (planned, actual) in spec["milestones"].items():
            _upsert(Milestone, {"project": project, "kind": kind}, {"planned": planned, "actual": actual})
        if not StageTransition.objects.filter(project=project).exists():
            stage = None
            for kind in MILESTONE_ORDER:
                actual = spec["milestones"].get(kind, (None, None))[1]
                if actual is None or kind not in reached_by:
                    continue
                action, target = reached_by[kind]
                if stage is None:  # what came before the first dated step, the page does not say
                    stage = STAGE_ORDER[STAGE_ORDER.index(target) - 1]
                StageTransition.objects.create(project=project, action=action, from_stage=stage, to_stage=target,
                                               effective=actual, actor=None, note="初始数据")
                stage = target
        for order, (name, unit, total, done, note) in enumerate(spec.get("subworks", []), start=1):
            _upsert(SubWork, {"project": project, "name": name}, {
                "unit": unit, "total_quantity": total, "done_quantity": done, "note": note, "sort_order": order,
            })
        for day, percent in spec.get("progress", []):
            _upsert(ProgressRecord, {"project": project, "date": day}, {"percent": percent, "source": "周报"})
    from .xiangtan_reports import load_reports  # weekly reports and coordination items, after their projects

    load_reports(_upsert)
    return len(xiangtan_projects.PROJECTS)
