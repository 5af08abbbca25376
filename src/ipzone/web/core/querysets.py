"""Permissions in the queryset, after NetBox's ``RestrictedQuerySet``.

Every view and API endpoint starts from ``Model.objects.restrict(request.user, action)``; a row
the user may not see is simply not in the queryset, so asking for it by id gives 404 and it never
appears in a list, a count or an export.
"""

from __future__ import annotations

from django.db import models

from ipzone.web.core import roles


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view") -> RestrictedQuerySet:
        role = roles.role_of(user)
        if role is None or not roles.can(user, action):
            return self.none()
        if role in roles.WRITERS:
            return self
        if role == roles.LEADER:
            return self  # can() already refused every action but "view"
        uscc = roles.uscc_of(user)
        if not uscc:
            return self.none()
        scope = self.model.enterprise_scope if role == roles.ENTERPRISE else self.model.agency_scope
        q = scope(uscc) if scope is not None else None
        return self.none() if q is None else self.filter(q)


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)
