from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "cchc.tracking"
    label = "tracking"
    verbose_name = _("Execution and follow-up")

    def ready(self) -> None:
        from cchc.notifications.kinds import Kind, register_kind

        from .choices import NotificationKind

        # Reminders about an occurrence clear when it is reported done; a digest or an
        # assignment clears when its reader opens it.
        lasting = {NotificationKind.DIGEST, NotificationKind.ASSIGNED}
        for kind in NotificationKind:
            register_kind(Kind(kind.value, kind.label, clears_when_done=kind not in lasting))
