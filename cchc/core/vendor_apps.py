"""The third-party apps whose tables the admin shows, under Vietnamese names (decision 0134).

Their own AppConfig names them in English ("Tasks Database Backend", "Axes", "Otp_Totp"), as
plain text a catalogue cannot translate; INSTALLED_APPS lists these subclasses instead, which
keep each app's name and label (tables, migrations and `apps.is_installed` are unchanged).
"""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDeviceConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpDeviceConfig
from django_tasks_db.apps import TasksAppConfig


class BackgroundJobsConfig(TasksAppConfig):
    verbose_name = _("Background jobs")


class SignInGuardConfig(AxesAppConfig):
    verbose_name = _("Sign-in guard")


class AuthenticatorAppsConfig(TotpDeviceConfig):
    verbose_name = _("Two-step login: authenticator apps")


class BackupCodesConfig(StaticDeviceConfig):
    verbose_name = _("Two-step login: backup codes")


class ScopedAdminConfig(AdminConfig):
    """Django's admin, its site the one that keeps a staff member who is not a superuser to
    the units they manage (cchc.org.admin_scope, decision 0180)."""

    default_site = "cchc.org.admin_scope.ScopedSite"
