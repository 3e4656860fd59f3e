"""The permission matrix as data: every URL pattern × persona → expected status.

Each app lists its cases in `<app>/tests/matrix.py` as `CASES = [Case(...), ...]`;
yuanqu/tests/test_permission_matrix.py runs them all and fails when a URL pattern of the project
has no case. A case names the URL, how to build its arguments from the test world, the method and
body, and the expected status per persona: `ok` personas get `ok_status`, `hidden` get 404,
`anon` (signed out) gets `anon_status`, and everyone else 403.
"""

from dataclasses import dataclass, field
from typing import Callable

from django.urls import URLPattern, URLResolver, get_resolver

from .personas import PERSONAS

ANON = "anonymous"


@dataclass
class Case:
    url_name: str
    ok: set[str]
    hidden: set[str] = field(default_factory=set)
    kwargs: Callable = lambda w: {}
    method: str = "get"
    data: Callable = lambda w: {}
    ok_status: int = 200
    anon_status: int = 302
    # Personas whose status differs from the groups above (e.g. a 302 redirect for a signed-in user).
    special: dict[str, int] = field(default_factory=dict)
    label: str = ""

    def expected(self, persona: str) -> int:
        if persona in self.special:
            return self.special[persona]
        if persona == ANON:
            return self.anon_status
        if persona in self.ok:
            return self.ok_status
        if persona in self.hidden:
            return 404
        return 403

    @property
    def id(self) -> str:
        return self.label or self.url_name


def all_url_names(resolver=None, prefix: str = "") -> set[str]:
    """Every named URL pattern of the project, as "namespace:name"."""
    resolver = resolver or get_resolver()
    names = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= all_url_names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


EVERYONE = set(PERSONAS)
SIGNED_IN = EVERYONE  # every persona is signed in; ANON is the signed-out visitor
