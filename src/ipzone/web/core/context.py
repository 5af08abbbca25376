"""Template context for every page: the menu and the user's role."""

from ipzone.web.core import roles


def navigation(request):
    from ipzone.web.core.navigation import menu_for

    user = getattr(request, "user", None)
    role = roles.role_of(user)
    return {"nav_menu": menu_for(user), "ipzone_role": role, "ipzone_role_label": roles.label(role) if role else ""}
