"""Pages of appeals: thin views over services and selectors."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):  # being written: the core pages
    return HttpResponse(status=501)


appeal_list = appeal_queue = appeal_export = appeal_create = appeal_from_coordination = appeal_detail = _todo
appeal_assign = appeal_act = appeal_rate = appeal_supervise = attachment_upload = attachment_download = _todo
category_list = category_create = category_edit = _todo
