from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from .forms import LoginForm
from .navigation import landing_url


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, a refused change answered as every refused save is: 400 (decision 0175)."""

    template_name = "core/password_change.html"
    success_url = "/accounts/password/done/"

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class LoginView(auth_views.LoginView):
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
