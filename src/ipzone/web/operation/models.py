"""Operation and service filings (tasks 7–10, 13–15): one model per filing table of
``ipzone.programme.filings``, one field per column (the column's Chinese name as verbose name),
references to contract tables as foreign keys on their natural keys, lists as ``;``-joined text.

Each filing also carries its workflow: who filed it, and its state —

    草稿 (the filer's alone) → 已提交 (the office sees it) → 已通过 / 已退回 (back to the filer)

An enterprise files its own navigation projects and patent products, an agency its own
trusteeships and its exit; the office files (and imports) anything, straight to 已通过. Applications
(agency entry and exit, title applications) change the contract tables when the office accepts
them: the agency joins or leaves (``agencies``), the talent gets the title (``talents``).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ipzone.contract import AGENCY_SERVICES, TALENT_TITLES, Table
from ipzone.programme import filings
from ipzone.web.core import roles
from ipzone.web.core.models import choices
from ipzone.web.core.querysets import RestrictedManager
from ipzone.web.entities.models import Entity
from ipzone.web.patents.models import Patent
from ipzone.web.services.models import Agency, Talent

DRAFT, SUBMITTED, ACCEPTED, RETURNED = "草稿", "已提交", "已通过", "已退回"
STATES = (DRAFT, SUBMITTED, ACCEPTED, RETURNED)


class Refused(Exception):
    """An application cannot be accepted as it stands; ``zh`` / ``en`` say why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


class Filing(models.Model):
    declared_table: ClassVar[Table]
    natural_key_fields: ClassVar[tuple[str, ...]] = ()
    filers: ClassVar[dict[str, str]] = {}  # scoped role → the column naming the filer (its 统一社会信用代码)
    readers: ClassVar[dict[str, tuple[str, ...]]] = {}  # scoped role → lookups that also let it read a row
    imported_state: ClassVar[str] = ACCEPTED

    state = models.CharField("状态", max_length=4, choices=choices(STATES), default=ACCEPTED)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="填报人")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="审核人")
    review_note = models.TextField("审核意见", blank=True)

    objects = RestrictedManager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    WORKFLOW_FIELDS = ("state", "filed_by", "submitted_at", "reviewed_at", "reviewed_by", "review_note")

    # -- who reads and writes (ipzone.web.core.roles) --
    @classmethod
    def _scope(cls, role: str, uscc: str) -> Q | None:
        lookups = tuple(filter(None, (cls._filer_lookup(role),))) + cls.readers.get(role, ())
        if not lookups:
            return None
        q = Q()
        for i, lookup in enumerate(lookups):
            q = Q(**{lookup: uscc}) if i == 0 else q | Q(**{lookup: uscc})
        # a row another organisation drafted is not this one's to see (only its filer's)
        filer = cls._filer_lookup(role)
        if filer:
            q &= Q(**{filer: uscc}) | ~Q(state=DRAFT)
        else:
            q &= ~Q(state=DRAFT)
        return q

    @classmethod
    def _filer_lookup(cls, role: str) -> str | None:
        column = cls.filers.get(role)
        if column is None:
            return None
        from ipzone.web.core.bindings import binding

        return binding(cls).attname(column)

    @classmethod
    def enterprise_scope(cls, uscc):
        return cls._scope(roles.ENTERPRISE, uscc)

    @classmethod
    def agency_scope(cls, uscc):
        return cls._scope(roles.AGENCY, uscc)

    @classmethod
    def department_scope(cls, code):
        return None

    @classmethod
    def role_actions_for(cls) -> dict:
        return {role: {"add", "change", "delete"} for role in cls.filers}

    @classmethod
    def write_scope(cls, role, key):
        lookup = cls._filer_lookup(role)
        if lookup is None:
            return None
        return Q(**{lookup: key}) & Q(state__in=(DRAFT, RETURNED))

    @classmethod
    def private_scope(cls):
        return Q(state=DRAFT)

    def get_absolute_url(self) -> str:
        return reverse(f"{self._meta.app_label}:{self._meta.model_name}", args=[self.pk])

    def natural_key(self) -> tuple:
        from ipzone.web.core.bindings import binding

        return tuple(getattr(self, a) for a in binding(type(self)).key)

    def __str__(self) -> str:
        return " / ".join(str(v) for v in self.natural_key() if v not in (None, ""))

    def on_accept(self) -> str | None:
        """What accepting the filing changes elsewhere (a description), or None. May raise Refused."""
        return None


def _key(*names):
    return tuple(names)


class NavigationProject(Filing):
    declared_table = filings.table("navigation_projects")
    natural_key_fields = _key("project_no")
    filers = {roles.ENTERPRISE: "uscc"}
    readers = {roles.AGENCY: ("undertaker_uscc",)}

    project_no = models.CharField("项目编号", max_length=255, unique=True)
    name = models.TextField("项目名称")
    entity = models.ForeignKey(Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="navigation_projects", verbose_name="备案主体统一社会信用代码")
    kind = models.CharField("导航类型", max_length=8, choices=choices(filings.NAVIGATION_KINDS))
    industry = models.TextField("产业")
    industry_code = models.CharField("行业代码", max_length=4, null=True, blank=True)
    undertaker = models.TextField("承担单位")
    # decision (as talents.employer_uscc): an entity or an agency, so not a foreign key.
    undertaker_uscc = models.CharField("承担单位统一社会信用代码", max_length=18, null=True, blank=True, db_index=True)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    budget = models.FloatField("经费", help_text="万元")
    deliverables = models.TextField("成果", null=True, blank=True, help_text="以 ; 分隔")

    class Meta:
        verbose_name = "专利导航项目"
        verbose_name_plural = "专利导航项目"
        ordering = ["-starts_on", "project_no"]


class CultivationCentre(Filing):
    declared_table = filings.table("cultivation_centres")
    natural_key_fields = _key("name")
    readers = {roles.ENTERPRISE: ("entity_id",)}

    name = models.CharField("名称", max_length=255, unique=True)
    entity = models.ForeignKey(Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="cultivation_centres", verbose_name="依托单位统一社会信用代码")
    level = models.CharField("级别", max_length=4, choices=choices(filings.CENTRE_LEVELS))
    field = models.TextField("技术领域")
    established_on = models.DateField("设立日期")
    target_patents = models.PositiveIntegerField("培育目标", null=True, blank=True, help_text="件，高价值发明专利")
    application_nos = models.TextField("培育专利申请号", null=True, blank=True, help_text="以 ; 分隔")

    class Meta:
        verbose_name = "高价值专利培育中心"
        verbose_name_plural = "高价值专利培育中心"
        ordering = ["name"]


class Alliance(Filing):
    declared_table = filings.table("alliances")
    natural_key_fields = _key("name")

    @classmethod
    def enterprise_scope(cls, uscc):
        """Its lead and its members read an alliance (a subquery: no duplicate rows)."""
        member_of = AllianceMember.objects.filter(entity_id=uscc).values("alliance_id")
        return (Q(lead_id=uscc) | Q(name__in=member_of)) & ~Q(state=DRAFT)

    name = models.CharField("名称", max_length=255, unique=True)
    kind = models.CharField("类型", max_length=10, choices=choices(filings.ALLIANCE_KINDS))
    industry = models.TextField("产业")
    lead = models.ForeignKey(Entity, to_field="uscc", db_column="lead_uscc", on_delete=models.PROTECT, related_name="led_alliances", verbose_name="牵头单位统一社会信用代码")
    founded_on = models.DateField("成立日期")
    licensing = models.TextField("许可政策", null=True, blank=True)

    class Meta:
        verbose_name = "知识产权联盟"
        verbose_name_plural = "知识产权联盟和专利池"
        ordering = ["name"]


class AllianceMember(Filing):
    declared_table = filings.table("alliance_members")
    natural_key_fields = _key("alliance", "uscc")
    readers = {roles.ENTERPRISE: ("entity_id",)}

    alliance = models.ForeignKey(Alliance, to_field="name", db_column="alliance", on_delete=models.CASCADE, related_name="members", verbose_name="联盟名称")
    entity = models.ForeignKey(Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="alliance_memberships", verbose_name="成员统一社会信用代码")
    role = models.CharField("角色", max_length=4, choices=choices(filings.MEMBER_ROLES))
    joined_on = models.DateField("加入日期", null=True, blank=True)
    left_on = models.DateField("退出日期", null=True, blank=True)

    class Meta:
        verbose_name = "联盟成员"
        verbose_name_plural = "联盟成员"
        ordering = ["alliance", "role", "entity"]
        constraints = [models.UniqueConstraint(fields=["alliance", "entity"], name="alliance_member_key")]


class PoolPatent(Filing):
    declared_table = filings.table("pool_patents")
    natural_key_fields = _key("alliance", "application_no")
    readers = {roles.ENTERPRISE: ("contributor_uscc",)}

    alliance = models.ForeignKey(Alliance, to_field="name", db_column="alliance", on_delete=models.CASCADE, related_name="pooled", verbose_name="联盟名称")
    patent = models.ForeignKey(Patent, to_field="application_no", db_column="application_no", on_delete=models.PROTECT, related_name="pools", verbose_name="申请号")
    contributor_uscc = models.CharField("提供单位统一社会信用代码", max_length=18, null=True, blank=True, db_index=True)
    pooled_on = models.DateField("入池日期", null=True, blank=True)

    class Meta:
        verbose_name = "入池专利"
        verbose_name_plural = "入池专利"
        ordering = ["alliance", "patent"]
        constraints = [models.UniqueConstraint(fields=["alliance", "patent"], name="pool_patent_key")]


class PatentProduct(Filing):
    declared_table = filings.table("patent_products")
    natural_key_fields = _key("record_no")
    filers = {roles.ENTERPRISE: "uscc"}

    record_no = models.CharField("备案号", max_length=255, unique=True)
    product = models.TextField("产品名称")
    entity = models.ForeignKey(Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="patent_products", verbose_name="企业统一社会信用代码")
    application_nos = models.TextField("涉及专利申请号", help_text="以 ; 分隔")
    filed_on = models.DateField("备案日期")
    annual_sales = models.FloatField("年销售额", null=True, blank=True, help_text="万元")
    standards = models.TextField("转化的技术标准", null=True, blank=True, help_text="以 ; 分隔")

    class Meta:
        verbose_name = "专利产品备案"
        verbose_name_plural = "专利产品备案"
        ordering = ["-filed_on", "record_no"]


class Trusteeship(Filing):
    declared_table = filings.table("trusteeships")
    natural_key_fields = _key("contract_no")
    filers = {roles.AGENCY: "agency_uscc"}
    readers = {roles.ENTERPRISE: ("entity_id",)}

    contract_no = models.CharField("托管协议编号", max_length=255, unique=True)
    entity = models.ForeignKey(Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="trusteeships", verbose_name="托管企业统一社会信用代码")
    agency = models.ForeignKey(Agency, to_field="uscc", db_column="agency_uscc", on_delete=models.PROTECT, related_name="trusteeships", verbose_name="托管机构统一社会信用代码")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    services = models.TextField("托管服务", help_text="以 ; 分隔：" + "/".join(filings.TRUSTEESHIP_SERVICES))
    fee = models.FloatField("托管费用", null=True, blank=True, help_text="万元")
    subsidy = models.FloatField("补助金额", null=True, blank=True, help_text="万元")

    class Meta:
        verbose_name = "知识产权托管"
        verbose_name_plural = "知识产权托管"
        ordering = ["-starts_on", "contract_no"]


class BrandCultivation(Filing):
    declared_table = filings.table("brand_cultivation")
    natural_key_fields = _key("uscc", "year")
    readers = {roles.ENTERPRISE: ("entity_id",), roles.AGENCY: ("agency_uscc",)}

    entity = models.ForeignKey(Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="brand_listings", verbose_name="企业统一社会信用代码")
    year = models.PositiveSmallIntegerField("入选年度")
    brand = models.TextField("品牌名称")
    kind = models.CharField("品牌类型", max_length=8, choices=choices(filings.BRAND_KINDS))
    registration_nos = models.TextField("商标注册号", null=True, blank=True, help_text="以 ; 分隔")
    agency_uscc = models.CharField("指导服务机构统一社会信用代码", max_length=18, null=True, blank=True, db_index=True)
    guidance = models.TextField("指导服务内容", null=True, blank=True)

    class Meta:
        verbose_name = "商标品牌培育名录"
        verbose_name_plural = "商标品牌培育名录"
        ordering = ["-year", "entity"]
        constraints = [models.UniqueConstraint(fields=["entity", "year"], name="brand_cultivation_key")]


class AgencyMove(Filing):
    declared_table = filings.table("agency_moves")
    natural_key_fields = _key("application_no")
    filers = {roles.AGENCY: "uscc"}
    imported_state = SUBMITTED  # an application waits for the office's review, however it arrived

    application_no = models.CharField("申请编号", max_length=255, unique=True)
    move = models.CharField("事项", max_length=2, choices=choices(filings.AGENCY_MOVES))
    # decision: an agency applying to join is not in agencies yet, so this is not a foreign key.
    uscc = models.CharField("机构统一社会信用代码", max_length=18, db_index=True)
    name = models.TextField("机构名称")
    services = models.TextField("服务类型", null=True, blank=True, help_text="以 ; 分隔：" + "/".join(AGENCY_SERVICES))
    applied_on = models.DateField("申请日期")
    effective_on = models.DateField("生效日期")
    reason = models.TextField("说明", null=True, blank=True)

    class Meta:
        verbose_name = "服务机构入驻退出"
        verbose_name_plural = "服务机构入驻退出"
        ordering = ["-applied_on", "application_no"]

    def on_accept(self) -> str:
        agency = Agency.objects.filter(uscc=self.uscc).first()
        if self.move == "入驻":
            if not self.services:
                raise Refused("入驻申请须填写服务类型", "an entry application needs its services")
            if agency is None:
                agency = Agency(uscc=self.uscc)
            agency.name, agency.services, agency.joined_on, agency.left_on = self.name, self.services, self.effective_on, None
            agency._change_reason = f"入驻申请 {self.application_no} 通过"
            agency.save()
            return f"服务机构「{self.name}」入驻，入驻日期 {self.effective_on}"
        if agency is None:
            raise Refused(f"服务机构中没有统一社会信用代码为 {self.uscc} 的机构，无法退出", f"no agency {self.uscc} to leave")
        if self.effective_on < agency.joined_on:
            raise Refused(f"退出日期 {self.effective_on} 早于入驻日期 {agency.joined_on}", f"leaving on {self.effective_on} is before joining on {agency.joined_on}")
        agency.left_on = self.effective_on
        agency._change_reason = f"退出申请 {self.application_no} 通过"
        agency.save()
        return f"服务机构「{agency.name}」退出，退出日期 {self.effective_on}"


class TitleApplication(Filing):
    declared_table = filings.table("title_applications")
    natural_key_fields = _key("application_no")
    readers = {roles.ENTERPRISE: ("talent__employer_uscc",), roles.AGENCY: ("talent__employer_uscc",)}
    imported_state = SUBMITTED

    application_no = models.CharField("申报编号", max_length=255, unique=True)
    talent = models.ForeignKey(Talent, to_field="person_id", db_column="person_id", on_delete=models.PROTECT, related_name="title_applications", verbose_name="人员编号")
    title = models.CharField("申报职称", max_length=2, choices=choices(filings.TITLES_APPLIED))
    year = models.PositiveSmallIntegerField("年度")
    applied_on = models.DateField("申报日期")
    result = models.CharField("评审结果", max_length=3, null=True, blank=True, choices=choices(filings.TITLE_RESULTS))

    class Meta:
        verbose_name = "职称申报"
        verbose_name_plural = "职称申报"
        ordering = ["-year", "application_no"]

    def on_accept(self) -> str:
        if not self.result:
            raise Refused("评审结果未填写，不能审核通过", "the review result is not filled in")
        if self.result != "通过":
            return "评审未通过，人才职称不变"
        talent = self.talent
        if TALENT_TITLES.index(self.title) <= TALENT_TITLES.index(talent.title):
            return f"人才「{talent.name}」已有{talent.title}职称，不变"
        talent.title = self.title
        talent._change_reason = f"职称申报 {self.application_no} 通过"
        talent.save()
        return f"人才「{talent.name}」职称更新为{self.title}"


FILING_MODELS: tuple[type[Filing], ...] = (
    NavigationProject, CultivationCentre, Alliance, AllianceMember, PoolPatent, PatentProduct, Trusteeship,
    BrandCultivation, AgencyMove, TitleApplication,
)

for _m in FILING_MODELS:
    _m.role_actions = _m.role_actions_for()
