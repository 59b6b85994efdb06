"""A person's notifications: the list, marking them read. Nobody sees another's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from . import actions
from .models import Notification


@login_required
@require_safe
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user).select_related("unit")
    if request.GET.get("show") == "unread":
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "show": request.GET.get("show", ""),
        "unread": Notification.objects.filter(user=request.user, read_at__isnull=True).count(),
        "nav": "notifications",
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(Notification.objects.filter(user=request.user), pk=pk)
    actions.mark_read(Notification.objects.filter(pk=notification.pk), by=request.user)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url or "notifications:list")
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    actions.mark_read(Notification.objects.all(), by=request.user)
    return redirect("notifications:list")
