"""Sending notices: who gets one, once, and by e-mail too when the platform has an SMTP server.

``notify`` writes the notices in the caller's transaction (they vanish with it if it rolls back)
and sends the e-mails only after it commits. A notice with a ``key`` is sent to a user once: the
daily job (``ipzone notify``) can run again and again without repeating itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ipzone.web.core import roles
from ipzone.web.notices.models import Notice

log = logging.getLogger(__name__)


def enterprise_users(uscc: str | None):
    """The active accounts of an enterprise (or agency) by its 统一社会信用代码."""
    users = get_user_model().objects.filter(is_active=True)
    if not uscc:
        return users.none()
    return users.filter(ipzone_profile__uscc=uscc, groups__name__in=roles.LINKED_BY_USCC).distinct()


def department_users(code: str | None):
    users = get_user_model().objects.filter(is_active=True)
    if not code:
        return users.none()
    return users.filter(ipzone_profile__department=code, groups__name=roles.DEPARTMENT).distinct()


def office_users():
    return get_user_model().objects.filter(is_active=True, groups__name=roles.OFFICE).distinct()


def notify(users: Iterable, kind: str, title: str, body: str = "", url: str = "", key: str = "") -> list[Notice]:
    """One notice to each user (skipping those who already had ``key``); e-mailed after commit."""
    users = list({u.pk: u for u in users if u is not None}.values())
    if key:
        had = set(Notice.objects.filter(key=key, user__in=users).values_list("user_id", flat=True))
        users = [u for u in users if u.pk not in had]
    made = [Notice.objects.create(user=u, kind=kind, title=title[:200], body=body, url=url, key=key) for u in users]
    if made and settings.NOTICE_EMAIL:
        ids = [n.pk for n in made]
        transaction.on_commit(lambda: email(ids))
    return made


def email(ids: list[int]) -> int:
    """E-mail the notices (to users with an address); a failure is logged, the notice stays."""
    sent = 0
    for n in Notice.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("user"):
        if not n.user.email:
            continue
        link = f"\n\n{settings.NOTICE_BASE_URL.rstrip('/')}{n.url}" if n.url and settings.NOTICE_BASE_URL else ""
        try:
            send_mail(f"[知识产权工作平台] {n.title}", f"{n.body}{link}".strip() or n.title, None, [n.user.email])
        except Exception as e:  # noqa: BLE001 — an unreachable mail server must not break the platform
            log.warning("notice %s: e-mail to %s failed: %s", n.pk, n.user.email, e)
            continue
        Notice.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
