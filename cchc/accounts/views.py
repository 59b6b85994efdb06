from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from cchc.audit.log import record

from .forms import ReauthForm
from .reauth import mark_confirmed


@login_required
def confirm_password(request):
    """Ask for the password again, then go back to the page that asked (reauth.py)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    form = ReauthForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        mark_confirmed(request)
        record("reauth", by=request.user, after={"next": target[:200]})
        return redirect(target or "admin:index")
    context = {"form": form, "next": target, "minutes": settings.REAUTH_SECONDS // 60}
    return render(request, "accounts/confirm_password.html", context)
