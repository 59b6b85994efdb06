from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from .forms import LoginForm
from .navigation import landing_url


class RefusedIs400:
    """For Django's form views: a refused form is the page again with its reasons, status 400,
    as every refused save (decisions 0142, 0175, 0179)."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordChangeView(RefusedIs400, auth_views.PasswordChangeView):
    """Django's page, a refused change answered 400 (decision 0175)."""

    template_name = "core/password_change.html"
    success_url = "/accounts/password/done/"


class LoginView(RefusedIs400, auth_views.LoginView):
    """Signing in; wrong credentials are refused with 400 (decision 0179)."""

    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """Land each person on the page that fits their role (the apps' landing candidates)."""
    return redirect(landing_url(request.user))


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    """A form sent without its security token — a page left open past its session, cookies
    refused, a form sent from elsewhere: refused (403) in Vietnamese, with what to do, rather
    than Django's page in English (decision 0175). Nothing was saved."""
    return render(request, "403_csrf.html", status=403)
