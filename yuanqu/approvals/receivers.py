"""A project's signing or start milestone saved or deleted updates its approval case's copies of
those dates (the board and the signing → start report read them from the case)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from yuanqu.projects.models import Milestone


@receiver(post_save, sender=Milestone, dispatch_uid="approvals_case_on_milestone_save")
@receiver(post_delete, sender=Milestone, dispatch_uid="approvals_case_on_milestone_delete")
def sync_case_dates(sender, instance, raw=False, **kwargs):
    if raw or instance.kind not in ("signed", "started"):
        return
    from .services import case_sync_project

    case_sync_project(instance.project_id)


@receiver(post_save, sender="projects.Project", dispatch_uid="approvals_case_enterprise_on_project_save")
def sync_case_enterprise(sender, instance, raw=False, **kwargs):
    """A project case's enterprise is the project's owner: a changed owner takes the case with it."""
    if raw:
        return
    from .models import ApprovalCase

    ApprovalCase.objects.filter(project_id=instance.pk).exclude(enterprise_id=instance.enterprise_id).update(
        enterprise_id=instance.enterprise_id)
