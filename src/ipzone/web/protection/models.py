"""Protection: the contract's cases and surveys, and the office's work on them.

The contract models (``Case``, ``Survey``) hold the loaded facts the engine and reports read. The
rest is the office's work: the case workflow (``Proceeding`` with its steps, transfers and
documents, deadlines in ``DeadlineRule``), the infringer settings, the list of abnormal filings
used by credit grading, and typical cases for the public portal.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ipzone import contract
from ipzone.protection import inspections as inspection_rules
from ipzone.protection import listings as listing_rules
from ipzone.protection import redact
from ipzone.protection import workflow as wf
from ipzone.web.core import roles
from ipzone.web.core.models import ContractModel, choices
from ipzone.web.core.querysets import RestrictedManager
from ipzone.web.entities.models import Entity


class Case(ContractModel):
    contract_stem = "cases"
    natural_key_fields = ("case_no",)

    case_no = models.CharField("案件编号", max_length=255, unique=True)
    kind = models.CharField("案件类型", max_length=8, choices=choices(contract.CASE_KINDS))
    right_kind = models.CharField("客体", max_length=8, choices=choices(contract.RIGHT_KINDS))
    opened_on = models.DateField("受理日期")
    closed_on = models.DateField("结案日期", null=True, blank=True)
    holder = models.TextField("权利人")
    respondent = models.TextField("被诉方")
    respondent_uscc = models.CharField("被诉方统一社会信用代码", max_length=18, null=True, blank=True)
    outcome = models.CharField("结果", max_length=8, null=True, blank=True, choices=choices(contract.CASE_OUTCOMES))
    amount = models.FloatField("涉案金额", null=True, blank=True, help_text="万元")
    typical = models.BooleanField("典型案例", default=False)

    class Meta:
        verbose_name = "保护案件"
        verbose_name_plural = "保护案件"
        ordering = ["-opened_on", "case_no"]


class Survey(ContractModel):
    contract_stem = "surveys"
    natural_key_fields = ("response_id",)

    response_id = models.CharField("问卷编号", max_length=255, unique=True)
    year = models.PositiveSmallIntegerField("年度")
    respondent_kind = models.TextField("受访者类型", null=True, blank=True)
    score = models.FloatField("得分")

    class Meta:
        verbose_name = "保护满意度调查"
        verbose_name_plural = "保护满意度调查"
        ordering = ["-year", "response_id"]



# --- the office's work: case workflow, settings, listings, typical cases --------------------------
# None of these are contract tables. A proceeding (案件办理) is linked to its contract ``Case`` row
# (by 案件编号) from acceptance on; closing it writes the row's 结案日期, 结果 and 涉案金额, and
# publishing a typical case sets its 典型案例. docs/protection.md explains the split.

ONLINE, OFFICE, COURT, AUTHORITY = "online", "office", "court", "authority"
SOURCES = {ONLINE: "权利人在线申请", OFFICE: "办公室登记", COURT: "法院委托或移送", AUTHORITY: "其他机关移送"}


class OfficeQuerySet(models.QuerySet):
    """Office work: office and admin do everything, leaders read, nobody else sees a row."""

    def restrict(self, user, action: str = "view"):
        role = roles.role_of(user)
        if role in roles.WRITERS or (role == roles.LEADER and action == "view"):
            return self
        return self.none()


class ProceedingQuerySet(OfficeQuerySet):
    """An enterprise sees, files and adds to its own online requests only (by its 统一社会信用代码)."""

    def restrict(self, user, action: str = "view"):
        if roles.role_of(user) == roles.ENTERPRISE:
            uscc = roles.uscc_of(user)
            if not uscc or action not in ("view", "add", "change"):
                return self.none()
            return self.filter(source=ONLINE, holder_uscc=uscc)
        return super().restrict(user, action)

    def open(self):
        return self.filter(stage__in=wf.OPEN)

    def overdue(self, today: dt.date):
        return self.open().filter(models.Q(stage_due__lt=today) | models.Q(case_due__lt=today))


class DocumentQuerySet(OfficeQuerySet):
    def restrict(self, user, action: str = "view"):
        if roles.role_of(user) == roles.ENTERPRISE:
            mine = Proceeding.objects.restrict(user, action)
            return self.filter(proceeding__in=mine, internal=False)
        return super().restrict(user, action)


class ProtectionSettings(models.Model):
    """One row: the window and thresholds of the repeat / malicious / group infringer flags."""

    window_years = models.PositiveSmallIntegerField("统计窗口（年）", default=3, help_text="Y 年的窗口为 Y−N+1 年 1 月 1 日至 Y 年 12 月 31 日")
    min_cases = models.PositiveSmallIntegerField("重复侵权案件数", default=2, help_text="窗口内侵权成立的案件数达到此数即为重复侵权")
    min_holders = models.PositiveSmallIntegerField("群体侵权权利人数", default=3, help_text="窗口内侵权成立涉及的不同权利人达到此数即为群体侵权")

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "保护设置"
        verbose_name_plural = "保护设置"

    def __str__(self) -> str:
        return f"窗口 {self.window_years} 年，重复侵权 {self.min_cases} 件，群体侵权 {self.min_holders} 个权利人"

    @classmethod
    def current(cls) -> ProtectionSettings:
        return cls.objects.get_or_create(pk=1)[0]

    def rule(self):
        from ipzone.protection.infringers import InfringerRule

        return InfringerRule(self.window_years, self.min_cases, self.min_holders)

    def get_absolute_url(self) -> str:
        return reverse("protection:settings")


STAGE_CHOICES = [(k, v) for k, v in wf.STAGES.items()]
DEADLINE_STAGES = [(wf.WHOLE_CASE, "全案（受理至结案）")] + [(s, wf.STAGES[s]) for s in wf.STAGES if s in wf.OPEN]


class DeadlineRule(models.Model):
    """The limit, in calendar or working days, of a stage (or of the whole case) for one kind of case."""

    kind = models.CharField("案件类型", max_length=8, choices=choices(contract.CASE_KINDS))
    stage = models.CharField("阶段", max_length=16, choices=DEADLINE_STAGES, blank=True)
    days = models.PositiveIntegerField("期限（日数）", null=True, blank=True, help_text="空 = 不设期限")
    workdays = models.BooleanField("按工作日计算", default=False, help_text="否 = 自然日（末日为休息日的顺延至下一工作日）")

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "办理期限"
        verbose_name_plural = "办理期限"
        ordering = ["kind", "stage"]
        constraints = [models.UniqueConstraint(fields=["kind", "stage"], name="protection_deadline_kind_stage")]

    def __str__(self) -> str:
        stage = dict(DEADLINE_STAGES).get(self.stage, self.stage)
        return f"{self.kind} · {stage}：{self.limit or '不设'}"

    @property
    def limit(self) -> wf.Limit | None:
        return None if self.days is None else wf.Limit(self.days, self.workdays)

    @classmethod
    def limits(cls) -> dict[tuple[str, str], wf.Limit | None]:
        """The defaults of ipzone.protection.workflow, overridden by the office's rows."""
        out = wf.default_deadlines()
        out.update({(r.kind, r.stage): r.limit for r in cls.objects.all()})
        return out


class Proceeding(models.Model):
    """One case as the office handles it, from the request (or registration) to closure."""

    source = models.CharField("来源", max_length=16, choices=list(SOURCES.items()), default=ONLINE)
    kind = models.CharField("案件类型", max_length=8, choices=choices(contract.CASE_KINDS))
    right_kind = models.CharField("客体", max_length=8, choices=choices(contract.RIGHT_KINDS))
    holder = models.CharField("权利人", max_length=255)
    holder_uscc = models.CharField("权利人统一社会信用代码", max_length=18, blank=True, db_index=True)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="申请账号")
    contact_name = models.CharField("联系人", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    respondent = models.CharField("被诉方", max_length=255)
    respondent_uscc = models.CharField("被诉方统一社会信用代码", max_length=18, blank=True)
    facts = models.TextField("案情简述")
    claims = models.TextField("请求事项", blank=True)
    amount = models.FloatField("涉案金额", null=True, blank=True, help_text="万元")

    stage = models.CharField("当前阶段", max_length=16, choices=STAGE_CHOICES, default=wf.SUBMITTED)
    stage_since = models.DateField("本阶段开始日期")
    stage_due = models.DateField("本阶段期限", null=True, blank=True)
    case_due = models.DateField("办结期限", null=True, blank=True)
    submitted_on = models.DateField("提交日期")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    outcome = models.CharField("结果", max_length=8, null=True, blank=True, choices=choices(contract.CASE_OUTCOMES))
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="承办人")
    assigned_on = models.DateField("分派日期", null=True, blank=True)
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, null=True, blank=True, to_field="case_no", db_column="case_no",
        related_name="proceeding", verbose_name="案件编号",
    )
    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    objects = ProceedingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "案件办理"
        verbose_name_plural = "案件办理"
        ordering = ["-submitted_on", "-pk"]

    def __str__(self) -> str:
        return self.case_id or f"申请 {self.reference}"

    @property
    def reference(self) -> str:
        return f"SQ{self.submitted_on:%Y%m%d}-{self.pk:05d}" if self.pk else "（新）"

    def get_absolute_url(self) -> str:
        return reverse("protection:proceeding", args=[self.pk])

    @property
    def stage_label(self) -> str:
        return wf.STAGES[self.stage]

    @property
    def title(self) -> str:
        return str(self)

    @property
    def due_text(self) -> str:
        """The nearest stored deadline, or how many days it is overdue (lists read no other table)."""
        if not self.is_open:
            return "—"
        running = [(d, label) for d, label in ((self.stage_due, f"{self.stage_label}期限"), (self.case_due, "办结期限")) if d]
        if not running:
            return "—"
        day, label = min(running)
        late = (timezone.localdate() - day).days
        return f"逾期 {late} 日（{label}）" if late > 0 else f"{day.isoformat()}（{label}）"

    @property
    def is_open(self) -> bool:
        return self.stage in wf.OPEN

    def pauses(self) -> list[tuple[dt.date, dt.date | None]]:
        if self.pk is None:
            return []
        return [(t.dated, t.returned_on) for t in self.transfers.filter(direction=Transfer.OUT)]

    def deadlines(self, today: dt.date, limits=None) -> list[wf.Deadline]:
        return wf.deadlines(
            kind=self.kind, stage=self.stage, stage_since=self.stage_since, accepted_on=self.accepted_on,
            transfers=self.pauses(), limits=limits or DeadlineRule.limits(), today=today,
        )

    def overdue(self, today: dt.date) -> bool:
        return any(d.overdue(today) for d in self.deadlines(today))

    def refresh_deadlines(self, today: dt.date, limits=None) -> None:
        """Store the running deadlines (the list's 逾期 filter reads them). While the case is with a
        court or another authority its whole-case clock is stopped: no 办结期限 is stored then."""
        running = {d.label: d.due_on for d in self.deadlines(today, limits)}
        self.stage_due = running.get(f"{wf.STAGES[self.stage]}期限")
        self.case_due = None if self.stage == wf.TRANSFERRED else running.get("办结期限")


class ProceedingStep(models.Model):
    """A stage the proceeding went through: when it began and ended, who moved it, what was said."""

    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="steps", verbose_name="案件办理")
    stage = models.CharField("阶段", max_length=16, choices=STAGE_CHOICES)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    due_on = models.DateField("期限", null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="操作人")
    note = models.TextField("说明", blank=True, help_text="申请人可见")
    at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理步骤"
        verbose_name_plural = "办理步骤"
        ordering = ["started_on", "pk"]

    @property
    def stage_label(self) -> str:
        return wf.STAGES[self.stage]


class Transfer(models.Model):
    """行政与司法衔接: a case sent to a court (or another authority), or received from one."""

    OUT, IN = "out", "in"
    DIRECTIONS = {OUT: "移出", IN: "移入"}
    BODIES = ("人民法院", "人民检察院", "公安机关", "其他行政机关")

    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="transfers", verbose_name="案件办理")
    direction = models.CharField("方向", max_length=3, choices=list(DIRECTIONS.items()))
    body_kind = models.CharField("机关类别", max_length=8, choices=choices(BODIES))
    body = models.CharField("机关名称", max_length=255)
    dated = models.DateField("移送日期")
    reference = models.CharField("文号", max_length=255, blank=True)
    returned_on = models.DateField("退回日期", null=True, blank=True, help_text="移出的案件由对方退回或委托回本机关办理的日期")
    note = models.TextField("说明", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "移送记录"
        verbose_name_plural = "移送记录"
        ordering = ["dated", "pk"]

    def __str__(self) -> str:
        return f"{self.DIRECTIONS[self.direction]} {self.body}（{self.dated}）"


def _case_files() -> FileSystemStorage:
    return FileSystemStorage(location=settings.HOME / "case-files", file_permissions_mode=0o600, directory_permissions_mode=0o700)


def _upload_to(doc, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{dt.date.today():%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class Document(models.Model):
    """A file of a proceeding. Stored outside the static and public paths, served only through the
    proceeding's own permission check; the stored name is random, the shown name the uploaded one."""

    KINDS = ("申请书", "证据材料", "权利证明", "受理通知书", "调查笔录", "调解协议", "裁决书", "处罚决定书", "移送函", "结案报告", "其他")

    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="documents", verbose_name="案件办理")
    stage = models.CharField("上传时阶段", max_length=16, choices=STAGE_CHOICES)
    kind = models.CharField("材料类型", max_length=8, choices=choices(KINDS))
    file = models.FileField("文件", storage=_case_files, upload_to=_upload_to, max_length=255)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    internal = models.BooleanField("仅办公室可见", default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "案件材料"
        verbose_name_plural = "案件材料"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("protection:document", args=[self.proceeding_id, self.pk])


class FilingListing(models.Model):
    """An entity the office lists for abnormal patent filings or malicious trademark filings."""

    uscc = models.CharField("统一社会信用代码", max_length=18, db_index=True)
    name = models.CharField("名称", max_length=255, blank=True)
    kind = models.CharField("类型", max_length=8, choices=choices(listing_rules.KINDS))
    listed_on = models.DateField("列入日期")
    count = models.PositiveIntegerField("件数", default=1)
    reference = models.CharField("文号", max_length=255, blank=True, help_text="如国家知识产权局通报文号")
    removed_on = models.DateField("移出日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "异常申请名单"
        verbose_name_plural = "异常申请名单"
        ordering = ["-listed_on", "uscc"]

    def __str__(self) -> str:
        return f"{self.name or self.uscc} · {self.kind}（{self.listed_on}）"

    def get_absolute_url(self) -> str:
        return reverse("protection:filinglisting", args=[self.pk])

    def as_listing(self) -> listing_rules.Listing:
        return listing_rules.Listing(self.uscc, self.kind, self.listed_on, self.count, self.name, self.reference, self.removed_on)


class TypicalCase(models.Model):
    """A closed case the office writes up and publishes on the portal, personal data hidden."""

    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, to_field="case_no", db_column="case_no", related_name="typical_case", verbose_name="案件编号",
    )
    title = models.CharField("标题", max_length=255)
    summary = models.TextField("案情摘要")
    significance = models.TextField("典型意义", blank=True)
    hidden_terms = models.TextField(
        "需隐去的个人信息", blank=True,
        help_text="每行一项，可写「原文 => 替换为」，如「张三 => 张某」；未写替换的显示为＊＊＊。手机号、身份证号、电子邮箱总是隐去。",
    )
    hide_parties = models.BooleanField("隐去当事人名称", default=True, help_text="权利人、被诉方名称显示为「某有限公司」「某某」等")
    published = models.BooleanField("已发布", default=False)
    published_on = models.DateField("发布日期", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="发布人")

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("protection:typicalcase", args=[self.pk])

    def terms(self) -> list[redact.Term]:
        """The office's marks, plus the parties' names when ``hide_parties`` (the office's own
        replacement of a party wins)."""
        marked = redact.parse_terms(self.hidden_terms)
        if self.hide_parties and self.case_id:
            have = {t.text for t in marked}
            for name in (self.case.holder, self.case.respondent):
                name = (name or "").strip()
                if name and name not in have:
                    marked.append(redact.Term(name, redact.alias(name)))
                    have.add(name)
        return marked

    def public_text(self, text: str) -> str:
        return redact.redact(text or "", self.terms())

    @property
    def public_title(self) -> str:
        return self.public_text(self.title)

    @property
    def public_summary(self) -> str:
        return self.public_text(self.summary)

    @property
    def public_significance(self) -> str:
        return self.public_text(self.significance)

    def leaks(self) -> list[str]:
        shown = "\n".join((self.public_title, self.public_summary, self.public_significance))
        return redact.leaks(shown, self.terms())


class Inspection(models.Model):
    """An inspection of credit-graded supervision (检查记录). Declared with the contract's own
    ``Table`` (``ipzone.protection.inspections.TABLE``): the form, the workbook template, the import
    and the API use the contract's cell rules and messages. The office records them; an enterprise
    reads its own (by 统一社会信用代码); leaders read all."""

    declared_table = inspection_rules.TABLE
    natural_key_fields = ("record_no",)

    record_no = models.CharField("检查编号", max_length=255, unique=True)
    entity = models.ForeignKey(
        Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="inspections", verbose_name="被检查主体统一社会信用代码",
    )
    inspected_on = models.DateField("检查日期")
    kind = models.CharField("检查类型", max_length=8, choices=choices(inspection_rules.KINDS))
    inspectors = models.TextField("检查人员", help_text="以 ; 分隔")
    findings = models.TextField("检查发现", null=True, blank=True)
    result = models.CharField("处理结果", max_length=8, choices=choices(inspection_rules.RESULTS))
    follow_up = models.TextField("后续措施", null=True, blank=True)
    rectify_by = models.DateField("整改期限", null=True, blank=True)

    objects = RestrictedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "检查记录"
        verbose_name_plural = "检查记录"
        ordering = ["-inspected_on", "record_no"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return models.Q(entity_id=uscc)

    def __str__(self) -> str:
        return f"{self.record_no}（{self.inspected_on}，{self.kind}）"

    def get_absolute_url(self) -> str:
        return reverse("protection:inspection", args=[self.pk])
