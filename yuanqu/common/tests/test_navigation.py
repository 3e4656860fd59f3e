"""Which module entry the navigation highlights for a page."""

import pytest

from yuanqu.common.context_processors import _active_module

NAMES = ["projects:project_list", "projects:project_kanban", "projects:coordination_list",
         "appeals:appeal_list", "appeals:reception_list", "appeals:cluster_list", "dispatch:meeting_list"]


@pytest.mark.parametrize("view_name, active", [
    ("projects:project_kanban", "projects:project_kanban"),  # the page's own entry
    ("appeals:reception_detail", "appeals:reception_list"),  # an entry of the same kind in its app
    ("projects:coordination_detail", "projects:coordination_list"),
    ("appeals:appeal_detail", "appeals:appeal_list"),
    ("projects:report_list", "projects:project_list"),  # else its app's first entry
    ("dispatch:meeting_detail", "dispatch:meeting_list"),
    ("registry:enterprise_list", ""),  # not a module
])
def test_one_entry_is_highlighted(view_name, active):
    assert _active_module(view_name, NAMES) == active
