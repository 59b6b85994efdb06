"""Strings of Django's admin and of third-party apps that our catalogue translates.

Their own Vietnamese catalogues miss them (newer than the translation, or wrong: "Các mô models
trong …", "đăng nhập" for a log entry) or have none (django-axes, django-tasks-db); the project
catalogue comes first, so an entry there with the same msgid is what the admin shows (decision
0134). They are listed here, never used, so that `make messages` keeps their entries.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

VENDOR_STRINGS = (
    # the admin's list filters (Django's catalogue says "Bởi …")
    _("Show counts"),
    _(" By %(filter_title)s "),
    # the admin's chrome, left in English by Django's vi catalogue
    _("Skip to main content"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: light)"),
    _("Toggle theme (current theme: dark)"),
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    _("Breadcrumbs"),
    _("Toggle navigation"),
    _("Sidebar"),
    _("Filter navigation items"),
    _("Hide counts"),
    _("Added:"),
    _("Changed:"),
    _("Deleted:"),
    _("Error:"),
    _("Select this object for an action - {}"),
    _("Select all objects on this page for an action"),
    _("View selected %(model)s"),
    ngettext_lazy("entry", "entries", 1),
    # the admin form's error note: Django's vi catalogue has it only as two singular entries
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1),
    _("Forgotten your login credentials?"),
    _("In case you’ve forgotten, you are:"),
    _("After you’ve created a user, you’ll be able to edit more user options."),
    _("Models in the %(name)s application"),
    _("log entry"),
    _("log entries"),
    _("superuser status"),
    _("History"),
    _("Site administration"),
    _("Django site admin"),
    _("Click here to select the objects across all pages"),
    _("This object doesn’t have a change history. It probably wasn’t added via this admin site."),
    _("Designates whether the user can log into this admin site."),
    _("Set password"),
    _("Set password: %s"),
    _("Reset password"),
    _("Password-based authentication"),
    _("Password-based authentication was disabled."),
    _("Enable password-based authentication"),
    _("Disable password-based authentication"),
    _("This action will <strong>enable</strong> password-based authentication for this user."),
    _("Enable password-based authentication for this user by setting a password."),
    _(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."  # noqa: E501
    ),
    _("Enabled"),
    _("Disabled"),
    _("Raw passwords are not stored, so there is no way to see the user’s password."),
    _("Conflicting form data submitted. Please try again."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    _(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, numbers, and @/./+/-/_ characters."  # noqa: E501
    ),
    _("Value must be valid JSON."),
    _("Enter a valid JSON."),
    _("Enter a valid UUID."),
    _("“%(value)s” is not a valid UUID."),
    _("Enter a complete value."),
    _("Enter a valid duration."),
    _("“%(pk)s” is not a valid value."),
    _("Null characters are not allowed."),
    _("Constraint “%(name)s” is violated."),
    _("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    _("The inline value did not match the parent instance."),
    _("Ensure this value is a multiple of step size %(limit_value)s."),
    _(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."  # noqa: E501
    ),
    _(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist."  # noqa: E501
    ),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 1),
    ngettext_lazy(
        "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", 1
    ),
    # Third-party apps and models in the admin (decision 0134)
    _("Sessions"),
    _("session"),
    _("sessions"),
    _("session key"),
    _("session data"),
    _("Task Result"),
    _("Task Results"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("run after"),
    _("return value"),
    _("exception class path"),
    _("traceback"),
    _("access failure"),
    _("access failures"),
    _("access attempt"),
    _("access attempts"),
    _("Access Attempt"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("access log"),
    _("access logs"),
    _("User Agent"),
    _("IP Address"),
    _("Username"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("Logout Time"),
)
