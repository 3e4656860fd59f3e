"""Permission matrix of the catalogue of approval items (see yuanqu/testing/matrix.py): only the
system administrator (approvals.catalogue) lists, adds and edits entries; everyone else gets a 403."""

from yuanqu.testing.matrix import Case

from .fixtures import catalogue


def _item(w):
    return {"pk": catalogue("节能审查")[0].pk}


def _data(w, **over):
    return {"name": "规划条件核实", "category": "engineering", "department_name": "自然资源和规划部门",
            "statutory_days": 10, "promised_days": 5, "materials": "核实申请表\n竣工测量成果",
            "prerequisites": [catalogue("施工许可")[0].pk], "before_start": "", "commitment_allowed": "",
            "followup_days": 20, "sort_order": 200, "is_active": "on", **over}


def _edit(w):
    item = catalogue("节能审查")[0]
    return _data(w, name=item.name, category=item.category, department_name=item.department_name,
                 statutory_days=20, promised_days=8, prerequisites=[p.pk for p in item.prerequisites.all()],
                 before_start="on", commitment_allowed="on", version=item.version)


CASES = [
    Case("approvals:item_list", ok={"sysadmin"}),
    Case("approvals:item_create", ok={"sysadmin"}),
    Case("approvals:item_create", ok={"sysadmin"}, method="post", ok_status=302, data=_data,
         label="approvals:item_create POST"),
    Case("approvals:item_edit", ok={"sysadmin"}, kwargs=_item),
    Case("approvals:item_edit", ok={"sysadmin"}, kwargs=_item, method="post", ok_status=302, data=_edit,
         label="approvals:item_edit POST"),
]
