"""The demo platform's records beyond the dataset: the programme as the office would run it.

``seed(year)`` adds, on a loaded demo zone (``ipzone demo``), what the task list, the filings and
the publicity pages need to show something: the plan's task list and departments, the leading
group, yearly targets linked to indicators, quarterly progress in every state (submitted on time
and late, returned, a department's private draft, missing and overdue), a joint meeting whose
decisions are followed up as tasks (one done, one overdue, one not yet due) and a draft meeting,
navigation projects (accepted, submitted, the demo enterprise's draft), cultivation centres, a
patent pool with members and patents, patent products, trusteeships, the brand list, pending
applications, and published event reports with a training's participants.

Everything is picked deterministically from the loaded data and keyed on natural keys, so seeding
again changes nothing. Applications are left pending: accepting them would change the contract's
tables, which the next load of the dataset would undo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

D = dt.date


@dataclass
class Seeded:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, created: bool) -> None:
        self.counts[what] = self.counts.get(what, 0) + int(created)


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def demo_year() -> int:
    """The demo zone's last year of data (its targets and progress are for that year)."""
    from ipzone.web.monitoring.models import ZoneYear

    year = ZoneYear.objects.order_by("-year").values_list("year", flat=True).first()
    return min(year or 2025, 2025)


@transaction.atomic
def seed(year: int | None = None) -> Seeded:
    from ipzone.web.programme import tracking

    year = year or demo_year()
    out = Seeded()
    r = tracking.seed()
    out.counts["tasks"] = r.tasks_added
    _programme(year, out)
    _filings(year, out)
    _publicity(year, out)
    return out


# --- the task list -----------------------------------------------------------------------------


MEMBERS = (
    ("张建国", "示范区管委会主任", "组长", "committee"),
    ("李卫东", "示范区管委会副主任", "副组长", "committee"),
    ("王海燕", "示范区市场监督管理局局长", "办公室主任", "market"),
    ("赵志强", "示范区市场监督管理局副局长", "办公室副主任", "market"),
    ("刘晓梅", "科技金融部门负责人", "成员", "scitech_finance"),
    ("陈立新", "创新发展部门负责人", "成员", "innovation"),
    ("杨帆", "统计部门负责人", "成员", "statistics"),
    ("周敏", "财政部门负责人", "成员", "finance"),
)

# (task, indicator, content, target value, done on (month, day) or None)
TARGETS = (
    ("2", "ip_budget_share", "知识产权专项经费占一般公共预算支出比重达到 0.2%", 0.2, (12, 15)),
    ("5", "hv_invention_per_10k", "每万人口高价值发明专利拥有量达到 45 件", None, None),
    ("10", "ip_pledge_amount", "知识产权质押融资登记金额达到 5 亿元", None, (11, 28)),
    ("11", "protection_satisfaction", "知识产权保护社会满意度达到 85 分", None, None),
    ("14", "ip_service_agencies", "知识产权服务机构达到 57 家", 57, (10, 30)),
    ("15", "patent_attorneys", "区内专利代理师数量较上年增长 15%", None, None),
)
OPEN_TASKS = {"5", "11", "15"}  # still under way when the plan ended: overdue since 31 December
LATE = {("4", 2), ("13", 3)}  # (task, quarter) submitted a few days late
RETURNED = ("9", 3)
COMMITTEE_DRAFT = ("3", 4)  # the committee's fourth-quarter report: still a draft, so overdue
MISSING = {("12", 4), ("S3", 4)}  # never submitted


def _reports(task, year: int, out: Seeded) -> None:
    """The lead department's quarterly reports on a task or decision: every quarter from its start
    whose report is due by today, submitted a few days early — but for the cases of ``year`` above
    (late, returned, a draft, missing)."""
    from ipzone.programme import schedule
    from ipzone.web.programme import tracking
    from ipzone.web.programme.models import PlanTask, ProgressReport

    today = tracking.today()
    ends = task.completed_on if task.status == PlanTask.DONE else None
    open_late = task.kind == PlanTask.TASK and task.code in OPEN_TASKS
    for y in range(task.starts_on.year, today.year + 1):
        for q in schedule.quarters_active(y, task.starts_on, ends):
            due = schedule.report_due(y, q)
            key = (task.code, q) if y == year else None
            if due > today or key in MISSING:
                continue
            state, submitted = ProgressReport.SUBMITTED, due - dt.timedelta(days=2 + task.order % 5)
            if key in LATE:
                submitted = due + dt.timedelta(days=4)
            if key == COMMITTEE_DRAFT:
                state, submitted = ProgressReport.DRAFT, None
            if key == RETURNED:
                state = ProgressReport.RETURNED
            n = (y - task.starts_on.year) * 4 + q
            percent = min(100, 8 * n) if not open_late else min(90, 7 * n)
            lagging = open_late and y == year and q >= 3
            _, created = ProgressReport.objects.get_or_create(
                task=task, department_id=task.lead_id, year=y, quarter=q,
                defaults={
                    "state": state, "percent": percent, "flag": "进度滞后" if lagging else ("已完成" if ends and ends <= schedule.quarter_end(y, q) else "正常推进"),
                    "content": f"{task.title}：{y}年第{q}季度按计划推进，完成进度约 {percent}%。",
                    "problems": "高价值发明专利培育周期长，年度目标完成存在压力。" if lagging else "",
                    "next_steps": "继续推进，按季度报送进展。",
                    "submitted_at": _aware(submitted) if submitted else None,
                    "return_note": "请补充专利导航项目备案数量和托管企业数量。" if key == RETURNED else "",
                },
            )
            out.add("progress reports", created)


def _programme(year: int, out: Seeded) -> None:
    from ipzone.web.programme import tracking
    from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, Meeting, PlanTask, ProgressReport

    for i, (name, position, role, dept) in enumerate(MEMBERS):
        _, created = GroupMember.objects.get_or_create(
            name=name, defaults={"position": position, "group_role": role, "department_id": Department.objects.get(code=dept).pk, "since": D(2022, 11, 1), "order": i}
        )
        out.add("group members", created)
    end = D(year, 12, 31)
    for code, indicator, content, value, done in TARGETS:
        task = PlanTask.objects.get(code=code)
        _, created = AnnualTarget.objects.get_or_create(
            task=task, year=year, indicator=indicator,
            defaults={"content": content, "target_value": value, "due_on": end,
                      "status": AnnualTarget.DONE if done else AnnualTarget.OPEN, "completed_on": D(year, *done) if done else None},
        )
        out.add("targets", created)
    # the plan's tasks: most done in the plan's last month, some still under way
    for t in PlanTask.objects.filter(kind__in=(PlanTask.TASK, PlanTask.SUBTASK), status=PlanTask.NOT_STARTED):
        top = t.parent.code if t.parent_id else t.code
        if top in OPEN_TASKS and (t.kind == PlanTask.TASK or t.code.endswith(".1")):
            t.status = PlanTask.ONGOING
        else:
            t.status, t.completed_on = PlanTask.DONE, D(year, 12, 10 + (t.order % 15))
        t.save()
    # quarterly progress, by each task's lead department, every quarter since the plan began
    for t in PlanTask.objects.filter(kind=PlanTask.TASK).select_related("lead"):
        _reports(t, year, out)
    # a joint meeting and its decisions, followed up as tasks
    meeting, created = Meeting.objects.get_or_create(
        code=f"LX-{year}-02", defaults={
            "kind": "联席会议", "title": f"{year}年第二次知识产权工作联席会议", "held_on": D(year, 7, 15), "chair": "李卫东",
            "location": "示范区管委会第三会议室", "state": Meeting.ISSUED,
            "agenda": "一、通报上半年任务清单进展；二、研究知识产权质押融资支持措施；三、部署产业知识产权运营中心建设。",
            "minutes": "会议听取了领导小组办公室关于上半年任务清单进展的通报，研究了知识产权质押融资支持措施和产业知识产权运营中心建设，议定事项如下。",
        })
    out.add("meetings", created)
    if created:
        meeting.attendees.set(Department.objects.all())
    # the third is due some months after the demo is set up, whenever that is: not yet due
    later = max(D(year + 1, 6, 30), tracking.today() + dt.timedelta(days=120))
    decisions = (
        ("1", "落实知识产权质押融资贴息资金，9 月底前拨付到位", "finance", D(year, 9, 30), D(year, 9, 20)),
        ("2", "出台知识产权质押融资风险补偿办法", "scitech_finance", D(year, 12, 31), None),
        ("3", "建成示范区产业知识产权运营中心并投入运营", "innovation", later, None),
    )
    for n, title, lead, due, done in decisions:
        task, created = PlanTask.objects.get_or_create(
            code=f"{meeting.code}-{n}", defaults={
                "kind": PlanTask.DECISION, "title": title, "meeting": meeting, "lead_id": lead, "assigned": "meeting",
                "starts_on": meeting.held_on, "due_on": due, "status": PlanTask.DONE if done else PlanTask.ONGOING, "completed_on": done, "order": 1000 + int(n),
            })
        out.add("decisions", created)
        if created:
            task.support.set(Department.objects.filter(code="market"))
        _reports(task, year, out)
    draft, created = Meeting.objects.get_or_create(
        code=f"LX-{year}-03", defaults={"kind": "领导小组会议", "title": f"{year}年度知识产权强区建设总结会（筹备）", "held_on": D(year, 12, 28),
                                        "chair": "张建国", "agenda": "总结三年创建工作，部署下一阶段任务。", "state": Meeting.DRAFT})
    out.add("meetings", created)


# --- filings -----------------------------------------------------------------------------------


def _filings(year: int, out: Seeded) -> None:
    from ipzone.web.core.accounts import demo_agency, demo_enterprise
    from ipzone.web.entities.models import Entity
    from ipzone.web.marks.models import Trademark
    from ipzone.web.operation import models as m
    from ipzone.web.patents.models import Patent
    from ipzone.web.services.models import Talent

    ent = demo_enterprise()
    agency = demo_agency()
    if ent is None or agency is None:
        return
    others = list(
        Entity.objects.filter(kind="企业", in_zone=True).exclude(uscc=ent.uscc).annotate(n=Count("patent_ownerships")).order_by("-n", "uscc")[:8]
    )
    university = Entity.objects.filter(kind="高校", in_zone=True).order_by("uscc").first()

    def other(i):
        """The i-th other enterprise (a small zone may have few: then the demo enterprise again)."""
        return others[i] if i < len(others) else ent

    def granted(entity, n):
        return list(Patent.objects.filter(owners__entity=entity, owners__position=1, kind="发明", grant_date__isnull=False, lapse_date__isnull=True)
                    .order_by("application_no").values_list("application_no", flat=True)[:n])

    def filing(model, key: dict, **values):
        obj, created = model.objects.get_or_create(**key, defaults=values)
        out.add(model._meta.verbose_name, created)
        return obj

    industries = (("新材料", "产业规划类"), ("高端装备制造", "产业规划类"), ("节能环保", "企业经营类"), ("新一代信息技术", "研发活动类"))
    for i, (holder, state) in enumerate(((ent, m.ACCEPTED), (other(0), m.ACCEPTED), (other(1), m.SUBMITTED), (ent, m.DRAFT))):
        industry, kind = industries[i]
        filing(m.NavigationProject, {"project_no": f"DH{year}-{i + 1:03d}"},
               name=f"{industry}产业专利导航项目" if kind == "产业规划类" else f"{holder.name[:8]}{industry}专利导航", entity=holder, kind=kind,
               industry=industry, industry_code=holder.industry_code, undertaker=agency.name, undertaker_uscc=agency.uscc,
               starts_on=D(year, 3 + i, 1), ends_on=D(year, 12, 31), budget=[80, 60, 45, 30][i],
               deliverables="导航分析报告;专利布局建议;高价值专利培育清单" if i < 2 else "导航分析报告",
               state=state, submitted_at=_aware(D(year, 3 + i, 1)) if state != m.DRAFT else None)
    filing(m.CultivationCentre, {"name": "示范区新材料高价值专利培育中心"}, entity=ent, level="省级", field="新材料",
           established_on=D(year - 2, 6, 18), target_patents=50, application_nos=";".join(granted(ent, 5)) or None)
    if university is not None:
        filing(m.CultivationCentre, {"name": "示范区高校高价值专利培育中心"}, entity=university, level="区级", field="先进制造",
               established_on=D(year - 1, 9, 1), target_patents=30)
    pool = filing(m.Alliance, {"name": "示范区新材料产业知识产权联盟"}, kind="专利池", industry="新材料", lead=ent,
                  founded_on=D(year - 1, 5, 20), licensing="成员单位之间以合理费率交叉许可；对外统一许可")
    for j, member in enumerate(dict.fromkeys([ent] + others[:4])):
        filing(m.AllianceMember, {"alliance": pool, "entity": member}, role="牵头单位" if j == 0 else "成员单位", joined_on=D(year - 1, 5, 20))
        for appno in granted(member, 2):
            filing(m.PoolPatent, {"alliance": pool, "patent_id": appno}, contributor_uscc=member.uscc, pooled_on=D(year - 1, 8, 1))
    for k, appno in enumerate(granted(ent, 3)):
        filing(m.PatentProduct, {"record_no": f"CP{year}-{k + 1:03d}"}, product=f"{ent.name[:6]}专利产品 {k + 1} 型", entity=ent,
               application_nos=appno, filed_on=D(year, 4 + k, 10), annual_sales=[1200.0, 860.0, 430.0][k],
               standards="T/SXZG 001-2024" if k == 0 else None)
    for k, sme in enumerate(others[4:7] or [other(0)]):
        filing(m.Trusteeship, {"contract_no": f"TG{year}-{k + 1:03d}"}, entity=sme, agency=agency, starts_on=D(year, 1 + k, 1),
               ends_on=D(year + 1, k + 1, 1) - dt.timedelta(days=1), services="申请管理;年费监控;检索分析" if k else "申请管理;年费监控;贯标辅导",
               fee=[8.0, 6.5, 5.0][k], subsidy=[4.0, 3.0, 2.5][k])
    listed = 0
    for holder in [ent] + others:
        mark = Trademark.objects.filter(owner=holder, kind="普通商标").order_by("registration_no").first()
        if mark is None or listed == 3:
            continue
        filing(m.BrandCultivation, {"entity": holder, "year": year}, brand=mark.name, kind="企业商标品牌",
               registration_nos=mark.registration_no, agency_uscc=agency.uscc, guidance="商标品牌培育和保护指导")
        listed += 1
    filing(m.AgencyMove, {"application_no": f"JG{year}-001"}, move="入驻", uscc=_new_uscc(),
           name="山西晋知知识产权运营有限公司", services="运营;咨询", applied_on=D(year, 11, 20), effective_on=D(year + 1, 1, 1),
           state=m.SUBMITTED, submitted_at=_aware(D(year, 11, 20)))
    talent = Talent.objects.filter(employer_uscc=agency.uscc, title="中级").order_by("person_id").first()
    if talent is not None:
        filing(m.TitleApplication, {"application_no": f"ZC{year}-001"}, talent=talent, title="高级", year=year, applied_on=D(year, 9, 1),
               result=None, state=m.SUBMITTED, submitted_at=_aware(D(year, 9, 1)))


def _new_uscc() -> str:
    """A valid 统一社会信用代码 no demo entity or agency has (for the pending entry application)."""
    from ipzone.codes import uscc_check_character

    body = "91140100MA0Q8DE77"
    return body + uscc_check_character(body)


# --- publicity ---------------------------------------------------------------------------------


def _publicity(year: int, out: Seeded) -> None:
    from ipzone.web.core.accounts import demo_agency
    from ipzone.web.publicity.models import EventParticipant, EventReport
    from ipzone.web.services.models import Event, Talent

    events = Event.objects.filter(held_on__year=year)
    picks = (
        (events.filter(theme="世界知识产权日").order_by("held_on").first(), "世界知识产权日", EventReport.PUBLISHED,
         "4月26日，示范区在政务服务中心广场举办“世界知识产权日”主题宣传活动，发放宣传资料，现场解答企业知识产权问题。"),
        (events.filter(theme="中国专利周").order_by("held_on").first(), "中国专利周", EventReport.PUBLISHED,
         "中国专利周期间，示范区组织专利转化运用对接活动，发布专利导航成果，推介高价值专利。"),
        (events.filter(kind="培训").order_by("held_on").first(), "知识产权培训", EventReport.DRAFT,
         "示范区举办知识产权专题培训，邀请专家讲授实务，区内企业和服务机构人员参加。"),
    )
    for event, campaign, state, summary in picks:
        if event is None:
            continue
        _, created = EventReport.objects.get_or_create(
            event=event, defaults={"campaign": campaign, "organiser_id": "market", "venue": "示范区政务服务中心", "summary": summary,
                                   "state": state, "published_at": _aware(event.held_on, 18) if state == EventReport.PUBLISHED else None})
        out.add("event reports", created)
    training = picks[2][0]
    agency = demo_agency()
    if training is not None and agency is not None:
        for t in Talent.objects.filter(employer_uscc=agency.uscc).order_by("person_id")[:5]:
            _, created = EventParticipant.objects.get_or_create(
                event=training, talent=t, defaults={"kind": EventParticipant.PERSON, "name": t.name, "organisation": agency.name, "hours": 8.0})
            out.add("participants", created)
