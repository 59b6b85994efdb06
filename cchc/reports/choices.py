from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    """Draft → submitted → accepted, or returned with comments → resubmitted."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


# Statuses in which the text and figures are frozen.
FROZEN = {ReportStatus.SUBMITTED, ReportStatus.ACCEPTED}
