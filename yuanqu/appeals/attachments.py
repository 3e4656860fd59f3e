"""Attachments of appeals: size and type checked by content, not by the name the user gave.

A file is accepted when its extension is on the list AND its first bytes (read by the `filetype`
library) say the same kind: a program renamed to 说明.pdf is refused. Files are stored under a
random name and served only through the appeal's own scoped view (never from a public media URL).
"""

import os

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yuanqu.audit.context import records_actor

from . import workflow
from .models import Appeal, AppealAttachment

MAX_SIZE = 10 * 1024 * 1024
MAX_FILES = 10
# extension → the kinds its content may be detected as (a .jpg may be a JPEG; a .doc is an OLE file).
ALLOWED = {
    "pdf": {"pdf"}, "jpg": {"jpg"}, "jpeg": {"jpg"}, "png": {"png"},
    "doc": {"doc"}, "docx": {"docx"}, "xls": {"xls"}, "xlsx": {"xlsx"},
}
ACCEPT = ",".join(f".{ext}" for ext in ALLOWED)

MSG_EMPTY = "文件“{name}”是空的。"
MSG_TOO_BIG = "文件“{name}”超过10MB,请压缩后再上传。"
MSG_EXTENSION = "文件“{name}”的类型不支持;只接受 PDF、JPG、PNG、Word 和 Excel 文件。"
MSG_DISGUISED = "文件“{name}”的内容与扩展名不符(内容像是{kind}),已拒绝。"
MSG_TOO_MANY = "每件诉求最多上传{n}个附件。"
MSG_NO_RIGHT = "您无权为该诉求上传附件。"


def check_upload(upload) -> tuple[str, str]:
    """(clean file name, MIME type) of an acceptable upload; else a Chinese ValidationError."""
    name = os.path.basename((upload.name or "").replace("\\", "/")).strip()[:120] or "附件"
    if not upload.size:
        raise ValidationError(MSG_EMPTY.format(name=name), code="empty")
    if upload.size > MAX_SIZE:
        raise ValidationError(MSG_TOO_BIG.format(name=name), code="too_big")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise ValidationError(MSG_EXTENSION.format(name=name), code="extension")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in ALLOWED[ext]:
        found = kind.extension.upper() if kind else "无法识别的文件"
        raise ValidationError(MSG_DISGUISED.format(name=name, kind=found), code="disguised")
    return name, kind.mime


def can_attach(user, appeal: Appeal) -> bool:
    """The appeal's enterprise, whoever took it, and its handlers and dispatcher, while it is open."""
    if not appeal.is_open and appeal.state != "answered":
        return False
    who = workflow.parties(appeal, user)
    return bool(who) or appeal.taken_by_id == user.pk


@records_actor
@transaction.atomic
def attachment_add(*, actor, appeal: Appeal, upload) -> AppealAttachment:
    if not can_attach(actor, appeal):
        raise PermissionDenied(MSG_NO_RIGHT)
    if appeal.attachments.count() >= MAX_FILES:
        raise ValidationError(MSG_TOO_MANY.format(n=MAX_FILES), code="too_many")
    name, mime = check_upload(upload)
    attachment = AppealAttachment(appeal=appeal, name=name, size=upload.size, content_type=mime, uploaded_by=actor)
    attachment.file.save(name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)  # no row, no file
        raise
    return attachment
