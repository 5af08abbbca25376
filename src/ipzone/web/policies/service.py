"""The workflow, as functions the views, the API and the command line call.

compute → (enterprise) confirm / dispute → (office) review in batches → announce (公示) →
objections resolved → payment list → record payment. Each step is one transaction and is
recorded in the models' history with the user and a reason.

Decisions (docs/policies.md):

- A new computation of a policy for a year (any version) withdraws every unpaid entitlement
  of earlier computations of that policy and year; paid items stay paid and the new computation
  excludes them (its payment record is the platform's payments).
- Payable = approved, on an announcement whose period has ended, with no open objection.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from simple_history.utils import update_change_reason

from ipzone.policies import PaidItem, PolicyError, compute, files, once_key
from ipzone.web.core.models import DataState
from ipzone.web.policies.models import (
    Announcement,
    Attachment,
    Computation,
    Entitlement,
    EntitlementItem,
    Objection,
    Payment,
    Policy,
    PolicyVersion,
    ReviewBatch,
)


class WorkflowError(Exception):
    """A step that cannot be taken now, said in Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason)


# --- policies and versions ---------------------------------------------------------------------


def ensure_samples(**kwargs) -> int:
    """Create every shipped sample policy the database does not have yet (never overwrites)."""
    made = 0
    for name, text in files.sample_texts().items():
        if Policy.objects.filter(name=name).exists():
            continue
        parsed = files.load_text(text, f"{name}.toml")
        with transaction.atomic():
            p = Policy.objects.create(name=name, title=parsed.title)
            PolicyVersion.objects.create(policy=p, version=parsed.version, text=text, note="ipzone 自带的示例政策（金额由办公室确定）")
        made += 1
    return made


@transaction.atomic
def new_version(policy: Policy, text: str, note: str, user) -> PolicyVersion:
    """A new version from the office's edited text (checked by the domain schema first)."""
    last = policy.versions.select_for_update().order_by("-version").first()
    number = (last.version if last else 0) + 1
    text = files.with_version(text, number)
    parsed = files.load_text(text, f"{policy.name} 第 {number} 版")  # PolicyError: nothing saved
    if parsed.name != policy.name:
        raise PolicyError(f"name 不能改（应为「{policy.name}」）", f"the name cannot change (must be {policy.name!r})")
    v = PolicyVersion.objects.create(policy=policy, version=number, text=text, note=note, created_by=user)
    _reason(v, f"新版本：{note}")
    if policy.title != parsed.title:
        policy.title = parsed.title
        policy.save()
        _reason(policy, f"第 {number} 版改了标题")
    return v


def current_policies() -> list:
    """The domain policy of every policy's newest version."""
    out = []
    for p in Policy.objects.order_by("name"):
        v = p.current
        if v is not None:
            out.append(v.parsed())
    return out


def paid_items() -> list[PaidItem]:
    return [
        PaidItem(p.policy, p.year, p.kind, p.item_no, p.amount, p.uscc, p.paid_on)
        for p in Payment.objects.order_by("paid_on", "pk")
    ]


# --- compute -----------------------------------------------------------------------------------


def use_platform_credit_grades() -> None:
    """The ``credit`` hold holds the entities the platform's credit grading puts in its worst grade."""
    from ipzone.policies import holds
    from ipzone.protection import credit
    from ipzone.web.protection import grading

    holds.set_provider("credit", lambda year, as_of: credit.held(grading.grades(year), grading.rules()))


def compute_and_store(version: PolicyVersion, year: int, user, as_of: dt.date | None = None) -> Computation:
    """Compute the version's entitlements for ``year`` on the current data and store them."""
    from ipzone.web import metrics

    policy = version.parsed()
    use_platform_credit_grades()
    with metrics._lock:  # the DuckDB connection is not shared between threads
        eng = metrics.engine()
        out = compute(eng, policy, year, paid=paid_items(), as_of=as_of or timezone.localdate())
    if not out.applies:
        raise WorkflowError(f"不能核算：{out.reason[0]}", f"cannot compute: {out.reason[1]}")
    state = DataState.current()
    with transaction.atomic():
        earlier = Computation.objects.select_for_update().filter(version__policy=version.policy, year=year, superseded=False)
        for c in earlier:
            for e in c.entitlements.exclude(status__in=(Entitlement.PAID, Entitlement.WITHDRAWN)):
                e.status = Entitlement.WITHDRAWN
                e.save()
                _reason(e, f"被 {version} 的 {year} 年度新核算取代")
            c.superseded = True
            c.save()
            _reason(c, "被新的核算取代")
        comp = Computation.objects.create(
            version=version,
            year=year,
            data_version=state.version,
            as_of=out.as_of,
            computed_by=user,
            total=out.total,
            budget=out.budget,
            excluded=[{"kind": x.kind, "id": x.id, "rule": x.rule, "reason": x.zh, "uscc": x.uscc, "name": x.name} for x in out.excluded],
            notes=[n[0] for n in out.notes] + [a[0] for a in out.assumptions],
        )
        _reason(comp, "核算")
        for e in out.entitlements:
            ent = Entitlement.objects.create(computation=comp, uscc=e.uscc, name=e.name, amount=e.amount)
            _reason(ent, "核算（免申即享）")
            for i in e.items:
                EntitlementItem.objects.create(
                    entitlement=ent, kind=i.kind, item_no=i.id, date=i.date, base=i.base, amount=i.amount,
                    steps=[s[0] for s in i.steps], once_key=once_key(policy.exclusions.once, policy.name, year, i.kind, i.id),
                )
    return comp


# --- claims --------------------------------------------------------------------------------------


def _claimable(user, pk: int) -> Entitlement:
    e = Entitlement.objects.restrict(user, "claim").select_for_update().filter(pk=pk).first()
    if e is None:
        raise Entitlement.DoesNotExist
    return e


@transaction.atomic
def confirm(user, pk: int, *, bank_account_name: str, bank_name: str, bank_account: str, contact_name: str, contact_phone: str) -> Entitlement:
    from ipzone.web.core import roles

    e = _claimable(user, pk)
    e.bank_account_name, e.bank_name, e.bank_account = bank_account_name, bank_name, bank_account
    e.contact_name, e.contact_phone = contact_name, contact_phone
    e.status = Entitlement.CONFIRMED
    e.claimed_by, e.claimed = user, timezone.now()
    e.on_behalf = roles.role_of(user) in roles.WRITERS
    e.dispute_reason = ""
    e.save()
    _reason(e, "办公室代为确认" if e.on_behalf else "企业确认")
    return e


@transaction.atomic
def dispute(user, pk: int, reason: str, uploads: list) -> Entitlement:
    e = _claimable(user, pk)
    e.status = Entitlement.DISPUTED
    e.dispute_reason = reason
    e.claimed_by, e.claimed = user, timezone.now()
    e.save()
    _reason(e, "提出异议")
    _attach(uploads, user, "异议附件", entitlement=e)
    return e


def _attach(uploads: list, user, reason: str, **owner) -> None:
    """Keep the (already checked) uploads as attachments of ``owner`` (entitlement= or objection=)."""
    for f in uploads:
        a = Attachment.objects.create(file=f, name=f.name, size=f.size, uploaded_by=user, **owner)
        _reason(a, reason)


# --- review, announce, pay ------------------------------------------------------------------------


@transaction.atomic
def review(user, computation: Computation, ids: list[int], decision: str, reason: str) -> ReviewBatch:
    rows = list(
        Entitlement.objects.restrict(user, "review").select_for_update()
        .filter(computation=computation, pk__in=ids, status__in=Entitlement.REVIEWABLE)
    )
    if not rows:
        raise WorkflowError("没有可审核的对象（只能审核已确认或有异议的）", "nothing to review (only confirmed or disputed ones)")
    batch = ReviewBatch.objects.create(decision=decision, reason=reason, count=len(rows), created_by=user)
    now = timezone.now()
    for e in rows:
        e.status = Entitlement.APPROVED if decision == ReviewBatch.APPROVE else Entitlement.REJECTED
        e.review_reason, e.reviewed_by, e.reviewed, e.batch = reason, user, now, batch
        e.save()
        _reason(e, f"批量审核：{batch.get_decision_display()}")
    return batch


def announceable(computation: Computation):
    return computation.entitlements.filter(status=Entitlement.APPROVED).exclude(announcements__isnull=False)


@transaction.atomic
def announce(user, computation: Computation, starts_on: dt.date, days: int, note: str = "") -> Announcement:
    rows = list(announceable(computation).order_by("name"))
    if not rows:
        raise WorkflowError("没有待公示的已核准对象", "no approved entitlement waits for announcement")
    a = Announcement.objects.create(
        computation=computation,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=days - 1),
        note=note,
        published_by=user,
        snapshot=[{"id": e.pk, "name": e.name, "amount": str(e.amount), "items": e.items.count()} for e in rows],
    )
    a.entitlements.set(rows)
    _reason(a, "发布公示")
    return a


@transaction.atomic
def object_to(announcement: Announcement, *, name: str, contact: str, reason: str, entitlement: Entitlement | None, uploads: list = ()) -> Objection:
    """Anyone (no account) objects during the period; ``uploads`` are kept for the office only."""
    if not announcement.is_open():
        raise WorkflowError("公示期外不能提出异议", "objections can be filed only during the announcement period")
    o = Objection.objects.create(announcement=announcement, entitlement=entitlement, name=name, contact=contact, reason=reason)
    _reason(o, "公示异议")
    _attach(uploads, None, "公示异议附件", objection=o)
    return o


@transaction.atomic
def resolve(user, objection: Objection, upheld: bool, resolution: str) -> Objection:
    if objection.status != Objection.OPEN:
        raise WorkflowError("该异议已处理", "the objection was already resolved")
    objection.status = Objection.UPHELD if upheld else Objection.DISMISSED
    objection.resolution, objection.resolved_by, objection.resolved = resolution, user, timezone.now()
    objection.save()
    _reason(objection, objection.get_status_display())
    e = objection.entitlement
    if upheld and e is not None and e.status == Entitlement.APPROVED:
        e.status = Entitlement.REJECTED
        e.review_reason = f"公示异议成立：{resolution}"
        e.reviewed_by, e.reviewed = user, timezone.now()
        e.save()
        _reason(e, "公示异议成立")
    return objection


def payable(computation: Computation | None = None, today: dt.date | None = None):
    """Approved, announced with the period over, no open objection on it or on its announcement."""
    today = today or timezone.localdate()
    qs = Entitlement.objects.filter(status=Entitlement.APPROVED, announcements__ends_on__lt=today)
    open_ = Objection.objects.filter(status=Objection.OPEN)
    qs = qs.exclude(pk__in=open_.filter(entitlement__isnull=False).values("entitlement"))
    qs = qs.exclude(announcements__in=open_.filter(entitlement__isnull=True).values("announcement"))
    if computation is not None:
        qs = qs.filter(computation=computation)
    return qs.distinct()


def pay(user, computation: Computation, ids: list[int], paid_on: dt.date, reference: str) -> int:
    """Record the payment of every item of the given payable entitlements, all or nothing.

    The database refuses an item already paid (unique ``once_key``): then nothing is recorded."""
    rows = list(payable(computation).filter(pk__in=ids).prefetch_related("items"))
    if not rows:
        raise WorkflowError("没有可支付的对象（须已核准、公示期满且无待处理异议）", "nothing payable (approved, announced, period over, no open objection)")
    policy = computation.version.policy.name
    try:
        with transaction.atomic():
            for e in rows:
                for i in e.items.all():
                    p = Payment.objects.create(
                        item=i, once_key=i.once_key, policy=policy, year=computation.year, kind=i.kind, item_no=i.item_no,
                        uscc=e.uscc, amount=i.amount, paid_on=paid_on, reference=reference, recorded_by=user,
                    )
                    _reason(p, "登记支付")
                e.status, e.paid_on, e.payment_reference = Entitlement.PAID, paid_on, reference
                e.save()
                _reason(e, "已支付")
    except IntegrityError:
        keys = [i.once_key for e in rows for i in e.items.all()]
        taken = sorted(Payment.objects.filter(once_key__in=keys).values_list("item_no", flat=True))
        raise WorkflowError(
            f"数据库拒绝重复支付：{'、'.join(taken) or '（同一项目）'} 已支付过；本次未登记任何支付",
            f"the database refused a second payment of {', '.join(taken) or 'an item'}; nothing was recorded",
        ) from None
    return len(rows)


# --- leaders: spending --------------------------------------------------------------------------------


def spending(year: int, top: int = 10) -> dict:
    """The report's section (``ipzone.policies.spending_section``) from what the platform stores."""
    from ipzone.policies import PolicySpending, spending_section

    rows = []
    for p in Policy.objects.order_by("name"):
        v = p.current
        if v is None:
            continue
        parsed = v.parsed()
        if not parsed.enabled and not Payment.objects.filter(policy=p.name, year=year).exists():
            continue
        r = PolicySpending(p.name, parsed.title, parsed.version, parsed.sample, parsed.basis, list(parsed.serves), parsed.caps.budget_for(year))
        live = Entitlement.objects.filter(computation__version__policy=p, computation__year=year).exclude(status__in=(Entitlement.WITHDRAWN, Entitlement.REJECTED))
        for e in live:
            key = (e.uscc, e.name)
            r.entitled[key] = r.entitled.get(key, Decimal(0)) + e.amount
        r.items = EntitlementItem.objects.filter(entitlement__in=live).count()
        r.committed = live.filter(status=Entitlement.APPROVED).aggregate(s=Sum("amount"))["s"] or Decimal(0)
        for pay_ in Payment.objects.filter(policy=p.name, year=year).select_related("item__entitlement"):
            e = pay_.item.entitlement
            key = (e.uscc, e.name)
            r.paid[key] = r.paid.get(key, Decimal(0)) + pay_.amount
        rows.append(r)
    return spending_section(year, rows, top)
