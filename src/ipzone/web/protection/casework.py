"""Moving a proceeding through the workflow, each move one transaction.

Every move checks it is allowed (``ipzone.protection.workflow.TRANSITIONS``) and that its date is
neither before the current stage began nor in the future, ends the current step, starts the next
one with its deadline, and stores the running deadlines. Acceptance creates the contract ``Case``
row (受理日期 = the acceptance day); closure writes its 结案日期, 结果 and 涉案金额. Changing a
contract row bumps the data version, so indicators and reports see it at once.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from ipzone.protection import workflow as wf
from ipzone.protection.workflow import WorkflowError
from ipzone.web.core.models import DataState
from ipzone.web.core.signals import quiet
from ipzone.web.protection.models import ONLINE, Case, DeadlineRule, Document, Proceeding, ProceedingStep, Transfer


def today() -> dt.date:
    return timezone.localdate()


def _check_day(p: Proceeding | None, on: dt.date) -> None:
    if on > today():
        raise WorkflowError(f"日期 {on} 晚于今天", f"the date {on} is in the future")
    if p is not None and on < p.stage_since:
        raise WorkflowError(
            f"日期 {on} 早于本阶段（{p.stage_label}）开始的 {p.stage_since}",
            f"the date {on} is before the current stage began ({p.stage_since})",
        )


def _cases_changed() -> None:
    transaction.on_commit(lambda: DataState.bump({"cases"}))


def _start(p: Proceeding, stage: str, on: dt.date, user, note: str = "") -> ProceedingStep:
    """Enter ``stage``: its deadlines are set on ``p`` (saved by the caller) and its step returned
    (saved after ``p``, which may be new)."""
    p.stage, p.stage_since = stage, on
    p.refresh_deadlines(today(), DeadlineRule.limits())
    return ProceedingStep(stage=stage, started_on=on, due_on=p.stage_due, by=user, note=note)


def _end_step(p: Proceeding, on: dt.date) -> None:
    p.steps.filter(ended_on__isnull=True).update(ended_on=on)


def _save(p: Proceeding, reason: str, step: ProceedingStep) -> Proceeding:
    p.save()
    update_change_reason(p, reason)
    step.proceeding = p
    step.save()
    return p


def _new_case(p: Proceeding, case_no: str, on: dt.date) -> Case:
    case_no = case_no.strip()
    if not case_no:
        raise WorkflowError("受理时须填写案件编号", "a case number is needed to accept the case")
    if Case.objects.filter(case_no=case_no).exists():
        raise WorkflowError(f"案件编号 {case_no} 已存在", f"case number {case_no} already exists")
    with quiet():
        case = Case.objects.create(
            case_no=case_no, kind=p.kind, right_kind=p.right_kind, opened_on=on, holder=p.holder,
            respondent=p.respondent, respondent_uscc=p.respondent_uscc or None, amount=p.amount, typical=False,
        )
    update_change_reason(case, "案件受理")
    _cases_changed()
    return case


@transaction.atomic
def submit(p: Proceeding, user, uploads=(), doc_kind: str = "申请书", on: dt.date | None = None) -> Proceeding:
    """A rights holder's online request (待受理), submitted today (``on``: an earlier day, for imports and the demo)."""
    on = on or today()
    _check_day(None, on)
    p.source, p.applicant, p.submitted_on = ONLINE, user, on
    _save(p, "在线申请", _start(p, wf.SUBMITTED, on, user, "在线提交申请"))
    for upload in uploads:
        add_document(p, user, doc_kind, upload)
    return p


@transaction.atomic
def register(p: Proceeding, user, *, case_no: str, on: dt.date, handler=None, transfer: dict | None = None, uploads=(), doc_kind: str = "其他") -> Proceeding:
    """A case the office registers itself, or receives from a court or another authority: accepted on ``on``."""
    _check_day(None, on)
    p.submitted_on = p.accepted_on = on
    if handler is not None:
        p.handler, p.assigned_on = handler, on
    p.case = _new_case(p, case_no, on)
    _save(p, "登记案件", _start(p, wf.ACCEPTED, on, user, "收到移送，登记受理" if transfer else "办公室登记受理"))
    if transfer:
        Transfer.objects.create(proceeding=p, direction=Transfer.IN, dated=on, **transfer)
    for upload in uploads:
        add_document(p, user, doc_kind, upload)
    return p


@transaction.atomic
def accept(p: Proceeding, user, *, case_no: str, on: dt.date, handler=None, note: str = "") -> Proceeding:
    wf.check_move(p.stage, wf.ACCEPTED)
    _check_day(p, on)
    p.case = _new_case(p, case_no, on)
    p.accepted_on = on
    if handler is not None:
        p.handler, p.assigned_on = handler, on
    _end_step(p, on)
    return _save(p, "受理", _start(p, wf.ACCEPTED, on, user, note or "予以受理"))


@transaction.atomic
def reject(p: Proceeding, user, *, on: dt.date, note: str) -> Proceeding:
    wf.check_move(p.stage, wf.REJECTED)
    _check_day(p, on)
    if not note.strip():
        raise WorkflowError("不予受理须说明理由", "a rejection needs its reason")
    _end_step(p, on)
    p.closed_on = on
    return _save(p, "不予受理", _start(p, wf.REJECTED, on, user, note))


@transaction.atomic
def withdraw(p: Proceeding, user, *, note: str = "", on: dt.date | None = None) -> Proceeding:
    """The applicant withdraws a request the office has not accepted yet (today, or ``on``)."""
    wf.check_move(p.stage, wf.WITHDRAWN)
    on = on or today()
    _check_day(p, on)
    _end_step(p, on)
    p.closed_on = on
    return _save(p, "撤回申请", _start(p, wf.WITHDRAWN, on, user, note or "申请人撤回申请"))


@transaction.atomic
def assign(p: Proceeding, user, *, handler, on: dt.date) -> Proceeding:
    if not p.is_open:
        raise WorkflowError("已办结的案件不能再分派", "a finished case cannot be assigned")
    _check_day(None, on)
    p.handler, p.assigned_on = handler, on
    p.save()
    update_change_reason(p, f"分派承办人 {handler.get_username()}")
    return p


@transaction.atomic
def move(p: Proceeding, user, *, to: str, on: dt.date, note: str = "", transfer: dict | None = None) -> Proceeding:
    """To 调查, 调解, 裁决 or 移送 (with its transfer record), or back from 移送 to 调解."""
    if to in (wf.CLOSED, wf.ACCEPTED, wf.REJECTED, wf.WITHDRAWN):
        raise WorkflowError("受理、不予受理、撤回和结案各有其操作", "accept, reject, withdraw and close are separate actions")
    wf.check_move(p.stage, to)
    _check_day(p, on)
    if to == wf.TRANSFERRED:
        if not transfer or not transfer.get("body"):
            raise WorkflowError("移送须写明接收机关", "a transfer needs the receiving body")
        Transfer.objects.create(proceeding=p, direction=Transfer.OUT, dated=on, **transfer)
    if p.stage == wf.TRANSFERRED:  # back from the court: the case clock runs again
        p.transfers.filter(direction=Transfer.OUT, returned_on__isnull=True).update(returned_on=on)
    _end_step(p, on)
    return _save(p, wf.STAGES[to], _start(p, to, on, user, note))


@transaction.atomic
def close(p: Proceeding, user, *, on: dt.date, outcome: str, amount: float | None = None, note: str = "") -> Proceeding:
    """结案: the proceeding and its contract row get the closing day and the outcome."""
    wf.check_move(p.stage, wf.CLOSED)
    _check_day(p, on)
    if not outcome:
        raise WorkflowError("结案须填写结果", "closing needs the outcome")
    if p.case is None:
        raise WorkflowError("案件未受理，不能结案", "the case was never accepted")
    if on < p.case.opened_on:
        raise WorkflowError(f"结案日期 {on} 早于受理日期 {p.case.opened_on}", f"the closing day {on} is before the opening day {p.case.opened_on}")
    p.closed_on, p.outcome = on, outcome
    if amount is not None:
        p.amount = amount
    _end_step(p, on)
    step = _start(p, wf.CLOSED, on, user, note)
    case = p.case
    case.closed_on, case.outcome = on, outcome
    if amount is not None:
        case.amount = amount
    with quiet():
        case.save()
    update_change_reason(case, "案件办结")
    _cases_changed()
    return _save(p, "结案", step)


def add_document(p: Proceeding, user, kind: str, upload, internal: bool = False) -> Document:
    return Document.objects.create(
        proceeding=p, stage=p.stage, kind=kind, file=upload, name=upload.name[:255], size=upload.size,
        internal=internal, uploaded_by=user,
    )


def refresh_open(kind: str | None = None) -> int:
    """Store the deadlines of every open proceeding again (after the office changed a limit)."""
    limits = DeadlineRule.limits()
    qs = Proceeding.objects.open()
    if kind:
        qs = qs.filter(kind=kind)
    n = 0
    for p in qs:
        before = (p.stage_due, p.case_due)
        p.refresh_deadlines(today(), limits)
        if (p.stage_due, p.case_due) != before:
            Proceeding.objects.filter(pk=p.pk).update(stage_due=p.stage_due, case_due=p.case_due)
            n += 1
    return n


__all__ = ["WorkflowError", "accept", "add_document", "assign", "close", "move", "refresh_open", "register", "reject", "submit", "today", "withdraw"]
