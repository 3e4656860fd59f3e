"""factory_boy factories for tests and the synthetic generator."""

import factory

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.common.validators import CREDIT_CODE_ALPHABET, credit_code_check_char
from yuanqu.registry.models import Department, Enterprise, Official, Park, Zone

PASSWORD = "Test@2021pass"


def make_credit_code(n: int) -> str:
    """A valid 统一社会信用代码 (GB 32100 check character) that is unique per n."""
    body = "914303"  # 9 = 工商, 1 = 企业, 4303 = 湘潭
    serial = ""
    x = n
    for _ in range(11):
        serial = CREDIT_CODE_ALPHABET[x % 31] + serial
        x //= 31
    first17 = body + serial
    return first17 + credit_code_check_char(first17)


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    name = factory.Sequence(lambda n: f"测试经济开发区{n}")
    short_name = factory.Sequence(lambda n: f"测试园区{n}")
    level = "provincial"
    kind = "economic"
    sort_order = factory.Sequence(lambda n: n)


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Park

    zone = factory.SubFactory(ZoneFactory)
    name = factory.Sequence(lambda n: f"测试产业园{n}")
    industry = "电子信息"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    zone = factory.SubFactory(ZoneFactory)
    name = factory.Sequence(lambda n: f"测试局{n}")
    kind = "office"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"湖南测试科技有限公司{n}")
    credit_code = factory.Sequence(make_credit_code)
    zone = factory.SubFactory(ZoneFactory)
    industry = "电子信息"
    scale = "below"
    contact_name = "王经理"
    contact_phone = factory.Sequence(lambda n: f"138{n:08d}")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Sequence(lambda n: f"干部{n}")
    position = "管委会副主任"
    zone = factory.SubFactory(ZoneFactory)
    phone = factory.Sequence(lambda n: f"139{n:08d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def grant(user, role, **scope) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, **scope)
