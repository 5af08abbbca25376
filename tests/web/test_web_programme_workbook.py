"""Quarterly progress as a workbook (template, import, export) and through the write API; the
exports of the task list, targets, meetings and the leading group."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.utils import timezone

from ipzone.web.core.accounts import create_user
from ipzone.web.monitoring.models import ImportRun
from ipzone.web.programme import imports, tracking
from ipzone.web.programme.models import GroupMember, Meeting, PlanTask, ProgressReport
from web_helpers import PASSWORD, reset_caches

D = dt.date
HEADERS = ["★任务编号", "任务名称", "★年度", "★季度", "★报送部门", "完成进度（%）", "进展判断", "进展情况", "存在问题", "下步计划", "状态"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_rows(content: bytes, sheet: str = "季度进展") -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(content))[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def xlsx_of(rows: list[dict]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return imports.write(Path(tmp) / "p.xlsx", rows).read_bytes()


def upload(content: bytes, name: str = "季度进展.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


class WorkbookTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        tracking.seed()
        cls.users = {
            "office": create_user("office", "office", password=PASSWORD)[0],
            "leader": create_user("leader", "leader", password=PASSWORD)[0],
        }
        for code in ("committee", "market", "finance"):
            cls.users[code] = create_user(f"dep_{code}", "department", department=code, password=PASSWORD)[0]
        issued = Meeting.objects.create(code="LX-2025-01", kind="联席会议", title="2025年第一次联席会议", held_on=D(2025, 4, 20), state=Meeting.ISSUED)
        draft = Meeting.objects.create(code="LX-2025-02", kind="联席会议", title="2025年第二次联席会议", held_on=D(2025, 5, 20))
        # a decision the committee leads from 1 May (quarters 2–4), and one of a meeting not issued yet
        PlanTask.objects.create(code="LX-2025-01-1", kind=PlanTask.DECISION, title="建立知识产权工作季度通报制度", meeting=issued,
                                lead_id="committee", assigned="meeting", starts_on=D(2025, 5, 1), due_on=D(2025, 12, 31), order=900)
        PlanTask.objects.create(code="LX-2025-02-1", kind=PlanTask.DECISION, title="未印发会议的议定事项", meeting=draft,
                                lead_id="committee", assigned="meeting", starts_on=D(2025, 5, 20), due_on=D(2025, 12, 31), order=901)

    def setUp(self):
        reset_caches()

    def as_user(self, name: str, **kw) -> Client:
        c = Client(**kw)
        c.force_login(self.users[name])
        return c

    def task(self, code: str) -> PlanTask:
        return PlanTask.objects.get(code=code)

    def report(self, code, department, quarter, state=ProgressReport.DRAFT, **kw) -> ProgressReport:
        values = {"percent": 50, "flag": "正常推进", "content": f"{department} 的 {code} 进展", **kw}
        r = ProgressReport.objects.create(task=self.task(code), department_id=department, year=2025, quarter=quarter, state=state, **values)
        if state == ProgressReport.SUBMITTED:
            r.submitted_at = timezone.now()
            r.save()
        return r


class Template(WorkbookTestCase):
    def test_a_department_gets_one_row_per_task_it_leads_in_the_quarter(self):
        self.report("3", "committee", 2, content="召开部门协调会 2 次", problems="", percent=40)
        c = self.as_user("committee")
        q1 = c.get("/programme/progressreport/template.xlsx?year=2025&quarter=1")
        self.assertEqual(q1.status_code, 200)
        rows = sheet_rows(q1.getvalue())
        self.assertEqual(rows[0], HEADERS)
        # committee leads tasks 3 and S1; the decision starts in May, the other decision's meeting is not issued
        self.assertEqual(rows[1:], [
            ["3", self.task("3").title, 2025, 1, "committee", None, None, None, None, None, None],
            ["S1", self.task("S1").title, 2025, 1, "committee", None, None, None, None, None, None],
        ])
        rows = sheet_rows(c.get("/programme/progressreport/template.xlsx?year=2025&quarter=2").getvalue())
        self.assertEqual([r[:5] for r in rows[1:]], [
            ["3", self.task("3").title, 2025, 2, "committee"],
            ["S1", self.task("S1").title, 2025, 2, "committee"],
            ["LX-2025-01-1", "建立知识产权工作季度通报制度", 2025, 2, "committee"],
        ])
        self.assertEqual(rows[1][5:], [40, "正常推进", "召开部门协调会 2 次", None, None, "草稿"])  # its own draft, filled in
        # the office's template for the committee does not show the committee's draft
        office = sheet_rows(self.as_user("office").get("/programme/progressreport/template.xlsx?year=2025&quarter=2&department=committee").getvalue())
        self.assertEqual(office[1], ["3", self.task("3").title, 2025, 2, "committee", None, None, None, None, None, None])
        self.assertEqual(self.as_user("leader").get("/programme/progressreport/template.xlsx?year=2025&quarter=2").status_code, 403)


class Import(WorkbookTestCase):
    def filled(self, client) -> bytes:
        wb = openpyxl.load_workbook(io.BytesIO(client.get("/programme/progressreport/template.xlsx?year=2025&quarter=1").getvalue()))
        ws = wb["季度进展"]
        for row, values in ((2, (60, "正常推进", "召开横向协同会议 2 次", "", "下季度联合执法")), (3, (100, "已完成", "领导小组及办公室已成立", "无", None))):
            for col, v in enumerate(values, start=6):
                ws.cell(row, col, v)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    def test_a_department_imports_drafts_then_submits_them(self):
        c = self.as_user("committee")
        content = self.filled(c)
        page = c.post("/programme/progressreport/import/", {"file": upload(content)})
        self.assertEqual(page.status_code, 200)
        result = page.context["result"]
        self.assertEqual(result.counts(), {"rows": 2, "added": 2, "changed": 0, "unchanged": 0, "submitted": 0})
        got = {r.task.code: (r.department_id, r.year, r.quarter, r.state, r.percent, r.flag, r.content, r.problems, r.next_steps)
               for r in ProgressReport.objects.all()}
        self.assertEqual(got, {
            "3": ("committee", 2025, 1, "草稿", 60, "正常推进", "召开横向协同会议 2 次", "", "下季度联合执法"),
            "S1": ("committee", 2025, 1, "草稿", 100, "已完成", "领导小组及办公室已成立", "无", ""),
        })
        h = ProgressReport.objects.get(task__code="3").history.latest()
        self.assertEqual((h.history_change_reason, h.history_user.username, h.history_type), ("导入 季度进展.xlsx", "dep_committee", "+"))
        run = ImportRun.objects.get()
        self.assertEqual((run.source, run.user.username, run.ok), ("季度进展导入 季度进展.xlsx", "dep_committee", True))
        self.assertEqual(run.changes, [{"stem": "progress_reports", "zh": "季度进展", "rows": 2, "added": 2, "changed": 0, "unchanged": 0, "submitted": 0}])
        # drafts: the market bureau and the office see none of them
        self.assertEqual(self.as_user("market").get("/api/progress-reports").json()["count"], 0)
        # the same file, 导入并报送: both submitted, nothing else changed
        page = c.post("/programme/progressreport/import/", {"file": upload(content), "submit": "1"})
        self.assertEqual(page.context["result"].counts(), {"rows": 2, "added": 0, "changed": 0, "unchanged": 0, "submitted": 2})
        self.assertEqual(sorted(ProgressReport.objects.values_list("state", "submitted_by__username")), [("已报送", "dep_committee")] * 2)
        self.assertEqual(self.as_user("market").get("/api/progress-reports").json()["count"], 2)
        # once more: submitted and the same, so left alone
        page = c.post("/programme/progressreport/import/", {"file": upload(content), "submit": "1"})
        self.assertEqual(page.context["result"].counts(), {"rows": 2, "added": 0, "changed": 0, "unchanged": 2, "submitted": 0})
        self.assertEqual(ProgressReport.objects.get(task__code="3").history.count(), 2)

    def test_the_office_imports_for_any_department_and_its_rows_are_submitted(self):
        content = xlsx_of([{"task": "7", "year": 2025, "quarter": 1, "department": "market", "percent": 30, "flag": "进度滞后", "content": "导航项目延期立项"},
                           {"task": "2", "year": 2025, "quarter": 1, "department": "finance", "flag": "正常推进", "content": "经费已列入预算"}])
        page = self.as_user("office").post("/programme/progressreport/import/", {"file": upload(content, "办公室汇总.xlsx")})
        self.assertEqual(page.context["result"].counts(), {"rows": 2, "added": 2, "changed": 0, "unchanged": 0, "submitted": 2})
        self.assertEqual(sorted(ProgressReport.objects.values_list("task__code", "department_id", "state", "percent", "submitted_by__username")),
                         [("2", "finance", "已报送", None, "office"), ("7", "market", "已报送", 30, "office")])
        # without a department the office's row is refused
        result = imports.import_progress(self.path_of([{"task": "7", "year": 2025, "quarter": 2, "flag": "正常推进", "content": "x"}]), user=self.users["office"])
        self.assertEqual([(f.row, f.column, f.zh, f.en) for f in result.report.errors],
                         [(2, "★报送部门", "办公室导入时须填写报送部门（部门代码）", "the office names the reporting department (its code)")])

    def path_of(self, rows) -> Path:
        path = Path(tempfile.mkdtemp()) / "进展.xlsx"
        path.write_bytes(xlsx_of(rows))
        return path

    def test_each_error_names_its_row_and_column_and_nothing_is_written(self):
        submitted = self.report("S1", "committee", 1, ProgressReport.SUBMITTED, content="领导小组已成立")
        good = {"year": 2025, "quarter": 1, "flag": "正常推进", "content": "按计划推进"}
        rows = [
            {**good, "task": "3", "percent": 45},  # row 2: fine
            {**good, "task": "7"},  # row 3: the market bureau's task, not supported by the committee
            {**good, "task": "S1", "percent": 50, "content": "领导小组已成立，办公室已运转"},  # row 4: submitted already
            {**good, "task": "12", "flag": "进展顺利"},  # row 5: not a flag (the committee supports task 12)
            {**good, "task": "2", "percent": 120},  # row 6: out of range
            {**good, "task": "S3", "percent": 45.5},  # row 7: not a whole number
            {**good, "task": "3", "quarter": 5},  # row 8: no such quarter
            {**good, "task": "S4", "department": "market"},  # row 9: another department
        ]
        committee = self.as_user("committee")
        page = committee.post("/programme/progressreport/import/", {"file": upload(xlsx_of(rows))})
        self.assertEqual(page.status_code, 422)
        result = page.context["result"]
        self.assertEqual([(f.row, f.column, f.zh, f.en, f.value) for f in result.report.sorted()], [
            (3, "★任务编号", "本部门（committee）既不牵头也不配合任务 7，不能报送其进展",
             "the department 'committee' neither leads nor supports task 7: it cannot report on it", "7"),
            (4, "进展情况", "已报送的进展不能修改", "a submitted report cannot be changed", "领导小组已成立，办公室已运转"),
            (5, "进展判断", "「进展顺利」不在可选值中；应为下列之一：正常推进/进度滞后/已完成",
             "'进展顺利' is not one of the allowed values; expected one of: 正常推进/进度滞后/已完成", "进展顺利"),
            (6, "完成进度（%）", "完成进度应在 0–100 之间，而不是 120", "the percentage is from 0 to 100, not 120", "120"),
            (7, "完成进度（%）", "45.5 不是整数；应为非负整数", "45.5 is not a whole number; expected a non-negative whole number", "45.5"),
            (8, "★季度", "季度应为 1–4，而不是 5", "a quarter is 1–4, not 5", "5"),
            (9, "★报送部门", "部门用户只能导入本部门（committee）的进展", "a department user imports its own department's (committee) reports only", "market"),
        ])
        self.assertContains(page, "7 处问题，未写入任何数据", status_code=422)
        self.assertEqual(list(ProgressReport.objects.values_list("pk", "content")), [(submitted.pk, "领导小组已成立")])
        self.assertFalse(ImportRun.objects.exists())
        # the findings as a workbook, for the uploader only
        errors = committee.get(f"/programme/progressreport/import/{page.context['token']}/errors.xlsx")
        self.assertEqual(errors.status_code, 200)
        content = errors.getvalue()
        findings = sheet_rows(content, openpyxl.load_workbook(io.BytesIO(content)).sheetnames[0])
        self.assertEqual(findings[1][3:7], ["3", "★任务编号", "7", "本部门（committee）既不牵头也不配合任务 7，不能报送其进展"])
        self.assertEqual(self.as_user("market").get(f"/programme/progressreport/import/{page.context['token']}/errors.xlsx").status_code, 404)

    def test_a_department_cannot_overwrite_another_departments_report_nor_the_office_a_draft(self):
        self.report("3", "committee", 1, content="草稿内容")
        result = imports.import_progress(self.path_of([{"task": "3", "year": 2025, "quarter": 1, "department": "committee", "flag": "正常推进", "content": "办公室改写"}]),
                                         user=self.users["office"])
        self.assertEqual([(f.row, f.zh) for f in result.report.errors], [(2, "该部门的草稿尚未报送，只有本部门可以修改")])
        self.assertEqual(ProgressReport.objects.get().content, "草稿内容")


class Export(WorkbookTestCase):
    def test_the_export_hides_other_departments_drafts_and_imports_back(self):
        self.report("3", "committee", 1, content="委员会草稿")
        self.report("S1", "committee", 1, ProgressReport.SUBMITTED, content="委员会已报送")
        self.report("7", "market", 1, content="市场局草稿")
        self.report("9", "market", 1, ProgressReport.SUBMITTED, content="市场局已报送", percent=70)
        returned = self.report("11", "market", 1, ProgressReport.RETURNED, content="市场局被退回")
        committee = self.as_user("committee")
        self.assertContains(committee.get("/programme/progressreport/"), "/programme/progressreport/export.xlsx")
        response = committee.get("/programme/progressreport/export.xlsx")
        self.assertEqual(response["Content-Disposition"], "attachment; filename*=utf-8''%E5%AD%A3%E5%BA%A6%E8%BF%9B%E5%B1%95.xlsx")
        exported = response.getvalue()
        rows = sheet_rows(exported)
        self.assertEqual(rows[0], HEADERS)
        self.assertEqual([(r[0], r[4], r[7], r[10]) for r in rows[1:]], [
            ("3", "committee", "委员会草稿", "草稿"), ("9", "market", "市场局已报送", "已报送"), ("S1", "committee", "委员会已报送", "已报送"),
        ])
        office = sheet_rows(self.as_user("office").get("/programme/progressreport/export.xlsx?department=market").getvalue())
        self.assertEqual([(r[0], r[7], r[10]) for r in office[1:]], [("9", "市场局已报送", "已报送"), ("11", "市场局被退回", "已退回")])
        # the committee changes its draft in the export and imports it back: the rest is left alone
        wb = openpyxl.load_workbook(io.BytesIO(exported))
        wb["季度进展"].cell(2, 8, "委员会草稿（修改）")
        buf = io.BytesIO()
        wb.save(buf)
        page = committee.post("/programme/progressreport/import/", {"file": upload(buf.getvalue(), "导出.xlsx")})
        self.assertEqual(page.context["result"].counts(), {"rows": 3, "added": 0, "changed": 1, "unchanged": 2, "submitted": 0})
        self.assertEqual(ProgressReport.objects.get(task__code="3").content, "委员会草稿（修改）")
        # the office's export of the market bureau imports back unchanged (the returned report is not resubmitted)
        page = self.as_user("office").post("/programme/progressreport/import/", {"file": upload(xlsx_of([
            {**imports.record(r)} for r in ProgressReport.objects.filter(department="market").exclude(state=ProgressReport.DRAFT).order_by("pk")]))})
        self.assertEqual(page.context["result"].counts(), {"rows": 2, "added": 0, "changed": 0, "unchanged": 2, "submitted": 0})
        returned.refresh_from_db()
        self.assertEqual(returned.state, "已退回")

    def test_task_list_targets_meetings_and_members_export_what_the_user_reads(self):
        GroupMember.objects.create(name="张三", position="管委会主任", group_role="组长", department_id=None, since=D(2022, 11, 1))
        PlanTask.objects.filter(code="2.3").update(status="已完成", completed_on=D(2025, 5, 20))
        market = self.as_user("market")
        self.assertContains(market.get("/programme/plantask/"), "/programme/plantask/export.xlsx")
        tasks = sheet_rows(market.get("/programme/plantask/export.xlsx?kind=子任务&lead=finance").getvalue(), "任务清单")
        self.assertEqual(tasks[0], ["编号", "类别", "任务", "所属任务", "议定会议", "工作方案部分", "牵头部门", "配合部门", "分工来源", "开始日期", "完成期限", "状态", "完成日期", "情况说明"])
        self.assertEqual([(r[0], r[1], r[3], r[6], r[9], r[10], r[11], r[12]) for r in tasks[1:]], [
            ("2.3", "子任务", "2", "finance", dt.datetime(2022, 10, 28), dt.datetime(2025, 12, 31), "已完成", dt.datetime(2025, 5, 20)),
            ("S2.2", "子任务", "S2", "finance", dt.datetime(2022, 10, 28), dt.datetime(2025, 12, 31), "未开始", None),
        ])
        # meetings with their decisions: a department sees the issued meeting only
        wb = openpyxl.load_workbook(io.BytesIO(market.get("/programme/meeting/export.xlsx").getvalue()))
        self.assertEqual(wb.sheetnames, ["联席会议", "议定事项"])
        self.assertEqual([r[:4] for r in wb["联席会议"].iter_rows(min_row=2, values_only=True)], [("LX-2025-01", "联席会议", "2025年第一次联席会议", dt.datetime(2025, 4, 20))])
        self.assertEqual([r[:4] for r in wb["议定事项"].iter_rows(min_row=2, values_only=True)], [("LX-2025-01", "LX-2025-01-1", "建立知识产权工作季度通报制度", "committee")])
        office = openpyxl.load_workbook(io.BytesIO(self.as_user("office").get("/programme/meeting/export.xlsx").getvalue()))
        self.assertEqual([r[1] for r in office["议定事项"].iter_rows(min_row=2, values_only=True)], ["LX-2025-01-1", "LX-2025-02-1"])
        members = sheet_rows(market.get("/programme/groupmember/export.xlsx").getvalue(), "领导小组成员")
        # in the import's layout (tests/web/test_web_programme_imports.py): it imports back
        self.assertEqual(members, [["★姓名", "职务", "★小组职务", "所在部门", "★任职日期", "离任日期"], ["张三", "管委会主任", "组长", None, dt.datetime(2022, 11, 1), None]])
        self.assertEqual(market.get("/programme/department/export.xlsx").status_code, 404)


class WriteApi(WorkbookTestCase):
    def body(self, **over) -> dict:
        return {"task": "3", "year": 2025, "quarter": 1, "percent": 40, "flag": "正常推进", "content": "召开协调会", **over}

    def test_a_department_creates_patches_and_submits_its_report(self):
        c = self.as_user("committee")
        r = c.post("/api/progress-reports", self.body(), content_type="application/json")
        self.assertEqual(r.status_code, 201, r.content)
        data = r.json()
        self.assertEqual({k: data[k] for k in ("task", "department", "year", "quarter", "state", "percent", "content")},
                         {"task": "3", "department": "committee", "year": 2025, "quarter": 1, "state": "草稿", "percent": 40, "content": "召开协调会"})
        pk = data["id"]
        report = ProgressReport.objects.get(pk=pk)
        self.assertEqual((report.history.latest().history_change_reason, report.history.latest().history_user.username), ("接口编辑", "dep_committee"))
        r = c.patch(f"/api/progress-reports/{pk}", {"percent": 55, "problems": "经费未到位"}, content_type="application/json")
        self.assertEqual((r.status_code, r.json()["percent"], r.json()["problems"], r.json()["content"]), (200, 55, "经费未到位", "召开协调会"))
        # the other department sees nothing of the draft
        market = self.as_user("market")
        r = market.patch(f"/api/progress-reports/{pk}", {"percent": 1}, content_type="application/json")
        self.assertEqual(r.json(), {"detail": f"没有编号为 {pk} 的季度进展 / no progress report {pk}", "errors": None})
        self.assertEqual(r.status_code, 404)
        r = c.post(f"/api/progress-reports/{pk}/submit")
        self.assertEqual((r.status_code, r.json()["state"]), (200, "已报送"))
        self.assertEqual(ProgressReport.objects.get(pk=pk).history.latest().history_change_reason, "报送")
        # submitted: read by all, changed by nobody but through the office's return
        r = c.patch(f"/api/progress-reports/{pk}", {"percent": 60}, content_type="application/json")
        self.assertEqual((r.status_code, r.json()["detail"]), (403, "已报送的进展不能修改 / a submitted report cannot be changed"))
        r = market.patch(f"/api/progress-reports/{pk}", {"percent": 60}, content_type="application/json")
        self.assertEqual((r.status_code, r.json()["detail"]), (403, "只能修改本部门的进展：这是 committee 的 / you change your own department's reports only: this is committee's"))
        self.assertEqual(market.post(f"/api/progress-reports/{pk}/return", {"note": "x"}, content_type="application/json").status_code, 403)
        r = self.as_user("office").post(f"/api/progress-reports/{pk}/return", {"note": "请补充数据"}, content_type="application/json")
        self.assertEqual((r.status_code, r.json()["state"], r.json()["return_note"]), (200, "已退回", "请补充数据"))
        r = c.patch(f"/api/progress-reports/{pk}", {"content": "已补充数据", "submit": True}, content_type="application/json")
        self.assertEqual((r.status_code, r.json()["state"], r.json()["content"]), (200, "已报送", "已补充数据"))

    def test_the_api_refuses_what_the_form_refuses(self):
        c = self.as_user("committee")
        r = c.post("/api/progress-reports", self.body(task="7"), content_type="application/json")
        self.assertEqual((r.status_code, r.json()["detail"]), (403, "本部门（committee）既不牵头也不配合任务 7，不能报送其进展 / the department 'committee' neither leads nor supports task 7: it cannot report on it"))
        r = c.post("/api/progress-reports", self.body(task="99"), content_type="application/json")
        self.assertEqual((r.status_code, r.json()["detail"]), (404, "没有编号为「99」的任务 / there is no task '99'"))
        r = c.post("/api/progress-reports", self.body(task="LX-2025-02-1"), content_type="application/json")  # its meeting is not issued
        self.assertEqual(r.status_code, 404)
        r = c.post("/api/progress-reports", self.body(percent=120, flag="进展顺利"), content_type="application/json")
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json()["errors"], {"percent": ["不能大于 100 / must be at most 100"], "flag": ["「进展顺利」不是可选的值 / 进展顺利 is not one of the choices"]})
        # the same messages as the web form
        page = c.post("/programme/progressreport/add/", {"task": self.task("3").pk, "year": "2025", "quarter": "1", "percent": "120", "flag": "进展顺利", "content": "x"})
        self.assertEqual(page.context["form"].errors, r.json()["errors"])
        c.post("/api/progress-reports", self.body(), content_type="application/json")
        r = c.post("/api/progress-reports", self.body(), content_type="application/json")
        self.assertEqual(r.json()["errors"], {"quarter": ["本部门已有任务 3 2025年第1季度的进展 / this quarter's report already exists"]})
        r = self.as_user("leader").post("/api/progress-reports", self.body(), content_type="application/json")
        self.assertEqual((r.status_code, r.json()["detail"]), (403, "无权填报季度进展 / you may not write progress reports"))
        self.assertEqual(ProgressReport.objects.count(), 1)

    def test_a_bearer_token_writes_without_a_csrf_token_and_a_session_needs_one(self):
        user, token = create_user("dep_committee", "department", department="committee", password=PASSWORD, token=True)
        c = Client(enforce_csrf_checks=True)
        r = c.post("/api/progress-reports", self.body(submit=True), content_type="application/json", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual((r.status_code, r.json()["state"]), (201, "已报送"))
        self.assertEqual(ProgressReport.objects.get().submitted_by.username, "dep_committee")
        session = Client(enforce_csrf_checks=True)
        session.force_login(user)
        self.assertEqual(session.post("/api/progress-reports", self.body(quarter=2), content_type="application/json").status_code, 403)
        self.assertEqual(Client().post("/api/progress-reports", self.body(quarter=2), content_type="application/json").status_code, 401)


class Command(WorkbookTestCase):
    def test_progress_template_from_the_command_line(self):
        import typer
        from typer.testing import CliRunner

        from ipzone.web.cli import register

        app = typer.Typer()
        register(app)
        self.report("S1", "committee", 2, content="委员会草稿")
        out = Path(tempfile.mkdtemp()) / "委员会.xlsx"
        result = CliRunner().invoke(app, ["programme", "progress-template", "--department", "committee", "--year", "2025", "--quarter", "2", "--out", str(out)])
        self.assertEqual(result.exit_code, 0, result.output)
        self.assertIn("2025 年第 2 季度应报送 3 份 / 3 report(s) owed", result.output)
        rows = sheet_rows(out.read_bytes())
        self.assertEqual([(r[0], r[4], r[7]) for r in rows[1:]], [("3", "committee", None), ("S1", "committee", None), ("LX-2025-01-1", "committee", None)])
        bad = CliRunner().invoke(app, ["programme", "progress-template", "--department", "tax", "--year", "2025", "--quarter", "2", "--out", str(out)])
        self.assertEqual(bad.exit_code, 2)
        self.assertIn("没有代码为 'tax' 的部门", bad.output)
