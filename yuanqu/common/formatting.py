"""Display helpers: masking personal data, money in 万元/亿元."""

from decimal import ROUND_HALF_UP, Decimal


def mask_phone(phone: str) -> str:
    """138****1234 for a mobile; the middle of a landline's local number for others."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    digits = phone.replace("-", "")
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(phone) <= 4:
        return "*" * len(phone)
    return phone[:-4][: max(len(phone) - 8, 0)] + "****" + phone[-4:]


def money(value_wan: Decimal | int | float | None, unit: str | None = None, places: int = 2) -> str:
    """Money kept in 万元, shown in 亿元 from 10,000 万元 up (or in the unit asked for)."""
    if value_wan is None:
        return "—"
    v = Decimal(str(value_wan))
    if unit is None:
        unit = "亿元" if abs(v) >= 10000 else "万元"
    if unit == "亿元":
        v = v / Decimal(10000)
    q = Decimal(1).scaleb(-places)
    return f"{v.quantize(q, rounding=ROUND_HALF_UP).normalize():f}{unit}"
