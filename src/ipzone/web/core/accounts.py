"""Users, their role (a Django group) and the entity, agency or department they are linked to."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from ipzone.web.core import roles
from ipzone.web.core.models import ApiToken, Profile


class UnknownDepartment(ValueError):
    pass


def ensure_groups() -> dict[str, Group]:
    return {r: Group.objects.get_or_create(name=r)[0] for r in roles.ROLES}


@transaction.atomic
def create_user(
    username: str, role: str, *, uscc: str | None = None, department: str | None = None,
    password: str | None = None, token: bool = False, validate: bool = True,
):
    """Create or update ``username`` with exactly one role; returns (user, API token or None).

    A department user is linked to a department by its code, which must exist."""
    if role not in roles.ROLES:
        raise ValueError(f"unknown role {role!r}")
    if role == roles.DEPARTMENT:
        from ipzone.web.programme.models import Department

        if not department or not Department.objects.filter(code=department).exists():
            known = "、".join(Department.objects.order_by("order", "code").values_list("code", flat=True)) or "（无）"
            raise UnknownDepartment(
                f"没有代码为 {department!r} 的部门（已有：{known}）/ no department with code {department!r}"
            )
    groups = ensure_groups()
    User = get_user_model()
    user = User.objects.filter(username=username).first() or User(username=username)
    if password is not None:
        if validate:
            validate_password(password, user)
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.is_superuser = user.is_staff = role == roles.ADMIN
    user.is_active = True
    user.save()
    user.groups.set([groups[role]])
    Profile.objects.update_or_create(
        user=user, defaults={"uscc": uscc or "", "department": department if role == roles.DEPARTMENT else ""}
    )
    return user, (ApiToken.issue(user, "createuser") if token else None)


def demo_enterprise():
    """The demo's enterprise account: the in-zone enterprise owning most patents."""
    from django.db.models import Count

    from ipzone.web.entities.models import Entity

    return (
        Entity.objects.filter(kind="企业", in_zone=True)
        .annotate(n=Count("patent_ownerships"))
        .order_by("-n", "uscc")
        .first()
    )


def demo_agency():
    """The demo's agency account: the agency in the zone longest."""
    from ipzone.web.services.models import Agency

    return Agency.objects.order_by("joined_on", "uscc").first()


def demo_accounts() -> list[dict]:
    """One account per role on the loaded demo data, each with a fresh random password; one
    department account per department of the task list."""
    from ipzone.web.programme.models import Department

    plan = [
        ("demo-admin", roles.ADMIN, None),
        ("demo-office", roles.OFFICE, None),
        ("demo-leader", roles.LEADER, None),
        ("demo-enterprise", roles.ENTERPRISE, demo_enterprise()),
        ("demo-agency", roles.AGENCY, demo_agency()),
    ]
    plan += [(f"demo-dept-{d.code}", roles.DEPARTMENT, d) for d in Department.objects.order_by("order", "code")]
    out = []
    for username, role, linked in plan:
        if role in roles.SCOPED and linked is None:
            continue
        password = secrets.token_urlsafe(9)
        create_user(
            username, role, uscc=getattr(linked, "uscc", None), department=getattr(linked, "code", None) if role == roles.DEPARTMENT else None,
            password=password, validate=False,
        )
        shown = linked.name if role == roles.DEPARTMENT else (str(linked) if linked else None)
        out.append({"role": role, "role_zh": roles.label(role), "username": username, "password": password, "linked": shown})
    return out
