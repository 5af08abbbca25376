"""``ipzone programme …`` and ``createuser --role department`` (register(app) on a fresh Typer app)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import openpyxl
import typer
from django.test import TestCase
from typer.testing import CliRunner

from fixtures import CO_A
from ipzone.programme import workbook
from ipzone.web.cli import register
from ipzone.web.core import roles
from ipzone.web.operation.models import NavigationProject
from web_helpers import load_tables

app = typer.Typer()
register(app)
runner = CliRunner()
PASSWORD = "long-enough-pass-2025"


class ProgrammeCommands(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()

    def test_seed_then_department_accounts(self):
        self.assertEqual(runner.invoke(app, ["createuser", "fin", "--role", "department", "--password", PASSWORD]).exit_code, 2)
        bad = runner.invoke(app, ["createuser", "fin", "--role", "department", "--department", "finance", "--password", PASSWORD])
        self.assertEqual(bad.exit_code, 2)
        self.assertIn("没有代码为 'finance' 的部门（已有：（无））", bad.output)
        seeded = runner.invoke(app, ["programme", "seed"])
        self.assertIn("新增部门 6 个，新增任务 76 项，已有任务 0 项", seeded.output)
        self.assertIn("新增部门 0 个，新增任务 0 项，已有任务 76 项", runner.invoke(app, ["programme", "seed"]).output)
        ok = runner.invoke(app, ["createuser", "fin", "--role", "department", "--department", "finance", "--password", PASSWORD])
        self.assertEqual(ok.exit_code, 0, ok.output)
        self.assertIn("用户 fin：角色 department，部门 finance", ok.output)
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username="fin")
        self.assertEqual((roles.role_of(user), roles.department_of(user)), (roles.DEPARTMENT, "finance"))
        self.assertIn("finance", runner.invoke(app, ["programme", "departments"]).output)

    def test_overdue_and_assessment_as_of_a_day(self):
        runner.invoke(app, ["programme", "seed"])
        # as of 20 January 2026 nothing of the plan is done: the finance department leads two sub-tasks,
        # both due 31 December 2025 (20 days ago), and no task that owes reports
        out = runner.invoke(app, ["programme", "overdue", "--as-of", "2026-01-20", "--department", "finance", "--format", "json"])
        self.assertEqual(out.exit_code, 0, out.output)
        self.assertEqual([(r["task"], r["due_on"], r["days_overdue"]) for r in json.loads(out.stdout)],
                         [("2.3", "2025-12-31", 20), ("S2.2", "2025-12-31", 20)])
        # everyone: 76 tasks and sub-tasks, and 19 tasks × 13 quarterly reports (2022 Q4 to 2025 Q4, the last due 10 January)
        everything = json.loads(runner.invoke(app, ["programme", "overdue", "--as-of", "2026-01-20", "--format", "json"]).stdout)
        self.assertEqual(len(everything), 76 + 19 * 13)
        self.assertEqual(runner.invoke(app, ["programme", "overdue", "--as-of", "2026-13-01"]).exit_code, 2)
        book = Path(tempfile.mkdtemp()) / "考核.xlsx"
        out = runner.invoke(app, ["programme", "assess", "--year", "2025", "--as-of", "2026-01-20", "--format", "json", "--out", str(book)])
        data = {d["department"]: d for d in json.loads(out.stdout)["departments"]}
        self.assertEqual((data["finance"]["score"], data["finance"]["grade"]), (0.0, "不合格"))
        self.assertEqual(data["finance"]["criteria"]["items_on_time"], {"counted": 2, "met": 0.0, "points": 0.0})
        self.assertEqual(data["statistics"]["score"], None)  # leads nothing: nothing to assess
        ws = openpyxl.load_workbook(book)["考核结果"]
        self.assertEqual(ws["A1"].value, "2025 年度部门知识产权工作考核（截至 2026-01-20；标准：ipzone/programme/assessment.toml）")

    def test_filing_template_and_import(self):
        folder = Path(tempfile.mkdtemp())
        self.assertEqual(runner.invoke(app, ["programme", "template", str(folder / "t.xlsx")]).exit_code, 0)
        rows = {"navigation_projects": [{"project_no": "DH-1", "name": "甲", "uscc": CO_A, "kind": "产业规划类", "industry": "新材料",
                                         "undertaker": "某机构", "starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2024, 1, 1), "budget": 10.0}]}
        bad = runner.invoke(app, ["programme", "import", str(workbook.template(folder / "bad.xlsx", rows=rows))])
        self.assertEqual(bad.exit_code, 1)
        self.assertIn("「结束日期」2024-01-01 早于「开始日期」2025-01-01", bad.output)
        self.assertIn("数据库未改动", bad.output)
        rows["navigation_projects"][0]["ends_on"] = dt.date(2025, 12, 31)
        good = workbook.template(folder / "good.xlsx", rows=rows)
        dry = runner.invoke(app, ["programme", "import", str(good), "--dry-run"])
        self.assertIn("备案导入（预演，未写入）", dry.output)
        self.assertFalse(NavigationProject.objects.exists())
        done = runner.invoke(app, ["programme", "import", str(good)])
        self.assertEqual(done.exit_code, 0, done.output)
        self.assertEqual(NavigationProject.objects.get().state, "已通过")
        self.assertEqual(runner.invoke(app, ["programme", "import", str(folder / "none.xlsx")]).exit_code, 2)
