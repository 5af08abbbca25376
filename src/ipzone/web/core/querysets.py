"""Permissions in the queryset, after NetBox's ``RestrictedQuerySet``.

Every view and API endpoint starts from ``Model.objects.restrict(request.user, action)``; a row
the user may not see is simply not in the queryset, so asking for it by id gives 404 and it never
appears in a list, a count or an export. The rules each model declares are described in
:mod:`ipzone.web.core.roles`.
"""

from __future__ import annotations

from django.db import models

from ipzone.web.core import roles


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view") -> RestrictedQuerySet:
        role = roles.role_of(user)
        if role is None or not roles.can(user, action, self.model):
            return self.none()
        if role == roles.ADMIN:
            return self
        if role in roles.ALL_DATA:  # office, leader (can() already refused leaders every write)
            private = getattr(self.model, "private_scope", None)
            q = private() if private is not None else None
            return self if q is None else self.exclude(q)
        key = roles.link_of(user)
        if not key:
            return self.none()
        scope = getattr(self.model, roles.SCOPE_METHOD[role], None)
        q = scope(key) if scope is not None else None
        if q is None:
            return self.none()
        if action != "view":
            write = getattr(self.model, "write_scope", None)
            w = write(role, key) if write is not None else None
            if w is None:
                return self.none()
            q &= w
        return self.filter(q)


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)
