"""The unread count in every page's top bar (one indexed COUNT per page for a logged-in user)."""

from ipzone.web.notices.models import Notice


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": Notice.objects.restrict(user).unread().count()}
