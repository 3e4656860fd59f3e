"""The pack's 经济运行 section: the zone's bulletin paragraph for the latest period with confirmed
figures that ended before the meeting, on the page and in the Word file."""

import io
from decimal import Decimal

from django.urls import reverse
from docx import Document

from yuanqu.common.clock import frozen
from yuanqu.indicators import services
from yuanqu.indicators.models import Indicator
from yuanqu.indicators.periods import Period

from .conftest import D, make_meeting

Q1 = ("2021年一季度,甲园区完成技工贸收入133.8亿元,同比增长20%;规模以上工业企业主营业务收入110.3亿元,同比增长22.8%;"
      "上缴税金2.4亿元,同比增长64.4%;完成固定资产投资14.9亿元,同比增长84.5%。")


def enter(world, code, period, value, growth):
    services.value_save(actor=world["clerk_a"], indicator=Indicator.objects.get(code=code), zone=world.zone_a,
                        period=Period.parse(period), value=Decimal(value), reported_growth=Decimal(growth))


def test_the_pack_shows_the_zones_latest_bulletin_before_the_meeting(world, login):
    for code, value, growth in [("JGM", 1338000, 20), ("GSZYYW", 1103000, 22.8), ("SJSJ", 24000, 64.4),
                                ("GDZCTZ", 149000, 84.5)]:
        enter(world, code, "2021-Q1", value, growth)
    enter(world, "JGM", "2021-05", 2300000, 21)  # May has not ended when the meeting sits on the 14th
    may = make_meeting(world.zone_a, D(2021, 5, 1), D(2021, 5, 14))
    client = login("dept_a")  # the pack's readers read its 经济运行 too
    with frozen(D(2021, 5, 14)):
        html = client.get(reverse("dispatch:meeting_detail", args=[may.pk])).content.decode()
        response = client.get(reverse("dispatch:meeting_docx", args=[may.pk]))
    assert "<h2>四、经济运行</h2>" in html and Q1 in html
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[paragraphs.index("四、经济运行") + 1] == Q1

    # A zone with no confirmed figures says so.
    june = make_meeting(world.zone_b, D(2021, 6, 1), D(2021, 6, 10))
    with frozen(D(2021, 6, 10)):
        html = login("city").get(reverse("dispatch:meeting_detail", args=[june.pk])).content.decode()
    assert "截至召开日尚无已核定的经济指标数据。" in html
