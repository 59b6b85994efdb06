"""The person who did something to a row ("created by", "submitted by", "uploaded by"): one
declaration for every app's models. The row outlives the account (the link is emptied if the
account is ever removed — people are deactivated, not deleted) and the user model gets no
reverse accessor for it. The audit trail says the rest of who did what, and when."""

from django.conf import settings
from django.db import models


def acted_by(label, *, blank: bool = True) -> models.ForeignKey:
    """A link to the user who acted, named `label`; `blank=False` where a form must not leave
    it empty."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=label,
    )
