"""Yearly rolling targets and the leading group as workbooks: template, import, export, who may."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from unittest import mock
from urllib.parse import quote

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase

from ipzone.programme import targets, workbook
from ipzone.web import demo
from ipzone.web.core.accounts import create_user
from ipzone.web.monitoring.models import ImportRun
from ipzone.web.programme import tracking
from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, PlanTask
from web_helpers import PASSWORD, load_tables, reset_caches

D = dt.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TARGET_HEADERS = ["★任务编号", "任务名称", "★年度", "★年度目标", "关联指标代码", "目标值", "完成期限", "状态", "完成日期"]
MEMBER_HEADERS = ["★姓名", "职务", "★小组职务", "所在部门", "★任职日期", "离任日期"]


def sheet_rows(content: bytes, sheet: str) -> list[list]:
    return [list(r) for r in openpyxl.load_workbook(io.BytesIO(content))[sheet].iter_rows(values_only=True)]


def filled(template: bytes, sheet: str, rows: list[list]) -> bytes:
    """The downloaded template with ``rows`` typed in under the headers, as a user would."""
    wb = openpyxl.load_workbook(io.BytesIO(template))
    for r in rows:
        wb[sheet].append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def target_file(rows: list[dict]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return workbook.template(Path(tmp) / "t.xlsx", targets.TARGET_TABLES, {"annual_targets": rows}).read_bytes()


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def findings(page) -> list[tuple]:
    return [(f.row, f.column, f.zh, f.en) for f in page.context["result"].report.findings]


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        tracking.seed()
        cls.users = {role: create_user(role, role, password=PASSWORD)[0] for role in ("office", "admin", "leader")}
        cls.users["committee"] = create_user("dep_committee", "department", department="committee", password=PASSWORD)[0]

    def setUp(self):
        reset_caches()

    def as_user(self, name: str) -> Client:
        c = Client()
        c.force_login(self.users[name])
        return c

    def target(self, code, content, **kw) -> AnnualTarget:
        values = {"year": 2026, "due_on": D(2026, 12, 31), "status": "未完成", **kw}
        return AnnualTarget.objects.create(task=PlanTask.objects.get(code=code), content=content, **values)

    def member(self, name, role, dept, **kw) -> GroupMember:
        return GroupMember.objects.create(name=name, position=f"{name}的职务", group_role=role,
                                          department=Department.objects.get(code=dept) if dept else None, **kw)


class Templates(ImportTestCase):
    def test_the_templates_headers_and_the_list_buttons(self):
        office = self.as_user("office")
        t = office.get("/programme/annualtarget/template.xlsx")
        self.assertEqual(t.status_code, 200)
        content = t.getvalue()
        self.assertEqual(openpyxl.load_workbook(io.BytesIO(content)).sheetnames, ["填表说明", "年度目标"])
        self.assertEqual(sheet_rows(content, "年度目标"), [TARGET_HEADERS])
        m = office.get("/programme/groupmember/template.xlsx")
        self.assertEqual(sheet_rows(m.getvalue(), "领导小组成员"), [MEMBER_HEADERS])
        for model in ("annualtarget", "groupmember"):
            page = office.get(f"/programme/{model}/")
            self.assertContains(page, f'<a class="button" id="workbook-import" href="/programme/{model}/import/">导入</a>', html=True)
            self.assertContains(page, f'<a class="button" id="workbook-template" href="/programme/{model}/template.xlsx">下载模板</a>', html=True)
            self.assertContains(page, f'href="/programme/{model}/export.xlsx"')
            self.assertContains(office.get(f"/programme/{model}/import/"), f'href="/programme/{model}/template.xlsx"')

    def test_departments_and_leaders_neither_import_nor_get_the_templates(self):
        self.target("2", "专项经费占比 0.2%")
        content = target_file([{"task": "2", "year": 2026, "content": "x", "due_on": D(2026, 12, 31), "status": "未完成"}])
        for name in ("committee", "leader"):
            c = self.as_user(name)
            for model in ("annualtarget", "groupmember"):
                self.assertEqual(c.get(f"/programme/{model}/import/").status_code, 403, (name, model))
                self.assertEqual(c.get(f"/programme/{model}/template.xlsx").status_code, 403, (name, model))
                self.assertEqual(c.post(f"/programme/{model}/import/", {"file": upload(content, "t.xlsx")}).status_code, 403, (name, model))
                page = c.get(f"/programme/{model}/")
                self.assertNotContains(page, "workbook-import")
                self.assertNotContains(page, "下载模板")
                self.assertContains(page, "导出 Excel")  # reading and exporting stay theirs
        self.assertEqual(AnnualTarget.objects.count(), 1)
        self.assertFalse(ImportRun.objects.exists())
        self.assertEqual(self.as_user("admin").get("/programme/annualtarget/import/").status_code, 200)


class TargetImport(ImportTestCase):
    def test_a_good_import_adds_changes_and_leaves_alone(self):
        self.target("2", "知识产权专项经费占一般公共预算支出比重达到 0.2%", indicator="ip_budget_share", target_value=0.2)
        done = self.target("14", "知识产权服务机构达到 57 家", indicator="ip_service_agencies", target_value=57)
        office = self.as_user("office")
        content = filled(office.get("/programme/annualtarget/template.xlsx").getvalue(), "年度目标", [
            ["2", None, 2026, "知识产权专项经费占一般公共预算支出比重达到 0.2%", "ip_budget_share", "0.2", D(2026, 12, 31), "未完成", None],
            ["14", "（忽略）", 2026, "知识产权服务机构达到 57 家", "ip_service_agencies", 57, D(2026, 12, 31), "已完成", D(2026, 11, 20)],
            ["S1", None, "2026年", "召开领导小组会议 2 次", None, None, "2026-12-31", "未完成", None],
            ["2", None, 2026, "知识产权工作人员达到 12 人", "ip_staff", "１２", D(2026, 6, 30), "已完成", "2026年6月18日"],
        ])
        page = office.post("/programme/annualtarget/import/", {"file": upload(content, "2026年度目标.xlsx")})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "2026年度目标.xlsx：已导入")
        [c] = page.context["result"].changes
        self.assertEqual((c.stem, c.rows, c.added, c.changed, c.unchanged), ("annual_targets", 4, 2, 1, 1))
        got = [(t.task.code, t.year, t.content, t.indicator, t.target_value, t.due_on, t.status, t.completed_on)
               for t in AnnualTarget.objects.order_by("pk")]
        self.assertEqual(got, [
            ("2", 2026, "知识产权专项经费占一般公共预算支出比重达到 0.2%", "ip_budget_share", 0.2, D(2026, 12, 31), "未完成", None),
            ("14", 2026, "知识产权服务机构达到 57 家", "ip_service_agencies", 57.0, D(2026, 12, 31), "已完成", D(2026, 11, 20)),
            ("S1", 2026, "召开领导小组会议 2 次", "", None, D(2026, 12, 31), "未完成", None),
            ("2", 2026, "知识产权工作人员达到 12 人", "ip_staff", 12.0, D(2026, 6, 30), "已完成", D(2026, 6, 18)),
        ])
        done.refresh_from_db()
        latest = done.history.latest()
        self.assertEqual((latest.history_change_reason, latest.history_user.username), ("导入 2026年度目标.xlsx", "office"))
        self.assertEqual(AnnualTarget.objects.get(task__code="S1").history.latest().history_change_reason, "导入 2026年度目标.xlsx")
        run = ImportRun.objects.get()
        self.assertEqual((run.source, run.ok, run.user.username), ("年度目标导入 2026年度目标.xlsx", True, "office"))
        self.assertEqual(run.changes, [{"stem": "annual_targets", "zh": "年度目标", "rows": 4, "added": 2, "changed": 1, "unchanged": 1}])
        # the same file again changes nothing
        again = office.post("/programme/annualtarget/import/", {"file": upload(content, "2026年度目标.xlsx")})
        [c] = again.context["result"].changes
        self.assertEqual((c.added, c.changed, c.unchanged), (0, 0, 4))

    def refused(self, row: dict, name: str = "bad.xlsx", client: Client | None = None):
        good = {"task": "S1", "year": 2026, "content": "召开领导小组会议 2 次", "due_on": D(2026, 12, 31), "status": "未完成"}
        before = list(AnnualTarget.objects.values_list("pk", "content", "status"))
        page = (client or self.as_user("office")).post("/programme/annualtarget/import/", {"file": upload(target_file([good, {**good, **row}]), name)})
        self.assertEqual(page.status_code, 422)
        self.assertContains(page, "未写入任何数据", status_code=422)
        self.assertEqual(list(AnnualTarget.objects.values_list("pk", "content", "status")), before)
        self.assertFalse(ImportRun.objects.exists())
        return page

    def test_each_refusal_names_row_and_column_and_writes_nothing(self):
        self.target("2", "已有目标")
        cases = [
            ({"task": "99", "content": "a"}, [(3, "★任务编号", "任务清单中没有编号为「99」的任务", "the task list has no task '99'")]),
            ({"task": "5.1", "content": "a"}, [(3, "★任务编号", "「5.1」是子任务：年度目标按任务确定（5）", "'5.1' is a sub-task: targets are set on its task (5)")]),
            ({"task": "2", "content": "a", "indicator": "ip_budget"}, [(3, "关联指标代码", "指标目录中没有代码「ip_budget」（任务 2 的指标：ip_budget_share、ip_staff）",
                                                                      "'ip_budget' is not an indicator code of the catalog (task 2's indicators: ip_budget_share, ip_staff)")]),
            ({"task": "S1", "content": "a", "indicator": "ip_budget"}, [(3, "关联指标代码", "指标目录中没有代码「ip_budget」", "'ip_budget' is not an indicator code of the catalog")]),
            ({"content": "a", "status": "进行中"}, [(3, "状态", "「进行中」不在可选值中；应为下列之一：未完成/已完成",
                                                 "'进行中' is not one of the allowed values; expected one of: 未完成/已完成")]),
            ({"content": "a", "status": "已完成", "completed_on": D(2025, 12, 20)}, [
                (3, "完成日期", "「完成日期」2025-12-20 早于 2026 年度的开始（2026-01-01）", "completed_on 2025-12-20 is before the year 2026 begins (2026-01-01)")]),
            ({"content": "a", "due_on": D(2025, 12, 31)}, [
                (3, "完成期限", "「完成期限」2025-12-31 早于 2026 年度的开始（2026-01-01）", "due_on 2025-12-31 is before the year 2026 begins (2026-01-01)")]),
            ({"content": "a", "status": "已完成"}, [(3, "完成日期", "状态为「已完成」时须填写完成日期", "a date is required when the status is 已完成")]),
            ({"content": "a", "completed_on": D(2026, 5, 1)}, [(3, "完成日期", "状态为「未完成」时不应有完成日期", "no date unless the status is 已完成")]),
            ({"content": "a", "target_value": "5件"}, [(3, "目标值", "「5件」不是数字；目标值只填数字，不带单位", "'5件' is not a number; a target value is a plain number, without its unit")]),
            ({}, [(3, "★任务编号", "任务编号、年度、年度目标重复：与第 2 行相同", "duplicate task/year/content: the same as row 2")]),
        ]
        for row, expected in cases:
            with self.subTest(row=row):
                self.assertEqual(findings(self.refused(row)), expected)

    def test_the_findings_are_offered_as_a_workbook_to_the_uploader(self):
        office = self.as_user("office")
        page = self.refused({"task": "99", "content": "a"}, client=office)
        url = page.context["errors_url"]
        self.assertTrue(url.startswith("/programme/annualtarget/import/") and url.endswith("/errors.xlsx"), url)
        errors = office.get(url)
        self.assertEqual(errors.status_code, 200)
        self.assertEqual(errors["Content-Disposition"], f"attachment; filename*=utf-8''{quote('年度目标导入错误清单.xlsx')}")
        self.assertEqual(self.as_user("admin").get(url).status_code, 404)  # another session's


class MemberImport(ImportTestCase):
    def test_a_good_import_adds_changes_and_leaves_alone(self):
        self.member("张建国", "组长", "committee", since=D(2022, 11, 1), order=0)
        self.member("王海燕", "办公室主任", "market", since=D(2022, 11, 1), order=1)
        self.member("杨帆", "成员", None, order=2)
        office = self.as_user("office")
        content = filled(office.get("/programme/groupmember/template.xlsx").getvalue(), "领导小组成员", [
            ["张建国", "张建国的职务", "组长", "committee", D(2022, 11, 1), None],
            ["王海燕", "示范区市场监督管理局局长", "办公室主任", "market", D(2022, 11, 1), D(2026, 3, 31)],
            ["杨帆", "杨帆的职务", "成员", None, None, None],
            ["孙立", "示范区市场监督管理局局长", "办公室主任", "market", "2026-04-01", None],
            ["钱进", "财政部门负责人", "成员", "finance", None, None],
        ])
        page = office.post("/programme/groupmember/import/", {"file": upload(content, "领导小组.xlsx")})
        self.assertEqual(page.status_code, 200)
        [c] = page.context["result"].changes
        self.assertEqual((c.stem, c.rows, c.added, c.changed, c.unchanged), ("group_members", 5, 2, 1, 2))
        got = [(m.name, m.position, m.group_role, m.department.code if m.department else None, m.since, m.until, m.order)
               for m in GroupMember.objects.order_by("order", "pk")]
        self.assertEqual(got, [
            ("张建国", "张建国的职务", "组长", "committee", D(2022, 11, 1), None, 0),
            ("王海燕", "示范区市场监督管理局局长", "办公室主任", "market", D(2022, 11, 1), D(2026, 3, 31), 1),
            ("杨帆", "杨帆的职务", "成员", None, None, None, 2),
            ("孙立", "示范区市场监督管理局局长", "办公室主任", "market", D(2026, 4, 1), None, 3),
            ("钱进", "财政部门负责人", "成员", "finance", None, None, 4),
        ])
        latest = GroupMember.objects.get(name="王海燕").history.latest()
        self.assertEqual((latest.history_change_reason, latest.history_user.username), ("导入 领导小组.xlsx", "office"))
        self.assertEqual(ImportRun.objects.get().source, "领导小组成员导入 领导小组.xlsx")

    def test_each_refusal_names_row_and_column_and_writes_nothing(self):
        self.member("张建国", "组长", "committee", since=D(2022, 11, 1))
        good = ["李卫东", "示范区管委会副主任", "副组长", "committee", D(2022, 11, 1), None]
        cases = [
            (["周敏", "财政部门负责人", "成员", "tax", None, None], [
                (3, "所在部门", "部门表中没有代码「tax」（已有：committee、market、scitech_finance、innovation、statistics、finance）",
                 "no department with code 'tax' (known: committee, market, scitech_finance, innovation, statistics, finance)")]),
            (["周敏", "财政部门负责人", "成员", "finance", D(2022, 11, 1), D(2021, 1, 1)], [
                (3, "离任日期", "「离任日期」2021-01-01 早于「任职日期」2022-11-01", "until 2021-01-01 is before since 2022-11-01")]),
            (["周敏", "财政部门负责人", "秘书长", "finance", None, None], [
                (3, "★小组职务", "「秘书长」不在可选值中；应为下列之一：组长/副组长/成员/办公室主任/办公室副主任/办公室成员",
                 "'秘书长' is not one of the allowed values; expected one of: 组长/副组长/成员/办公室主任/办公室副主任/办公室成员")]),
            (good, [(3, "★姓名", "姓名、小组职务、任职日期重复：与第 2 行相同", "duplicate name/group_role/since: the same as row 2")]),
        ]
        office = self.as_user("office")
        for row, expected in cases:
            with self.subTest(row=row):
                template = office.get("/programme/groupmember/template.xlsx").getvalue()
                page = office.post("/programme/groupmember/import/", {"file": upload(filled(template, "领导小组成员", [good, row]), "bad.xlsx")})
                self.assertEqual(page.status_code, 422)
                self.assertEqual(findings(page), expected)
                self.assertEqual(list(GroupMember.objects.values_list("name", flat=True)), ["张建国"])
        # two rows of one name and role, both without 任职日期, are one member twice
        twice = ["周敏", "财政部门负责人", "成员", "finance", None, None]
        page = office.post("/programme/groupmember/import/", {"file": upload(filled(template, "领导小组成员", [twice, twice]), "bad.xlsx")})
        self.assertEqual(findings(page), [(3, "★姓名", "姓名、小组职务、任职日期重复：与第 2 行相同", "duplicate name/group_role/since: the same as row 2")])
        self.assertFalse(ImportRun.objects.exists())


class RoundTrip(ImportTestCase):
    def test_an_export_imports_back_unchanged(self):
        self.target("2", "知识产权专项经费占一般公共预算支出比重达到 0.2%", indicator="ip_budget_share", target_value=0.2)
        self.target("14", "知识产权服务机构达到 57 家", indicator="ip_service_agencies", target_value=57, status="已完成", completed_on=D(2026, 10, 30))
        self.target("S1", "召开领导小组会议 2 次\r\n印发年度工作要点", due_on=D(2026, 6, 30))
        self.target("5", "每万人口高价值发明专利拥有量达到 45 件", year=2025, due_on=D(2025, 12, 31), indicator="hv_invention_per_10k", target_value=1e-3)
        self.member("张建国", "组长", "committee", since=D(2022, 11, 1))
        self.member("杨帆", "成员", None)
        self.member("王海燕", "办公室主任", "market", since=D(2022, 11, 1), until=D(2026, 3, 31))
        office = self.as_user("office")
        response = self.as_user("committee").get("/programme/annualtarget/export.xlsx")  # a department exports what it reads
        self.assertEqual(response.status_code, 200)
        exported = response.getvalue()
        rows = sheet_rows(exported, "年度目标")
        self.assertEqual(rows[0], TARGET_HEADERS)
        self.assertEqual(rows[1:], [
            ["5", PlanTask.objects.get(code="5").title, 2025, "每万人口高价值发明专利拥有量达到 45 件", "hv_invention_per_10k", "0.001", dt.datetime(2025, 12, 31), "未完成", None],
            ["2", PlanTask.objects.get(code="2").title, 2026, "知识产权专项经费占一般公共预算支出比重达到 0.2%", "ip_budget_share", "0.2", dt.datetime(2026, 12, 31), "未完成", None],
            ["14", PlanTask.objects.get(code="14").title, 2026, "知识产权服务机构达到 57 家", "ip_service_agencies", "57", dt.datetime(2026, 12, 31), "已完成", dt.datetime(2026, 10, 30)],
            # openpyxl shows the carriage return as the file stores it (_x000D_); the import reads it back as \r
            ["S1", PlanTask.objects.get(code="S1").title, 2026, "召开领导小组会议 2 次_x000D_\n印发年度工作要点", None, None, dt.datetime(2026, 6, 30), "未完成", None],
        ])
        page = office.post("/programme/annualtarget/import/", {"file": upload(exported, "年度目标.xlsx")})
        [c] = page.context["result"].changes
        self.assertEqual((c.rows, c.added, c.changed, c.unchanged), (4, 0, 0, 4))
        # with the list's filters
        only_2025 = sheet_rows(office.get("/programme/annualtarget/export.xlsx?year=2025").getvalue(), "年度目标")
        self.assertEqual([r[0] for r in only_2025[1:]], ["5"])
        members = office.get("/programme/groupmember/export.xlsx").getvalue()
        self.assertEqual(sheet_rows(members, "领导小组成员"), [
            MEMBER_HEADERS,
            ["张建国", "张建国的职务", "组长", "committee", dt.datetime(2022, 11, 1), None],
            ["杨帆", "杨帆的职务", "成员", None, None, None],
            ["王海燕", "王海燕的职务", "办公室主任", "market", dt.datetime(2022, 11, 1), dt.datetime(2026, 3, 31)],
        ])
        page = office.post("/programme/groupmember/import/", {"file": upload(members, "领导小组成员.xlsx")})
        [c] = page.context["result"].changes
        self.assertEqual((c.rows, c.added, c.changed, c.unchanged), (3, 0, 0, 3))
        self.assertEqual(GroupMember.objects.count(), 3)


class Forms(ImportTestCase):
    def test_the_forms_refuse_what_the_import_refuses(self):
        self.target("2", "已有目标")
        office = self.as_user("office")
        task = PlanTask.objects.get(code="2").pk
        page = office.post("/programme/annualtarget/add/", {"task": task, "year": 2026, "content": "已有目标", "due_on": "2025-12-31", "status": "未完成"})
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.context["form"].errors, {
            "due_on": ["「完成期限」2025-12-31 早于 2026 年度的开始（2026-01-01） / due_on 2025-12-31 is before the year 2026 begins (2026-01-01)"],
            "content": ["同一任务、年度已有这条年度目标 / this task already has this target for the year"],
        })
        self.member("张建国", "组长", "committee", since=D(2022, 11, 1))
        page = office.post("/programme/groupmember/add/", {"name": "张建国", "position": "主任", "group_role": "组长", "since": "2022-11-01", "until": "2021-01-01", "order": 0})
        self.assertEqual(page.context["form"].errors, {
            "until": ["「离任日期」2021-01-01 早于「任职日期」2022-11-01 / until 2021-01-01 is before since 2022-11-01"],
            "name": ["已有同一姓名、小组职务、任职日期的成员 / this member is already listed"],
        })
        self.assertEqual((AnnualTarget.objects.count(), GroupMember.objects.count()), (1, 1))


class DemoRoundTrip(TestCase):
    """The demo's six targets and eight members, exported by the office, import back unchanged."""

    @classmethod
    def setUpTestData(cls):
        load_tables()
        with mock.patch("ipzone.web.programme.tracking.today", return_value=D(2026, 3, 1)):
            demo.seed(2025)
        cls.office = create_user("office", "office", password=PASSWORD)[0]

    def test_the_demo_exports_import_back_unchanged(self):
        c = Client()
        c.force_login(self.office)
        for model, sheet, count in (("annualtarget", "年度目标", 6), ("groupmember", "领导小组成员", 8)):
            exported = c.get(f"/programme/{model}/export.xlsx").getvalue()
            self.assertEqual(len(sheet_rows(exported, sheet)), 1 + count)
            [change] = c.post(f"/programme/{model}/import/", {"file": upload(exported, f"{sheet}.xlsx")}).context["result"].changes
            self.assertEqual((change.rows, change.added, change.changed, change.unchanged), (count, 0, 0, count))
