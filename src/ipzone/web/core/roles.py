"""The six roles of the platform, as Django groups, and what each may do.

==============  ====================  ===============================================================
role (group)    shown as              may
==============  ====================  ===============================================================
``admin``       系统管理员              everything, the Django admin included
``office``      知识产权办公室          read and change all data, run imports
``leader``      领导                    read everything, change nothing
``department``  部门用户                read the task list and what its department owns; enter its
                                        department's progress (linked to a Department by its code)
``enterprise``  企业用户                read its own entity (by 统一社会信用代码) and what belongs to it;
                                        file what the plan lets an enterprise file (navigation projects …)
``agency``      服务机构用户            read its own agency profile (and its talents); file its own records
==============  ====================  ===============================================================

Anonymous visitors get the public portal only. Object-level rules (which rows a scoped role sees)
live on each model and are applied by :meth:`ipzone.web.core.querysets.RestrictedQuerySet.restrict`:

- ``enterprise_scope(uscc)`` / ``agency_scope(uscc)`` / ``department_scope(code)``: the rows the
  linked organisation reads (a ``Q``; None: none);
- ``role_actions``: ``{role: {"add", "change", "delete"}}``, what a scoped role may do beyond
  reading (nothing unless a model says so), and ``write_scope(role, key)``: of the rows it reads,
  those it may change or delete (its own drafts, say);
- ``private_scope()``: rows only their owner sees (drafts), hidden from office and leaders too.
"""

from __future__ import annotations

ADMIN = "admin"
OFFICE = "office"
LEADER = "leader"
DEPARTMENT = "department"
ENTERPRISE = "enterprise"
AGENCY = "agency"

ROLES: dict[str, str] = {
    ADMIN: "系统管理员",
    OFFICE: "知识产权办公室",
    LEADER: "领导",
    DEPARTMENT: "部门用户",
    ENTERPRISE: "企业用户",
    AGENCY: "服务机构用户",
}
PRECEDENCE = (ADMIN, OFFICE, LEADER, DEPARTMENT, AGENCY, ENTERPRISE)
ALL_DATA = frozenset({ADMIN, OFFICE, LEADER})  # roles that read every row
WRITERS = frozenset({ADMIN, OFFICE})  # roles that change data and import
SCOPED = frozenset({DEPARTMENT, ENTERPRISE, AGENCY})  # roles that read their own rows only
LINKED_BY_USCC = frozenset({ENTERPRISE, AGENCY})  # scoped roles linked by 统一社会信用代码
SCOPE_METHOD = {ENTERPRISE: "enterprise_scope", AGENCY: "agency_scope", DEPARTMENT: "department_scope"}

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


def _profile(user):
    return getattr(user, "ipzone_profile", None) if user is not None and user.is_authenticated else None


def uscc_of(user) -> str | None:
    """The 统一社会信用代码 an enterprise or agency user is linked to."""
    profile = _profile(user)
    return (profile.uscc or None) if profile is not None else None


def department_of(user) -> str | None:
    """The code of the department a department user is linked to."""
    profile = _profile(user)
    return (profile.department or None) if profile is not None else None


def link_of(user) -> str | None:
    """What a scoped role's rows are narrowed by: its 统一社会信用代码, or its department's code."""
    return department_of(user) if role_of(user) == DEPARTMENT else uscc_of(user)


def can(user, action: str, model=None) -> bool:
    """Whether the role may perform ``action`` at all (rows are then narrowed by the queryset).

    Writers may do anything; a scoped role only what ``model.role_actions`` grants it."""
    role = role_of(user)
    if role is None:
        return False
    if action == "view":
        return True
    if role in WRITERS:
        return True
    return model is not None and action in getattr(model, "role_actions", {}).get(role, ())


def label(role: str | None) -> str:
    return ROLES.get(role or "", "无角色")
