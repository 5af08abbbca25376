"""The task list in the platform: departments' progress and the privacy of their drafts, overdue
flags and assessment scores on hand-computed fixtures, meetings and their decisions."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import openpyxl
from django.test import Client, TestCase
from django.utils import timezone

from ipzone.web.core.accounts import UnknownDepartment, create_user
from ipzone.web.programme import tracking
from ipzone.web.programme.models import AnnualTarget, Department, Meeting, PlanTask, ProgressReport
from web_helpers import PASSWORD, load_tables, make_users, reset_caches

D = dt.date


def at(day: dt.date):
    """Fix "today" for the task list."""
    return mock.patch("ipzone.web.programme.tracking.today", return_value=day)


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class ProgrammeTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()
        cls.users = make_users()
        tracking.seed()
        for name, code in (("dep_market", "market"), ("dep_committee", "committee"), ("dep_finance", "finance")):
            cls.users[name] = create_user(name, "department", department=code, password=PASSWORD)[0]

    def setUp(self):
        reset_caches()

    def as_user(self, name: str) -> Client:
        c = Client()
        c.force_login(self.users[name])
        return c


class Seeding(ProgrammeTestCase):
    def test_the_plan_is_seeded_once_and_office_changes_are_kept(self):
        self.assertEqual(PlanTask.objects.filter(kind=PlanTask.TASK).count(), 19)
        self.assertEqual(PlanTask.objects.filter(kind=PlanTask.SUBTASK).count(), 57)
        t = PlanTask.objects.get(code="2.3")
        self.assertEqual((t.lead_id, t.parent.code, t.due_on), ("finance", "2", D(2025, 12, 31)))
        self.assertEqual(sorted(PlanTask.objects.get(code="3").support.values_list("code", flat=True)),
                         ["finance", "innovation", "market", "scitech_finance", "statistics"])
        PlanTask.objects.filter(code="7").update(title="改过的标题")
        again = tracking.seed()
        self.assertEqual((again.departments, again.tasks_added, again.tasks_kept), (0, 0, 76))
        self.assertEqual(PlanTask.objects.get(code="7").title, "改过的标题")

    def test_a_department_account_needs_a_known_department(self):
        with self.assertRaises(UnknownDepartment) as e:
            create_user("dep_x", "department", department="tax", password=PASSWORD)
        self.assertEqual(str(e.exception), "没有代码为 'tax' 的部门（已有：committee、market、scitech_finance、innovation、statistics、finance）/ no department with code 'tax'")


class DepartmentProgress(ProgrammeTestCase):
    def report_form(self, **over) -> dict:
        data = {"task": PlanTask.objects.get(code="7").pk, "year": "2025", "quarter": "1", "percent": "40", "flag": "正常推进",
                "content": "完成新材料产业专利导航立项", "problems": "", "next_steps": "开展专利检索分析"}
        data.update(over)
        return data

    def test_a_department_lands_on_its_own_page(self):
        c = self.as_user("dep_market")
        self.assertRedirects(c.get("/"), "/programme/mine/")
        with at(D(2025, 7, 1)):
            page = c.get("/programme/mine/?year=2025")
        self.assertContains(page, "示范区市场监督管理局（领导小组办公室）")
        self.assertContains(page, "填报")
        self.assertEqual(self.as_user("office").get("/programme/mine/").status_code, 404)

    def test_drafts_are_their_departments_alone_until_submitted(self):
        market, committee, office = self.as_user("dep_market"), self.as_user("dep_committee"), self.as_user("office")
        page = market.post("/programme/progressreport/add/", self.report_form())
        report = ProgressReport.objects.get()
        self.assertRedirects(page, report.get_absolute_url())
        self.assertEqual((report.department_id, report.state, report.percent), ("market", "草稿", 40))
        self.assertEqual(report.history.latest().history_change_reason, "网页编辑")
        url = report.get_absolute_url()
        # another department and the office see nothing of the draft: not in lists, not by id, not in the API
        for client in (committee, office):
            self.assertEqual(client.get(url).status_code, 404)
            self.assertNotContains(client.get("/programme/progressreport/"), "完成新材料产业专利导航立项")
            self.assertEqual(client.get("/api/progress-reports").json()["count"], 0)
            self.assertEqual(client.get(f"/api/progress-reports/{report.pk}").status_code, 404)
        self.assertEqual(committee.get(f"/programme/progressreport/{report.pk}/edit/").status_code, 404)
        self.assertEqual(committee.post(f"/programme/progressreport/{report.pk}/submit/").status_code, 404)
        record = market.get("/api/progress-reports").json()["items"][0]
        self.assertEqual((record["task"], record["department"], record["state"], record["quarter"]), ("7", "market", "草稿", 1))
        # the department submits: everyone may read it, nobody may change it but the office
        self.assertRedirects(market.post(f"/programme/progressreport/{report.pk}/submit/"), url)
        report.refresh_from_db()
        self.assertEqual((report.state, report.submitted_by.username), ("已报送", "dep_market"))
        self.assertContains(committee.get(url), "完成新材料产业专利导航立项")
        self.assertContains(office.get("/programme/progressreport/"), "已报送")
        self.assertEqual(market.get(f"/programme/progressreport/{report.pk}/edit/").status_code, 404)
        # the office returns it with a reason: back to the department, out of the others' sight
        self.assertRedirects(office.post(f"/programme/progressreport/{report.pk}/return/", {"note": "请补充经费使用情况"}), url)
        report.refresh_from_db()
        self.assertEqual((report.state, report.return_note), ("已退回", "请补充经费使用情况"))
        self.assertEqual(report.history.latest().history_change_reason, "退回：请补充经费使用情况")
        self.assertEqual(committee.get(url).status_code, 404)
        self.assertContains(office.get(url), "请补充经费使用情况")
        form = market.get(f"/programme/progressreport/{report.pk}/edit/")
        self.assertContains(form, "保存并报送")
        data = self.report_form(content="完成立项，经费 80 万元已拨付 40 万元", submit="1")
        self.assertRedirects(market.post(f"/programme/progressreport/{report.pk}/edit/", data), url)
        report.refresh_from_db()
        self.assertEqual((report.state, report.content), ("已报送", "完成立项，经费 80 万元已拨付 40 万元"))

    def test_a_department_reports_for_itself_on_its_own_tasks_only(self):
        finance = self.as_user("dep_finance")
        # task 7 is the market bureau's, supported by innovation and sci-tech finance: not the finance department's
        page = finance.post("/programme/progressreport/add/", self.report_form(department="market"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "所选的值不存在或不可选 / that choice does not exist or is not available")
        self.assertFalse(ProgressReport.objects.exists())
        task2 = PlanTask.objects.get(code="2")  # finance supports task 2
        page = finance.post("/programme/progressreport/add/", self.report_form(task=task2.pk, department="market"))
        self.assertEqual(ProgressReport.objects.get().department_id, "finance")  # the department field is not theirs to choose
        page = finance.post("/programme/progressreport/add/", self.report_form(task=task2.pk))
        self.assertContains(page, "本部门已有任务 2 2025年第1季度的进展")

    def test_a_department_changes_the_status_of_what_it_leads_only(self):
        sub = PlanTask.objects.get(code="2.3")  # led by finance
        finance, market, leader = self.as_user("dep_finance"), self.as_user("dep_market"), self.as_user("leader")
        url = f"/programme/plantask/{sub.pk}/edit/"
        page = finance.get(url)
        self.assertEqual([f.name for f in page.context["form"]], ["status", "completed_on", "note"])
        page = finance.post(url, {"status": "已完成", "completed_on": "", "note": ""})
        self.assertContains(page, "状态为「已完成」时须填写完成日期")
        self.assertRedirects(finance.post(url, {"status": "已完成", "completed_on": "2025-05-20", "note": "专项资金已列入预算"}), sub.get_absolute_url())
        sub.refresh_from_db()
        self.assertEqual((sub.status, sub.completed_on, sub.title), ("已完成", D(2025, 5, 20), "保障工作经费和设施设备，知识产权专项资金占一般预算公共支出比重达到 0.2%以上"))
        self.assertEqual(market.get(url).status_code, 404)  # market reads it, does not lead it
        self.assertEqual(market.get(sub.get_absolute_url()).status_code, 200)
        self.assertEqual(finance.get("/programme/plantask/add/").status_code, 403)
        self.assertEqual(leader.get(url).status_code, 403)
        self.assertNotContains(market.get(sub.get_absolute_url()), f"/programme/plantask/{sub.pk}/edit/")
        self.assertContains(finance.get(sub.get_absolute_url()), f"/programme/plantask/{sub.pk}/edit/")

    def test_departments_see_the_task_list_but_no_zone_data(self):
        c = self.as_user("dep_committee")
        self.assertEqual(c.get("/api/tasks?kind=任务").json()["count"], 19)
        self.assertEqual(c.get("/api/patents").json()["count"], 0)
        self.assertEqual(c.get("/entities/entity/").status_code, 200)
        self.assertEqual(c.get("/programme/board/").status_code, 403)
        self.assertEqual(c.get("/api/indicators?year=2021").status_code, 403)


class Deadlines(ProgrammeTestCase):
    """A decision of a joint meeting, led by the finance department, due 30 June 2025."""

    def setUp(self):
        super().setUp()
        meeting = Meeting.objects.create(code="LX-2025-01", kind="联席会议", title="2025年第一次联席会议", held_on=D(2025, 3, 15), state=Meeting.ISSUED)
        self.decision = PlanTask.objects.create(
            code="LX-2025-01-1", kind=PlanTask.DECISION, title="落实知识产权质押融资贴息资金", meeting=meeting, lead_id="finance",
            assigned="meeting", starts_on=D(2025, 3, 15), due_on=D(2025, 6, 30),
        )
        self.finance = Department.objects.get(code="finance")

    def test_report_due_dates_and_overdue_flags_by_hand(self):
        as_of = D(2025, 7, 1)
        reports = tracking.report_dues(2025, as_of, [self.finance])
        # active from 15 March: all four quarters; each due ten days after its quarter ends
        self.assertEqual([(d.quarter, d.obligation.due_on, d.timing) for d in reports], [
            (1, D(2025, 4, 10), "逾期未完成"), (2, D(2025, 7, 10), "未到期"), (3, D(2025, 10, 10), "未到期"), (4, D(2026, 1, 10), "未到期"),
        ])
        # 10 April → 1 July: 20 days of April + 31 + 30 + 1 = 82
        self.assertEqual(reports[0].overdue_days, 82)
        items = tracking.item_dues(2025, as_of, [self.finance])
        # the decision (due 30 June: overdue by a day) and the two sub-tasks finance leads (due at the plan's end)
        self.assertEqual(sorted((d.task.code, d.timing, d.overdue_days) for d in items),
                         [("2.3", "未到期", 0), ("LX-2025-01-1", "逾期未完成", 1), ("S2.2", "未到期", 0)])
        self.assertEqual([d.task.code for d in tracking.overdue(as_of, [self.finance])], ["LX-2025-01-1", "LX-2025-01-1"])
        # the due day itself is not overdue
        self.assertEqual([d.timing for d in tracking.item_dues(2025, D(2025, 6, 30), [self.finance]) if d.task.code == "LX-2025-01-1"], ["未到期"])

    def test_a_report_submitted_on_its_due_day_is_on_time_and_a_draft_is_not_submitted(self):
        r = ProgressReport.objects.create(task=self.decision, department=self.finance, year=2025, quarter=1, content="已拟定贴息办法",
                                          state=ProgressReport.SUBMITTED, submitted_at=aware(D(2025, 4, 10), 23))
        q1 = tracking.report_dues(2025, D(2025, 7, 1), [self.finance])[0]
        self.assertEqual((q1.obligation.done_on, q1.timing), (D(2025, 4, 10), "按期完成"))
        r.state = ProgressReport.DRAFT
        r.save()
        self.assertEqual(tracking.report_dues(2025, D(2025, 7, 1), [self.finance])[0].timing, "逾期未完成")

    def test_completing_a_task_ends_its_reports(self):
        self.decision.status, self.decision.completed_on = PlanTask.DONE, D(2025, 5, 10)
        self.decision.save()
        dues = tracking.report_dues(2025, D(2025, 7, 1), [self.finance])
        self.assertEqual([d.quarter for d in dues], [1, 2])  # done in the second quarter: no report after it
        item = [d for d in tracking.item_dues(2025, D(2025, 7, 1), [self.finance]) if d.task.code == "LX-2025-01-1"][0]
        self.assertEqual(item.timing, "按期完成")

    def test_assessment_by_hand_and_its_export(self):
        ProgressReport.objects.create(task=self.decision, department=self.finance, year=2025, quarter=1, content="已拟定贴息办法",
                                      state=ProgressReport.SUBMITTED, submitted_at=aware(D(2025, 4, 9)))
        AnnualTarget.objects.create(task=PlanTask.objects.get(code="2"), year=2025, content="专项资金比重达到 0.2%", indicator="ip_budget_share",
                                    due_on=D(2025, 6, 30), status=AnnualTarget.DONE, completed_on=D(2025, 6, 28))
        [a] = tracking.assess_year(2025, D(2025, 7, 1), [self.finance])
        # reports: Q1 on time (1/1); items: the decision overdue (0/1), sub-tasks not due; no indicator led
        self.assertEqual([(p.counted, p.met) for p in a.score.parts], [(1, 1), (1, 0), (0, 0)])
        # (30 × 1 + 40 × 0) / 70 × 100 = 42.86
        self.assertEqual((a.score.score, a.score.grade), (42.9, "不合格"))
        [m] = tracking.assess_year(2025, D(2025, 7, 1), Department.objects.filter(code="market"))
        # the market bureau leads task 2, whose 2025 target was done on 28 June (due 30 June): on time
        self.assertIn("年度目标 2（2025）：按期完成（应于 2025-06-30）", m.score.part("items_on_time").details)
        office = self.as_user("office")
        with at(D(2025, 7, 1)):
            page = office.get("/programme/assessment/?year=2025")
            self.assertContains(page, '<td class="score">42.9</td>', html=False)
            book = office.get("/programme/assessment.xlsx?year=2025")
        self.assertEqual(book["Content-Disposition"], "attachment; filename*=utf-8''2025%E5%B9%B4%E5%BA%A6%E9%83%A8%E9%97%A8%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E5%B7%A5%E4%BD%9C%E8%80%83%E6%A0%B8.xlsx")
        ws = openpyxl.load_workbook(io.BytesIO(b"".join(book.streaming_content)))["考核结果"]
        rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}
        self.assertEqual(rows["finance"][0], "财政部门")
        self.assertEqual(rows["finance"][2:], (1, 1, 42.9, 1, 0, 0, 0, 0, "不计", 42.9, "不合格"))
        # a department sees its own score only
        with at(D(2025, 7, 1)):
            page = self.as_user("dep_finance").get("/programme/assessment/?year=2025")
        self.assertContains(page, 'data-department="finance"')
        self.assertNotContains(page, 'data-department="market"')
        self.assertEqual(self.as_user("ent_a").get("/programme/assessment/").status_code, 403)

    def test_the_board_shows_every_task_and_the_overdue(self):
        with at(D(2025, 7, 1)):
            page = self.as_user("leader").get("/programme/board/?year=2025")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.content.decode().count('<tr data-task="'), 19)
        self.assertContains(page, "落实知识产权质押融资贴息资金")  # the decision, in the overdue list
        self.assertContains(page, "逾期 1 天")
        self.assertContains(page, "逾期 82 天")


    def test_a_year_the_data_does_not_reach_shows_missing_not_behind(self):
        """2026, the board's default year: the fixture's pledges, transactions and value added end in
        2021, so their indicators are 缺数据 (reason on hover) and count neither as 滞后 nor in the score."""
        reason = "pledges（质押登记）表最晚的记录在 2021 年，没有 2026 年的记录（数据未覆盖 2026 年）"
        with at(D(2026, 3, 1)):
            page = self.as_user("leader").get("/programme/board/").content.decode()
        main = page.split('<table class="data indicators">')[1].split("</table>")[0]
        self.assertIn(f'<tr><td>知识产权质押融资登记金额</td><td><span class="missing" title="{reason}">缺数据</span></td><td>5</td><td><span class="status none">—</span></td></tr>', main)
        self.assertIn("<tr><td>知识产权服务机构数量</td><td>1 家</td>", main)  # a stock: no horizon
        # task 10: 14 indicators; 9 read a table ending in 2021 (value added, pledges, transactions,
        # geo output), the other 5 (awards, marks, geo products) have no target: no status at all
        row = page.split('<tr data-task="10">')[1].split("</tr>")[0]
        self.assertIn("<td>0/0/0（共 14，缺数据 9）</td>", row)
        with at(D(2026, 3, 1)):
            task = self.as_user("leader").get(PlanTask.objects.get(code="10").get_absolute_url()).content.decode()
        self.assertIn(f'<span class="missing" title="{reason}">缺数据</span>', task)
        # the assessment leaves them out (no value, no status)
        with at(D(2026, 3, 1)):
            [a] = tracking.assess_year(2026, departments=Department.objects.filter(code=PlanTask.objects.get(code="10").lead_id))
        self.assertIsNone(a.statuses["ip_pledge_amount"])
        self.assertIn("ip_pledge_amount：无数值，不计", a.score.part("indicators_on_track").details)


class Meetings(ProgrammeTestCase):
    def test_a_meetings_decisions_are_followed_up_as_tasks_once_issued(self):
        office, finance = self.as_user("office"), self.as_user("dep_finance")
        page = office.post("/programme/meeting/add/", {
            "code": "LX-2025-02", "kind": "联席会议", "title": "2025年第二次联席会议", "held_on": "2025-09-10", "chair": "王某",
            "attendees": [Department.objects.get(code="finance").pk, Department.objects.get(code="market").pk],
            "agenda": "质押融资", "minutes": "会议议定……", "state": "草稿"})
        meeting = Meeting.objects.get(code="LX-2025-02")
        self.assertRedirects(page, meeting.get_absolute_url())
        form = office.get(f"/programme/plantask/add/?meeting={meeting.pk}")
        self.assertEqual(form.context["form"].initial["code"], "LX-2025-02-1")
        data = {"code": "LX-2025-02-1", "kind": "议定事项", "title": "出台质押融资风险补偿办法", "meeting": meeting.pk, "lead": "finance",
                "assigned": "meeting", "starts_on": "2025-09-10", "due_on": "2025-12-31", "status": "未开始", "order": "0"}
        page = office.post(f"/programme/plantask/add/?meeting={meeting.pk}", data)
        decision = PlanTask.objects.get(code="LX-2025-02-1")
        self.assertRedirects(page, decision.get_absolute_url())
        self.assertContains(office.get(meeting.get_absolute_url()), "出台质押融资风险补偿办法")
        # a draft meeting and its decisions are not the departments' yet
        self.assertEqual(finance.get(meeting.get_absolute_url()).status_code, 404)
        self.assertEqual(finance.get(decision.get_absolute_url()).status_code, 404)
        self.assertEqual(tracking.report_dues(2025, D(2025, 11, 1), Department.objects.filter(code="finance")), [])
        self.assertRedirects(office.post(f"/programme/meeting/{meeting.pk}/issue/"), meeting.get_absolute_url())
        self.assertEqual(finance.get(decision.get_absolute_url()).status_code, 200)
        dues = tracking.report_dues(2025, D(2025, 11, 1), Department.objects.filter(code="finance"))
        self.assertEqual([(d.task.code, d.quarter) for d in dues], [("LX-2025-02-1", 3), ("LX-2025-02-1", 4)])
        self.assertEqual(finance.post(f"/programme/meeting/{meeting.pk}/issue/").status_code, 403)

    def test_a_decision_needs_its_meeting(self):
        page = self.as_user("office").post("/programme/plantask/add/", {
            "code": "X-1", "kind": "议定事项", "title": "甲", "lead": "market", "assigned": "meeting", "due_on": "2025-12-31", "status": "未开始", "order": "0"})
        self.assertContains(page, "议定事项须有议定会议")
