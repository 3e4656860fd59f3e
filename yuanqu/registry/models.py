from django.db import models
from django.db.models import Q

from yuanqu.common.models import TrackedModel
from yuanqu.common.validators import validate_credit_code, validate_phone

from .choices import DepartmentKind, EnterpriseScale, ZoneKind, ZoneLevel


class Zone(TrackedModel):
    """A development zone (园区) run by its administrative committee (管委会)."""

    name = models.CharField("园区全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, unique=True)
    english_name = models.CharField("英文名称", max_length=100, blank=True)
    level = models.CharField("级别", max_length=20, choices=ZoneLevel.choices, default=ZoneLevel.PROVINCIAL)
    kind = models.CharField("类型", max_length=20, choices=ZoneKind.choices, default=ZoneKind.ECONOMIC)
    slogan = models.CharField("宣传语", max_length=100, blank=True)
    hotline = models.CharField("招商热线", max_length=30, blank=True, validators=[validate_phone])
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "园区"

    def __str__(self):
        return self.short_name


class Park(TrackedModel):
    """A park inside a zone (产业园), or one phase (一期, 二期 …) of a park."""

    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="parks", verbose_name="所属园区")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="phases", verbose_name="上级产业园"
    )
    name = models.CharField("名称", max_length=100)
    phase = models.PositiveSmallIntegerField("期次", null=True, blank=True)
    industry = models.CharField("主导产业", max_length=100, blank=True)
    description = models.TextField("简介", blank=True)

    class Meta:
        ordering = ["zone__sort_order", "zone_id", "parent_id", "phase", "id"]
        verbose_name = verbose_name_plural = "产业园"
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "name"], name="registry_park_name_unique_in_zone",
                violation_error_message="本园区已有同名产业园。",
            ),
        ]

    def __str__(self):
        return self.name


class Department(TrackedModel):
    """A department or unit that handles the zone's work (区建设局, 九华交警大队 …)."""

    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="departments", verbose_name="所属园区")
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.OFFICE)
    phone = models.CharField("办公电话", max_length=30, blank=True, validators=[validate_phone])

    class Meta:
        ordering = ["zone__sort_order", "zone_id", "id"]
        verbose_name = verbose_name_plural = "部门"
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "name"], name="registry_department_name_unique_in_zone",
                violation_error_message="本园区已有同名部门。",
            ),
        ]

    def __str__(self):
        return self.name


class Enterprise(TrackedModel):
    """An enterprise located in a zone, identified by its 统一社会信用代码."""

    name = models.CharField("企业名称", max_length=100, unique=True)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code],
        help_text="18位,按GB 32100校验",
    )
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="enterprises", verbose_name="所属园区")
    park = models.ForeignKey(
        Park, null=True, blank=True, on_delete=models.PROTECT, related_name="enterprises", verbose_name="所在产业园"
    )
    industry = models.CharField("所属行业", max_length=50, blank=True)
    scale = models.CharField("规模", max_length=10, choices=EnterpriseScale.choices, default=EnterpriseScale.BELOW)
    address = models.CharField("地址", max_length=200, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True, validators=[validate_phone])
    note = models.TextField("备注", blank=True)

    class Meta:
        # By zone then registration order: both columns are in the zone index, so a province-wide
        # ledger pages without sorting every row.
        ordering = ["zone_id", "id"]
        verbose_name = verbose_name_plural = "企业"
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""),
                name="registry_enterprise_credit_code_unique",
                violation_error_message="该统一社会信用代码已登记。",
            ),
        ]
        indexes = [models.Index(fields=["zone", "scale"]), models.Index(fields=["park"])]

    def __str__(self):
        return self.name


class Official(TrackedModel):
    """An official or staff member the zone deals with, as named on its documents (姓名, 职务, 单位)."""

    name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=100)
    unit = models.CharField("单位", max_length=100, blank=True, help_text="如不属于本园区部门,填写单位名称")
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="officials", verbose_name="所属园区")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="officials", verbose_name="所在部门"
    )
    phone = models.CharField("电话", max_length=30, blank=True, validators=[validate_phone])
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["zone_id", "sort_order", "id"]
        verbose_name = verbose_name_plural = "干部"

    def __str__(self):
        return f"{self.name}({self.position})"
