from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    """Values every page needs: whether this is a demo installation."""
    return {"CCHC_DEMO": not settings.PRODUCTION}


def menu(request):
    """The main menu's links for the signed-in person (navigation.py), built only when a page
    shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .navigation import menu_for

    return {"site_menu": SimpleLazyObject(lambda: menu_for(user))}
