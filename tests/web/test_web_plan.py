"""The dashboard's indicators by the plan's 15 tasks, an enterprise's own IP index, and the
portal's typical cases."""

from __future__ import annotations

import re

from django.test import Client, TestCase

from fixtures import CO_A, CO_B, OUT
from ipzone.indicators.plan import PARTS, TASKS, by_task, task_numbers
from ipzone.web.entities.models import Entity
from test_web_pages import PageTestCase
from web_helpers import valid_tables


class Plan(TestCase):
    def test_five_parts_cover_the_fifteen_tasks_once(self):
        self.assertEqual([p.number for p in PARTS], ["一", "二", "三", "四", "五"])
        self.assertEqual(sorted(n for p in PARTS for n in p.tasks), list(range(1, 16)))
        self.assertEqual(TASKS[15].title, "聚集知识产权服务人才")

    def test_task_numbers_are_read_from_the_catalog_text(self):
        self.assertEqual(task_numbers("表一·1；任务5"), [5])
        self.assertEqual(task_numbers("任务2（5名以上）"), [2])
        self.assertEqual(task_numbers("表一·5"), [])

    def test_every_catalog_indicator_with_a_task_lands_under_it(self):
        from ipzone.indicators.catalog import CATALOG

        parts = by_task([{"code": i.code, "task": i.task} for i in CATALOG])
        placed = {ind["code"]: t["number"] for p in parts for t in p["tasks"] for ind in t["indicators"]}
        self.assertEqual(placed["hv_invention_per_10k"], 5)
        self.assertEqual(placed["enterprise_ip_index"], 6)
        self.assertEqual(placed["ip_service_agencies"], 14)
        self.assertNotIn("rd_gdp_ratio", placed)  # 表一·5 names no task
        self.assertEqual({i.code for i in CATALOG if task_numbers(i.task)}, set(placed))


QUALIFIED = valid_tables()
QUALIFIED["zone_year"] += [{**QUALIFIED["zone_year"][0], "year": str(y)} for y in (2022, 2023)]
QUALIFIED["qualifications"] += [
    {"uscc": CO_A, "kind": "国家知识产权示范企业", "certificate_no": "SF2020-001", "valid_from": "2020-10-01", "valid_to": "2023-09-30"},
    {"uscc": CO_A, "kind": "知识产权贯标认证", "certificate_no": "GB2021-009", "valid_from": "2021-03-01", "valid_to": "2024-02-28"},
    {"uscc": CO_B, "kind": "省级知识产权优势企业", "certificate_no": "SY2021-100", "valid_from": "2021-05-01", "valid_to": "2022-04-30"},
    {"uscc": OUT, "kind": "国家知识产权示范企业", "certificate_no": "SF2019-777", "valid_from": "2019-01-01", "valid_to": "2029-12-31"},
]


class DashboardTasks(PageTestCase):
    tables = QUALIFIED

    def test_indicators_are_grouped_by_the_plans_tasks_with_links(self):
        html = self.office.get("/?year=2021").content.decode()
        self.assertIn("各项任务的指标 · 2021 年", html)
        self.assertEqual(set(re.findall(r'<tr data-task="(\d+)"', html)), {str(n) for n in range(1, 16)})
        self.assertIn("（三）建立健全知识产权运用机制", html)
        row = re.search(r'<tr data-task="6" data-code="enterprise_ip_index">(.*?)</tr>', html, re.S).group(1)
        self.assertIn("6. 引导创新主体实现知识产权管理标准化", row)
        # CO_A: national demonstration ×3 + standard certification ×1; CO_B: provincial advantage ×1; OUT is out of the zone
        self.assertIn('href="/monitoring/explain/enterprise_ip_index/?year=2021&amp;counting=first">5</a>', row)
        self.assertRegex(html, r'<tr data-task="3"><td class="task">3\. 加强横向协同和上下联动，形成工作合力</td><td colspan="4" class="note">此项任务没有量化指标</td></tr>')


class EntityIpIndex(PageTestCase):
    tables = QUALIFIED

    def test_an_enterprise_sees_its_own_index_per_year(self):
        me = Client()
        me.force_login(self.users["ent_a"])
        page = me.get(Entity.objects.get(uscc=CO_A).get_absolute_url()).content.decode()
        rows = dict(re.findall(r'<tr data-year="(\d+)"><td>\d+</td><td class="num">(\d+)</td>', page))
        # 2021–2023: 示范 ×3 + 贯标 ×1; the 示范 certificate ends 2023-09-30, so 2023 counts 贯标 only
        self.assertEqual(rows["2021"], "4")
        self.assertEqual(rows["2022"], "4")
        self.assertEqual(rows["2023"], "1")
        self.assertIn("国家知识产权示范企业（×3，至 2023-09-30）", page)

    def test_an_out_of_zone_entity_has_no_index(self):
        page = self.office.get(Entity.objects.get(uscc=OUT).get_absolute_url())
        self.assertContains(page, "区外主体不计入企业知识产权指数")
        self.assertNotContains(page, 'class="data ip-index"')


class PortalCases(PageTestCase):
    def test_typical_cases_are_public_without_their_parties(self):
        anonymous = Client()
        page = anonymous.get("/public/")
        self.assertContains(page, "知识产权保护典型案例")
        self.assertContains(page, "<td>2021-06-30</td><td>行政裁决</td><td>专利</td><td>侵权成立</td>", html=False)
        self.assertNotContains(page, "某侵权公司")
        self.assertNotContains(page, "ZSJ2021-001")
        api = anonymous.get("/api/public/cases").json()
        self.assertEqual(api, [{"kind": "行政裁决", "right_kind": "专利", "opened_on": "2021-03-01", "closed_on": "2021-06-30", "outcome": "侵权成立", "amount": None}])


class WarmCache(PageTestCase):
    def test_a_data_change_warms_the_dashboard_under_serve(self):
        from unittest import mock

        from django.test import override_settings

        from ipzone.web import metrics
        from ipzone.web.core.models import DataState

        with mock.patch.object(metrics, "warm_soon") as warm, override_settings(WARM_CACHE=True):
            with self.captureOnCommitCallbacks(execute=True):
                DataState.bump()
        self.assertEqual(warm.call_count, 1)
        with mock.patch.object(metrics, "warm_soon") as warm, override_settings(WARM_CACHE=False):
            with self.captureOnCommitCallbacks(execute=True):
                DataState.bump()
        self.assertEqual(warm.call_count, 0)

    def test_warming_fills_what_the_dashboard_reads(self):
        from django.core.cache import cache

        from ipzone.web import metrics

        key = f"ipzone:indicators:2021:first:{metrics.data_key()}"
        self.assertIsNone(cache.get(key))
        metrics.warm_now()
        self.assertEqual(cache.get(key)["year"], 2021)
        self.assertIsNotNone(cache.get(f"ipzone:progress:2021-2025:first:{metrics.data_key()}"))
