from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class NameLengthChecked:
    """Django's sign-in forms set the name's max_length after the field is made, so it is never
    checked: a name of 100 000 characters reached authenticate(), whose failure django-axes
    records in a 255-character column — a 500 on PostgreSQL (decision 0179). Checked here,
    refused beside the field before anyone authenticates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class LoginForm(NameLengthChecked, AuthenticationForm):
    """Django's login form. Throttling and lockout happen in authenticate() (django-axes, see
    cchc/accounts/lockout.py), so this form and the admin's are held by the same rule."""


class AdminLoginForm(NameLengthChecked, AdminAuthenticationForm):
    """The admin's sign-in form, its name's length checked as the site's is."""


class PasswordConfirmForm(forms.Form):
    """Asks for the user's password again before a dangerous operation."""

    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
