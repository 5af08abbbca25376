"""Protection in the platform: a request from intake to closure, isolation, uploads, deadlines,
transfers, infringers and grades on the loaded data, typical cases on the portal."""

from __future__ import annotations

import datetime as dt
import json
import os
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings

from fixtures import CO_A, CO_B, valid_tables
from ipzone.protection import workflow as wf
from ipzone.web import export
from ipzone.web.core.models import DataState
from ipzone.web.protection import casework
from ipzone.web.protection.models import Case, DeadlineRule, Document, FilingListing, Inspection, Proceeding, ProtectionSettings, Transfer, TypicalCase
from web_helpers import load_tables, make_users, reset_caches

PDF = b"%PDF-1.4\n% test\n%%EOF\n"
TODAY = dt.date(2025, 6, 16)  # a Monday; every test runs "on" this day


def pdf(name="证据.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def request_form(**over) -> dict:
    data = {"kind": "维权援助", "right_kind": "商标", "respondent": "晋泽市某某商行", "respondent_uscc": "", "facts": "对方销售假冒我司商标的商品。",
            "claims": "请求协助维权。", "amount": "", "contact_name": "王经理", "contact_phone": "13903511234"}
    data.update(over)
    return data


class ProtectionTestCase(TestCase):
    tables = None

    @classmethod
    def setUpTestData(cls):
        tables = cls.tables or valid_tables()
        load_tables(tables)
        cls.users = make_users()

    def setUp(self):
        reset_caches()
        patcher = mock.patch.object(casework, "today", return_value=TODAY)
        patcher.start()
        self.addCleanup(patcher.stop)

    def client_for(self, name: str) -> Client:
        c = Client()
        c.force_login(self.users[name])
        return c

    def submit(self, who="ent_a", files=(), **over) -> Proceeding:
        page = self.client_for(who).post("/protection/proceeding/request/", {**request_form(**over), "files": list(files)})
        self.assertEqual(page.status_code, 302, page.content.decode()[:2000])
        return Proceeding.objects.latest("pk")

    def act(self, client, p, action, **data):
        return client.post(f"/protection/proceeding/{p.pk}/{action}/", {f"{action}-{k}": v for k, v in data.items()})


class IntakeToClosure(ProtectionTestCase):
    def test_an_enterprise_request_goes_from_intake_to_closure(self):
        ent, office = self.client_for("ent_a"), self.client_for("office")
        page = ent.get("/protection/proceeding/request/")
        self.assertContains(page, "在线申请维权援助或纠纷调解")
        self.assertContains(page, "申请人（权利人）：山西晋创新材料科技有限公司（91140100MA0GRY4T4L）")
        p = self.submit(files=[pdf("申请书.pdf"), pdf("商标注册证.pdf")])
        self.assertEqual((p.stage, p.holder, p.holder_uscc, p.submitted_on, p.stage_due), (wf.SUBMITTED, "山西晋创新材料科技有限公司", CO_A, TODAY, dt.date(2025, 6, 25)))  # Monday 6-16 + 7 working days
        self.assertEqual([d.name for d in p.documents.all()], ["申请书.pdf", "商标注册证.pdf"])  # in upload order
        self.assertIsNone(p.case)
        mine = ent.get(p.get_absolute_url())
        self.assertContains(mine, "待受理")
        self.assertContains(mine, "2025-06-25")  # the acceptance limit: 7 working days from Monday 6-16
        self.assertContains(mine, "7 个工作日（自 2025-06-16）")
        self.assertContains(mine, 'data-action="withdraw"')
        self.assertNotContains(mine, 'data-action="accept"')

        # The office accepts: the contract row appears and the data version moves.
        version = DataState.current().version
        with self.captureOnCommitCallbacks(execute=True):
            page = self.act(office, p, "accept", on="2025-06-16", case_no="晋泽维援〔2025〕12号", handler=self.users["office"].pk, note="")
        self.assertEqual(page.status_code, 302)
        p.refresh_from_db()
        case = Case.objects.get(case_no="晋泽维援〔2025〕12号")
        self.assertEqual((p.stage, p.case_id, p.accepted_on, p.handler.username), (wf.ACCEPTED, case.case_no, TODAY, "office"))
        self.assertEqual((case.kind, case.right_kind, case.opened_on, case.holder, case.respondent, case.closed_on, case.outcome),
                         ("维权援助", "商标", TODAY, "山西晋创新材料科技有限公司", "晋泽市某某商行", None, None))
        self.assertEqual(DataState.current().version, version + 1)
        self.assertIn("cases", DataState.current().present)

        self.act(office, p, "move", on="2025-06-16", to=wf.INVESTIGATION, note="调取证据")
        history = office.get(f"/protection/proceeding/{p.pk}/history/")
        self.assertContains(history, "当前阶段：accepted → investigation")
        self.assertEqual(ent.get(f"/protection/proceeding/{p.pk}/history/").status_code, 404)
        self.act(office, p, "move", on="2025-06-16", to=wf.MEDIATION, note="")
        with self.captureOnCommitCallbacks(execute=True):
            self.act(office, p, "close", on="2025-06-16", outcome="调解成功", amount="2.5", note="达成调解协议")
        p.refresh_from_db()
        case.refresh_from_db()
        self.assertEqual((p.stage, p.closed_on, p.outcome), (wf.CLOSED, TODAY, "调解成功"))
        self.assertEqual((case.closed_on, case.outcome, case.amount), (TODAY, "调解成功", 2.5))
        self.assertEqual([(s.stage, s.ended_on) for s in p.steps.all()], [
            (wf.SUBMITTED, TODAY), (wf.ACCEPTED, TODAY), (wf.INVESTIGATION, TODAY), (wf.MEDIATION, TODAY), (wf.CLOSED, None),
        ])
        self.assertEqual(case.history.latest().history_change_reason, "案件办结")
        self.assertContains(office.get(case.get_absolute_url()), "办理记录（结案）")
        # What the engine and reports read: the closed row in the exported dataset.
        row = next(r for r in export.dataset()["cases"].to_pylist() if r["case_no"] == "晋泽维援〔2025〕12号")
        self.assertEqual((row["closed_on"], row["outcome"], row["amount"]), (TODAY, "调解成功", 2.5))

        # The enterprise sees the outcome and the notes, not the office's actions.
        mine = ent.get(p.get_absolute_url())
        self.assertContains(mine, "达成调解协议")
        self.assertNotContains(mine, 'data-action="close"')
        self.assertNotContains(mine, 'data-action="document"')  # closed: no more files
        self.assertEqual([i["stage"] for i in ent.get("/api/proceedings").json()["items"]], [wf.CLOSED])

    def test_reject_and_withdraw(self):
        ent, office = self.client_for("ent_a"), self.client_for("office")
        p = self.submit()
        page = self.act(office, p, "reject", on="2025-06-16", note="")
        self.assertRedirects(page, p.get_absolute_url(), fetch_redirect_response=False)
        self.assertContains(office.get(p.get_absolute_url()), "不予受理理由：必填，不能为空 / required, must not be empty")
        self.act(office, p, "reject", on="2025-06-16", note="不属于受理范围")
        p.refresh_from_db()
        self.assertEqual((p.stage, p.closed_on), (wf.REJECTED, TODAY))
        q = self.submit()
        self.act(ent, q, "withdraw", note="已和解")
        q.refresh_from_db()
        self.assertEqual(q.stage, wf.WITHDRAWN)
        self.assertFalse(Case.objects.filter(holder="山西晋创新材料科技有限公司", opened_on=TODAY).exists())

    def test_moves_and_dates_are_checked(self):
        office = self.client_for("office")
        p = self.submit()
        page = self.act(office, p, "close", on="2025-06-16", outcome="撤回")
        self.assertContains(office.get(page.url), "不能从「待受理」转到「结案」")
        self.act(office, p, "accept", on="2025-06-17", case_no="X1", handler="")
        self.assertContains(office.get(p.get_absolute_url()), "日期 2025-06-17 晚于今天")
        self.act(office, p, "accept", on="2025-06-15", case_no="X1", handler="")
        self.assertContains(office.get(p.get_absolute_url()), "日期 2025-06-15 早于本阶段（待受理）开始的 2025-06-16")
        self.act(office, p, "accept", on="2025-06-16", case_no="ZSJ2021-001", handler="")  # the fixture's case
        self.assertContains(office.get(p.get_absolute_url()), "案件编号 ZSJ2021-001 已存在")
        p.refresh_from_db()
        self.assertEqual(p.stage, wf.SUBMITTED)


class Isolation(ProtectionTestCase):
    def test_an_enterprise_sees_and_touches_only_its_own_requests(self):
        p = self.submit(files=[pdf()])
        doc = p.documents.get()
        office = self.client_for("office")
        internal = SimpleUploadedFile("内部意见.pdf", PDF)
        office.post(f"/protection/proceeding/{p.pk}/document/", {"document-kind": "其他", "document-files": [internal], "document-internal": "on"})
        secret = p.documents.get(internal=True)

        b = self.client_for("ent_b")
        self.assertEqual(b.get(p.get_absolute_url()).status_code, 404)
        self.assertEqual(b.get(doc.get_absolute_url()).status_code, 404)
        self.assertEqual(b.get(f"/api/proceedings/{p.pk}").status_code, 404)
        self.assertEqual(b.get("/api/proceedings").json()["count"], 0)
        self.assertNotContains(b.get("/protection/proceeding/"), "晋泽市某某商行")
        self.assertEqual(self.act(b, p, "withdraw", note="x").status_code, 404)
        self.assertEqual(b.post(f"/protection/proceeding/{p.pk}/document/", {"document-kind": "其他", "document-files": [pdf()]}).status_code, 404)
        self.assertEqual(p.documents.count(), 2)

        a = self.client_for("ent_a")
        self.assertEqual(a.get(doc.get_absolute_url()).status_code, 200)
        self.assertEqual(b"".join(a.get(doc.get_absolute_url()).streaming_content), PDF)
        self.assertEqual(a.get(secret.get_absolute_url()).status_code, 404)  # internal to the office
        self.assertNotContains(a.get(p.get_absolute_url()), "内部意见.pdf")
        self.assertEqual(self.act(a, p, "accept", on="2025-06-16", case_no="X").status_code, 403)
        self.assertEqual(a.get("/protection/proceeding/register/").status_code, 403)
        self.assertEqual(a.get("/protection/infringers/").status_code, 403)
        self.assertEqual(a.get("/protection/filinglisting/").status_code, 403)
        self.assertEqual(a.get("/protection/typicalcase/").status_code, 403)

        leader = self.client_for("leader")
        self.assertContains(leader.get(p.get_absolute_url()), "内部意见.pdf")
        self.assertNotContains(leader.get(p.get_absolute_url()), 'data-action="accept"')
        self.assertEqual(self.act(leader, p, "accept", on="2025-06-16", case_no="X").status_code, 403)
        self.assertEqual(self.client_for("agency").get("/protection/proceeding/").status_code, 403)
        self.assertEqual(self.client_for("office").get("/protection/proceeding/request/").status_code, 403)

    def test_uploads_are_limited(self):
        a = self.client_for("ent_a")
        url = "/protection/proceeding/request/"
        page = a.post(url, {**request_form(), "files": [SimpleUploadedFile("run.exe", b"MZ\x90\x00")]})
        self.assertContains(page, "附件「run.exe」：不接受此类文件（.exe），只收 pdf、ofd、docx、xlsx、doc、xls、jpg、jpeg、png / "
                                  "attachment run.exe: file type not accepted (.exe); allowed: pdf, ofd, docx, xlsx, doc, xls, jpg, jpeg, png")
        page = a.post(url, {**request_form(), "files": [SimpleUploadedFile("证据.pdf", b"MZ\x90\x00 not a pdf")]})
        self.assertContains(page, "附件「证据.pdf」：内容不是 .pdf 文件（扩展名与内容不符） / attachment 证据.pdf: the content is not a .pdf file")
        page = a.post(url, {**request_form(), "files": [SimpleUploadedFile("空.pdf", b"")]})
        self.assertContains(page, "附件「空.pdf」：空文件 / attachment 空.pdf: the file is empty")
        page = a.post(url, {**request_form(), "files": [pdf(f"{i}.pdf") for i in range(11)]})
        self.assertContains(page, "一次最多上传 10 个文件，收到 11 个 / at most 10 files at a time, got 11")
        with override_settings(CASE_FILE_MAX_BYTES=10 * 1024):
            page = a.post(url, {**request_form(), "files": [pdf(content=PDF + b"0" * 20_000)]})
        self.assertContains(page, "附件「证据.pdf」：20 KB，超过 10 KB 的上限 / attachment 证据.pdf: 20 KB is over the 10 KB limit")
        page = a.post(url, {**request_form(contact_phone="", respondent_uscc="91140100MA0GRY4T4X")})
        self.assertContains(page, "统一社会信用代码校验位错误：应为 L")
        self.assertEqual(Proceeding.objects.count(), 0)
        self.assertEqual(Document.objects.count(), 0)
        p = self.submit()  # a file to a case: at least one
        page = a.post(f"/protection/proceeding/{p.pk}/document/", {"document-kind": "其他"}, follow=True)
        self.assertContains(page, "文件：请选择文件 / choose a file")
        self.assertEqual(p.documents.count(), 0)


class DeadlinesAndTransfers(ProtectionTestCase):
    def test_overdue_requests_are_flagged(self):
        with mock.patch.object(casework, "today", return_value=dt.date(2025, 6, 2)):
            late = self.submit(respondent="迟到商行")
        on_time = self.submit(respondent="准时商行")
        late.refresh_from_db()
        self.assertEqual(late.stage_due, dt.date(2025, 6, 11))  # 7 working days after 6-02 (端午): 6-03 … 6-06, 6-09 … 6-11
        office = self.client_for("office")
        with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
            page = office.get("/protection/proceeding/?status=overdue")
            self.assertContains(page, "迟到商行")
            self.assertNotContains(page, "准时商行")
            self.assertContains(page, "逾期 5 日（待受理期限）")
        self.assertContains(office.get(late.get_absolute_url()), "逾期 5 日")
        self.assertEqual([p["respondent"] for p in office.get("/api/proceedings?overdue=true").json()["items"]], ["迟到商行"])
        self.assertNotEqual(on_time.pk, late.pk)

    def test_the_office_sets_deadlines_and_open_cases_follow(self):
        p = self.submit()
        office = self.client_for("office")
        form = {}
        for (k, s), v in wf.default_deadlines().items():
            form[f"d-{k}-{s}"], form[f"u-{k}-{s}"] = ("", "d") if v is None else (str(v.days), "w" if v.workdays else "d")
        page = office.get("/protection/deadlines/")
        self.assertContains(page, '<option value="w" selected>个工作日</option>', count=4)  # 待受理 of the four kinds but 司法
        self.assertContains(page, "默认 7 个工作日")
        page = office.post("/protection/deadlines/", {**form, "d-维权援助-submitted": "abc"})
        self.assertContains(page, "维权援助 · 待受理：「abc」不是 1–3650 的天数")
        page = office.post("/protection/deadlines/", {**form, "d-维权援助-submitted": "6"})
        self.assertRedirects(page, "/protection/deadlines/")
        p.refresh_from_db()
        self.assertEqual(p.stage_due, dt.date(2025, 6, 24))  # 6 working days after Monday 6-16
        page = office.post("/protection/deadlines/", {**form, "d-维权援助-submitted": "6", "u-维权援助-submitted": "d"})
        p.refresh_from_db()
        self.assertEqual(p.stage_due, dt.date(2025, 6, 23))  # 6 days: Sunday 6-22, moved to Monday
        self.assertEqual(str(DeadlineRule.objects.get(kind="维权援助", stage=wf.SUBMITTED)), "维权援助 · 待受理：6 日")
        self.assertEqual(self.client_for("leader").post("/protection/deadlines/", form).status_code, 403)

    def test_a_court_case_and_a_transfer_stop_the_clock(self):
        office = self.client_for("office")
        with mock.patch.object(casework, "today", return_value=dt.date(2025, 3, 3)):
            page = office.post("/protection/proceeding/register/", {
                "source": "court", "kind": "纠纷调解", "right_kind": "专利", "holder": "甲公司", "holder_uscc": "", "respondent": "乙公司",
                "respondent_uscc": "", "facts": "法院委托调解", "claims": "", "amount": "", "case_no": "晋泽知调〔2025〕1号",
                "accepted_on": "2025-03-03", "handler": self.users["office"].pk, "body_kind": "人民法院", "body": "太原市中级人民法院",
                "transfer_reference": "（2025）晋01诉前调5号",
            })
        self.assertEqual(page.status_code, 302)
        p = Proceeding.objects.get(case__case_no="晋泽知调〔2025〕1号")
        self.assertEqual((p.stage, p.case_due), (wf.ACCEPTED, dt.date(2025, 5, 6)))  # 3-03 + 60 = 5-02, in the May Day holiday
        self.assertEqual(list(p.transfers.values_list("direction", "body", "dated")), [(Transfer.IN, "太原市中级人民法院", dt.date(2025, 3, 3))])
        with mock.patch.object(casework, "today", return_value=dt.date(2025, 3, 10)):
            page = self.act(office, p, "move", on="2025-03-10", to=wf.TRANSFERRED, body_kind="", body="", reference="")
            self.assertContains(office.get(page.url), "移送须写明接收机关")
            self.act(office, p, "move", on="2025-03-10", to=wf.TRANSFERRED, body_kind="人民法院", body="太原市中级人民法院", reference="移1号")
        p.refresh_from_db()
        self.assertEqual((p.stage, p.case_due, p.stage_due), (wf.TRANSFERRED, None, None))
        with mock.patch.object(casework, "today", return_value=dt.date(2025, 4, 9)):
            self.act(office, p, "move", on="2025-04-09", to=wf.MEDIATION)
        p.refresh_from_db()
        # +30 days with the court: 6-01 is a Sunday and 6-02 the 端午 holiday → 6-03
        self.assertEqual((p.stage, p.case_due, p.stage_due), (wf.MEDIATION, dt.date(2025, 6, 3), dt.date(2025, 5, 9)))
        self.assertEqual(p.transfers.get(direction=Transfer.OUT).returned_on, dt.date(2025, 4, 9))
        self.assertContains(office.get(p.get_absolute_url()), "移送记录（行政与司法衔接）")


INFRINGER = "91140100MA0H12345R"  # CO_B, in the zone


def infringing_tables():
    tables = valid_tables()
    tables["cases"] = tables["cases"] + [
        {"case_no": f"K{i}", "kind": "行政执法", "right_kind": "商标", "opened_on": opened, "closed_on": closed, "holder": holder,
         "respondent": "示范区智能装备有限公司", "respondent_uscc": CO_B, "outcome": "侵权成立", "amount": "", "typical": "否"}
        for i, (opened, closed, holder) in enumerate([("2023-01-05", "2023-03-01", "甲"), ("2023-04-01", "2023-06-01", "乙"), ("2024-02-01", "2024-03-01", "丙")])
    ]
    tables["cases"][0]["typical"] = "否"
    return tables


class SupervisionPages(ProtectionTestCase):
    tables = infringing_tables()

    def test_infringers_on_the_loaded_data(self):
        page = self.client_for("office").get("/protection/infringers/?year=2024")
        self.assertContains(page, "2022–2024 年结案、侵权成立：2 件以上为重复侵权")
        self.assertContains(page, '<span class="badge flag">重复侵权</span> <span class="badge flag">恶意侵权</span> <span class="badge flag">群体侵权</span>', html=False)
        self.assertContains(page, "K1 于 K0 结案后受理（再次侵权）")
        data = self.client_for("leader").get("/api/infringers?year=2024").json()
        self.assertEqual([(i["uscc"], i["cases"], i["flags"]) for i in data["infringers"]], [(CO_B, ["K0", "K1", "K2"], ["repeat", "malicious", "group"])])
        self.assertEqual(self.client_for("ent_b").get("/api/infringers?year=2024").status_code, 403)

    def test_the_window_is_the_offices_setting(self):
        office = self.client_for("office")
        page = office.post("/protection/settings/", {"window_years": "1", "min_cases": "2", "min_holders": "3"})
        self.assertRedirects(page, "/protection/settings/")
        self.assertEqual(ProtectionSettings.current().window_years, 1)
        self.assertEqual(office.get("/api/infringers?year=2024").json()["infringers"], [])  # 2024 alone: K2 only
        page = office.post("/protection/settings/", {"window_years": "0", "min_cases": "2", "min_holders": "3"})
        self.assertContains(page, "统计窗口应为 1–20 年，不是 0")

    def test_grades_for_the_office_and_for_the_enterprise_itself(self):
        office = self.client_for("office")
        page = office.get("/protection/credit/?year=2024")
        self.assertContains(page, '<tr data-uscc="91140100MA0H12345R">')
        grades = office.get("/api/credit-grades?year=2024").json()
        by = {g["uscc"]: (g["grade"], g["score"]) for g in grades["grades"]}
        # CO_B: 3 infringements (−45), repeat (−10 → D), the 2021 award is outside 2022–2024
        self.assertEqual(by[CO_B], ("D", 35.0))
        self.assertEqual(by[CO_A], ("B", 90.0))
        self.assertEqual(grades["summary"], {"A": 0, "B": 2, "C": 0, "D": 1})  # CO_A, the university; CO_B

        b = self.client_for("ent_b")
        self.assertRedirects(b.get("/protection/credit/?year=2024"), f"/protection/credit/{CO_B}/?year=2024", fetch_redirect_response=False)
        mine = b.get(f"/protection/credit/{CO_B}/?year=2024")
        self.assertContains(mine, "重点监管")
        self.assertContains(mine, "K0（行政执法，2023-03-01 结案，侵权成立）")
        self.assertContains(mine, "每季度一次，列入重点监管名单")
        self.assertEqual(b.get(f"/protection/credit/{CO_A}/?year=2024").status_code, 404)
        self.assertEqual([g["uscc"] for g in b.get("/api/credit-grades?year=2024").json()["grades"]], [CO_B])
        self.assertEqual(self.client_for("agency").get(f"/protection/credit/{CO_B}/").status_code, 404)

    def test_a_listing_lowers_the_grade_at_once(self):
        office = self.client_for("office")
        self.assertEqual(office.get("/api/credit-grades?year=2024").json()["summary"]["C"], 0)
        with self.captureOnCommitCallbacks(execute=True):  # the data version moves: cached grades expire
            page = office.post("/protection/filinglisting/add/", {"uscc": CO_A, "name": "", "kind": "非正常专利申请", "listed_on": "2024-05-10",
                                                                   "count": "3", "reference": "国知办函〔2024〕12号", "removed_on": "", "note": ""})
        self.assertEqual(page.status_code, 302)
        self.assertEqual(FilingListing.objects.get().history.latest().history_user.username, "office")
        grades = {g["uscc"]: g for g in office.get("/api/credit-grades?year=2024").json()["grades"]}
        self.assertEqual((grades[CO_A]["grade"], grades[CO_A]["score"]), ("C", 75.0))
        self.assertEqual(grades[CO_A]["reasons"][0]["evidence"], ["非正常专利申请 3 件，2024-05-10 列入（国知办函〔2024〕12号）"])
        page = office.post("/protection/filinglisting/add/", {"uscc": "91140100MA0GRY4T4X", "kind": "非正常专利申请", "listed_on": "2024-05-10", "count": "1"})
        self.assertContains(page, "统一社会信用代码校验位错误：应为 L")
        self.assertEqual(self.client_for("leader").post("/protection/filinglisting/add/", {}).status_code, 403)


class TypicalCases(ProtectionTestCase):
    tables = infringing_tables()

    def test_publishing_hides_personal_data(self):
        office = self.client_for("office")
        anon = Client()
        self.assertNotContains(anon.get("/public/"), "商标侵权案")
        self.assertContains(office.get("/protection/typicalcase/add/?case=K1"), 'name="case" value="K1"', html=False)  # from the case's page
        case = Case.objects.get(case_no="K1")
        page = office.post("/protection/typicalcase/add/", {
            "case": "K1", "title": "示范区智能装备有限公司商标侵权案",
            "summary": "乙诉示范区智能装备有限公司销售侵权商品，经营者张三（电话 13903519876，身份证 140105198001011234）到案说明。",
            "significance": "快速查处。", "hide_parties": "on", "hidden_terms": "张三 => 张某",
        })
        t = TypicalCase.objects.get()
        self.assertRedirects(page, t.get_absolute_url())
        # over the API: the office's own record (the draft, the marked terms) for office and leaders only
        record = office.get("/api/typical-cases").json()["items"][0]
        self.assertEqual((record["case"], record["published"], record["hidden_terms"]), ("K1", False, "张三 => 张某"))
        self.assertEqual(self.client_for("leader").get(f"/api/typical-cases/{t.pk}").json()["title"], "示范区智能装备有限公司商标侵权案")
        self.assertEqual(self.client_for("ent_a").get("/api/typical-cases").json()["count"], 0)
        self.assertEqual(self.client_for("ent_a").get(f"/api/typical-cases/{t.pk}").status_code, 404)
        public_summary = "某某诉某有限公司销售侵权商品，经营者张某（电话 ＊＊＊，身份证 ＊＊＊）到案说明。"
        self.assertContains(office.get(t.get_absolute_url()), public_summary)
        self.assertEqual(anon.get(f"/public/cases/{t.pk}/").status_code, 404)  # a draft

        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(office.post(f"/protection/typicalcase/{t.pk}/publish/").status_code, 302)
        case.refresh_from_db()
        self.assertTrue(case.typical)
        self.assertEqual(case.history.latest().history_change_reason, "发布典型案例")
        page = anon.get(f"/public/cases/{t.pk}/")
        self.assertContains(page, "某有限公司商标侵权案")
        self.assertContains(page, public_summary)
        for secret in ("张三", "13903519876", "140105198001011234", "示范区智能装备有限公司"):
            self.assertNotContains(page, secret)
        portal = anon.get("/public/")
        self.assertContains(portal, "某有限公司商标侵权案")
        self.assertNotContains(portal, "示范区智能装备有限公司商标侵权案")
        api = anon.get("/api/public/typical-cases").json()
        self.assertEqual([(x["title"], x["summary"]) for x in api], [("某有限公司商标侵权案", public_summary)])

        with self.captureOnCommitCallbacks(execute=True):
            office.post(f"/protection/typicalcase/{t.pk}/unpublish/")
        case.refresh_from_db()
        self.assertFalse(case.typical)
        self.assertEqual(anon.get(f"/public/cases/{t.pk}/").status_code, 404)

    def test_only_closed_cases_and_only_the_office(self):
        office = self.client_for("office")
        Case.objects.filter(case_no="K2").update(closed_on=None, outcome=None)
        page = office.post("/protection/typicalcase/add/", {"case": "K2", "title": "t", "summary": "s", "hidden_terms": ""})
        self.assertContains(page, "没有这个已结案、尚未写成典型案例的案件")
        leader = self.client_for("leader")
        self.assertEqual(leader.post("/protection/typicalcase/add/", {"case": "K1", "title": "t", "summary": "s"}).status_code, 403)
        t = TypicalCase.objects.create(case=Case.objects.get(case_no="K1"), title="t", summary="s")
        self.assertEqual(leader.post(f"/protection/typicalcase/{t.pk}/publish/").status_code, 403)
        self.assertEqual(self.client_for("ent_b").get(t.get_absolute_url()).status_code, 404)


class CommandOnTheDatabase(ProtectionTestCase):
    tables = infringing_tables()

    def test_grades_and_infringers_read_the_platforms_listings_and_settings(self):
        import typer
        from typer.testing import CliRunner

        from ipzone.protection.cli import register

        app = typer.Typer()
        register(app)
        db = os.environ["IPZONE_DB"]
        FilingListing.objects.create(uscc=CO_A, kind="恶意商标注册", listed_on=dt.date(2024, 2, 1))
        ProtectionSettings.objects.update_or_create(pk=1, defaults={"window_years": 1})
        result = CliRunner().invoke(app, ["protection", "grades", "--db", db, "--year", "2024", "--format", "json"])
        self.assertEqual(result.exit_code, 0, result.output)
        grades = {g["uscc"]: (g["grade"], g["score"], [r["code"] for r in g["reasons"]]) for g in json.loads(result.stdout)["grades"]}
        # window 1 for the flags: K2 alone, no repeat flag; the credit window (2022–2024) still counts K0–K2
        self.assertEqual(grades, {CO_B: ("D", 45.0, ["infringement"]), CO_A: ("C", 70.0, ["malicious_mark"])})
        result = CliRunner().invoke(app, ["protection", "infringers", "--db", db, "--year", "2024", "--format", "json"])
        self.assertEqual(json.loads(result.stdout)["infringers"], [])
        result = CliRunner().invoke(app, ["protection", "grades", "--db", db, "--year", "2024", "--listings", "x.csv"])
        self.assertEqual(result.exit_code, 2)


class DemoSeed(ProtectionTestCase):
    def test_the_demo_has_cases_in_every_state(self):
        from ipzone.web.core.accounts import create_user
        from ipzone.web.protection.demo import seed

        create_user("demo-office", "office", password="x", validate=False)
        create_user("demo-enterprise", "enterprise", uscc=CO_A, password="x", validate=False)
        added = seed(TODAY)
        # the fixture zone has no free firm to list and no in-zone infringer: one inspection, the demo enterprise's
        self.assertEqual(added, {"proceedings": 9, "listings": 0, "typical_cases": 1, "inspections": 1})
        self.assertEqual(list(Inspection.objects.values_list("record_no", "entity_id", "inspected_on", "kind")),
                         [("JC2024-901", CO_A, dt.date(2024, 11, 28), "双随机抽查")])  # 200 days before 2025-06-16
        stages = sorted(Proceeding.objects.values_list("stage", flat=True))
        self.assertEqual(stages, sorted([wf.SUBMITTED, wf.SUBMITTED, wf.INVESTIGATION, wf.CLOSED, wf.REJECTED, wf.WITHDRAWN,
                                         wf.ADJUDICATION, wf.TRANSFERRED, wf.MEDIATION]))
        overdue = Proceeding.objects.overdue(TODAY)
        self.assertEqual(sorted(p.kind for p in overdue), ["纠纷调解", "行政裁决"])  # the 12-day-old request; 裁决 past its limits
        self.assertEqual(Transfer.objects.filter(direction=Transfer.OUT, returned_on=None).count(), 1)
        self.assertEqual(Transfer.objects.filter(direction=Transfer.IN).values_list("body", flat=True).get(), "太原市中级人民法院")
        self.assertEqual(Proceeding.objects.filter(holder_uscc=CO_A).count(), 6)
        t = TypicalCase.objects.get()
        self.assertTrue(t.published)
        self.assertNotIn("某侵权公司", Client().get(f"/public/cases/{t.pk}/").content.decode())
        self.assertEqual(seed(TODAY), {})  # once per database


class ImportAndExport(ProtectionTestCase):
    tables = infringing_tables()

    def test_listings_import_all_or_nothing(self):
        office = self.client_for("office")
        bad = SimpleUploadedFile("名单.csv", f"统一社会信用代码,类型,列入日期\n{CO_A},非正常专利申请,2024-05-10\n{CO_B},抄袭,2024-05-10\n".encode("gb18030"))
        page = office.post("/protection/filinglisting/import/", {"file": bad})
        self.assertContains(page, "名单.csv，第 3 行，列「类型」：应为非正常专利申请或恶意商标注册（值：&#x27;抄袭&#x27;）", status_code=400)
        self.assertEqual(FilingListing.objects.count(), 0)
        good = SimpleUploadedFile("名单.csv", f"统一社会信用代码,类型,列入日期,件数\n{CO_A},非正常专利申请,2024/5/10,2\n".encode("gb18030"))
        self.assertRedirects(office.post("/protection/filinglisting/import/", {"file": good}), "/protection/filinglisting/")
        listed = office.get("/api/filing-listings?current=true").json()
        self.assertEqual([(r["uscc"], r["kind"], r["listed_on"], r["count"]) for r in listed["items"]], [(CO_A, "非正常专利申请", "2024-05-10", 2)])
        self.assertEqual(self.client_for("ent_a").get("/api/filing-listings").json()["count"], 0)
        page = office.get("/protection/filinglisting/")
        self.assertContains(page, '<a class="button" href="/protection/filinglisting/add/">新增</a>', html=False)
        self.assertContains(page, '<a class="button" href="/protection/filinglisting/import/">从 CSV 导入</a>', html=False)
        self.assertContains(page, "办公室列入的非正常专利申请、恶意商标注册主体")
        self.assertEqual(list(FilingListing.objects.values_list("uscc", "count", "note")), [(CO_A, 2, "导入 名单.csv")])
        self.assertEqual(self.client_for("leader").post("/protection/filinglisting/import/", {"file": good}).status_code, 403)

    def test_csv_exports_are_restricted_and_formula_safe(self):
        self.submit("ent_a", respondent="=HYPERLINK(\"http://x\")")
        self.submit("ent_b", respondent="乙的被诉方")
        page = self.client_for("ent_a").get("/protection/proceeding/?export=csv")
        self.assertEqual(page["Content-Type"], "text/csv; charset=utf-8")
        lines = page.content.decode("utf-8-sig").splitlines()
        self.assertEqual(lines[0].split(",")[:3], ["案件编号", "申请编号", "来源"])
        self.assertEqual(len(lines), 2)
        self.assertIn(',"\'=HYPERLINK(""http://x"")",', lines[1])
        self.assertEqual(len(self.client_for("office").get("/protection/proceeding/?export=csv").content.decode("utf-8-sig").splitlines()), 3)
        self.assertEqual(self.client_for("agency").get("/protection/proceeding/?export=csv").status_code, 403)
        grades = self.client_for("office").get("/protection/credit/?year=2024&grade=D&export=csv").content.decode("utf-8-sig").splitlines()
        self.assertEqual(grades, [
            "统一社会信用代码,名称,年度,等级,分数,检查频次,原因",
            f"{CO_B},示范区智能装备有限公司,2024,D,35,每季度一次，列入重点监管名单,侵权成立（作为被诉方）×3（-45）；重复侵权或恶意侵权×1（-10）",
        ])
