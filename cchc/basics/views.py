"""Search results, the guide's pages, the people of a unit with their password reset, and the
reset-by-email pages (Django's views with our templates)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cchc.core.views import RefusedIs400
from cchc.org.access import Action, access_for, unit_for
from cchc.org.models import Membership, User

from . import actions, guide
from .search import MIN_LENGTH, search


@login_required
@require_safe
def results(request):
    found = search(request.user, request.GET.get("q", ""))
    context = {"results": found, "min_length": MIN_LENGTH, "nav": "search"}
    return render(request, "basics/search.html", context)


@require_safe
def guide_index(request):
    return render(request, "basics/guide_index.html", {"pages": guide.pages(), "nav": "guide"})


@require_safe
def guide_page(request, slug: str):
    found = guide.page(slug)
    if found is None:
        raise Http404
    context = {"page": found, "pages": guide.pages(), "nav": "guide"}
    return render(request, "basics/guide_page.html", context)


@login_required
@require_safe
def people(request, code: str):
    unit = unit_for(request.user, code, Action.MANAGE)
    members = (
        Membership.objects.filter(unit=unit, is_active=True)
        .select_related("user", "post")
        .order_by("user__full_name", "user__username", "role")
    )
    rows: dict[int, dict] = {}
    for m in members:
        row = rows.setdefault(m.user_id, {"user": m.user, "roles": []})
        row["roles"].append(f"{m.get_role_display()}{' — ' + m.post.name if m.post else ''}")
    for row in rows.values():
        row["may_reset"] = actions.may_reset(request.user, row["user"])
    context = {"unit": unit, "rows": list(rows.values()), "nav": "people"}
    return render(request, "basics/people.html", context)


def _person_for(request, pk: int) -> User:
    """The person if the requester may see one of their units (else 404) and may reset their
    password (else 403)."""
    access = access_for(request.user)
    visible = Membership.objects.filter(access.unit_q("unit")).values("user_id")
    users = User.objects.all() if request.user.is_superuser else User.objects.filter(pk__in=visible)
    person = get_object_or_404(
        users.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("unit"))
        ),
        pk=pk,
    )
    if not actions.may_reset(request.user, person):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(
            _("You may not reset the password of %(name)s.") % {"name": str(person)}
        )
    return person


@login_required
@require_POST
def reset_password(request, pk: int):
    person = _person_for(request, pk)
    back = request.POST.get("unit", "")
    if request.POST.get("how") == "link":
        try:
            actions.send_reset_link(person, by=request.user, request=request)
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("A link to choose a new password was sent to %(email)s.")
                % {"email": person.email},
            )
        if back:
            return redirect("basics:people", code=back)
        return redirect("home")
    password = actions.set_temporary_password(person, by=request.user)
    response = render(
        request,
        "basics/temporary_password.html",
        {"person": person, "password": password, "back": back, "nav": "people"},
    )
    add_never_cache_headers(response)  # shown once: never kept by a browser or a proxy
    return response


class PasswordResetView(RefusedIs400, auth_views.PasswordResetView):
    template_name = "basics/password_reset_form.html"
    subject_template_name = actions.RESET_TEMPLATES["subject_template_name"]
    email_template_name = actions.RESET_TEMPLATES["email_template_name"]
    success_url = reverse_lazy("basics:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "basics/password_reset_done.html"


class PasswordResetConfirmView(RefusedIs400, auth_views.PasswordResetConfirmView):
    template_name = "basics/password_reset_confirm.html"
    success_url = reverse_lazy("basics:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "basics/password_reset_complete.html"
