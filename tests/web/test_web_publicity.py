"""Events and publicity (task 4): a report published on the portal, participants as training records;
participants as a workbook: the template, an import that lands whole or not at all, the export of
the list and of one event that imports back unchanged, and the head count the portal shows beside
the participants recorded."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase

from fixtures import CO_A, CO_B
from ipzone.programme import filings, workbook
from ipzone.programme.participants import TABLES
from ipzone.web.monitoring.models import ImportRun
from ipzone.web.programme import tracking
from ipzone.web.publicity.models import EventParticipant, EventReport
from ipzone.web.services.models import Event
from web_helpers import load_tables, make_users, reset_caches


class PublicityCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()
        cls.users = make_users()
        tracking.seed()
        cls.event = Event.objects.get()

    def setUp(self):
        reset_caches()

    def as_user(self, name):
        c = Client()
        c.force_login(self.users[name])
        return c


class Publicity(PublicityCase):
    def test_a_report_reaches_the_portal_only_when_published(self):
        office, public = self.as_user("office"), Client()
        event = Event.objects.get()
        page = office.post("/publicity/eventreport/add/", {
            "event": event.pk, "campaign": "世界知识产权日", "organiser": "market", "co_organisers": "示范区知识产权保护中心",
            "venue": "示范区政务服务中心", "summary": "4月26日，示范区举办世界知识产权日主题宣传活动。\n现场发放宣传资料 2000 余份。"})
        report = EventReport.objects.get()
        self.assertRedirects(page, report.get_absolute_url())
        self.assertEqual(report.state, "草稿")
        self.assertEqual(public.get(f"/public/events/{report.pk}/").status_code, 404)
        self.assertNotContains(public.get("/public/"), "活动报道")
        self.assertEqual(self.as_user("ent_a").get(report.get_absolute_url()).status_code, 404)
        self.assertEqual(self.as_user("leader").post(f"/publicity/eventreport/{report.pk}/publish/").status_code, 403)
        self.assertRedirects(office.post(f"/publicity/eventreport/{report.pk}/publish/"), report.get_absolute_url())
        portal = public.get("/public/")
        self.assertContains(portal, f'<a href="/public/events/{report.pk}/">2021-04-26 2021年世界知识产权日宣传活动</a>', html=True)
        page = public.get(f"/public/events/{report.pk}/")
        self.assertContains(page, "<p>4月26日，示范区举办世界知识产权日主题宣传活动。<br>现场发放宣传资料 2000 余份。</p>", html=True)
        self.assertContains(page, "主办：示范区市场监督管理局（领导小组办公室）")
        api = public.get("/api/public/event-reports").json()
        self.assertEqual([(r["name"], r["campaign"], r["participants"]) for r in api], [("2021年世界知识产权日宣传活动", "世界知识产权日", 300)])
        self.assertEqual(self.as_user("ent_a").get(report.get_absolute_url()).status_code, 200)
        office.post(f"/publicity/eventreport/{report.pk}/withdraw/")
        self.assertEqual(public.get(f"/public/events/{report.pk}/").status_code, 404)
        self.assertEqual([h.history_change_reason for h in report.history.order_by("history_date")], ["网页编辑", "发布", "撤回"])

    def test_participants_are_the_training_records_of_their_talents(self):
        office = self.as_user("office")
        event = Event.objects.get()
        page = office.post("/publicity/eventparticipant/add/", {"event": event.pk, "kind": "个人", "name": "李某", "talent": "T0001",
                                                               "organisation": "示范区知识产权代理事务所", "hours": "8", "certificate_no": "PX2021-001"})
        p = EventParticipant.objects.get()
        self.assertRedirects(page, p.get_absolute_url())
        self.assertEqual((p.talent_id, p.hours), ("T0001", 8.0))
        # the agency employing the talent reads its training record; an enterprise does not
        self.assertEqual(self.as_user("agency").get("/api/event-participants").json()["items"][0]["talent"], "T0001")
        self.assertEqual(self.as_user("ent_a").get("/api/event-participants").json()["count"], 0)
        page = office.post("/publicity/eventparticipant/add/", {"event": event.pk, "kind": "单位", "name": "某公司", "talent": "T0001"})
        self.assertContains(page, "单位参与者不填人员编号")
        page = office.post("/publicity/eventparticipant/add/", {"event": event.pk, "kind": "个人", "name": "某人", "talent": "T9999"})
        self.assertContains(page, "所选的值不存在或不可选 / that choice does not exist or is not available")


# --- participants as a workbook ----------------------------------------------------------------

DAY = dt.date(2021, 4, 26)
EVENT = "2021年世界知识产权日宣传活动"  # the fixture zone's one event, 参与人数 300
HEADERS = ["★活动日期", "★活动名称", "★活动场次", "★参与者类型", "★姓名或单位名称", "单位统一社会信用代码", "人员编号", "所在单位", "培训学时", "★结业证书编号"]


def row(**over) -> dict:
    data = {"event_held_on": DAY, "event_name": EVENT, "event_occurrence": 1, "kind": "个人", "name": "李某", "uscc": None,
            "person_id": "T0001", "organisation": "示范区知识产权代理事务所", "hours": 8, "certificate_no": "PX2021-001"}
    data.update(over)
    return data


ROWS = [
    row(),
    row(kind="单位", name="山西晋创新材料科技有限公司", uscc=CO_A, person_id=None, organisation="", hours=None, certificate_no=""),
    row(name="王某", person_id=None, organisation="示范区智能装备有限公司", uscc=CO_B, hours=4, certificate_no=""),
]


def book(rows, name="参与者.xlsx") -> Path:
    return workbook.template(Path(tempfile.mkdtemp()) / name, TABLES, {"event_participants": rows})


class Participants(PublicityCase):
    def upload(self, client, path: Path):
        with open(path, "rb") as f:
            return client.post("/publicity/eventparticipant/import/", {"file": SimpleUploadedFile(path.name, f.read())})

    def test_the_template_has_the_tables_headers(self):
        office = self.as_user("office")
        response = office.get("/publicity/eventparticipant/template.xlsx")
        wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        self.assertEqual(wb.sheetnames, ["填表说明", "活动参与者"])
        self.assertEqual([c.value for c in wb["活动参与者"][1]], HEADERS)
        self.assertEqual(wb["活动参与者"].max_row, 1)
        notes = {r[2]: r[3] for r in wb["填表说明"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(notes["活动场次"], "event_occurrence：非负整数；选填；★ 主键，不可重复；同一日期、同一名称的第几场，默认 1")
        self.assertEqual(notes["人员编号"], "person_id：编号（文本）；选填；须为人才表（talents）中的人员；单位不填")
        self.assertEqual(self.as_user("ent_a").get("/publicity/eventparticipant/import/").status_code, 403)
        self.assertEqual(self.as_user("leader").get("/publicity/eventparticipant/import/").status_code, 403)
        self.assertContains(office.get("/publicity/eventparticipant/import/"), "下载空白模板")

    def test_a_good_workbook_is_added_then_matched_on_its_key(self):
        office = self.as_user("office")
        page = self.upload(office, book(ROWS))
        self.assertContains(page, "参与者.xlsx：已导入")
        self.assertEqual([(c.stem, c.rows, c.added, c.changed, c.unchanged) for c in page.context["result"].changes],
                         [("event_participants", 3, 3, 0, 0)])
        got = {(p.kind, p.name): (p.event_id, p.entity_id, p.talent_id, p.organisation, p.hours, p.certificate_no)
               for p in EventParticipant.objects.all()}
        self.assertEqual(got, {
            ("个人", "李某"): (self.event.pk, None, "T0001", "示范区知识产权代理事务所", 8.0, "PX2021-001"),
            ("单位", "山西晋创新材料科技有限公司"): (self.event.pk, CO_A, None, "", None, ""),
            ("个人", "王某"): (self.event.pk, CO_B, None, "示范区智能装备有限公司", 4.0, ""),
        })
        li = EventParticipant.objects.get(name="李某")
        self.assertEqual((li.history.latest().history_change_reason, li.history.latest().history_user.username), ("导入 参与者.xlsx", "office"))
        run = ImportRun.objects.get(source__startswith="活动参与者导入")  # besides the zone's load
        self.assertEqual((run.source, run.ok, run.user.username), ("活动参与者导入 参与者.xlsx", True, "office"))
        # 王某's hours corrected, 李某 unchanged; a new certificate number is a new participant (the key)
        again = [ROWS[0], ROWS[1], {**ROWS[2], "hours": 6}, row(certificate_no="PX2021-002")]
        changes = self.upload(office, book(again, "参与者-改.xlsx")).context["result"].changes
        self.assertEqual([(c.rows, c.added, c.changed, c.unchanged) for c in changes], [(4, 1, 1, 2)])
        self.assertEqual(EventParticipant.objects.get(name="王某").hours, 6.0)
        self.assertEqual(EventParticipant.objects.count(), 4)
        self.assertEqual([h.history_change_reason for h in EventParticipant.objects.get(name="王某").history.order_by("history_date")],
                         ["导入 参与者.xlsx", "导入 参与者-改.xlsx"])

    def assert_refused(self, rows, where: str, zh: str, en: str, office=None):
        office = office or self.as_user("office")
        page = self.upload(office, book(rows, "坏.xlsx"))
        self.assertEqual(page.status_code, 422)
        self.assertContains(page, "坏.xlsx：1 处问题，未写入任何数据", status_code=422)
        [f] = page.context["result"].report.findings
        self.assertEqual((f.where(), f.zh, f.en), (where, zh, en))
        self.assertFalse(EventParticipant.objects.exists())
        self.assertFalse(ImportRun.objects.filter(source__startswith="活动参与者导入").exists())
        return page

    def test_each_error_is_named_and_nothing_is_written(self):
        where = "event_participants（活动参与者），第 {} 行，列「{}」"
        office = self.as_user("office")
        page = self.assert_refused([ROWS[0], row(name="张某", event_held_on=dt.date(2021, 4, 27), person_id=None)], where.format(3, "★活动名称"),
                                   f"宣传培训活动表（events）中没有 2021-04-27 的「{EVENT}」", f"events has no '{EVENT}' on 2021-04-27", office)
        errors = office.get(page.context["errors_url"])
        ws = openpyxl.load_workbook(io.BytesIO(b"".join(errors.streaming_content)))["错误清单"]
        self.assertEqual([c.value for c in ws[2]][:8], ["错误", "event_participants", "活动参与者", "3", "★活动名称", EVENT,
                                                        f"宣传培训活动表（events）中没有 2021-04-27 的「{EVENT}」", f"events has no '{EVENT}' on 2021-04-27"])
        self.assertEqual(self.as_user("ent_a").get(page.context["errors_url"]).status_code, 404)
        self.assert_refused([row(event_occurrence=2)], where.format(2, "★活动名称"),
                            f"宣传培训活动表（events）中没有 2021-04-26 的「{EVENT}」（第 2 场）", f"events has no '{EVENT}' on 2021-04-26 (occurrence 2)")
        self.assert_refused([row(uscc="91140100MA0XXXXX1M")], where.format(2, "单位统一社会信用代码"),
                            "创新主体表（entities）中没有「91140100MA0XXXXX1M」", "'91140100MA0XXXXX1M' is not in entities")
        self.assert_refused([row(person_id="T9999")], where.format(2, "人员编号"),
                            "知识产权人才表（talents）中没有「T9999」", "'T9999' is not in talents")
        self.assert_refused([ROWS[1] | {"person_id": "T0001"}], where.format(2, "人员编号"), "单位参与者不填人员编号", "a unit has no person id")
        self.assert_refused([ROWS[0], row(hours=6)], where.format(3, "★活动日期"),
                            "活动日期、活动名称、活动场次、参与者类型、姓名或单位名称、结业证书编号重复：与第 2 行相同",
                            "duplicate event_held_on/event_name/event_occurrence/kind/name/certificate_no: the same as row 2")
        self.assert_refused([row(hours=1.5)], where.format(2, "培训学时"), "1.5 不是整数；应为非负整数", "1.5 is not a whole number; expected a non-negative whole number")
        self.assert_refused([row(kind="专家")], where.format(2, "★参与者类型"), "「专家」不在可选值中；应为下列之一：单位/个人",
                            "'专家' is not one of the allowed values; expected one of: 单位/个人")
        # the filing template is not a participants workbook
        wrong = self.upload(office, workbook.template(Path(tempfile.mkdtemp()) / "备案.xlsx", filings.TABLES[:1]))
        self.assertEqual([(f.level, f.zh) for f in wrong.context["result"].report.findings], [
            ("warning", "工作表「专利导航项目」不是活动参与者表中的表，已忽略"),
            ("error", "工作簿中没有任何活动参与者表中的表（工作表应以表名命名，如 event_participants 或 活动参与者）")])
        self.assertEqual(wrong.status_code, 422)
        self.assert_refused([row(name="某" * 201)], where.format(2, "★姓名或单位名称"), "超过 200 个字符，平台无法保存",
                            "longer than 200 characters: the platform cannot store it")

    def test_export_imports_back_unchanged(self):
        office = self.as_user("office")
        self.upload(office, book(ROWS))
        other = Event.objects.create(held_on=dt.date(2021, 11, 3), name="知识产权实务培训", kind="培训", participants=None)
        EventParticipant.objects.create(event=other, kind="个人", name="李某", talent_id="T0001", hours=16, certificate_no="PX2021-101")
        everything = office.get("/publicity/eventparticipant/export.xlsx")
        path = Path(tempfile.mkdtemp()) / "导出.xlsx"
        path.write_bytes(b"".join(everything.streaming_content))
        parsed, report = workbook.read(path, TABLES)
        self.assertTrue(report.ok)
        self.assertEqual([r for _, r in workbook.records(parsed["event_participants"])], [
            *ROWS,
            row(event_held_on=dt.date(2021, 11, 3), event_name="知识产权实务培训", organisation="", hours=16, certificate_no="PX2021-101"),
        ])
        changes = self.upload(office, path).context["result"].changes
        self.assertEqual([(c.rows, c.added, c.changed, c.unchanged) for c in changes], [(4, 0, 0, 4)])
        # one event's participants, from its page; an enterprise exports only its own
        page = office.get(self.event.get_absolute_url())
        self.assertContains(page, f'<a class="button" href="/publicity/eventparticipant/export.xlsx?event={self.event.pk}">导出 Excel</a>', html=True)
        one = office.get(f"/publicity/eventparticipant/export.xlsx?event={other.pk}")
        ws = openpyxl.load_workbook(io.BytesIO(b"".join(one.streaming_content)))["活动参与者"]
        self.assertEqual([c.value for c in ws[2]][:5], [dt.datetime(2021, 11, 3), "知识产权实务培训", 1, "个人", "李某"])
        self.assertEqual(ws.max_row, 2)
        mine = self.as_user("ent_a").get("/publicity/eventparticipant/export.xlsx")
        ws = openpyxl.load_workbook(io.BytesIO(b"".join(mine.streaming_content)))["活动参与者"]
        self.assertEqual([r[4] for r in ws.iter_rows(min_row=2, values_only=True)], ["山西晋创新材料科技有限公司"])

    def test_the_head_count_against_the_participants_recorded(self):
        office, public = self.as_user("office"), Client()
        self.upload(office, book(ROWS))
        page = office.get(self.event.get_absolute_url())
        self.assertContains(page, '<p class="note" id="participant-counts">登记参与者 3 人（单位）；活动记录的参与人数 300</p>', html=True)
        self.assertContains(page, "登记的参与者（3）与活动记录的参与人数（300）不一致；公开门户和指标采用活动记录的参与人数。")
        self.assertContains(page, "导入参与者")
        report = EventReport.objects.create(event=self.event, campaign="世界知识产权日", summary="宣传活动。", state=EventReport.PUBLISHED)
        self.assertContains(office.get(report.get_absolute_url()), "participant-mismatch")
        # on the published report an enterprise sees its own participation, not the office's comparison
        mine = self.as_user("ent_a").get(report.get_absolute_url())
        self.assertContains(mine, '参与者 <span class="count">1 人（单位）</span>')
        self.assertContains(mine, "山西晋创新材料科技有限公司")
        self.assertNotContains(mine, "李某")
        self.assertNotContains(mine, "participant-mismatch")
        self.assertNotContains(mine, "导入参与者")
        self.assertContains(public.get(f"/public/events/{report.pk}/"), '<p class="note" id="head-count">参与人数：300</p>', html=True)
        self.assertEqual(public.get("/api/public/event-reports").json()[0]["participants"], 300)
        # the event without a head count: the portal says the registered count, and says so; nothing differs
        Event.objects.filter(pk=self.event.pk).update(participants=None)
        self.assertContains(public.get(f"/public/events/{report.pk}/"), '<p class="note" id="head-count">参与人数：3（按登记的参与者）</p>', html=True)
        self.assertEqual(public.get("/api/public/event-reports").json()[0]["participants"], 3)
        self.assertNotContains(office.get(self.event.get_absolute_url()), "participant-mismatch")
        Event.objects.filter(pk=self.event.pk).update(participants=3)
        self.assertNotContains(office.get(self.event.get_absolute_url()), "participant-mismatch")
