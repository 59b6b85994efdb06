from django.utils.functional import SimpleLazyObject


def follow_up(request):
    """The follow-up menu (My tasks, dashboard, comparison, unread notifications), computed
    only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .landing import menu

    return {"follow_up_menu": SimpleLazyObject(lambda: menu(user))}
