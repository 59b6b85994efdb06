"""The kind of notification login security sends (found at start-up by the notifications app):
accounts disabled after too long without use, told to their unit's administrator. It stays
until its reader opens it."""

from django.utils.translation import gettext_lazy as _

from cchc.notifications.kinds import Kind, register_kind

ACCOUNT = "account"

register_kind(Kind(ACCOUNT, _("Account security"), clears_when_done=False))
