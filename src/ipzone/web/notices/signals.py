"""What the platform tells people as it happens: the receivers of the other apps' changes.

| when | who is told |
|---|---|
| a case request moves to a new stage (受理、不予受理、调查 … 结案) | the enterprise account that asked |
| a case is given to a handler | the handler |
| an entitlement is computed for an enterprise, approved, refused, paid or withdrawn | the enterprise's accounts |
| the office returns a quarterly progress report | the department's accounts |

Overdue items are told by the daily job (``ipzone notify``, ``ipzone.web.notices.daily``).
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse

from ipzone.protection import workflow as wf
from ipzone.web.notices.sending import department_users, enterprise_users, notify
from ipzone.web.policies.models import Entitlement
from ipzone.web.programme.models import ProgressReport
from ipzone.web.protection.models import Proceeding, ProceedingStep


def _before(instance, *fields) -> dict:
    """The stored values of ``fields`` before this save (empty for a new row)."""
    if instance.pk is None:
        return {}
    row = type(instance).objects.filter(pk=instance.pk).values(*fields).first()
    return row or {}


# --- cases --------------------------------------------------------------------------------------


@receiver(post_save, sender=ProceedingStep, dispatch_uid="notices.case_step")
def case_step(sender, instance: ProceedingStep, created: bool, raw: bool = False, **kwargs) -> None:
    p = instance.proceeding
    if not created or raw or p.applicant_id is None or instance.stage == wf.SUBMITTED or instance.by_id == p.applicant_id:
        return
    what = f"申请 {p.reference}" if p.case_id is None else f"案件 {p.case_id}（申请 {p.reference}）"
    notify([p.applicant], "case", f"{what}：{instance.stage_label}", instance.note, p.get_absolute_url())


@receiver(pre_save, sender=Proceeding, dispatch_uid="notices.case_before")
def case_before(sender, instance: Proceeding, raw: bool = False, **kwargs) -> None:
    instance._notice_before = {} if raw else _before(instance, "handler_id")


@receiver(post_save, sender=Proceeding, dispatch_uid="notices.case_handler")
def case_handler(sender, instance: Proceeding, created: bool, raw: bool = False, **kwargs) -> None:
    before = getattr(instance, "_notice_before", {})
    if raw or instance.handler_id is None or before.get("handler_id") == instance.handler_id:
        return
    notify([instance.handler], "case", f"承办：{instance}（{instance.kind}，{instance.holder} 诉 {instance.respondent}）",
           f"当前阶段：{instance.stage_label}", instance.get_absolute_url())


# --- policies -----------------------------------------------------------------------------------

ENTITLEMENT_NEWS = {
    Entitlement.APPROVED: "已核准",
    Entitlement.REJECTED: "不予核准",
    Entitlement.PAID: "已支付",
    Entitlement.WITHDRAWN: "已撤销",
}


@receiver(pre_save, sender=Entitlement, dispatch_uid="notices.entitlement_before")
def entitlement_before(sender, instance: Entitlement, raw: bool = False, **kwargs) -> None:
    instance._notice_before = {} if raw else _before(instance, "status")


@receiver(post_save, sender=Entitlement, dispatch_uid="notices.entitlement")
def entitlement(sender, instance: Entitlement, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or not instance.uscc:
        return
    c = instance.computation
    what = f"{c.version.policy.name}（{c.year} 年度）{instance.amount.normalize():f} 万元"
    url = reverse("policies:entitlement", args=[instance.pk])
    if created:
        notify(enterprise_users(instance.uscc), "policy", f"政策待遇待确认：{what}",
               "按数据核算（免申即享），请核对并确认收款账户，或提出异议。", url)
        return
    old = getattr(instance, "_notice_before", {}).get("status")
    if old == instance.status or instance.status not in ENTITLEMENT_NEWS:
        return
    body = {
        Entitlement.APPROVED: instance.review_reason,
        Entitlement.REJECTED: instance.review_reason,
        Entitlement.PAID: f"支付日期 {instance.paid_on}，凭证号 {instance.payment_reference}" if instance.paid_on else "",
    }.get(instance.status, "")
    notify(enterprise_users(instance.uscc), "policy", f"政策待遇{ENTITLEMENT_NEWS[instance.status]}：{what}", body, url)


# --- the task list ------------------------------------------------------------------------------


@receiver(pre_save, sender=ProgressReport, dispatch_uid="notices.progress_before")
def progress_before(sender, instance: ProgressReport, raw: bool = False, **kwargs) -> None:
    instance._notice_before = {} if raw else _before(instance, "state")


@receiver(post_save, sender=ProgressReport, dispatch_uid="notices.progress_returned")
def progress_returned(sender, instance: ProgressReport, created: bool, raw: bool = False, **kwargs) -> None:
    old = getattr(instance, "_notice_before", {}).get("state")
    if raw or instance.state != ProgressReport.RETURNED or old == ProgressReport.RETURNED:
        return
    notify(department_users(instance.department_id), "progress",
           f"季度进展被退回：{instance.task.code} {instance.year}年第{instance.quarter}季度",
           instance.return_note, instance.get_absolute_url())
