"""政策兑现 in the platform: computation, claims, isolation, review, announcement, payment, spending.

The hand-computed policy zone (tests/fixtures_policies.py) is loaded once per class; the engine
reads the stand-in reference tables through a zone configuration, as the demo platform does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client, TestCase, override_settings
from django.utils import timezone
from fixtures_engine import E1, E2, PI_ROWS, SEI_ROWS, references
from fixtures_policies import Q, policy_dataset

from ipzone.convert import write_parquet
from ipzone.indicators import Engine
from ipzone.policies import compute, samples
from ipzone.web.core.accounts import create_user
from ipzone.web.export import dataset as exported
from ipzone.web.load import load
from ipzone.web.policies import service
from ipzone.web.policies.models import (
    Announcement,
    Attachment,
    Computation,
    Entitlement,
    EntitlementItem,
    Objection,
    Payment,
    Policy,
    PolicyVersion,
)
from web_helpers import PASSWORD, reset_caches

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n% test\n"


def _zone() -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="ipzone-policy-zone-"))
    write_parquet(policy_dataset(), folder / "zone")
    for name, rows in (("sei.csv", SEI_ROWS), ("pi.csv", PI_ROWS)):
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    config = folder / "zone.toml"
    config.write_text(
        '[references]\nsei = {path = "sei.csv", edition = "测试版 2021", coverage = "complete"}\n'
        'patent_intensive = {path = "pi.csv", edition = "测试版 2019", coverage = "partial"}\n',
        encoding="utf-8",
    )
    return folder / "zone", config


ZONE, CONFIG = _zone()


@override_settings(ZONE_CONFIG=str(CONFIG))
class PolicyCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        reset_caches()
        result = load(ZONE)
        assert result.ok, result.report.errors
        users = {"office": ("office", None), "leader": ("leader", None), "e1": ("enterprise", E1), "e2": ("enterprise", E2), "agency": ("agency", None)}
        cls.users = {n: create_user(n, role, uscc=uscc, password=PASSWORD)[0] for n, (role, uscc) in users.items()}
        cls.hv = Policy.objects.get(name="hv-grant-reward")
        with override_settings(ZONE_CONFIG=str(CONFIG)):
            cls.comp = service.compute_and_store(cls.hv.current, 2023, cls.users["office"], as_of=dt.date(2023, 12, 31))

    def setUp(self):
        reset_caches()

    def as_user(self, name: str) -> Client:
        c = Client()
        c.force_login(self.users[name])
        return c

    def ent(self, uscc: str) -> Entitlement:
        return Entitlement.objects.get(computation=self.comp, uscc=uscc)

    def confirm(self, name: str, uscc: str, **extra):
        data = {"bank_account_name": "甲公司", "bank_name": "某银行太原分行", "bank_account": "6222 0000 1111 2222", "contact_name": "张经理", "contact_phone": "0351-1234567", **extra}
        return self.as_user(name).post(f"/policies/entitlement/{self.ent(uscc).pk}/confirm/", data)


class Computing(PolicyCase):
    def test_the_samples_are_in_the_platform_from_the_start(self):
        self.assertEqual(sorted(Policy.objects.values_list("name", flat=True)), sorted(p.name for p in samples()))
        self.assertEqual(set(PolicyVersion.objects.values_list("version", flat=True)), {1})

    def test_every_role_reads_the_policies_and_the_stopped_one_is_marked(self):
        for name in ("office", "leader", "e1", "agency"):
            page = self.as_user(name).get("/policies/")
            self.assertContains(page, '<tr data-policy="application-reward"><td><a href="/policies/policy/', msg_prefix=name)
            self.assertContains(page, "已停止")
        self.assertEqual(Client().get("/policies/").status_code, 302)  # anonymous: to the login page
        self.assertContains(self.as_user("e1").get("/policies/"), "我的政策待遇")

    def test_computation_stores_the_hand_computed_entitlements(self):
        got = {e.uscc: (e.amount, sorted(e.items.values_list("item_no", flat=True))) for e in self.comp.entitlements.all()}
        # no payment recorded in the platform yet: Q5 (rewarded in 2021 under the CLI record) is entitled here
        self.assertEqual(got, {E1: (Decimal("2"), sorted([Q[1], Q[11]])), E2: (Decimal("2"), sorted([Q[5], Q[10]]))})
        self.assertEqual(self.comp.total, Decimal("2") + Decimal("2"))
        self.assertEqual({x["id"]: x["rule"] for x in self.comp.excluded}[Q[6]], "hold:infringement")
        self.assertEqual(EntitlementItem.objects.get(item_no=Q[1]).once_key, f"patent:{Q[1]}")

    def test_loaded_data_computes_as_the_dataset_itself(self):
        """The same entitlements from `ipzone load`ed data (the platform's export) and from the files."""
        policy = self.hv.current.parsed()
        a = compute(Engine(exported(), refs=references()), policy, 2023)
        b = compute(Engine(policy_dataset(), refs=references()), policy, 2023)
        self.assertEqual([(e.uscc, e.amount, [i.id for i in e.items]) for e in a.entitlements], [(e.uscc, e.amount, [i.id for i in e.items]) for e in b.entitlements])
        self.assertEqual([(x.id, x.rule) for x in a.excluded], [(x.id, x.rule) for x in b.excluded])

    def test_a_new_computation_withdraws_unpaid_entitlements(self):
        again = service.compute_and_store(self.hv.current, 2023, self.users["office"], as_of=dt.date(2023, 12, 31))
        self.comp.refresh_from_db()
        self.assertTrue(self.comp.superseded)
        self.assertEqual(set(self.comp.entitlements.values_list("status", flat=True)), {Entitlement.WITHDRAWN})
        self.assertEqual(again.entitlements.count(), 2)
        self.assertEqual(self.as_user("e1").get(f"/policies/entitlement/{self.ent(E1).pk}/").status_code, 404)  # withdrawn: gone for the enterprise

    def test_a_stopped_policy_cannot_be_computed(self):
        stopped = Policy.objects.get(name="application-reward")
        c = self.as_user("office")
        response = c.post(f"/policies/policy/{stopped.pk}/compute/", {"year": 2021}, follow=True)
        self.assertContains(response, "不能核算：政策已停用（enabled = false）：晋综示发〔2022〕26号 任务1：全面取消对专利、商标申请阶段的奖励补助")
        self.assertFalse(Computation.objects.filter(version__policy=stopped).exists())

    def test_office_computes_from_the_page(self):
        interest = Policy.objects.get(name="pledge-interest-subsidy")
        response = self.as_user("office").post(f"/policies/policy/{interest.pk}/compute/", {"year": 2023, "as_of": "2023-12-31"}, follow=True)
        self.assertContains(response, "已核算：2 户，合计 90 万元")
        page = response.content.decode()
        self.assertIn("已达每户每年上限 50 万元", page)


class Editing(PolicyCase):
    def test_an_edit_is_a_new_version(self):
        text = self.hv.current.text.replace("amount = 1.0 ", "amount = 1.5 ")
        response = self.as_user("office").post(f"/policies/policy/{self.hv.pk}/edit/", {"text": text, "note": "奖励提高到 1.5 万元"})
        self.assertRedirects(response, self.hv.get_absolute_url(), fetch_redirect_response=False)
        v = self.hv.current
        self.assertEqual((v.version, v.note, v.created_by.username), (2, "奖励提高到 1.5 万元", "office"))
        self.assertEqual(v.parsed().payment.amount, Decimal("1.5"))
        self.assertIn("version = 2", v.text)
        self.assertEqual(PolicyVersion.objects.get(policy=self.hv, version=1).parsed().payment.amount, Decimal("1.0"))
        history = self.as_user("leader").get(f"/policies/policy/{self.hv.pk}/history/")
        self.assertContains(history, "+amount = 1.5")

    def test_a_bad_edit_is_refused_with_every_problem(self):
        text = self.hv.current.text.replace('kind = "fixed"', 'kind = "lump"').replace("budget = 200", 'budget = "多"')
        response = self.as_user("office").post(f"/policies/policy/{self.hv.pk}/edit/", {"text": text, "note": "x"})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "政策文件有 2 处问题，未保存", status_code=422)
        self.assertContains(response, "应为以下之一：&#x27;fixed&#x27;, &#x27;rate&#x27; or &#x27;fee_share&#x27;", status_code=422)
        self.assertEqual(self.hv.versions.count(), 1)

    def test_only_the_office_edits(self):
        for name in ("leader", "e1", "agency"):
            self.assertEqual(self.as_user(name).get(f"/policies/policy/{self.hv.pk}/edit/").status_code, 403, name)
            self.assertEqual(self.as_user(name).post(f"/policies/policy/{self.hv.pk}/compute/", {"year": 2023}).status_code, 403, name)
        self.assertEqual(self.as_user("e1").get(f"/policies/policy/{self.hv.pk}/").status_code, 200)  # the rules are public


class Claims(PolicyCase):
    def test_an_enterprise_sees_only_its_own_entitlements(self):
        c = self.as_user("e1")
        page = c.get("/policies/entitlement/")
        self.assertContains(page, "甲公司")
        self.assertNotContains(page, "乙公司")
        api = c.get("/api/entitlements").json()
        self.assertEqual([(e["uscc"], e["amount"]) for e in api["items"]], [(E1, 2.0)])
        self.assertEqual(c.get(f"/api/entitlements/{self.ent(E2).pk}").status_code, 404)

    def test_an_enterprise_cannot_claim_another_enterprises_entitlement(self):
        other = self.ent(E2)
        response = self.confirm("e1", E2)
        self.assertEqual(response.status_code, 404)
        dispute = self.as_user("e1").post(f"/policies/entitlement/{other.pk}/dispute/", {"reason": "是我的"})
        self.assertEqual(dispute.status_code, 404)
        self.assertEqual(self.as_user("e1").get(f"/policies/entitlement/{other.pk}/").status_code, 404)
        other.refresh_from_db()
        self.assertEqual((other.status, other.bank_account, other.claimed_by), (Entitlement.COMPUTED, "", None))

    def test_confirm_with_bank_account_and_contact(self):
        response = self.confirm("e1", E1)
        self.assertRedirects(response, self.ent(E1).get_absolute_url(), fetch_redirect_response=False)
        e = self.ent(E1)
        self.assertEqual((e.status, e.bank_account, e.contact_phone, e.claimed_by.username, e.on_behalf), ("confirmed", "6222000011112222", "0351-1234567", "e1", False))
        self.assertEqual(e.history.first().history_change_reason, "企业确认")

    def test_a_bad_bank_account_is_refused(self):
        response = self.confirm("e1", E1, bank_account="12ab")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "银行账号应为 8–32 位数字（可含空格） / the bank account should be 8–32 digits (spaces allowed)", status_code=400)
        self.assertEqual(self.ent(E1).status, Entitlement.COMPUTED)

    def test_a_bad_phone_or_a_missing_field_is_refused_in_both_languages(self):
        response = self.confirm("e1", E1, contact_phone="电话", bank_name="")
        self.assertContains(response, "联系电话应为 7–20 位数字，可含 + - ( ) 和空格 / the phone number should be 7–20 digits; + - ( ) and spaces allowed", status_code=400)
        self.assertContains(response, "必填，不能为空 / required, must not be empty", status_code=400)
        long = self.as_user("e2").post(f"/policies/entitlement/{self.ent(E2).pk}/dispute/", {"reason": "长" * 2001})
        self.assertContains(long, "最多 2000 个字符（现有 2001 个） / at most 2000 characters (2001 given)", status_code=400)
        self.assertEqual(self.ent(E1).status, Entitlement.COMPUTED)

    def test_dispute_with_reason_and_attachments(self):
        e = self.ent(E2)
        upload = SimpleUploadedFile("说明.pdf", PDF, content_type="application/pdf")
        response = self.as_user("e2").post(f"/policies/entitlement/{e.pk}/dispute/", {"reason": "Q9 的失效日期有误", "attachments": [upload]})
        self.assertEqual(response.status_code, 302)
        e.refresh_from_db()
        self.assertEqual((e.status, e.dispute_reason), ("disputed", "Q9 的失效日期有误"))
        a = Attachment.objects.get(entitlement=e)
        self.assertEqual((a.name, a.size), ("说明.pdf", len(PDF)))
        download = self.as_user("e2").get(f"/policies/attachment/{a.pk}/")
        self.assertEqual(b"".join(download.streaming_content), PDF)
        self.assertEqual(self.as_user("e1").get(f"/policies/attachment/{a.pk}/").status_code, 404)

    def test_attachments_are_checked(self):
        e = self.ent(E2)

        def dispute(*files):
            return self.as_user("e2").post(f"/policies/entitlement/{e.pk}/dispute/", {"reason": "x", "attachments": list(files)})

        fake = SimpleUploadedFile("说明.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        self.assertContains(dispute(fake), "附件「说明.pdf」：内容不是 .pdf 文件（扩展名与内容不符） / attachment 说明.pdf: the content is not a .pdf file", status_code=400)
        exe = SimpleUploadedFile("a.exe", b"MZ", content_type="application/octet-stream")
        self.assertContains(dispute(exe), "附件「a.exe」：不接受此类文件（.exe），只收 pdf、ofd、docx、xlsx、doc、xls、jpg、jpeg、png / "
                                          "attachment a.exe: file type not accepted (.exe); allowed: pdf, ofd, docx, xlsx, doc, xls, jpg, jpeg, png", status_code=400)
        bare = SimpleUploadedFile("说明", PDF)
        self.assertContains(dispute(bare), "附件「说明」：不接受此类文件（无扩展名），只收 pdf、", status_code=400)
        self.assertContains(dispute(bare), "attachment 说明: file type not accepted (no extension); allowed: pdf, ", status_code=400)
        empty = SimpleUploadedFile("空.png", b"")
        self.assertContains(dispute(empty), "附件「空.png」：空文件 / attachment 空.png: the file is empty", status_code=400)
        six = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(6)]
        self.assertContains(dispute(*six), "一次最多上传 5 个文件，收到 6 个 / at most 5 files at a time, got 6", status_code=400)
        with self.settings(ATTACHMENT_MAX_BYTES=10):
            big = SimpleUploadedFile("big.pdf", PDF, content_type="application/pdf")
            self.assertContains(dispute(big), "附件「big.pdf」：16 B，超过 10 B 的上限 / attachment big.pdf: 16 B is over the 10 B limit", status_code=400)
        self.assertFalse(Attachment.objects.exists())
        self.assertEqual(self.ent(E2).status, Entitlement.COMPUTED)
        # every kind by its first bytes: a Word file, a scanned image, an OFD are taken
        files = [SimpleUploadedFile("a.docx", b"PK\x03\x04 rest"), SimpleUploadedFile("b.jpg", b"\xff\xd8\xff\xe0 jfif"), SimpleUploadedFile("c.ofd", b"PK\x03\x04 ofd")]
        self.assertEqual(dispute(*files).status_code, 302)
        self.assertEqual(sorted(Attachment.objects.filter(entitlement=e).values_list("name", flat=True)), ["a.docx", "b.jpg", "c.ofd"])

    def test_the_office_confirms_on_behalf_and_the_leader_cannot(self):
        self.assertEqual(self.confirm("leader", E2).status_code, 404)
        self.assertEqual(self.confirm("office", E2).status_code, 302)
        e = self.ent(E2)
        self.assertEqual((e.status, e.on_behalf), ("confirmed", True))
        self.assertEqual(e.history.first().history_change_reason, "办公室代为确认")


class Workflow(PolicyCase):
    """claim → review → announcement → payment list → payment, and nothing paid twice."""

    def approve_and_announce(self, starts_on: dt.date):
        self.confirm("e1", E1, bank_account_name="=HYPERLINK(\"http://x\",\"点我\")")
        self.as_user("e2").post(f"/policies/entitlement/{self.ent(E2).pk}/dispute/", {"reason": "金额有误"})
        office = self.as_user("office")
        ids = [self.ent(E1).pk, self.ent(E2).pk]
        response = office.post(f"/policies/computation/{self.comp.pk}/review/", {"decision": "approve", "reason": "核对无误", "ids": ids}, follow=True)
        self.assertContains(response, "已核准 2 户")
        response = office.post(f"/policies/computation/{self.comp.pk}/announce/", {"starts_on": starts_on.isoformat(), "days": 7, "note": "请监督"}, follow=True)
        self.assertContains(response, "已发布公示")
        return Announcement.objects.get(computation=self.comp)

    def test_the_leader_sees_but_cannot_review(self):
        c = self.as_user("leader")
        self.assertEqual(c.get(self.comp.get_absolute_url()).status_code, 200)
        self.assertEqual(c.post(f"/policies/computation/{self.comp.pk}/review/", {"decision": "approve", "reason": "x", "ids": [self.ent(E1).pk]}).status_code, 403)
        self.assertEqual(self.as_user("e1").get(self.comp.get_absolute_url()).status_code, 403)

    def test_claim_review_announce_pay(self):
        a = self.approve_and_announce(TODAY - dt.timedelta(days=10))
        self.assertEqual(set(Entitlement.objects.filter(computation=self.comp).values_list("status", flat=True)), {"approved"})
        self.assertEqual([r["name"] for r in a.snapshot], ["乙公司", "甲公司"])
        # the payment list: every text cell is text, formula-like text neutralised
        xlsx = self.as_user("office").get(f"/policies/computation/{self.comp.pk}/payment-list.xlsx")
        self.assertEqual(xlsx.status_code, 200)
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        payees = list(wb["支付清单"].iter_rows(values_only=True))
        self.assertEqual(payees[0][:7], ("序号", "政策", "年度", "统一社会信用代码", "名称", "金额（万元）", "金额（元）"))
        e1 = next(r for r in payees if r[3] == E1)
        self.assertEqual((e1[5], e1[6], e1[7], e1[9]), (2, 20000, "'=HYPERLINK(\"http://x\",\"点我\")", "6222000011112222"))
        items = list(wb["支付明细"].iter_rows(values_only=True))
        self.assertEqual(sorted(r[3] for r in items[1:]), sorted([Q[1], Q[11], Q[5], Q[10]]))
        self.assertEqual(self.as_user("leader").get(f"/policies/computation/{self.comp.pk}/payment-list.xlsx").status_code, 403)
        # pay
        ids = [self.ent(E1).pk, self.ent(E2).pk]
        response = self.as_user("office").post(f"/policies/computation/{self.comp.pk}/pay/", {"ids": ids, "paid_on": TODAY.isoformat(), "reference": "PZ-2024-001"}, follow=True)
        self.assertContains(response, "已登记支付 2 户")
        self.assertEqual(Payment.objects.count(), 4)
        self.assertEqual(set(Entitlement.objects.filter(computation=self.comp).values_list("status", flat=True)), {"paid"})
        self.assertEqual(service.payable(self.comp).count(), 0)
        listed = self.as_user("leader").get("/policies/payment/?policy=hv-grant-reward")
        self.assertContains(listed, "4 项 · 合计 4 万元")
        self.assertContains(listed, "PZ-2024-001")
        # computed again, the paid patents are excluded as already rewarded (the platform's record)
        again = service.compute_and_store(self.hv.current, 2023, self.users["office"], as_of=dt.date(2023, 12, 31))
        self.assertEqual(again.entitlements.count(), 0)
        self.assertEqual({x["id"] for x in again.excluded if x["rule"] == "paid_before"}, {Q[1], Q[11], Q[5], Q[10]})
        self.assertEqual(set(Entitlement.objects.filter(computation=self.comp).values_list("status", flat=True)), {"paid"})  # paid stay paid

    def test_not_payable_before_the_announcement_ends_or_with_an_open_objection(self):
        a = self.approve_and_announce(TODAY)
        self.assertEqual(service.payable(self.comp).count(), 0)  # still being announced
        # anyone may object during the period, from the public page
        public = Client()
        page = public.get(f"/policies/public/{a.pk}/")
        self.assertContains(page, "甲公司")
        self.assertContains(public.get("/policies/public/"), "高价值发明专利授权奖励")
        self.assertEqual([b["name"] for b in public.get("/api/public/announcements").json()[0]["beneficiaries"]], ["乙公司", "甲公司"])
        proof = SimpleUploadedFile("转让合同.pdf", PDF, content_type="application/pdf")
        response = public.post(f"/policies/public/{a.pk}/", {"entitlement": self.ent(E1).pk, "name": "王某", "contact": "13800000000", "reason": "Q11 不是甲公司的", "attachments": [proof]})
        self.assertEqual(response.status_code, 302)
        o = Objection.objects.get()
        self.assertEqual((o.entitlement.uscc, o.status), (E1, "open"))
        # the objector's file: for the office and the leader, not for the enterprise objected to
        f = Attachment.objects.get()
        self.assertEqual((f.objection, f.entitlement, f.name, f.size, f.uploaded_by), (o, None, "转让合同.pdf", len(PDF), None))
        self.assertContains(self.as_user("office").get(self.comp.get_absolute_url()), f'<a href="/policies/attachment/{f.pk}/">转让合同.pdf</a>')
        self.assertEqual(b"".join(self.as_user("leader").get(f"/policies/attachment/{f.pk}/").streaming_content), PDF)
        self.assertEqual(self.as_user("e1").get(f"/policies/attachment/{f.pk}/").status_code, 404)
        self.assertNotContains(self.as_user("e1").get(f"/policies/entitlement/{self.ent(E1).pk}/"), "转让合同.pdf")
        self.assertEqual(public.get(f"/policies/attachment/{f.pk}/").status_code, 302)  # to the login page
        # after the period, an open objection still blocks that entitlement
        Announcement.objects.filter(pk=a.pk).update(starts_on=TODAY - dt.timedelta(days=10), ends_on=TODAY - dt.timedelta(days=3))
        self.assertEqual([e.uscc for e in service.payable(self.comp)], [E2])
        response = self.as_user("office").post(f"/policies/objection/{o.pk}/resolve/", {"decision": "upheld", "resolution": "经核实 Q11 权利人有误"}, follow=True)
        self.assertContains(response, "异议已处理")
        e1 = self.ent(E1)
        self.assertEqual((e1.status, e1.review_reason), ("rejected", "公示异议成立：经核实 Q11 权利人有误"))
        closed = public.post(f"/policies/public/{a.pk}/", {"name": "李某", "contact": "1", "reason": "晚了"})
        self.assertContains(closed, "公示期外不能提出异议 / objections can be filed only during the announcement period", status_code=400)
        self.assertNotContains(closed, "<h2>提出异议</h2>", status_code=400)  # no form after the period
        self.assertEqual(Objection.objects.count(), 1)

    def test_a_bad_objection_is_refused_in_both_languages(self):
        a = self.approve_and_announce(TODAY)
        public = Client()
        renamed = SimpleUploadedFile("证据.pdf", b"MZ\x90\x00\x03 an executable", content_type="application/pdf")
        response = public.post(f"/policies/public/{a.pk}/", {"name": "王某", "contact": "", "reason": "x", "attachments": [renamed]})
        self.assertContains(response, "附件「证据.pdf」：内容不是 .pdf 文件（扩展名与内容不符） / attachment 证据.pdf: the content is not a .pdf file", status_code=400)
        self.assertContains(response, "必填，不能为空 / required, must not be empty", status_code=400)  # the contact
        response = public.post(f"/policies/public/{a.pk}/", {"entitlement": "999999", "name": "王某", "contact": "1", "reason": "x"})
        self.assertContains(response, "「999999」不是可选的值 / 999999 is not one of the choices", status_code=400)
        self.assertEqual((Objection.objects.count(), Attachment.objects.count()), (0, 0))

    @override_settings(PUBLIC_OBJECTIONS_PER_HOUR=2)
    def test_one_address_may_object_a_few_times_an_hour(self):
        from django.core.cache import cache

        cache.clear()
        a = self.approve_and_announce(TODAY)
        public = Client(REMOTE_ADDR="203.0.113.7")
        form = {"name": "王某", "contact": "13800000000", "reason": "Q11 不是甲公司的"}
        self.assertEqual(public.post(f"/policies/public/{a.pk}/", {**form, "contact": ""}).status_code, 400)  # refused, but counted
        self.assertEqual(public.post(f"/policies/public/{a.pk}/", form).status_code, 302)
        third = public.post(f"/policies/public/{a.pk}/", form)
        self.assertContains(third, "同一网络地址每小时最多提交 2 次异议，请稍后再试 / at most 2 objections an hour from one address; try again later", status_code=429)
        self.assertEqual(Client(REMOTE_ADDR="203.0.113.8").post(f"/policies/public/{a.pk}/", form).status_code, 302)  # another address
        self.assertEqual(Objection.objects.count(), 2)

    def test_office_forms_say_what_is_wrong_in_both_languages(self):
        a = self.approve_and_announce(TODAY - dt.timedelta(days=10))
        office = self.as_user("office")
        tomorrow = TODAY + dt.timedelta(days=2)
        response = office.post(f"/policies/computation/{self.comp.pk}/pay/", {"ids": [self.ent(E1).pk], "paid_on": tomorrow.isoformat(), "reference": "PZ"}, follow=True)
        self.assertContains(response, "请选择支付对象并填写支付日期和凭证号 / choose what to pay and enter the payment date and reference")
        self.assertContains(response, "支付日期：支付日期不能晚于今天 / the payment date cannot be later than today")
        response = office.post(f"/policies/computation/{self.comp.pk}/announce/", {"starts_on": "2024-13-01", "days": 31}, follow=True)
        self.assertContains(response, "公示开始：日期应写作 YYYY-MM-DD，如 2024-03-05 / a date like 2024-03-05 expected")
        self.assertContains(response, "公示天数：不能大于 30 / must be at most 30")
        response = office.post(f"/policies/computation/{self.comp.pk}/announce/", {"starts_on": TODAY.isoformat(), "days": 7}, follow=True)
        self.assertContains(response, "没有待公示的已核准对象 / no approved entitlement waits for announcement")
        o = Objection.objects.create(announcement=a, name="王某", contact="1", reason="x", status=Objection.DISMISSED)
        response = office.post(f"/policies/objection/{o.pk}/resolve/", {"decision": "upheld", "resolution": "y"}, follow=True)
        self.assertContains(response, "该异议已处理 / the objection was already resolved")
        self.assertEqual(Payment.objects.count(), 0)

    def test_the_database_refuses_to_pay_an_item_twice(self):
        item = EntitlementItem.objects.get(item_no=Q[1])
        Payment.objects.create(item=item, once_key=item.once_key, policy="hv-grant-reward", year=2023, kind="patent", item_no=Q[1], amount=1, paid_on=TODAY, reference="A")
        other = EntitlementItem.objects.get(item_no=Q[11])
        with self.assertRaises(IntegrityError), transaction.atomic():
            Payment.objects.create(item=other, once_key=item.once_key, policy="x", year=2023, kind="patent", item_no=Q[1], amount=1, paid_on=TODAY, reference="B")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Payment.objects.create(item=item, once_key="another-key", policy="x", year=2023, kind="patent", item_no=Q[1], amount=1, paid_on=TODAY, reference="C")
        self.assertEqual(Payment.objects.count(), 1)

    def test_a_second_payment_through_the_workflow_records_nothing(self):
        """Two computations entitle the same patent (a policy paying once across policies and years):
        the second payment is refused by the database, and none of that batch is recorded."""
        self.approve_and_announce(TODAY - dt.timedelta(days=10))
        e1 = self.ent(E1)
        item = e1.items.get(item_no=Q[1])
        Payment.objects.create(item=EntitlementItem.objects.create(entitlement=self.ent(E2), kind="patent", item_no="X", amount=1, once_key=item.once_key),
                               once_key=item.once_key, policy="other", year=2022, kind="patent", item_no=Q[1], amount=1, paid_on=TODAY, reference="OLD")
        response = self.as_user("office").post(f"/policies/computation/{self.comp.pk}/pay/", {"ids": [e1.pk, self.ent(E2).pk], "paid_on": TODAY.isoformat(), "reference": "PZ-2"}, follow=True)
        self.assertContains(response, f"数据库拒绝重复支付：{Q[1]} 已支付过；本次未登记任何支付")
        self.assertEqual(Payment.objects.filter(reference="PZ-2").count(), 0)
        self.assertEqual(self.ent(E1).status, "approved")


class Spending(PolicyCase):
    def test_leaders_see_budget_committed_and_paid_against_the_indicators(self):
        self.confirm("e1", E1)
        self.as_user("office").post(f"/policies/computation/{self.comp.pk}/review/", {"decision": "approve", "reason": "ok", "ids": [self.ent(E1).pk]})
        data = service.spending(2023)
        hv = next(p for p in data["policies"] if p["policy"] == "hv-grant-reward")
        self.assertEqual((hv["budget"], hv["entitled"], hv["committed"], hv["paid"], hv["beneficiaries"]), (200.0, 4.0, 2.0, 0.0, 2))
        self.assertEqual(hv["top"][0], {"uscc": E1, "name": "甲公司", "amount": 2.0})
        page = self.as_user("leader").get("/policies/spending/?year=2023")
        self.assertContains(page, "高价值发明专利授权奖励")
        self.assertContains(page, "每万人口高价值发明专利拥有量")
        self.assertEqual(self.as_user("leader").get("/api/policy-spending?year=2023").json(), data)
        self.assertEqual(self.as_user("e1").get("/policies/spending/").status_code, 403)
        self.assertEqual(self.as_user("e1").get("/api/policy-spending?year=2023").status_code, 403)
        self.assertNotIn("application-reward", [p["policy"] for p in data["policies"]])
