"""Fixed test personas, one per role and scope, across two zones, two departments and two enterprises.

Zone A (甲园区) holds park A, department A, enterprise A and official A; zone B the same with B.
Leader A leads zone A only; dept A works in department A; enterprise A is enterprise A's user.
`nobody` is signed in but holds no role.
"""

from dataclasses import dataclass

from .factories import (
    DepartmentFactory, EnterpriseFactory, OfficialFactory, ParkFactory, UserFactory, ZoneFactory, grant,
)


@dataclass
class World:
    zone_a: object
    zone_b: object
    park_a: object
    park_b: object
    dept_a: object
    dept_b: object
    enterprise_a: object
    enterprise_b: object
    official_a: object
    official_b: object
    users: dict

    def __getitem__(self, name):
        return self.users[name]


PERSONAS = [
    "city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a",
    "enterprise_a", "enterprise_b", "mentor_a", "clerk_a", "sysadmin", "secadmin", "auditor", "nobody",
]


def build_world() -> World:
    zone_a = ZoneFactory(name="甲经济开发区", short_name="甲园区", hotline="0731-56568888")
    zone_b = ZoneFactory(name="乙高新技术产业开发区", short_name="乙园区", kind="high_tech")
    park_a = ParkFactory(zone=zone_a, name="甲电子信息产业园")
    park_b = ParkFactory(zone=zone_b, name="乙电力科技产业园")
    dept_a = DepartmentFactory(zone=zone_a, name="甲建设局")
    dept_b = DepartmentFactory(zone=zone_b, name="乙交警大队", kind="stationed")
    enterprise_a = EnterpriseFactory(zone=zone_a, park=park_a, name="湖南甲科技有限公司", contact_phone="13812341234")
    enterprise_b = EnterpriseFactory(zone=zone_b, park=park_b, name="湖南乙电力有限公司")
    official_a = OfficialFactory(zone=zone_a, department=dept_a, name="甲干部", phone="13912345678")
    official_b = OfficialFactory(zone=zone_b, department=dept_b, name="乙干部")
    users = {name: UserFactory(username=name, name=name) for name in PERSONAS}
    grant(users["city"], "city")
    grant(users["leader_a"], "leader", zone=zone_a)
    grant(users["leader_b"], "leader", zone=zone_b)
    grant(users["dept_a"], "dept", department=dept_a)
    grant(users["dept_b"], "dept", department=dept_b)
    grant(users["liaison_a"], "liaison", zone=zone_a)
    grant(users["agent_a"], "agent", zone=zone_a)
    grant(users["investor_a"], "investor", zone=zone_a)
    grant(users["enterprise_a"], "enterprise", enterprise=enterprise_a)
    grant(users["enterprise_b"], "enterprise", enterprise=enterprise_b)
    grant(users["mentor_a"], "mentor", zone=zone_a)
    grant(users["clerk_a"], "clerk", zone=zone_a)
    grant(users["sysadmin"], "sysadmin")
    grant(users["secadmin"], "secadmin")
    grant(users["auditor"], "auditor")
    return World(zone_a, zone_b, park_a, park_b, dept_a, dept_b, enterprise_a, enterprise_b, official_a, official_b, users)
