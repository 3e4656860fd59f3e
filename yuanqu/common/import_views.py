"""The three pages of every Excel import — template, upload with preview, confirmation — shared by
the apps. An app gives an ImportPage: its importer and where the flow's links lead."""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record

from .excel import ImportFileError, template_workbook, xlsx_response
from .forms import ImportUploadForm
from .imports import Importer, drop_stash, stash_upload, stashed_path

MSG_IMPORTED = "导入完成:新增{create}条,更新{update}条。"
MSG_IMPORT_FAILED = "导入未执行:有{errors}行存在错误,没有保存任何数据。请修改后重新上传。"
TEMPLATE = "imports/import.html"


@dataclass
class ImportPage:
    importer: Importer
    back_url: str  # the list the import fills
    back_label: str  # 企业名录
    upload_url: str
    commit_url: str
    template_url: str

    @property
    def kind(self) -> str:
        return self.importer.kind


def import_template(page: ImportPage):
    importer = page.importer
    return xlsx_response(f"{importer.title}导入模板.xlsx", template_workbook(importer.title, importer.columns))


def import_upload(request, page: ImportPage):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context = {"page": page, "importer": page.importer, "form": form}
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        report, _ = page.importer.check(uploaded)
        context["report"] = report
        if report.ok:
            uploaded.seek(0)
            context["token"] = stash_upload(request, page.kind, uploaded)
        return render(request, TEMPLATE, context, status=200 if report.ok else 400)
    return render(request, TEMPLATE, context, status=400 if request.method == "POST" else 200)


def import_commit(request, page: ImportPage):
    token = request.POST.get("token", "")
    try:
        path = stashed_path(request, page.kind, token)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect(page.upload_url)
    with open(path, "rb") as fh:
        report = page.importer.commit(fh)
    if report.saved:
        drop_stash(request, token)
        security_event_record(kind=SecurityEvent.Kind.IMPORT, request=request, what=page.kind, **report.counts)
        messages.success(request, MSG_IMPORTED.format(**report.counts))
        return redirect(page.back_url)
    messages.error(request, MSG_IMPORT_FAILED.format(errors=len(report.error_rows) or 1))
    context = {"page": page, "importer": page.importer, "form": ImportUploadForm(), "report": report}
    return render(request, TEMPLATE, context, status=400)
