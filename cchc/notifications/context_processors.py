from django.utils.functional import SimpleLazyObject


def bell(request):
    """The bell of the main menu: how many notifications the person has not read, counted only
    when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> dict:
        from .models import Notification

        return {"unread": Notification.objects.filter(user=user, read_at__isnull=True).count()}

    return {"notification_bell": SimpleLazyObject(count)}
