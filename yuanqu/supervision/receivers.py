"""A milestone saved or deleted refreshes its project's stored light at once (in the same
transaction), so the ledger does not wait for the next tick to show an edit."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from yuanqu.projects.models import Milestone


@receiver(post_save, sender=Milestone, dispatch_uid="supervision_light_on_milestone_save")
@receiver(post_delete, sender=Milestone, dispatch_uid="supervision_light_on_milestone_delete")
def refresh_project_light(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .services import lights_refresh

    lights_refresh(project_ids=[instance.project_id])
