"""The daily job (``ipzone notify``): overdue items told once each to whom they concern.

- the task list: each overdue item (task, sub-task, decision, yearly target, missing quarterly
  report) to its lead department's accounts (``ipzone.web.programme.tracking.overdue``);
- cases: each running deadline that has passed, to the case's handler, or to the office's accounts
  when nobody handles it yet;
- credit supervision: the entities whose inspection is overdue (``ipzone.protection.inspections``),
  to the office's accounts as one notice listing them — a new one only when the list changes.

Every notice has a key naming the item and its due date: running the job again (or twice a day)
tells nobody twice; a new due date (a changed limit) is a new notice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

from django.db import transaction

from ipzone.web.notices.sending import department_users, notify, office_users


@transaction.atomic
def run(as_of: dt.date) -> Counter:
    from ipzone.web.programme import tracking
    from ipzone.web.protection.models import Proceeding

    sent: Counter = Counter()
    for due in tracking.overdue(as_of):
        o = due.obligation
        key = f"overdue:{o.kind}:{due.task.pk}:{due.target.pk if due.target else ''}:{due.quarter or ''}:{o.due_on}"
        title = f"逾期：{o.label}（{due.task.code} {due.task.title}），期限 {o.due_on}"
        sent["programme"] += len(notify(department_users(due.department.code), "overdue", title,
                                        f"截至 {as_of} 已逾期 {due.overdue_days} 日。", due.task.get_absolute_url(), key))
    office = None
    for p in Proceeding.objects.exclude(stage__in=("closed", "rejected", "withdrawn")).select_related("handler"):
        for d in p.deadlines(as_of):
            if not d.overdue(as_of):
                continue
            if p.handler is None and office is None:
                office = list(office_users())
            to = [p.handler] if p.handler else office
            key = f"case-overdue:{p.pk}:{d.label}:{d.due_on}"
            sent["cases"] += len(notify(to, "overdue", f"逾期：{p}（{p.kind}）{d.label} {d.due_on}",
                                        f"截至 {as_of} 已逾期 {d.days_over(as_of)} 日。", p.get_absolute_url(), key))
    sent["inspections"] += _inspections(as_of, office if office is not None else list(office_users()))
    return sent


def _inspections(as_of: dt.date, office: list) -> int:
    from django.urls import reverse

    from ipzone.protection import credit
    from ipzone.web.protection import grading

    try:
        graded = grading.grades(as_of.year)
    except credit.RulesError:
        return 0  # the grades page says what is wrong with the rules file
    schedule = grading.schedule(graded, as_of)
    late = sorted((d.due_on, u) for u, d in schedule.items() if d.overdue(as_of))
    if not late:
        return 0
    key = "inspections-overdue:" + hashlib.sha256(repr(late).encode()).hexdigest()[:16]
    lines = [f"{graded[u].name}（{u}，{graded[u].grade} 级）应于 {due} 检查，已逾期 {(as_of - due).days} 日" for due, u in late]
    url = reverse("protection:grades") + f"?year={as_of.year}&inspection=overdue"
    return len(notify(office, "inspection", f"信用监管：{len(late)} 户主体检查已逾期（截至 {as_of}）", "\n".join(lines), url, key))
