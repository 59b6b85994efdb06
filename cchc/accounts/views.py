from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.audit.log import record

from . import actions
from .addresses import client_address
from .forms import ReauthForm, TokenForm
from .reauth import mark_confirmed
from .two_step import DEVICE, SESSION_TWO_STEP, must_use_two_step, two_step_state


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return target


@login_required
def confirm_password(request):
    """Ask for the password again, then go back to the page that asked (reauth.py)."""
    target = _next(request)
    form = ReauthForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        mark_confirmed(request)
        record("reauth", by=request.user, after={"next": target[:200]})
        return redirect(target or "admin:index")
    context = {"form": form, "next": target, "minutes": settings.REAUTH_SECONDS // 60}
    return render(request, "accounts/confirm_password.html", context)


WRONG_CODE = gettext_lazy("The code is not correct, or was already used.")


@login_required
def two_step_verify(request):
    """The second step of a login: a code from the app or a recovery code (two_step.py)."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request) or "home")
    if not user_has_device(user):  # reset by an administrator since this login
        request.session[SESSION_TWO_STEP] = two_step_state(user)
        return redirect(_next(request) or "home")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            recovery = isinstance(device, StaticDevice)
            left = device.token_set.count() if recovery else None
            record(
                "two_step.verified",
                by=user,
                after={"recovery_code": recovery, "recovery_codes_left": left},
            )
            return redirect(_next(request) or "home")
        record(
            "two_step.failed",
            by=user,
            after={"username": user.get_username(), "address": client_address(request)},
        )
        form.add_error("token", WRONG_CODE)
    return render(request, "accounts/two_step_verify.html", {"form": form, "next": _next(request)})


@login_required
def two_step_setup(request):
    """Enrol an authenticator app: scan the QR code (drawn here, no outside service), type one
    code to prove it works, receive the recovery codes once."""
    import segno

    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        left = sum(d.token_set.count() for d in StaticDevice.objects.filter(user=user))
        return render(request, "accounts/two_step_enabled.html", {"codes_left": left})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    form = TokenForm(request.POST or None)
    form.fields["token"].help_text = ""  # recovery codes do not exist yet
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = actions.confirm_two_step(device, by=user)
            otp_login(request, device)
            request.session[SESSION_TWO_STEP] = DEVICE
            context = {"codes": codes, "next": _next(request)}
            return render(request, "accounts/two_step_codes.html", context)
        form.add_error("token", WRONG_CODE)
    qr = segno.make(device.config_url, error="m")
    secret = device.config_url.split("secret=")[1].split("&")[0]
    context = {
        "form": form,
        "next": _next(request),
        "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff", omitsize=False),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": settings.TWO_STEP_REQUIRED and must_use_two_step(user),
    }
    status = 400 if form.errors else 200  # a refused code: the page again (decision 0175)
    return render(request, "accounts/two_step_setup.html", context, status=status)
