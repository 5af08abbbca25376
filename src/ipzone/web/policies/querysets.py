"""Who may do what with policies and entitlements, in the queryset (as ``core.querysets`` does).

These are not contract tables, so the actions are this app's own and ``roles.can`` is left as
it is:

==================  ==============================  ===========================================
model               action                          rows
==================  ==============================  ===========================================
Policy, versions    ``view``                        every role that is logged in (the rules are public)
                    ``change`` (new version)        office, admin
Computation         ``view``                        office, leader, admin
                    ``compute`` ``review``          office, admin
                    ``announce`` ``pay``
Entitlement         ``view``                        office, leader, admin: all; enterprise: its own
                                                    (by 统一社会信用代码), withdrawn ones excepted
                    ``claim`` (confirm, dispute)    enterprise: its own while claimable; office,
                                                    admin: any claimable one (on the beneficiary's behalf)
                    ``review`` ``pay``              office, admin
Review batches,     ``view``                        office, leader, admin
announcements,      other actions                   office, admin
objections, payments
==================  ==============================  ===========================================

A row outside the queryset is a 404, so an enterprise asking for another's entitlement learns
nothing, not even that it exists.
"""

from __future__ import annotations

from django.db import models

from ipzone.web.core import roles


def _role(user) -> str | None:
    return roles.role_of(user)


class PolicyQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        role = _role(user)
        if role is None:
            return self.none()
        if action == "view":
            return self
        return self if role in roles.WRITERS else self.none()


class OfficeQuerySet(models.QuerySet):
    """Office records: read by the roles that read all data, changed by office and admin."""

    def restrict(self, user, action: str = "view"):
        role = _role(user)
        if action == "view":
            return self if role in roles.ALL_DATA else self.none()
        return self if role in roles.WRITERS else self.none()


class ComputationQuerySet(OfficeQuerySet):
    pass


class EntitlementQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        role = _role(user)
        if role is None:
            return self.none()
        if role in roles.WRITERS:
            if action == "claim":
                return self.filter(status__in=self.model.CLAIMABLE)
            return self
        if role == roles.LEADER:
            return self if action == "view" else self.none()
        if role != roles.ENTERPRISE:
            return self.none()
        uscc = roles.uscc_of(user)
        if not uscc:
            return self.none()
        own = self.filter(uscc=uscc).exclude(status=self.model.WITHDRAWN)
        if action == "view":
            return own
        if action == "claim":
            return own.filter(status__in=self.model.CLAIMABLE)
        return self.none()
