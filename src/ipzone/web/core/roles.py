"""The five roles of the platform, as Django groups, and what each may do.

=============  ====================  ================================================================
role (group)   shown as              may
=============  ====================  ================================================================
``admin``      系统管理员              everything, the Django admin included
``office``     知识产权办公室          read and change all data, run imports
``leader``     领导                    read everything, change nothing
``enterprise`` 企业用户                read its own entity (by 统一社会信用代码) and what belongs to it
``agency``     服务机构用户            read its own agency profile (and its talents)
=============  ====================  ================================================================

Anonymous visitors get the public portal only. Object-level rules (which rows an enterprise or an
agency sees) live on each model (``enterprise_scope`` / ``agency_scope``) and are applied by
:meth:`ipzone.web.core.querysets.RestrictedQuerySet.restrict`.
"""

from __future__ import annotations

ADMIN = "admin"
OFFICE = "office"
LEADER = "leader"
ENTERPRISE = "enterprise"
AGENCY = "agency"

ROLES: dict[str, str] = {
    ADMIN: "系统管理员",
    OFFICE: "知识产权办公室",
    LEADER: "领导",
    ENTERPRISE: "企业用户",
    AGENCY: "服务机构用户",
}
PRECEDENCE = (ADMIN, OFFICE, LEADER, AGENCY, ENTERPRISE)
ALL_DATA = frozenset({ADMIN, OFFICE, LEADER})  # roles that read every row
WRITERS = frozenset({ADMIN, OFFICE})  # roles that change data and import
SCOPED = frozenset({ENTERPRISE, AGENCY})  # roles that read their own rows only

ACTIONS = ("view", "add", "change", "delete", "import")


def role_of(user) -> str | None:
    """The user's role (cached on the user object), or None for anonymous and role-less users."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    cached = getattr(user, "_ipzone_role", False)
    if cached is not False:
        return cached
    if user.is_superuser:
        role = ADMIN
    else:
        names = set(user.groups.values_list("name", flat=True))
        role = next((r for r in PRECEDENCE if r in names), None)
    user._ipzone_role = role
    return role


def uscc_of(user) -> str | None:
    """The 统一社会信用代码 an enterprise or agency user is linked to."""
    profile = getattr(user, "ipzone_profile", None) if user is not None and user.is_authenticated else None
    return (profile.uscc or None) if profile is not None else None


def can(user, action: str) -> bool:
    """Whether the role may perform ``action`` at all (rows are then narrowed by the queryset)."""
    role = role_of(user)
    if role is None:
        return False
    if action == "view":
        return True
    return role in WRITERS


def label(role: str | None) -> str:
    return ROLES.get(role or "", "无角色")
