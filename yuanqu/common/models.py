"""Abstract bases shared by the apps (common itself has no tables)."""

from django.db import models


class TrackedModel(models.Model):
    """A record with creation and update times and a version that detects concurrent edits."""

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        abstract = True
