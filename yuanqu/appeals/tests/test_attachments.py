"""Attachments of appeals: size and type checked by content, not by the name given; a refused file in
an intake leaves nothing behind, neither the appeal nor a file on disk."""

import io
import struct
import zlib

import docx
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from yuanqu.appeals import attachments, services
from yuanqu.appeals.choices import Channel
from yuanqu.appeals.models import Appeal, AppealAttachment

MB = 1024 * 1024


def png_bytes() -> bytes:
    """A real 1×1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) \
        + chunk(b"IEND", b"")


def docx_bytes() -> bytes:
    """A real Word document, as python-docx writes it."""
    document = docx.Document()
    document.add_paragraph("关于厂门前驾考路线的情况说明")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def files_on_disk() -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def create(world, category, files, actor="enterprise_a"):
    return services.appeal_create(actor=world[actor], enterprise=world.enterprise_a, category=category,
                                  title="厂区门口路灯不亮", content="三盏路灯损坏。", channel=Channel.PORTAL,
                                  attachments=files)


# -- the check --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, mime", [
    ("情况说明.pdf", PDF, "application/pdf"),
    ("现场照片.png", png_bytes(), "image/png"),
    ("情况说明.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("现场照片.PNG", png_bytes(), "image/png"),
])
def test_a_file_whose_content_matches_its_extension_is_accepted(name, content, mime):
    assert attachments.check_upload(upload(name, content)) == (name, mime)


def test_a_file_of_exactly_10_mb_is_accepted():
    assert attachments.check_upload(upload("扫描件.pdf", PDF + b"\x00" * (10 * MB - len(PDF))))[0] == "扫描件.pdf"


def test_a_file_over_10_mb_is_refused():
    with pytest.raises(ValidationError) as exc:
        attachments.check_upload(upload("扫描件.pdf", PDF + b"\x00" * (10 * MB + 1 - len(PDF))))
    assert exc.value.code == "too_big"
    assert exc.value.messages == [attachments.MSG_TOO_BIG.format(name="扫描件.pdf")]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as exc:
        attachments.check_upload(upload("空白.pdf", b""))
    assert exc.value.messages == [attachments.MSG_EMPTY.format(name="空白.pdf")]


@pytest.mark.parametrize("name", ["工具.exe", "脚本.sh", "网页.html", "说明", "压缩包.zip", "说明.pdf.exe"])
def test_a_file_of_an_extension_not_on_the_list_is_refused(name):
    with pytest.raises(ValidationError) as exc:
        attachments.check_upload(upload(name, EXE))
    assert exc.value.code == "extension"
    assert exc.value.messages == [attachments.MSG_EXTENSION.format(name=name)]


@pytest.mark.parametrize("name, content, kind", [
    ("说明.pdf", ELF, "ELF"),
    ("说明.pdf", EXE, "EXE"),
    ("说明.pdf", png_bytes(), "PNG"),
    ("照片.png", PDF, "PDF"),
    ("照片.jpg", png_bytes(), "PNG"),
    ("说明.docx", b"PK\x03\x04" + b"\x00" * 100, "ZIP"),
    ("说明.doc", docx_bytes(), "DOCX"),
])
def test_a_file_whose_content_is_not_what_its_extension_says_is_refused(name, content, kind):
    with pytest.raises(ValidationError) as exc:
        attachments.check_upload(upload(name, content))
    assert exc.value.code == "disguised"
    assert exc.value.messages == [attachments.MSG_DISGUISED.format(name=name, kind=kind)]


def test_a_file_whose_content_is_not_recognised_is_refused():
    with pytest.raises(ValidationError) as exc:
        attachments.check_upload(upload("说明.pdf", "这是一段纯文本".encode()))
    assert exc.value.messages == [attachments.MSG_DISGUISED.format(name="说明.pdf", kind="无法识别的文件")]


def test_the_name_given_loses_its_path():
    assert attachments.check_upload(upload("..\\..\\windows\\说明.pdf", PDF))[0] == "说明.pdf"


# -- with an appeal ---------------------------------------------------------------------------------

def test_an_appeal_is_filed_with_its_files_stored_under_names_of_our_own(world, category, today):
    appeal = create(world, category, [upload("情况说明.pdf", PDF), upload("现场照片.png", png_bytes()),
                                      upload("说明.docx", docx_bytes())])
    rows = list(AppealAttachment.objects.filter(appeal=appeal).order_by("id"))
    assert [(a.name, a.content_type, a.uploaded_by) for a in rows] == [
        ("情况说明.pdf", "application/pdf", world["enterprise_a"]),
        ("现场照片.png", "image/png", world["enterprise_a"]),
        ("说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", world["enterprise_a"]),
    ]
    assert rows[0].size == len(PDF)
    for row in rows:
        assert row.file.name.startswith(f"appeals/{appeal.pk}/") and "." not in row.file.name.rsplit("/", 1)[1]
    assert len(files_on_disk()) == 3
    with rows[0].file.open("rb") as f:
        assert f.read() == PDF


@pytest.mark.parametrize("bad", [
    upload("说明.pdf", ELF),
    upload("照片.png", PDF),
    upload("空白.pdf", b""),
    upload("工具.exe", EXE),
])
def test_a_refused_file_in_an_intake_leaves_nothing_saved(world, category, today, bad):
    with pytest.raises(ValidationError):
        create(world, category, [upload("情况说明.pdf", PDF), bad])
    assert not Appeal.objects.exists()
    assert not AppealAttachment.objects.exists()
    assert files_on_disk() == []


def test_an_oversized_file_in_an_intake_leaves_nothing_saved(world, category, today, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_SIZE", 1024)
    with pytest.raises(ValidationError) as exc:
        create(world, category, [upload("照片.png", png_bytes()), upload("扫描件.pdf", PDF + b"\x00" * 1024)])
    assert exc.value.messages == [attachments.MSG_TOO_BIG.format(name="扫描件.pdf")]
    assert not Appeal.objects.exists() and files_on_disk() == []


def test_more_than_ten_files_in_an_intake_are_refused(world, category, today):
    with pytest.raises(ValidationError) as exc:
        create(world, category, [upload(f"说明{i}.pdf", PDF) for i in range(11)])
    assert exc.value.message_dict == {"attachments": [attachments.MSG_TOO_MANY.format(n=10)]}
    assert not Appeal.objects.exists() and files_on_disk() == []


def test_ten_files_are_accepted_and_an_eleventh_added_later_is_refused(world, category, today):
    appeal = create(world, category, [upload(f"说明{i}.pdf", PDF) for i in range(10)])
    with pytest.raises(ValidationError) as exc:
        attachments.attachment_add(actor=world["enterprise_a"], appeal=appeal, upload=upload("再一个.pdf", PDF))
    assert exc.value.messages == [attachments.MSG_TOO_MANY.format(n=10)]
    assert AppealAttachment.objects.filter(appeal=appeal).count() == 10
    assert len(files_on_disk()) == 10


@pytest.mark.parametrize("actor", ["enterprise_a", "leader_a", "dept_a"])
def test_the_appeals_parties_may_add_a_file_while_it_is_open(world, make_appeal, actor):
    appeal = make_appeal("handling")
    attachment = attachments.attachment_add(actor=world[actor], appeal=appeal, upload=upload("补充材料.pdf", PDF))
    assert attachment.appeal == appeal and attachment.uploaded_by == world[actor]


@pytest.mark.parametrize("actor", ["enterprise_b", "leader_b", "dept_b", "city"])
def test_no_one_else_may_add_a_file(world, make_appeal, actor):
    with pytest.raises(PermissionDenied, match=attachments.MSG_NO_RIGHT):
        attachments.attachment_add(actor=world[actor], appeal=make_appeal("handling"), upload=upload("a.pdf", PDF))
    assert files_on_disk() == []


def test_no_file_may_be_added_to_a_closed_appeal(world, make_appeal):
    with pytest.raises(PermissionDenied, match=attachments.MSG_NO_RIGHT):
        attachments.attachment_add(actor=world["enterprise_a"], appeal=make_appeal("closed"), upload=upload("a.pdf", PDF))


def test_a_disguised_file_added_later_is_refused_and_not_stored(world, make_appeal):
    appeal = make_appeal("handling")
    with pytest.raises(ValidationError) as exc:
        attachments.attachment_add(actor=world["dept_a"], appeal=appeal, upload=upload("说明.pdf", EXE))
    assert exc.value.code == "disguised"
    assert not AppealAttachment.objects.exists() and files_on_disk() == []
