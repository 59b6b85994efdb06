"""The kinds of notification a plan's life sends (found at start-up by the notifications app).

A plan submitted for approval notifies the unit's leaders, and clears once it is issued or
returned; the other notices are news and stay until read."""

from django.utils.translation import gettext_lazy as _

from cchc.notifications.kinds import Kind, register_kind

register_kind(Kind("plan_submitted", _("Plan awaiting approval"), clears_when_done=True))
register_kind(Kind("plan_returned", _("Plan returned to draft"), clears_when_done=False))
register_kind(Kind("plan_issued", _("Plan issued"), clears_when_done=False))
register_kind(Kind("plan_amended", _("Plan amended"), clears_when_done=False))
register_kind(Kind("plan_appraised", _("Plan appraised"), clears_when_done=False))
