"""Permission matrix of the import, enterprises' reports and the clerk's check (yuanqu/testing/matrix.py).

Only the statistics clerk (indicators.enter, indicators.review) imports and checks; only enterprise
users (indicators.report) report, each for its own enterprise. The figure under review is enterprise
A's pending one in zone A: every persona but clerk A lacks indicators.review, so a 403.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from yuanqu.testing.matrix import Case

CLERK = {"clerk_a"}
ENTERPRISES = {"enterprise_a", "enterprise_b"}
HEADERS = ["指标", "园区", "产业园", "企业", "期间", "数值", "单位", "填报同比增速(%)", "说明", "修订原因"]


def _upload(w):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(HEADERS)
    wb.active.append(["JGM", w.zone_a.short_name, "", "", "2021-Q1", 133.8, "亿元", 20, "", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    return {"file": SimpleUploadedFile("指标数据.xlsx", buffer.getvalue())}


def _report(w):
    from yuanqu.common import clock
    from yuanqu.indicators.models import Indicator

    return {"indicator": Indicator.objects.get(code="YYSR").pk, "period": str(clock.today().year), "value": "10",
            "money_unit": "万元"}


def pending_a(w):
    from decimal import Decimal

    from yuanqu.indicators.models import Indicator, IndicatorValue
    from yuanqu.indicators.periods import Period
    from yuanqu.indicators.services import value_save

    found = IndicatorValue.objects.filter(enterprise=w.enterprise_a, state="pending").first()
    return found or value_save(actor=w["enterprise_a"], indicator=Indicator.objects.get(code="YYSR"), zone=w.zone_a,
                               enterprise=w.enterprise_a, period=Period.parse("2021-五一"), value=Decimal("162.95"))


def _review(action):
    return lambda w: {"pk": pending_a(w).pk, "action": action}


CASES = [
    Case("indicators:value_import_template", ok=CLERK),
    Case("indicators:value_import", ok=CLERK),
    Case("indicators:value_import", method="post", ok=CLERK, data=_upload, label="value_import preview"),
    # A token not issued to this session: back to the upload page, nothing imported.
    Case("indicators:value_import", method="post", ok=CLERK, ok_status=302, data=lambda w: {"token": "forged"},
         label="value_import confirm"),
    Case("indicators:report_list", ok=ENTERPRISES),
    Case("indicators:report_create", ok=ENTERPRISES),
    Case("indicators:report_create", method="post", ok=ENTERPRISES, ok_status=302, data=_report,
         label="report_create post"),
    Case("indicators:review_list", ok=CLERK),
    Case("indicators:value_review", method="post", ok=CLERK, ok_status=302, kwargs=_review("confirm"),
         data=lambda w: {}, label="value_review confirm"),
    Case("indicators:value_review", method="post", ok=CLERK, ok_status=302, kwargs=_review("return"),
         data=lambda w: {"reason": "口径有误"}, label="value_review return"),
    Case("indicators:value_review", method="post", ok=set(), special={"clerk_a": 404}, kwargs=_review("approve"),
         label="value_review unknown action"),
]
