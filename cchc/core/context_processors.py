from django.conf import settings


def site(request):
    """Values every page needs: whether this is a demo installation."""
    return {"CCHC_DEMO": not settings.PRODUCTION}
