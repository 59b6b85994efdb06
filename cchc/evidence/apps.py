from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "cchc.evidence"
    label = "evidence"
    verbose_name = _("Evidence")

    def ready(self):
        from django.db.models.signals import post_delete

        from .actions import remove_file_on_commit
        from .models import Evidence

        # Deleting an owner deletes its evidence rows (generic relation); their files go with
        # them once the deletion is committed, and stay if it rolls back.
        post_delete.connect(remove_file_on_commit, sender=Evidence, dispatch_uid="evidence.file")
