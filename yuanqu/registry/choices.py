from django.db import models


class ZoneLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"


class ZoneKind(models.TextChoices):
    HIGH_TECH = "high_tech", "高新技术产业开发区"
    ECONOMIC = "economic", "经济技术开发区"
    DEMONSTRATION = "demonstration", "示范区"
    OTHER = "other", "其他"


class EnterpriseScale(models.TextChoices):
    ABOVE = "above", "规上"
    BELOW = "below", "规下"


class DepartmentKind(models.TextChoices):
    OFFICE = "office", "内设机构"
    STATIONED = "stationed", "派驻机构"
    SUBDISTRICT = "subdistrict", "街道乡镇"
    SERVICE = "service", "服务机构"
    CITY = "city", "市直单位"
