"""/reports/: the office generates and downloads, leaders download, enterprises and agencies do not.

The fixture zone (tests/fixtures.py) is loaded once; its year is 2021: 1 high-value patent
(201310123450.5, overseas family) for 300,000 residents, one pledge of 1000 万元, two survey
answers (82, 78), and no usable patent-intensive table (the packaged one lists no classes).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import openpyxl
from django.test import Client, TestCase, override_settings
from typer.testing import CliRunner
from web_helpers import load_tables, make_users, reset_caches

from ipzone.web.core.models import DataState
from ipzone.web.reports.models import ReportRun


class ReportsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()
        cls.users = make_users()

    def setUp(self):
        reset_caches()

    def as_user(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client

    def generate(self, client: Client, **form) -> ReportRun:
        before = ReportRun.objects.count()
        response = client.post("/reports/generate/", {"counting": "first", **form})
        self.assertEqual(response.status_code, 302, response.content.decode()[-2000:])
        self.assertEqual(ReportRun.objects.count(), before + 1)
        return ReportRun.objects.order_by("-pk").first()


class OfficeGeneratesAndDownloads(ReportsTestCase):
    def test_annual_xlsx_is_kept_with_who_and_which_data(self):
        office = self.as_user("office")
        page = office.get("/reports/")
        self.assertContains(page, 'id="report-form"')
        run = self.generate(office, kind="annual", year="2021", fmt="xlsx")
        state = DataState.current()
        self.assertEqual((run.kind, run.year, run.fmt, run.user.username, run.data_version), ("annual", 2021, "xlsx", "office", state.version))
        self.assertEqual(run.title, "山西转型综合改革示范区2021年知识产权强国建设试点园区年度监测报告")
        self.assertGreater(run.missing, 0)  # 专利密集型产业增加值: the packaged table lists no classes
        listing = office.get("/reports/")
        self.assertContains(listing, run.title)
        self.assertContains(listing, f"/reports/{run.pk}/download/")
        response = office.get(f"/reports/{run.pk}/download/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertIn("filename*=utf-8''", response["Content-Disposition"])
        data = b"".join(response.streaming_content)
        self.assertEqual(len(data), run.size)
        ws = openpyxl.load_workbook(io.BytesIO(data))["表1 主要指标"]
        rows = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(4, 10)] for r in range(4, 12)}
        # 1000 万元 = 0.10 亿元 against the 2021 target 2.8: 3.6 %
        self.assertEqual(rows["知识产权质押融资登记金额"], [2.8, 0.1, 2.8, 5.0, 0.036, "滞后"])
        self.assertEqual(rows["知识产权保护社会满意度"], [80.0, 80.0, 80.0, 85.0, 1.0, "达标"])  # (82 + 78) ÷ 2
        self.assertEqual(rows["专利密集型产业增加值"][1], "缺数据")
        text = [r[1] for r in openpyxl.load_workbook(io.BytesIO(data))["报告"].iter_rows(values_only=True) if r[1]]
        self.assertIn(f"数据来源：平台数据库，数据版本{state.version}", " ".join(text))

    def test_a_pdf_from_the_platform(self):
        if shutil.which("soffice") is None:
            self.skipTest("needs LibreOffice (scripts/system-deps)")
        office = self.as_user("admin")
        run = self.generate(office, kind="bulletin", period="2021-Q2", fmt="pdf")
        self.assertEqual((run.period, run.year, run.user.username), ("2021-Q2", 2021, "admin"))
        data = b"".join(office.get(f"/reports/{run.pk}/download/").streaming_content)
        self.assertTrue(data.startswith(b"%PDF"))
        import subprocess

        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
        self.assertIn("知识产权工作简报", text)
        self.assertIn("2021 年第二季度", text)

    def test_bad_input_is_refused_with_the_reason(self):
        office = self.as_user("office")
        response = office.post("/reports/generate/", {"kind": "bulletin", "period": "2021-13", "fmt": "docx", "counting": "first"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "期间「2021-13」无法识别：应为季度（如 2023-Q3）或月份（如 2023-07）", status_code=400)
        response = office.post("/reports/generate/", {"kind": "annual", "year": "2020", "fmt": "docx", "counting": "first"})
        self.assertContains(response, "年度监测从 2021 年基期开始：无法编制 2020 年的监测报告", status_code=422)
        self.assertEqual(ReportRun.objects.count(), 0)


class Roles(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from ipzone.web.reports import services

        cls.report = services.generate("protection", "docx", year=2021, user=cls.users["office"])

    def test_leader_downloads_but_does_not_generate(self):
        leader = self.as_user("leader")
        page = leader.get("/reports/")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'id="report-form"')
        self.assertContains(page, self.report.title)
        self.assertEqual(leader.get(f"/reports/{self.report.pk}/download/").status_code, 200)
        self.assertEqual(leader.post("/reports/generate/", {"kind": "annual", "year": "2021", "fmt": "docx"}).status_code, 403)

    def test_enterprise_and_agency_get_nothing(self):
        for name in ("ent_a", "agency"):
            c = self.as_user(name)
            self.assertEqual(c.get("/reports/").status_code, 403)
            self.assertEqual(c.get(f"/reports/{self.report.pk}/download/").status_code, 404)
            self.assertEqual(c.post("/reports/generate/", {"kind": "annual", "year": "2021", "fmt": "docx"}).status_code, 403)
        self.assertEqual(ReportRun.objects.count(), 1)

    def test_anonymous_is_sent_to_login(self):
        response = Client().get(f"/reports/{self.report.pk}/download/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])

    def test_menu_links_reports_for_office_and_leaders_only(self):
        self.assertContains(self.as_user("office").get("/reports/"), 'href="/reports/"')
        self.assertContains(self.as_user("leader").get("/"), 'href="/reports/"')
        page = self.as_user("ent_a").get("/", follow=True)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'href="/reports/"')

    def test_a_missing_file_is_404(self):
        path = Path(os.environ["IPZONE_HOME"]) / "reports" / self.report.file
        moved = path.with_suffix(".moved")
        path.rename(moved)
        try:
            self.assertEqual(self.as_user("office").get(f"/reports/{self.report.pk}/download/").status_code, 404)
        finally:
            moved.rename(path)


class CommandOnTheDatabase(ReportsTestCase):
    def test_report_from_db(self):
        import typer

        from ipzone.reports.cli import register

        app = typer.Typer()
        register(app)
        out = Path(tempfile.mkdtemp()) / "保护状况.docx"
        result = CliRunner().invoke(app, ["report", "protection", "--db", os.environ["IPZONE_DB"], "--year", "2021", "--out", str(out)])
        self.assertEqual(result.exit_code, 0, result.output + repr(result.exception))
        import docx

        paras = [p.text for p in docx.Document(str(out)).paragraphs]
        self.assertIn(f"数据来源：平台数据库，数据版本{DataState.current().version}", " ".join(paras))
        # ZSJ2021-001: 行政裁决, 专利, 2021-03-01 → 2021-06-30 (121 days), typical
        self.assertIn("（一）专利行政裁决案（ZSJ2021-001）。权利人山西晋创新材料科技有限公司，被诉方某侵权公司；2021年3月1日受理，2021年6月30日结案，历时121天，结果为侵权成立。", paras)
        self.assertIn("参照表「知识产权（专利）密集型产业统计分类」：不可用（参照表pi_industries_2019（2019（国家统计局令第25号））中没有任何四位行业代码），依赖它的指标记为缺数据。", paras)


class AnnualDrawsOnThePlatformsWork(ReportsTestCase):
    """The annual report made from the platform carries the task list and the policy record."""

    def test_task_list_and_policy_sections(self):
        from ipzone.web.programme import tracking
        from ipzone.web.programme.models import PlanTask, ProgressReport
        from ipzone.web.reports import services

        tracking.seed()
        task = PlanTask.objects.filter(kind=PlanTask.TASK).order_by("order", "code").first()
        ProgressReport.objects.create(task=task, department=task.lead, year=2021, quarter=3, state=ProgressReport.SUBMITTED,
                                      percent=60, content="完成全区专利导航项目申报指南的起草。", submitted_at=None)
        ProgressReport.objects.create(task=task, department=task.lead, year=2021, quarter=4, state=ProgressReport.DRAFT,
                                      content="草稿：不应出现在报告中。")
        summary = tracking.progress_summary(2021)
        doc, _ = services.build("annual", year=2021)
        sec = doc.section("programme")
        table = next(sec.tables())
        row = next(r for r in table.rows if r[0] == task.code)
        self.assertEqual(row[1:4], [task.title, task.lead.short or task.lead.name, "未开始"])
        self.assertTrue(row[5].startswith("第3季度（"), row[5])
        self.assertIn("60%）：完成全区专利导航项目申报指南的起草。", row[5])
        self.assertNotIn("草稿", " ".join(str(c) for r in table.rows for c in r))
        self.assertEqual(len(table.rows), len(summary["tasks"]))
        self.assertEqual(sec.blocks[0].text, f"工作方案{len(summary['tasks'])}项任务中，已完成0项；1项有2021年已报送的季度进展；截至12月31日，逾期未报送或未完成的事项{summary['overdue']}件。")
        titles = [s.title for s in doc.sections]
        self.assertEqual(titles[3:5], ["政策兑现与受益主体", "任务清单推进情况"])


@override_settings(REPORTS_IN_BACKGROUND=True)
class InTheBackground(ReportsTestCase):
    """The page does not wait: the run is queued, made by the worker after the request commits."""

    def test_queued_then_made_by_the_worker(self):
        from ipzone.web.reports import services

        office = self.as_user("office")
        with mock.patch.object(services, "_submit") as submit, self.captureOnCommitCallbacks(execute=True):
            response = office.post("/reports/generate/", {"counting": "first", "kind": "bulletin", "period": "2021-Q3", "fmt": "xlsx"}, follow=True)
        self.assertContains(response, "已开始生成：工作简报 2021-Q3（Excel（.xlsx））")
        run = ReportRun.objects.get()
        self.assertEqual((run.state, run.period, run.file), ("queued", "2021-Q3", ""))
        submit.assert_called_once_with(run.pk, "2021-Q3")
        page = office.get("/reports/")
        self.assertContains(page, '<meta http-equiv="refresh" content="5">', html=False)
        self.assertContains(page, "排队中…")
        self.assertEqual(office.get(f"/reports/{run.pk}/download/").status_code, 404)
        services.run_queued(run.pk, "2021-Q3")  # what the worker does
        run.refresh_from_db()
        self.assertEqual((run.state, run.error, run.data_version), ("done", "", DataState.current().version))
        self.assertTrue(run.title.endswith("知识产权工作简报"), run.title)
        self.assertEqual(office.get(f"/reports/{run.pk}/download/").status_code, 200)
        self.assertNotContains(office.get("/reports/"), 'http-equiv="refresh"', html=False)

    def test_a_failure_is_recorded_and_a_restart_ends_unfinished_runs(self):
        from ipzone.web.reports import services

        office = self.as_user("office")
        with mock.patch.object(services, "_submit"), self.captureOnCommitCallbacks(execute=True):
            office.post("/reports/generate/", {"counting": "first", "kind": "annual", "year": "2020", "fmt": "docx"})
        run = ReportRun.objects.get()
        services.run_queued(run.pk)
        run.refresh_from_db()
        self.assertEqual((run.state, run.error), ("failed", "年度监测从 2021 年基期开始：无法编制 2020 年的监测报告"))
        self.assertContains(office.get("/reports/"), "失败：年度监测从 2021 年基期开始：无法编制 2020 年的监测报告")
        self.assertEqual(office.get(f"/reports/{run.pk}/download/").status_code, 404)
        stuck = ReportRun.objects.create(kind="annual", fmt="pdf", year=2021, state="running")
        self.assertEqual(services.abandon_unfinished(), 1)
        stuck.refresh_from_db()
        self.assertEqual((stuck.state, stuck.error), ("failed", "服务重启，生成中断，请重新生成 / the server restarted: generate it again"))
