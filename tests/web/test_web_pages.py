"""Pages, the dashboard, the import page and the API's indicators."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from fixtures import write_xlsx
from ipzone.indicators import compute, render
from ipzone.dataset import read
from ipzone.web.core.bindings import contract_models
from ipzone.web.core.registry import registered
from ipzone.web.entities.models import Entity
from ipzone.web.patents.models import Patent
from web_helpers import dataset, load_tables, make_users, reset_caches, valid_tables

MAIN_CODES = [
    "hv_invention_per_10k", "patent_intensive_va", "ip_pledge_amount", "protection_satisfaction",
    "rd_gdp_ratio", "hitech_enterprises", "ip_budget_share", "ip_service_agencies",
]


class PageTestCase(TestCase):
    tables = None

    @classmethod
    def setUpTestData(cls):
        load_tables(cls.tables)
        cls.users = make_users()

    def setUp(self):
        reset_caches()
        self.office = Client()
        self.office.force_login(self.users["office"])


class Escaping(PageTestCase):
    tables = valid_tables()
    tables["entities"][0]["name"] = "<script>alert('x')</script>有限公司"

    def test_markup_in_data_is_shown_as_text(self):
        for url in ("/entities/entity/", Entity.objects.get(name__startswith="<script>").get_absolute_url()):
            page = self.office.get(url)
            self.assertContains(page, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;有限公司")
            self.assertNotContains(page, "<script>alert")

    def test_pages_forbid_inline_script(self):
        csp = self.office.get("/entities/entity/")["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline' ; script", csp)


class EveryPage(PageTestCase):
    def test_every_list_and_detail_page_renders(self):
        for model in contract_models():
            opts = model._meta
            self.assertIn(opts.model_name, registered(opts.app_label), f"{opts.label} has no views")
            listing = self.office.get(reverse(f"{opts.app_label}:{opts.model_name}_list"))
            self.assertEqual(listing.status_code, 200, opts.label)
            obj = model.objects.first()
            self.assertIsNotNone(obj, opts.label)
            self.assertEqual(self.office.get(obj.get_absolute_url()).status_code, 200, opts.label)
            self.assertEqual(self.office.get(reverse(f"{opts.app_label}:{opts.model_name}_history", args=[obj.pk])).status_code, 200)

    def test_filters_narrow_the_list(self):
        page = self.office.get("/patents/patent/?kind=发明")
        self.assertContains(page, "202110123456.7")
        self.assertNotContains(page, "202120123457.7")
        api = self.office.get("/api/patents?kind=发明&granted=true").json()
        self.assertEqual(sorted(p["application_no"] for p in api["items"]), ["201310123450.5", "202110123456.7"])
        self.assertEqual(self.office.get("/api/patents?q=夹具").json()["count"], 1)

    def test_api_records_use_the_contract_column_names(self):
        pledge = self.office.get("/api/pledges").json()["items"][0]
        self.assertEqual(pledge["application_nos"], ["202110123456.7", "201310123450.5"])
        self.assertEqual(pledge["pledgor_uscc"], valid_tables()["pledges"][0]["pledgor_uscc"])
        self.assertEqual(pledge["amount"], 1000.0)
        docs = self.office.get("/api/docs")
        self.assertEqual(docs.status_code, 200)
        self.assertNotContains(docs, "cdn.")
        self.assertEqual(self.office.get("/api/openapi.json").status_code, 200)


class Dashboard(PageTestCase):
    def test_dashboard_shows_the_eight_main_indicators_with_charts(self):
        page = self.office.get("/?year=2021")
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        for code in MAIN_CODES:
            self.assertIn(f'data-code="{code}"', html)
        self.assertIn('id="ipzone-charts"', html)
        self.assertIn("vendor/echarts/echarts.min.js", html)
        self.assertNotIn("cdn", html.lower())
        charts = json.loads(html.split('id="ipzone-charts" type="application/json">')[1].split("</script>")[0])
        self.assertEqual(charts["protection_satisfaction"]["years"], [2021, 2022, 2023, 2024, 2025])
        self.assertEqual(charts["protection_satisfaction"]["values"][0], 80)
        self.assertEqual(charts["protection_satisfaction"]["targets"][-1], 85)

    def test_values_link_to_the_records_behind_them(self):
        page = self.office.get("/monitoring/explain/hv_invention_count/?year=2021")
        self.assertEqual(page.status_code, 200)
        patent = Patent.objects.get(application_no="201310123450.5")
        self.assertContains(page, f'href="{patent.get_absolute_url()}"')

    def test_api_indicators_is_exactly_the_cli_json(self):
        api = self.office.get("/api/indicators?year=2021&counting=whole").json()
        cli = render.report_json(compute(read(dataset()), 2021, counting="whole"))
        self.assertEqual(api["indicators"], json.loads(json.dumps(cli["indicators"], ensure_ascii=False)))
        self.assertEqual((api["year"], api["counting"]), (2021, "whole"))
        self.assertEqual(self.office.get("/api/indicators?year=1800").status_code, 422)

    def test_a_year_the_data_does_not_reach_shows_missing_not_zero(self):
        """The fixture's pledges end in 2021: 2026 (the programme's current year) has no pledge data.
        The card says 缺数据 with the engine's reason, never 0.00 亿元 and 滞后; a stock still has its value."""
        reason = "pledges（质押登记）表最晚的记录在 2021 年，没有 2026 年的记录（数据未覆盖 2026 年）"
        html = self.office.get("/?year=2026").content.decode()
        card = html.split('<section class="card none" data-code="ip_pledge_amount">')[1].split("</section>")[0]
        self.assertIn(f'<div class="value"><span class="missing" title="{reason}">缺数据</span><span class="unit">亿元</span></div>', card)
        self.assertIn(f'<div class="reason">{reason}</div>', card)
        self.assertIn('<dt>完成率</dt><dd>—</dd>', card)
        self.assertIn('<span class="status none">无</span>', card)
        self.assertNotIn("滞后", card)
        row = html.split('<tr data-task="10" data-code="ip_pledge_amount">')[1].split("</tr>")[0]
        self.assertIn(f'<span class="missing" title="{reason}">缺数据</span>', row)
        self.assertIn("<td>—</td>", row)  # no status
        # a stock at 2026-12-31 has no horizon: the agency joined in 2019 is still there (1 of 57: 滞后)
        agencies = html.split('data-code="ip_service_agencies">')[1].split("</section>")[0]
        self.assertIn(">1</a>", agencies)
        self.assertIn('<span class="status behind">滞后</span>', agencies)
        api = {i["code"]: i for i in self.office.get("/api/indicators?year=2026").json()["indicators"]}
        pledge = api["ip_pledge_amount"]
        self.assertEqual((pledge["value"], pledge["reason_zh"], pledge["status"], pledge["completion"]), (None, reason, None, None))
        self.assertEqual(pledge["reason_en"], "the pledges (质押登记) table ends in 2021: no record of 2026 (the data does not cover 2026)")
        # the last year of the data is covered: 1,000 万元 in 2021
        self.assertEqual(self.office.get("/api/indicators?year=2021").json()["indicators"][2]["value"], 0.1)

    def test_leader_sees_the_dashboard(self):
        c = Client()
        c.force_login(self.users["leader"])
        self.assertContains(c.get("/?year=2021"), "每万人口高价值发明专利拥有量")


class ImportPage(PageTestCase):
    tables = {}

    def upload(self, name: str, data: bytes, **extra):
        return self.office.post("/monitoring/import/", {"file": SimpleUploadedFile(name, data), **extra})

    def test_errors_are_shown_cell_by_cell_and_downloadable_without_formulas(self):
        tables = valid_tables()
        tables["patents"][1]["kind"] = "=HYPERLINK(\"http://evil.example\",\"点我\")"
        tables["surveys"][0]["score"] = "-5"
        path = write_xlsx(Path(self.tmp()) / "zone.xlsx", tables)
        response = self.upload("zone.xlsx", path.read_bytes())
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "未导入任何数据", status_code=422)
        self.assertContains(response, "=HYPERLINK(&quot;http://evil.example&quot;", status_code=422)
        self.assertEqual(Patent.objects.count(), 0)
        token = response.context["token"]
        book = self.office.get(f"/monitoring/import/{token}/errors.xlsx")
        self.assertEqual(book.status_code, 200)
        ws = openpyxl.load_workbook(io.BytesIO(b"".join(book.streaming_content))).active
        values = [cell.value for row in ws.iter_rows(min_row=2) for cell in row if cell.value]
        self.assertIn("'=HYPERLINK(\"http://evil.example\",\"点我\")", values)
        self.assertIn("'-5", values)
        for row in ws.iter_rows():
            for cell in row:
                self.assertNotEqual(cell.data_type, "f")
                if isinstance(cell.value, str):
                    self.assertFalse(cell.value.startswith(("=", "+", "-", "@")), cell.value)
        other = Client()
        other.force_login(self.users["admin"])
        self.assertEqual(other.get(f"/monitoring/import/{token}/errors.xlsx").status_code, 404)

    def test_a_zip_of_csvs_is_loaded(self):
        folder = dataset()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for csv in sorted(folder.glob("*.csv")):
                zf.write(csv, f"zone-2021/{csv.name}")
        response = self.upload("zone.zip", buf.getvalue())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "导入完成")
        self.assertEqual(Patent.objects.count(), 4)
        again = self.upload("zone.zip", buf.getvalue(), dry_run="on")
        self.assertEqual(again.context["result"].totals()["changed"], 0)

    def test_a_valid_workbook_is_loaded_with_the_uploader_in_history(self):
        path = write_xlsx(Path(self.tmp()) / "zone.xlsx")
        response = self.upload("zone.xlsx", path.read_bytes())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "导入完成")
        self.assertEqual(Patent.objects.count(), 4)
        self.assertEqual(Patent.history.filter(history_user=self.users["office"]).count(), 4)
        self.assertEqual(Patent.history.first().history_change_reason, "导入 zone.xlsx")

    def test_unsafe_archives_are_refused(self):
        def archive(entries, compression=zipfile.ZIP_DEFLATED) -> bytes:
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", compression) as zf:
                for name, data in entries:
                    zf.writestr(name, data)
            return buf.getvalue()

        cases = {
            "traversal": archive([("../../etc/patents.csv", "x")]),
            "absolute": archive([("/tmp/patents.csv", "x")]),
            "bomb": archive([("patents.csv", b"0" * (20 * 1024 * 1024))]),
            "members": archive([(f"t{i}.csv", "x") for i in range(100)]),
            "no csv": archive([("readme.txt", "x")]),
            "not a zip": b"PK\x03\x04 but not really",
        }
        for label, data in cases.items():
            response = self.upload("zone.zip", data)
            self.assertEqual(response.status_code, 400, label)
        self.assertEqual(self.upload("zone.exe", b"MZ").status_code, 400)
        with override_settings(UPLOAD_MAX_BYTES=10):
            self.assertEqual(self.upload("zone.zip", archive([("patents.csv", "x" * 100)])).status_code, 400)
        self.assertEqual(Patent.objects.count(), 0)

    def test_blank_template_download(self):
        response = self.office.get("/monitoring/template.xlsx")
        self.assertEqual(response.status_code, 200)
        wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        self.assertIn("专利", wb.sheetnames)

    def tmp(self) -> str:
        import tempfile

        return tempfile.mkdtemp(prefix="ipzone-upload-")


class Sorting(PageTestCase):
    def test_lists_sort_by_a_column_and_ignore_unknown_ones(self):
        html = self.office.get("/patents/patent/?sort=filing_date").content.decode()
        self.assertLess(html.index("201310123450.5"), html.index("202130123458.7"))
        html = self.office.get("/patents/patent/?sort=-filing_date").content.decode()
        self.assertGreater(html.index("201310123450.5"), html.index("202130123458.7"))
        self.assertEqual(self.office.get("/patents/patent/?sort=owners__entity__name").status_code, 200)
