"""Template context every page needs: the portal's name and the user's role."""

from django.conf import settings


def portal(request):
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    return {"PORTAL_NAME": settings.PORTAL_NAME, "user_role": role}
