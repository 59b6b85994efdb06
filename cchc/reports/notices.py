"""The notification the reports send: a periodic report is due (imported at start-up by the
notifications app). It clears when the report is submitted."""

from django.utils.translation import gettext_lazy as _

from cchc.notifications.kinds import Kind, register_kind

REPORT_DUE = "report_due"

register_kind(Kind(REPORT_DUE, _("Periodic report due"), clears_when_done=True))
