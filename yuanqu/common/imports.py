"""The shape every Excel import follows: check all rows through the same form the manual edit uses,
show a preview naming each bad row and column, and save all rows in one transaction or none.

An app supplies an Importer: its columns, how to turn a row into form data, and the service to call.
The upload is kept under MEDIA_ROOT/imports between the preview and the confirmation, keyed by a
random token in the user's session.
"""

import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .excel import Column, ImportFileError, read_rows

MSG_ROW_LIMIT_IN_PREVIEW = 200
MSG_FILE_GONE = "导入文件已过期或不存在,请重新上传。"
MSG_DUPLICATE_IN_FILE = "与第{row}行重复"


@dataclass
class RowResult:
    number: int
    values: dict
    action: str = ""  # 新增 / 更新
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column label, message)


@dataclass
class ImportReport:
    rows: list[RowResult]
    file_error: str = ""
    saved: int = 0

    @property
    def ok(self) -> bool:
        return not self.file_error and bool(self.rows) and not any(r.errors for r in self.rows)

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def counts(self) -> dict:
        return {
            "total": len(self.rows),
            "errors": len(self.error_rows),
            "create": sum(1 for r in self.rows if r.action == "新增" and not r.errors),
            "update": sum(1 for r in self.rows if r.action == "更新" and not r.errors),
        }


class Importer:
    """Subclass per kind of record; see registry/imports.py."""

    kind: str = ""
    title: str = ""
    columns: list[Column] = []
    unique_fields: tuple[str, ...] = ()  # a value repeated in the file is an error on the later row

    def __init__(self, actor):
        self.actor = actor

    # -- to override --------------------------------------------------------------------------
    def bind(self, values: dict):
        """Return (form, instance_or_None) for one row, or raise ValidationError with {field: msg}."""
        raise NotImplementedError

    def save(self, form, instance):
        raise NotImplementedError

    def unique_keys(self, values: dict) -> list[tuple[str, str]]:
        """(field, key) pairs that must not repeat within one file; by default the unique_fields' values."""
        # Case-folded: a credit code typed once in lower case is still the same code.
        keys = [(f, str(values.get(f, "")).strip().upper()) for f in self.unique_fields]
        return [(f, key) for f, key in keys if key]

    # -- the shared flow ----------------------------------------------------------------------
    def label_of(self, field_name: str) -> str:
        for c in self.columns:
            if c.field == field_name:
                return c.label
        return "整行"

    def check(self, uploaded) -> tuple[ImportReport, list]:
        try:
            raw = read_rows(uploaded, self.columns)
        except ImportFileError as exc:
            return ImportReport(rows=[], file_error=str(exc)), []
        results, bound = [], []
        seen: dict[tuple[str, str], int] = {}
        for number, values in raw:
            result = RowResult(number=number, values={c.label: values.get(c.field, "") for c in self.columns})
            for f, key in self.unique_keys(values):
                if (f, key) in seen:
                    result.errors.append((self.label_of(f), MSG_DUPLICATE_IN_FILE.format(row=seen[(f, key)])))
                else:
                    seen[(f, key)] = number
            try:
                form, instance = self.bind(values)
            except ValidationError as exc:
                for f, messages in exc.message_dict.items():
                    result.errors.extend((self.label_of(f), m) for m in messages)
                form, instance = None, None
            if form is not None:
                result.action = "更新" if instance is not None else "新增"
                if not form.is_valid():
                    for f, messages in form.errors.items():
                        result.errors.extend((self.label_of(f), m) for m in messages)
            results.append(result)
            bound.append((form, instance))
        return ImportReport(rows=results), bound

    def commit(self, uploaded) -> ImportReport:
        report, bound = self.check(uploaded)
        if not report.ok:
            return report
        try:
            with transaction.atomic():
                for result, (form, instance) in zip(report.rows, bound):
                    try:
                        self.save(form, instance)
                    except (ValidationError, PermissionDenied) as exc:
                        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                        result.errors.extend(("整行", m) for m in messages)
                        raise
        except (ValidationError, PermissionDenied):
            report.saved = 0
            return report
        report.saved = len(report.rows)
        return report


def _import_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


STASH_MAX_AGE = 24 * 3600


def _sweep_stale(directory: Path) -> None:
    """Drop uploads previewed but never confirmed, a day on."""
    cutoff = time.time() - STASH_MAX_AGE
    for path in directory.glob("*.xlsx"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass


def stash_upload(request, kind: str, uploaded) -> str:
    _sweep_stale(_import_dir())
    token = secrets.token_urlsafe(16)
    with open(_import_dir() / f"{token}.xlsx", "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    stash = request.session.get("yuanqu_imports", {})
    stash[token] = kind
    request.session["yuanqu_imports"] = stash
    return token


def stashed_path(request, kind: str, token: str) -> Path:
    if request.session.get("yuanqu_imports", {}).get(token) != kind:
        raise ImportFileError(MSG_FILE_GONE)
    path = _import_dir() / f"{token}.xlsx"
    if not path.exists():
        raise ImportFileError(MSG_FILE_GONE)
    return path


def drop_stash(request, token: str) -> None:
    stash = request.session.get("yuanqu_imports", {})
    stash.pop(token, None)
    request.session["yuanqu_imports"] = stash
    (_import_dir() / f"{token}.xlsx").unlink(missing_ok=True)
