"""The demo platform's programme records, on the small fixture zone: every state the pages show, once."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.test import TestCase

from ipzone.web import demo
from ipzone.web.operation.models import NavigationProject
from ipzone.web.programme import tracking
from ipzone.web.programme.models import Meeting, PlanTask, ProgressReport
from ipzone.web.publicity.models import EventReport
from web_helpers import load_tables, make_users

TODAY = dt.date(2026, 3, 1)


class DemoRecords(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()
        make_users()
        with mock.patch("ipzone.web.programme.tracking.today", return_value=TODAY):
            cls.first = demo.seed(2025)
            cls.again = demo.seed(2025)

    def test_seeding_twice_adds_nothing_the_second_time(self):
        self.assertEqual(self.first.counts["tasks"], 76)
        self.assertEqual(self.first.counts["decisions"], 3)
        self.assertEqual(sum(self.again.counts.values()), 0)

    def test_the_states_the_pages_show(self):
        self.assertEqual(ProgressReport.objects.get(task__code="3", year=2025, quarter=4).state, "草稿")  # the committee's own draft
        self.assertEqual(ProgressReport.objects.get(task__code="9", year=2025, quarter=3).state, "已退回")
        self.assertFalse(ProgressReport.objects.filter(task__code="12", year=2025, quarter=4).exists())
        self.assertEqual(list(Meeting.objects.order_by("code").values_list("state", flat=True)), ["已印发", "草稿"])
        self.assertEqual(list(PlanTask.objects.filter(kind="议定事项").order_by("code").values_list("status", flat=True)), ["已完成", "进行中", "进行中"])
        self.assertEqual(sorted(NavigationProject.objects.values_list("state", flat=True)), ["已提交", "已通过", "已通过", "草稿"])
        self.assertEqual(EventReport.objects.filter(state="已发布").count(), 0)  # the fixture zone has no 2025 events
        overdue = {(d.kind_zh, d.task.code, d.quarter) for d in tracking.overdue(TODAY)}
        self.assertIn(("议定事项", "LX-2025-02-2", None), overdue)  # due 31 December, not done
        self.assertIn(("任务", "5", None), overdue)
        self.assertIn(("季度进展", "3", 4), overdue)  # a draft is not a report
        self.assertNotIn(("议定事项", "LX-2025-02-3", None), overdue)  # due months after today
