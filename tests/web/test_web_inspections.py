"""Inspections of credit-graded supervision in the platform: the form, who reads what, the grade
list's last / next inspection and its filters, the workbook import and exports, and the credit
block of an entity's page.

The zone is test_web_protection's ``infringing_tables``: for 2024 and 2025 CO_B is D (three
infringements, repeat and malicious: every 3 months), CO_A and the university are B (every 12
months). "Today" is 2025-06-16.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from test_web_protection import TODAY, ProtectionTestCase, infringing_tables

from fixtures import CO_A, CO_B
from ipzone.programme import workbook
from ipzone.protection.inspections import TABLE
from ipzone.web.entities.models import Entity
from ipzone.web.protection.models import Inspection
from web_helpers import reset_caches

UNI = "12140000405601234X"


def form(**over) -> dict:
    data = {"record_no": "JC2025-001", "uscc": CO_B, "inspected_on": "2025-03-16", "kind": "重点检查", "inspectors": "张某；李某",
            "findings": "仓库中发现少量涉嫌侵权商品", "result": "责令整改", "follow_up": "一个月内下架并回访", "rectify_by": "2025-04-16"}
    data.update(over)
    return data


def add(record_no: str, uscc: str, day: str, kind: str = "双随机抽查", result: str = "未发现问题") -> Inspection:
    return Inspection.objects.create(record_no=record_no, entity_id=uscc, inspected_on=dt.date.fromisoformat(day), kind=kind,
                                     inspectors="张某;李某", result=result)


def xlsx(rows: list[dict]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return workbook.template(Path(tmp) / "x.xlsx", (TABLE,), {TABLE.stem: rows}).read_bytes()


def row(**over) -> dict:
    data = {"record_no": "JC2025-010", "uscc": CO_A, "inspected_on": dt.date(2025, 5, 6), "kind": "双随机抽查", "inspectors": ["王某", "赵某"],
            "findings": None, "result": "未发现问题", "follow_up": None, "rectify_by": None}
    data.update(over)
    return data


class Recording(ProtectionTestCase):
    tables = infringing_tables()

    def test_the_office_records_an_inspection_with_the_contracts_cell_rules(self):
        office = self.client_for("office")
        page = office.post("/protection/inspection/add/", form(inspected_on="2025-02-30", uscc="91140100MA0GRY4T4X"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "统一社会信用代码校验位错误：应为 L")
        self.assertContains(page, "「2025-02-30」不是存在的日期 / &#x27;2025-02-30&#x27; is not a date that exists")
        self.assertEqual(Inspection.objects.count(), 0)
        page = office.post("/protection/inspection/add/", form(rectify_by="2025-03-01"))
        self.assertContains(page, "整改期限（2025-03-01）早于检查日期（2025-03-16）")
        page = office.post("/protection/inspection/add/", form())
        i = Inspection.objects.get()
        self.assertRedirects(page, f"/protection/inspection/{i.pk}/")
        self.assertEqual((i.entity_id, i.inspected_on, i.inspectors, i.result), (CO_B, dt.date(2025, 3, 16), "张某;李某", "责令整改"))
        self.assertEqual(i.history.latest().history_user.username, "office")
        self.assertEqual(i.history.latest().history_change_reason, "网页编辑")
        detail = office.get(f"/protection/inspection/{i.pk}/")
        self.assertContains(detail, "JC2025-001 · 示范区智能装备有限公司")
        self.assertContains(detail, f"{CO_B}（示范区智能装备有限公司）")
        self.assertContains(office.get(f"/protection/inspection/{i.pk}/history/"), "新增")
        page = office.post("/protection/inspection/add/", form())
        self.assertContains(page, "已有检查编号 JC2025-001的记录")

    def test_only_the_office_writes_and_an_enterprise_reads_its_own(self):
        mine = add("JC-B", CO_B, "2025-03-16")
        theirs = add("JC-A", CO_A, "2025-03-17")
        b = self.client_for("ent_b")
        self.assertEqual(b.get(f"/protection/inspection/{mine.pk}/").status_code, 200)
        self.assertEqual(b.get(f"/protection/inspection/{theirs.pk}/").status_code, 404)
        listing = b.get("/protection/inspection/")
        self.assertContains(listing, "JC-B")
        self.assertNotContains(listing, "JC-A")
        self.assertEqual([r["record_no"] for r in b.get("/api/inspections").json()["items"]], ["JC-B"])
        self.assertEqual(b.get(f"/api/inspections/{theirs.pk}").status_code, 404)
        self.assertEqual(b.post("/protection/inspection/add/", form(record_no="JC-X")).status_code, 403)
        self.assertEqual(b.get(f"/protection/inspection/{mine.pk}/edit/").status_code, 403)
        self.assertEqual(self.client_for("leader").post("/protection/inspection/add/", form(record_no="JC-X")).status_code, 403)
        self.assertEqual(self.client_for("agency").get("/protection/inspection/").status_code, 403)
        self.assertEqual(self.client_for("agency").get("/api/inspections").json()["count"], 0)
        self.assertEqual(sorted(r["record_no"] for r in self.client_for("leader").get("/api/inspections").json()["items"]), ["JC-A", "JC-B"])
        self.assertEqual(self.client_for("ent_b").get(f"/protection/inspection/{mine.pk}/history/").status_code, 404)
        record = self.client_for("office").get(f"/api/inspections/{mine.pk}").json()
        self.assertEqual(record, {"id": mine.pk, "record_no": "JC-B", "uscc": CO_B, "inspected_on": "2025-03-16", "kind": "双随机抽查",
                                  "inspectors": ["张某", "李某"], "findings": None, "result": "未发现问题", "follow_up": None, "rectify_by": None})

    def test_list_filters(self):
        add("JC-1", CO_B, "2024-11-02", kind="重点检查", result="责令整改")
        add("JC-2", CO_B, "2025-02-03", kind="回访")
        add("JC-3", CO_A, "2025-03-04")
        office = self.client_for("office")
        self.assertEqual([r["record_no"] for r in office.get("/api/inspections?year=2025").json()["items"]], ["JC-2", "JC-3"])
        self.assertEqual([r["record_no"] for r in office.get("/api/inspections?result=责令整改").json()["items"]], ["JC-1"])
        page = office.get("/protection/inspection/?kind=回访")
        self.assertContains(page, "JC-2")
        self.assertNotContains(page, "JC-3")
        self.assertContains(office.get("/protection/inspection/?q=智能装备"), "JC-1")


class OnTheGradeList(ProtectionTestCase):
    tables = infringing_tables()

    def setUp(self):
        super().setUp()
        add("JC-B1", CO_B, "2025-03-16", kind="重点检查")  # D, 3 months: due 2025-06-16, today
        add("JC-B0", CO_B, "2025-05-01", kind="回访")  # a return visit: does not move the clock
        add("JC-U1", UNI, "2024-06-15")  # B, 12 months: due 2025-06-15, one day overdue
        # CO_A was never inspected

    def rows(self, query: str) -> dict[str, tuple[str, str, str]]:
        import re

        html = self.client_for("office").get(f"/protection/credit/?{query}").content.decode()
        out = {}
        for uscc, last, nxt, status in re.findall(
            r'<tr data-uscc="(\w+)">.*?<td class="last-inspection">(.*?)</td><td class="next-due">(.*?)</td>\s*<td class="inspection-status">(.*?)</td>', html, re.S
        ):
            out[uscc] = (last, nxt, re.sub("<.*?>", "", status))
        return out

    def test_last_and_next_inspection_and_the_overdue_flag(self):
        self.assertEqual(self.rows("year=2025"), {
            CO_B: ("2025-03-16", "2025-06-16", "今日到期"),
            UNI: ("2024-06-15", "2025-06-15", "逾期 1 日"),
            CO_A: ("—", "应即检查", "从未检查"),
        })
        page = self.client_for("office").get("/protection/credit/?year=2025")
        self.assertContains(page, '逾期 <span class="overdue-count">1</span> 家')
        self.assertContains(page, '<span class="badge overdue">逾期 1 日</span>', html=False)

    def test_the_daily_job_tells_the_office_once_per_change_of_the_overdue_list(self):
        from ipzone.web.notices import daily
        from ipzone.web.notices.models import Notice

        sent = daily.run(TODAY)
        self.assertEqual(sent["inspections"], 1)
        n = Notice.objects.get(kind="inspection")
        self.assertEqual((n.user.username, n.title, n.url), (
            "office", "信用监管：1 户主体检查已逾期（截至 2025-06-16）", "/protection/credit/?year=2025&inspection=overdue"))
        self.assertEqual(n.body, f"{Entity.objects.get(uscc=UNI).name}（{UNI}，B 级）应于 2025-06-15 检查，已逾期 1 日")
        self.assertEqual(daily.run(TODAY)["inspections"], 0)  # the same list: told already
        later = daily.run(dt.date(2025, 6, 17))  # CO_B's inspection (due 6-16) is overdue too now
        self.assertEqual((later["inspections"], Notice.objects.filter(kind="inspection").latest("pk").title),
                         (1, "信用监管：2 户主体检查已逾期（截至 2025-06-17）"))

    def test_filters_due_and_overdue(self):
        self.assertEqual(list(self.rows("year=2025&inspection=overdue")), [UNI])
        self.assertEqual(list(self.rows("year=2025&inspection=due")), [CO_B, CO_A, UNI])  # the plan: D, then B never inspected, then B due 2025-06-15
        # 2024, as of its 31 December: the university, inspected in June 2024, is not due again in 2024
        self.assertEqual(self.rows("year=2024&inspection=due"), {CO_B: ("—", "应即检查", "从未检查"), CO_A: ("—", "应即检查", "从未检查")})
        self.assertEqual(self.rows("year=2024&inspection=overdue"), {})

    def test_the_grade_page_and_the_xlsx_export(self):
        b = self.client_for("ent_b").get(f"/protection/credit/{CO_B}/?year=2025")
        self.assertContains(b, '<td class="last-inspection">2025-03-16</td>', html=False)
        self.assertContains(b, "JC-B1")
        self.assertContains(b, "JC-B0")
        self.assertNotContains(b, "记录检查")
        self.assertContains(self.client_for("office").get(f"/protection/credit/{CO_B}/?year=2025"), f"/protection/inspection/add/?uscc={CO_B}")
        form = self.client_for("office").get(f"/protection/inspection/add/?uscc={CO_B}")
        self.assertContains(form, f'name="uscc" value="{CO_B}"', html=False)  # the link fills the entity in
        page = self.client_for("office").get("/protection/credit/?year=2025&inspection=due&export=xlsx")
        self.assertEqual(page["Content-Disposition"], "attachment; filename*=utf-8''%E4%BF%A1%E7%94%A8%E7%AD%89%E7%BA%A7-2025.xlsx")
        ws = load_workbook(io.BytesIO(b"".join(page.streaming_content)))["信用等级"]
        values = [[c.value for c in r] for r in ws.iter_rows()]
        self.assertEqual(values[0], ["★统一社会信用代码", "名称", "年度", "等级", "等级名称", "分数", "检查频次", "原因", "上次检查日期", "下次应检日期", "检查状态"])
        self.assertEqual(values[1][:4], [CO_B, "示范区智能装备有限公司", 2025, "D"])
        self.assertEqual(values[1][7], "侵权成立（作为被诉方）×3（-45）;重复侵权或恶意侵权×1（-10）")
        self.assertEqual(values[1][8:], [dt.datetime(2025, 3, 16), dt.datetime(2025, 6, 16), "今日到期"])
        self.assertEqual([v[0] for v in values[1:]], [CO_B, CO_A, UNI])  # the plan's order: worst grade, then never inspected, then earliest due
        self.assertEqual(values[2][8:], [None, None, "从未检查"])
        self.assertEqual(values[3][8:], [dt.datetime(2024, 6, 15), dt.datetime(2025, 6, 15), "逾期 1 日"])
        page = self.client_for("office").get("/protection/credit/?year=2025&export=xlsx")  # the list's own order: worst grade, score, code
        ws = load_workbook(io.BytesIO(b"".join(page.streaming_content)))["信用等级"]
        self.assertEqual([r[0].value for r in list(ws.iter_rows())[1:]], [CO_B, UNI, CO_A])


class ImportAndExport(ProtectionTestCase):
    tables = infringing_tables()

    def post(self, data: bytes, name="检查.xlsx", client=None, **extra):
        client = client or self.client_for("office")
        return client.post("/protection/inspection/import/", {"file": SimpleUploadedFile(name, data), **extra})

    def test_a_bad_row_writes_nothing_and_explains_in_both_languages(self):
        bad = xlsx([row(), row(record_no="JC2025-011", kind="抽查")])
        office = self.client_for("office")
        page = self.post(bad, client=office)
        self.assertEqual(page.status_code, 422)
        text = page.content.decode()
        self.assertIn("未写入任何数据", text)
        findings = [(f.where(), f.zh, f.en) for f in page.context["result"].report.findings]
        self.assertEqual(findings, [("inspections（检查记录），第 3 行，列「检查类型」", "「抽查」不在可选值中；应为下列之一：双随机抽查/重点检查/专项检查/回访",
                                     "'抽查' is not one of the allowed values; expected one of: 双随机抽查/重点检查/专项检查/回访")])
        self.assertIn("「抽查」不在可选值中", text)
        self.assertEqual(Inspection.objects.count(), 0)
        token = page.context["token"]
        errors = office.get(f"/protection/inspection/import/{token}/errors.xlsx")
        self.assertEqual(errors.status_code, 200)
        self.assertEqual(self.client_for("leader").get(f"/protection/inspection/import/{token}/errors.xlsx").status_code, 404)

    def test_the_references_are_checked_against_the_database(self):
        page = self.post(xlsx([row(uscc="91140100MA0GRY4T4L"), row(record_no="JC2025-011", uscc="91140100701128698M")]))
        findings = [(f.row, f.zh) for f in page.context["result"].report.errors]
        self.assertEqual(len(findings), 1, findings)
        self.assertEqual(findings[0][0], 3)
        self.assertEqual(findings[0][1], "创新主体表（entities）中没有「91140100701128698M」")

    def test_a_good_workbook_lands_whole_then_updates_by_record_number(self):
        page = self.post(xlsx([row(), row(record_no="JC2025-011", uscc=CO_B, kind="专项检查", result="立案查处", follow_up="移送执法支队")]))
        self.assertEqual(page.status_code, 200, page.content.decode()[:3000])
        c = page.context["result"].changes[0]
        self.assertEqual((c.rows, c.added, c.changed, c.unchanged), (2, 2, 0, 0))
        i = Inspection.objects.get(record_no="JC2025-011")
        self.assertEqual((i.entity_id, i.kind, i.result, i.follow_up), (CO_B, "专项检查", "立案查处", "移送执法支队"))
        self.assertEqual(i.history.latest().history_change_reason, "导入 检查.xlsx")
        self.assertEqual(i.history.latest().history_user.username, "office")
        page = self.post(xlsx([row(), row(record_no="JC2025-011", uscc=CO_B, kind="专项检查", result="责令整改")]))
        c = page.context["result"].changes[0]
        self.assertEqual((c.added, c.changed, c.unchanged), (0, 1, 1))
        self.assertEqual(Inspection.objects.get(record_no="JC2025-011").result, "责令整改")
        self.assertEqual(self.post(xlsx([row()]), client=self.client_for("leader")).status_code, 403)
        self.assertEqual(self.post(xlsx([row()]), client=self.client_for("ent_a")).status_code, 403)

    def test_the_export_imports_back_and_is_restricted(self):
        add("JC-A", CO_A, "2025-03-17")
        add("JC-B", CO_B, "2025-03-16", result="责令整改")
        page = self.client_for("ent_b").get("/protection/inspection/export.xlsx")
        ws = load_workbook(io.BytesIO(b"".join(page.streaming_content)))["检查记录"]
        values = [[c.value for c in r] for r in ws.iter_rows()]
        self.assertEqual(values[0][:3], ["★检查编号", "被检查主体统一社会信用代码", "检查日期"])
        self.assertEqual([v[0] for v in values[1:]], ["JC-B"])
        page = self.client_for("office").get("/protection/inspection/export.xlsx?result=责令整改")
        data = b"".join(page.streaming_content)
        self.assertEqual([v[0].value for v in list(load_workbook(io.BytesIO(data))["检查记录"].iter_rows())[1:]], ["JC-B"])
        again = self.post(data, name="导出.xlsx")
        c = again.context["result"].changes[0]
        self.assertEqual((c.rows, c.added, c.changed, c.unchanged), (1, 0, 0, 1))
        self.assertEqual(self.client_for("agency").get("/protection/inspection/export.xlsx").status_code, 403)


class OnTheEntityPage(ProtectionTestCase):
    """This year (2025): CO_B is D with its reasons; its next inspection follows the last one."""

    tables = infringing_tables()

    def test_the_enterprise_sees_its_own_grade_reasons_and_next_inspection(self):
        add("JC-B1", CO_B, "2025-02-10", kind="重点检查")
        b_page = Entity.objects.get(uscc=CO_B).get_absolute_url()
        page = self.client_for("ent_b").get(b_page)
        self.assertContains(page, '<span class="badge grade-D" data-grade="D">D 重点监管</span>', html=False)
        self.assertContains(page, "侵权成立（作为被诉方） ×3（-45）：K0（行政执法，2023-03-01 结案，侵权成立）")
        self.assertContains(page, '<td class="last-inspection">2025-02-10</td>', html=False)
        self.assertContains(page, '<td class="next-due">2025-05-10 <span class="badge overdue">逾期 37 日</span></td>', html=False)
        self.assertContains(page, "JC-B1")  # the inspections list
        office = self.client_for("office").get(b_page)
        self.assertContains(office, "D 重点监管")

    def test_an_enterprise_never_sees_another_entitys_grade(self):
        a_page = Entity.objects.get(uscc=CO_A).get_absolute_url()
        b_page = Entity.objects.get(uscc=CO_B).get_absolute_url()
        a = self.client_for("ent_a")
        self.assertEqual(a.get(b_page).status_code, 404)
        mine = a.get(a_page)
        self.assertContains(mine, '<span class="badge grade-B" data-grade="B">B 一般</span>', html=False)
        self.assertContains(mine, "统计期内没有影响信用的记录")
        self.assertContains(mine, "应即检查（从未检查）")
        for secret in ("重点监管", "K0（", "示范区智能装备有限公司"):
            self.assertNotContains(mine, secret)
        self.assertEqual(a.get(f"/protection/credit/{CO_B}/").status_code, 404)


class InTheProtectionReport(ProtectionTestCase):
    """The report made from the platform adds the year's inspections to 信用分级分类监管."""

    tables = infringing_tables()

    def test_inspections_done_in_the_year_and_overdue_at_its_end(self):
        from ipzone.reports.model import Paragraph, Table
        from ipzone.web.reports import services

        # the cases run to 2024: the report of 2024
        add("JC-B1", CO_B, "2024-03-16", kind="重点检查", result="责令整改")  # D: due 2024-06-16, overdue on 31 December
        add("JC-B0", CO_B, "2024-05-01", kind="回访")  # does not reset the clock
        add("JC-U1", UNI, "2023-06-15")  # B: due 2024-06-15, overdue on 31 December; not inspected in 2024
        add("JC-A1", CO_A, "2025-01-05")  # after the year: neither done in 2024 nor its last inspection
        doc, _ = services.build("protection", year=2024)
        section = next(s for s in doc.sections if s.key == "credit")
        texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
        self.assertIn(
            "2024年开展检查2次（双随机抽查0次、重点检查1次、专项检查0次、回访1次），其中未发现问题1次、责令整改1次、立案查处0次；"
            "按等级的检查频次，截至2024年12月31日逾期未检查的主体2家，从未检查的主体1家（应即检查，不计为逾期）。",
            texts,
        )
        table = next(b for b in section.blocks if isinstance(b, Table) and b.key == "检查情况")
        self.assertEqual([[str(c.value) if hasattr(c, "value") else c for c in r] for r in table.rows], [
            ["A 守信", "随机抽查，三年不超过一次", "0", "0", "0"],
            ["B 一般", "每年一次", "2", "0", "1"],
            ["C 关注", "每半年一次", "0", "0", "0"],
            ["D 重点监管", "每季度一次，列入重点监管名单", "1", "1", "1"],
        ])

    def test_grades_are_the_platforms_own_with_the_offices_listings(self):
        from ipzone.reports.model import Table
        from ipzone.web.protection import grading
        from ipzone.web.protection.models import FilingListing
        from ipzone.web.reports import services

        def distribution():
            doc, _ = services.build("protection", year=2024)
            section = next(s for s in doc.sections if s.key == "credit")
            table = next(b for b in section.blocks if isinstance(b, Table) and b.key == "信用等级")
            return {r[0]: int(r[2].value) for r in table.rows}

        before = distribution()
        FilingListing.objects.create(uscc=CO_A, kind="恶意商标注册", listed_on=dt.date(2024, 2, 1))  # only the platform knows it
        reset_caches()
        after = distribution()
        graded = grading.grades(2024)
        self.assertEqual(after, {g: sum(1 for x in graded.values() if x.grade == g) for g in "ABCD"})
        self.assertEqual(graded[CO_A].grade, "C")
        self.assertEqual((before["B"] - after["B"], after["C"] - before["C"]), (1, 1))  # CO_A moved from B to C

