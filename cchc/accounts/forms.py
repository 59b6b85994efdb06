from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class ReauthForm(forms.Form):
    """The signed-in person's password, checked through authenticate() so that a wrong one is
    counted by the lockout and recorded."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        found = authenticate(self.request, username=user.get_username(), password=password)
        if found is None or found.pk != user.pk:
            raise forms.ValidationError(_("The password is not correct."))
        return password


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text=_("6 digits from your authenticator app, or one of your recovery codes."),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split()).lower()
