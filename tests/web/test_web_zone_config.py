"""The zone configuration travels with the data: stored by ``ipzone load`` and the import page,
used by the dashboard and ``ipzone report --db`` without IPZONE_CONFIG, replaced by the office.

The fixture zone (tests/fixtures.py) has one in-zone enterprise with value added in 2021:
山西晋创新材料科技有限公司, industry 3985, 12000.5 万元. The packaged patent-intensive table lists
no 4-digit classes, so 专利密集型产业增加值 is missing under the defaults; the configuration below
names a stand-in table listing 3985, so it is 12000.5 万元 = 1.20005 亿元 under it.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from pathlib import Path

import typer
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from typer.testing import CliRunner

from ipzone.web import metrics, zoneconfig
from ipzone.web.cli import register
from ipzone.web.core.bindings import bindings
from ipzone.web.core.models import DataState
from ipzone.web.load import load
from ipzone.web.monitoring.models import ZoneConfigFile, ZoneConfigVersion
from web_helpers import dataset, make_users, reset_caches

TOML = """\
zone_name = "测试示范区"

[indicators]
hv_pledge_threshold = 500

[references]
patent_intensive = {path = "reference/pi.csv", edition = "测试替代表", coverage = "partial"}
"""
PI_CSV = "industry_code,industry_name\n3985,电子专用材料制造\n"
OTHER_TOML = 'zone_name = "环境变量示范区"\n'

app = typer.Typer()
register(app)
runner = CliRunner()


def zone_with_config(toml: str = TOML, pi: str | None = PI_CSV) -> Path:
    folder = dataset()
    (folder / "ipzone.toml").write_text(toml, encoding="utf-8")
    if pi is not None:
        (folder / "reference").mkdir()
        (folder / "reference" / "pi.csv").write_text(pi, encoding="utf-8")
    return folder


def other_config() -> Path:
    path = Path(tempfile.mkdtemp()) / "other.toml"
    path.write_text(OTHER_TOML, encoding="utf-8")
    return path


def indicator(code: str, year: int = 2021):
    return next(i for i in metrics.indicators(year)["indicators"] if i["code"] == code)


def nothing_loaded(test: TestCase) -> None:
    test.assertEqual(sum(b.model.objects.count() for b in bindings()), 0)
    test.assertEqual(ZoneConfigVersion.objects.count(), 0)
    test.assertEqual(DataState.current().version, 0)


class LoadStoresTheConfiguration(TestCase):
    def setUp(self):
        reset_caches()

    def test_the_datasets_toml_and_its_reference_table_are_stored(self):
        result = load(zone_with_config())
        self.assertTrue(result.ok, result.report.errors)
        v = ZoneConfigVersion.objects.get()
        self.assertEqual((v.version, v.text, v.sha256), (1, TOML, hashlib.sha256(TOML.encode()).hexdigest()))
        self.assertEqual(v.source, "导入 zone：ipzone.toml")
        self.assertIsNone(v.created_by)
        f = ZoneConfigFile.objects.get()
        self.assertEqual((f.config, f.role, f.path, f.name, f.size), (v, "patent_intensive", "reference/pi.csv", "pi.csv", len(PI_CSV.encode())))
        self.assertEqual(bytes(f.data), PI_CSV.encode())
        self.assertEqual(result.config["version"], 1)
        self.assertTrue(result.config["changed"])

    def test_loading_again_keeps_one_version_and_the_data_version(self):
        folder = zone_with_config()
        load(folder)
        version = DataState.current().version
        again = load(folder)
        self.assertEqual((again.config["version"], again.config["changed"]), (1, False))
        self.assertEqual(ZoneConfigVersion.objects.count(), 1)
        self.assertEqual(DataState.current().version, version)

    def test_a_changed_reference_table_alone_is_a_new_version_and_a_new_data_version(self):
        folder = zone_with_config()
        load(folder)
        version = DataState.current().version
        (folder / "reference" / "pi.csv").write_text(PI_CSV + "3491,通用零部件制造\n", encoding="utf-8")
        again = load(folder)
        self.assertEqual((again.config["version"], again.config["changed"]), (2, True))
        self.assertEqual(DataState.current().version, version + 1)
        self.assertEqual(again.totals()["changed"] + again.totals()["added"], 0)

    def test_dry_run_stores_nothing(self):
        result = load(zone_with_config(), dry_run=True)
        self.assertTrue(result.ok)
        self.assertEqual(result.config, {"name": result.config["name"], "version": None, "changed": True, "sha256": hashlib.sha256(TOML.encode()).hexdigest()})
        nothing_loaded(self)

    def test_config_option_overrides_the_datasets_toml(self):
        other = other_config()
        load(zone_with_config(), config=other)
        self.assertEqual(ZoneConfigVersion.objects.get().text, OTHER_TOML)
        self.assertEqual(ZoneConfigFile.objects.count(), 0)

    def test_a_dataset_without_toml_stores_nothing_and_keeps_the_stored_one(self):
        load(zone_with_config())
        result = load(dataset())
        self.assertIsNone(result.config)
        self.assertEqual(ZoneConfigVersion.objects.count(), 1)


class InvalidConfigurationLoadsNothing(TestCase):
    def test_unknown_key(self):
        folder = zone_with_config(TOML.replace("hv_pledge_threshold", "hv_pledge_treshold"))
        result = load(folder, config_name="ipzone.toml")
        self.assertFalse(result.ok)
        [error] = result.report.errors
        self.assertEqual(
            error.message(),
            "ipzone.toml：[indicators] 中未知的配置项：['hv_pledge_treshold']\n"
            "ipzone.toml: unknown keys in [indicators]: ['hv_pledge_treshold']",
        )
        nothing_loaded(self)

    def test_missing_reference_file(self):
        result = load(zone_with_config(pi=None), config_name="ipzone.toml")
        [error] = result.report.errors
        self.assertEqual(
            error.message(),
            "ipzone.toml：[references] patent_intensive 指定的参照表文件「reference/pi.csv」找不到\n"
            "ipzone.toml: [references] patent_intensive: the reference file 'reference/pi.csv' was not found",
        )
        nothing_loaded(self)

    def test_the_command_says_it_in_both_languages_and_exits_1(self):
        folder = zone_with_config('zone_name = "测试示范区"\n[indicators\n')
        result = runner.invoke(app, ["load", str(folder)])
        self.assertEqual(result.exit_code, 1)
        where = f"{folder}/ipzone.toml"
        self.assertIn(
            f"  {where}：配置文件 {where} 不是有效的 TOML：Expected ']' at the end of a table declaration (at line 2, column 12)\n"
            f"  {where}: {where} is not valid TOML: Expected ']' at the end of a table declaration (at line 2, column 12)\n",
            result.output,
        )
        self.assertIn("数据库未改动 / the database is untouched", result.output)
        nothing_loaded(self)


class TheDatabaseConfigurationDrivesTheEngine(TestCase):
    """What ``ipzone serve`` computes: no IPZONE_CONFIG (tests/web/conftest.py removes it)."""

    def setUp(self):
        reset_caches()

    def test_patent_intensive_value_added_from_the_stored_configuration(self):
        from django.conf import settings

        self.assertIsNone(settings.ZONE_CONFIG)
        load(zone_with_config())
        pi = indicator("patent_intensive_va")
        self.assertAlmostEqual(pi["value"], 1.20005)  # 12000.5 万元 of 3985 → 亿元
        used = zoneconfig.in_force()
        self.assertEqual((used.kind, used.config.zone_name, used.config.hv_pledge_threshold), ("stored", "测试示范区", 500.0))

    def test_without_a_stored_configuration_it_is_missing(self):
        load(dataset())
        self.assertIsNone(indicator("patent_intensive_va")["value"])
        self.assertEqual(zoneconfig.in_force().zh, "默认配置（数据库中没有保存园区配置）")

    def test_precedence_explicit_then_environment_then_stored(self):
        load(zone_with_config())
        other = other_config()
        env = Path(tempfile.mkdtemp()) / "env.toml"
        env.write_text('zone_name = "第三示范区"\n', encoding="utf-8")
        with override_settings(ZONE_CONFIG=str(env)):
            self.assertEqual(zoneconfig.in_force().config.zone_name, "第三示范区")
            self.assertEqual(zoneconfig.in_force().zh, "环境变量 IPZONE_CONFIG 指定的文件 env.toml（优先于数据库中保存的配置）")
            self.assertEqual(zoneconfig.in_force(other).config.zone_name, "环境变量示范区")
            self.assertIsNone(indicator("patent_intensive_va")["value"], "IPZONE_CONFIG names no stand-in table")
        reset_caches()
        self.assertEqual(zoneconfig.in_force().config.zone_name, "测试示范区")
        self.assertAlmostEqual(indicator("patent_intensive_va")["value"], 1.20005)

    def test_report_from_the_database_without_config_uses_the_stored_one(self):
        from ipzone.reports.cli import register as register_reports

        load(zone_with_config())
        reports = typer.Typer()
        register_reports(reports)
        out = Path(tempfile.mkdtemp()) / "保护状况.docx"
        result = runner.invoke(reports, ["report", "protection", "--db", os.environ["IPZONE_DB"], "--year", "2021", "--out", str(out)])
        self.assertEqual(result.exit_code, 0, result.output + repr(result.exception))
        import docx

        paras = [p.text for p in docx.Document(str(out)).paragraphs]
        self.assertEqual(paras[0], "测试示范区2021年知识产权保护状况")  # the stored zone_name
        self.assertIn("参照表「知识产权（专利）密集型产业统计分类」：pi，版本测试替代表，覆盖范围部分（依赖它的数值可能偏低）；来源：园区自备表pi.csv。", paras)
        self.assertIn("参数：高价值发明专利条件4「实现较高质押融资金额」的门槛为500万元（hv_pledge_threshold）。", paras)


class ThePages(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = make_users()

    def setUp(self):
        reset_caches()

    def client_for(self, name: str) -> Client:
        c = Client()
        c.force_login(self.users[name])
        return c

    def test_dashboard_names_the_configuration_in_force(self):
        load(zone_with_config())
        page = self.client_for("leader").get("/").content.decode()
        when = ZoneConfigVersion.objects.get().created
        from django.utils import timezone

        self.assertIn(
            f'园区配置：<a href="/monitoring/zone-config/">数据库中保存的第 1 版（导入 zone：ipzone.toml，{timezone.localtime(when):%Y-%m-%d %H:%M}）</a>', page
        )

    def test_leader_reads_the_stored_configuration_but_cannot_upload(self):
        load(zone_with_config())
        c = self.client_for("leader")
        page = c.get("/monitoring/zone-config/").content.decode()
        self.assertIn('<pre class="config" id="config-text">zone_name = &quot;测试示范区&quot;', page)
        self.assertIn('href="/monitoring/zone-config/1/patent_intensive/">pi.csv</a>', page)
        self.assertNotIn("<h2>上传新的配置</h2>", page)
        self.assertNotIn('name="file"', page)
        self.assertEqual(c.post("/monitoring/zone-config/", {"file": SimpleUploadedFile("ipzone.toml", OTHER_TOML.encode())}).status_code, 403)
        download = c.get("/monitoring/zone-config/1/patent_intensive/")
        self.assertEqual(b"".join(download.streaming_content), PI_CSV.encode())
        self.assertEqual(self.client_for("ent_a").get("/monitoring/zone-config/").status_code, 403)

    def test_office_uploads_a_new_version_keeping_the_stored_reference_table(self):
        load(zone_with_config())
        version = DataState.current().version
        new = TOML.replace("500", "800")
        c = self.client_for("office")
        response = c.post("/monitoring/zone-config/", {"file": SimpleUploadedFile("新配置.toml", new.encode())})
        self.assertRedirects(response, "/monitoring/zone-config/?stored=2")
        v = ZoneConfigVersion.objects.get(version=2)
        self.assertEqual((v.text, v.source, v.created_by.username), (new, "上传 新配置.toml", "office"))
        self.assertEqual(bytes(v.files.get().data), PI_CSV.encode(), "the stored pi.csv is kept for the same role and name")
        self.assertEqual(DataState.current().version, version + 1)
        self.assertEqual(zoneconfig.in_force().config.hv_pledge_threshold, 800.0)
        again = c.post("/monitoring/zone-config/", {"file": SimpleUploadedFile("新配置.toml", new.encode())})
        self.assertIn("上传的配置与已保存的第 2 版相同，未保存新版本。", again.content.decode())
        self.assertEqual(ZoneConfigVersion.objects.count(), 2)

    def test_office_upload_with_its_reference_file(self):
        c = self.client_for("office")
        response = c.post(
            "/monitoring/zone-config/",
            {"file": SimpleUploadedFile("ipzone.toml", TOML.encode()), "references": [SimpleUploadedFile("pi.csv", PI_CSV.encode())]},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(bytes(ZoneConfigFile.objects.get().data), PI_CSV.encode())

    def test_an_invalid_upload_is_refused_in_both_languages(self):
        c = self.client_for("office")
        response = c.post("/monitoring/zone-config/", {"file": SimpleUploadedFile("ipzone.toml", b"zone_name = 3\n")})
        self.assertEqual(response.status_code, 400)
        self.assertIn("<p>ipzone.toml：zone_name 应为非空文本 / zone_name must be non-empty text</p>", response.content.decode())
        missing = c.post("/monitoring/zone-config/", {"file": SimpleUploadedFile("ipzone.toml", TOML.encode())})
        self.assertIn(
            "ipzone.toml：[references] patent_intensive 指定的参照表文件「reference/pi.csv」找不到 / "
            "[references] patent_intensive: the reference file &#x27;reference/pi.csv&#x27; was not found",
            missing.content.decode(),
        )
        self.assertEqual(ZoneConfigVersion.objects.count(), 0)

    def test_import_page_stores_the_toml_of_a_zip(self):
        folder = zone_with_config()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, f"zone/{path.relative_to(folder).as_posix()}")
        upload = SimpleUploadedFile("zone.zip", buf.getvalue(), content_type="application/zip")
        response = self.client_for("office").post("/monitoring/import/", {"file": upload})
        page = response.content.decode()
        self.assertEqual(response.status_code, 200, page[:2000])
        self.assertIn('园区配置 ipzone.toml：已保存为<a href="/monitoring/zone-config/">第 1 版</a>', page)
        self.assertNotIn("pi.csv", page, "the reference table is not taken for a data table")
        v = ZoneConfigVersion.objects.get()
        self.assertEqual((v.text, v.source, v.created_by.username), (TOML, "导入 zone.zip：ipzone.toml", "office"))
        self.assertAlmostEqual(indicator("patent_intensive_va")["value"], 1.20005)

    def test_import_page_refuses_a_zip_with_an_invalid_toml(self):
        folder = zone_with_config(TOML.replace("zone_name", "zone"))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(folder).as_posix())
        response = self.client_for("office").post("/monitoring/import/", {"file": SimpleUploadedFile("zone.zip", buf.getvalue())})
        page = response.content.decode()
        self.assertEqual(response.status_code, 422)
        self.assertIn("发现 1 处错误，未导入任何数据", page)
        self.assertIn(
            "<td>错误</td><td>ipzone.toml</td>\n        <td></td><td></td><td></td>"
            "<td>未知的配置项：[&#x27;zone&#x27;]<br><span class=\"note\">unknown configuration keys: [&#x27;zone&#x27;]</span></td>",
            page,
        )
        nothing_loaded(self)
