"""The inbox: a user's own notices, newest first, unread marked; reading one marks it read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ipzone.web.notices.models import Notice


@login_required
def inbox(request):
    notices = Notice.objects.restrict(request.user)
    if request.GET.get("unread") == "1":
        notices = notices.unread()
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(request, "notices/inbox.html", {"page": page, "unread_only": request.GET.get("unread") == "1"})


@login_required
def open_notice(request, pk: int):
    """Mark the notice read and go where it points (or back to the inbox)."""
    n = get_object_or_404(Notice.objects.restrict(request.user), pk=pk)
    if n.read_at is None:
        Notice.objects.filter(pk=n.pk).update(read_at=timezone.now())
    if n.url and url_has_allowed_host_and_scheme(n.url, allowed_hosts=None):
        return redirect(n.url)
    return redirect("notices:inbox")


@login_required
@require_POST
def read_all(request):
    Notice.objects.restrict(request.user).unread().update(read_at=timezone.now())
    return redirect("notices:inbox")
