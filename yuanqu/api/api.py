"""The REST API: one NinjaAPI, signed in by the site's own session, a router per app.

The users, roles and scopes are the site's: every operation reads through the app's selectors and
writes through its services, so the API sees and may do exactly what the pages do. Errors answer in
one shape, {"detail": "…", "errors": {field: ["…"]}}, in Chinese: a bad input is 400, a missing
sign-in 401, a refused action 403, and an object out of the user's scope 404, as on the pages.
"""

import json

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.openapi.docs import DocsBase, Swagger
from ninja.parser import Parser
from ninja.security import django_auth

from .appeals import router as appeals_router
from .approvals import router as approvals_router
from .indicators import router as indicators_router

MSG_UNAUTHENTICATED = "请先登录。接口使用本平台的登录会话(sessionid Cookie)。"
MSG_FORBIDDEN = "您无权执行此操作。"
MSG_NOT_FOUND = "未找到该记录,或您无权查看。"
MSG_CSRF = "CSRF校验失败:写操作须带上csrftoken Cookie和同值的X-CSRFToken请求头。"
MSG_BAD_BODY = "请求内容不是有效的JSON。"
MSG_INVALID = "提交的内容有误,请按提示修改。"
MSG_FIELD_REQUIRED = "此项必填。"
MSG_FIELD_INVALID = "格式不正确。"
MSG_FIELD_NUMBER = "须为整数。"


class FormOrJsonParser(Parser):
    """JSON, as integrations send; a form body (curl -F, an HTML form) is read as one too."""

    def parse_body(self, request):
        if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            return {key: request.POST[key] for key in request.POST}
        try:
            return json.loads(request.body or b"{}")
        except ValueError:
            raise HttpError(400, MSG_BAD_BODY) from None


class LocalDocs(DocsBase):
    """Swagger UI from ninja's own static files when ninja is an installed app; otherwise a plain page
    listing the operations. Never a CDN: government intranets are offline."""

    def render_page(self, request, api, **kwargs):
        if apps.is_installed("ninja"):
            return Swagger().render_page(request, api, **kwargs)
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = [
            {"method": method.upper(), "path": route, "summary": op.get("summary", ""),
             "description": op.get("description", ""), "tag": ", ".join(op.get("tags", []))}
            for route, methods in schema["paths"].items() for method, op in methods.items()
        ]
        return render(request, "api/docs.html", {"api": api, "operations": operations,
                                                 "openapi_url": self.get_openapi_url(api, kwargs)})


api = NinjaAPI(
    title="园区 Yuanqu API",
    version="1",
    description="园区管理服务平台的接口。使用本平台的登录会话认证;写操作须带CSRF令牌。"
                "可见范围和操作权限与网页相同。错误以 {\"detail\": …, \"errors\": {字段: [说明]}} 返回。",
    auth=django_auth,
    urls_namespace="api",
    docs=LocalDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    # The document describes the API, not data: any signed-in user may read it.
    docs_decorator=login_required,
    parser=FormOrJsonParser(),
)


def _error(request, status: int, detail: str, errors: dict | None = None):
    body = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    first = next((m for messages in errors.values() for m in messages), MSG_INVALID)
    return _error(request, 400, first, errors)


@api.exception_handler(SchemaError)
def _schema_error(request, exc: SchemaError):
    # Pydantic's messages are English; the field and a short Chinese reason are what a caller needs.
    errors: dict[str, list[str]] = {}
    for e in exc.errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path", "payload", "filters")]
        kind = e.get("type", "")
        reason = MSG_FIELD_REQUIRED if kind == "missing" else MSG_FIELD_NUMBER if kind.startswith("int") \
            else MSG_FIELD_INVALID
        errors.setdefault(".".join(loc) or "__all__", []).append(reason)
    return _error(request, 400, MSG_INVALID, errors)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc: PermissionDenied):
    message = str(exc)
    # Services say why in Chinese; a bare permission name ("appeals.view") is not for the caller.
    return _error(request, 403, message if message and not message.isascii() else MSG_FORBIDDEN)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, MSG_NOT_FOUND)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if isinstance(exc, AuthenticationError):
        return _error(request, 401, MSG_UNAUTHENTICATED)
    message = MSG_CSRF if "CSRF" in exc.message else exc.message
    return _error(request, exc.status_code, message)


# One router per app.
api.add_router("/appeals/", appeals_router)
api.add_router("/indicators/", indicators_router)
api.add_router("/approvals/", approvals_router)
