"""``ipzone load`` and ``ipzone createuser`` (register(app) on a fresh Typer app)."""

from __future__ import annotations

import json

import typer
from django.contrib.auth import get_user_model
from django.test import TestCase
from typer.testing import CliRunner

from ipzone.web.cli import register
from ipzone.web.core import roles
from ipzone.web.core.bindings import bindings
from web_helpers import CO_A, dataset, valid_tables

app = typer.Typer()
register(app)
runner = CliRunner()


class LoadCommand(TestCase):
    def test_load_reports_changes_and_is_idempotent(self):
        path = dataset()
        first = runner.invoke(app, ["load", str(path)])
        self.assertEqual(first.exit_code, 0, first.output)
        self.assertIn("合计", first.output)
        second = runner.invoke(app, ["load", str(path), "--format", "json"])
        self.assertEqual(second.exit_code, 0, second.output)
        report = json.loads(second.stdout)
        self.assertEqual(report["totals"]["added"] + report["totals"]["changed"], 0)
        self.assertEqual({t["stem"]: t["unchanged"] for t in report["tables"]}["patents"], 4)

    def test_errors_exit_1_and_leave_the_database_untouched(self):
        tables = valid_tables()
        tables["entities"][0]["uscc"] = "91140100MA0GRY4T4X"  # wrong check character
        result = runner.invoke(app, ["load", str(dataset(tables))])
        self.assertEqual(result.exit_code, 1)
        self.assertIn("数据库未改动", result.output)
        self.assertEqual(sum(b.model.objects.count() for b in bindings()), 0)

    def test_missing_dataset(self):
        self.assertEqual(runner.invoke(app, ["load", "/nonexistent/zone"]).exit_code, 2)


class CreateUserCommand(TestCase):
    def test_enterprise_user_needs_a_valid_uscc(self):
        self.assertEqual(runner.invoke(app, ["createuser", "acme", "--role", "enterprise", "--password", "x"]).exit_code, 2)
        bad = runner.invoke(app, ["createuser", "acme", "--role", "enterprise", "--uscc", "91140100MA0GRY4T4X", "--password", "long-enough-pass-2025"])
        self.assertEqual(bad.exit_code, 2)

    def test_creates_a_user_with_role_profile_and_token(self):
        result = runner.invoke(
            app, ["createuser", "acme", "--role", "enterprise", "--uscc", CO_A.lower(), "--password", "long-enough-pass-2025", "--token"]
        )
        self.assertEqual(result.exit_code, 0, result.output)
        self.assertIn("ipz_", result.output)
        user = get_user_model().objects.get(username="acme")
        self.assertEqual(roles.role_of(user), roles.ENTERPRISE)
        self.assertEqual(user.ipzone_profile.uscc, CO_A)
        self.assertTrue(user.check_password("long-enough-pass-2025"))
        self.assertFalse(user.is_staff)

    def test_weak_passwords_are_refused(self):
        result = runner.invoke(app, ["createuser", "boss", "--role", "leader", "--password", "123"])
        self.assertEqual(result.exit_code, 2)
        self.assertFalse(get_user_model().objects.filter(username="boss").exists())

    def test_changing_role_replaces_the_old_one(self):
        runner.invoke(app, ["createuser", "kim", "--role", "office", "--password", "long-enough-pass-2025"])
        runner.invoke(app, ["createuser", "kim", "--role", "admin"])
        user = get_user_model().objects.get(username="kim")
        self.assertEqual(list(user.groups.values_list("name", flat=True)), ["admin"])
        self.assertTrue(user.is_superuser and user.is_staff)
        self.assertTrue(user.check_password("long-enough-pass-2025"), "no --password keeps the password")
