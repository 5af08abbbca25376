"""Notices (消息): who is told what, once, in their own inbox only, and by e-mail when configured."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core import mail
from django.test import Client, TestCase, override_settings

import test_web_policies as P
from ipzone.web.core.accounts import create_user
from ipzone.web.notices import daily
from ipzone.web.notices.models import Notice
from ipzone.web.notices.sending import notify
from ipzone.web.programme import tracking
from ipzone.web.programme.models import Meeting, PlanTask, ProgressReport
from ipzone.web.protection import casework
from ipzone.web.protection.models import Proceeding
from web_helpers import PASSWORD, load_tables, make_users, reset_caches

D = dt.date
TODAY = D(2025, 6, 16)  # a Monday


def titles(user) -> list[str]:
    return list(Notice.objects.filter(user=user).order_by("pk").values_list("title", flat=True))


class NoticeCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()
        cls.users = make_users()
        tracking.seed()
        cls.users["dep_finance"] = create_user("dep_finance", "department", department="finance", password=PASSWORD)[0]
        cls.users["dep_market"] = create_user("dep_market", "department", department="market", password=PASSWORD)[0]

    def setUp(self):
        reset_caches()
        patcher = mock.patch.object(casework, "today", return_value=TODAY)
        patcher.start()
        self.addCleanup(patcher.stop)

    def as_user(self, name: str) -> Client:
        c = Client()
        c.force_login(self.users[name])
        return c

    def request(self) -> Proceeding:
        form = {"kind": "维权援助", "right_kind": "商标", "respondent": "晋泽市某某商行", "respondent_uscc": "", "facts": "对方销售假冒商品。",
                "claims": "", "amount": "", "contact_name": "王经理", "contact_phone": "13903511234"}
        self.assertEqual(self.as_user("ent_a").post("/protection/proceeding/request/", form).status_code, 302)
        return Proceeding.objects.latest("pk")

    def act(self, p, action, **data):
        return self.as_user("office").post(f"/protection/proceeding/{p.pk}/{action}/", {f"{action}-{k}": v for k, v in data.items()})


class CaseNotices(NoticeCase):
    def test_the_applicant_hears_of_each_stage_and_the_handler_of_the_assignment(self):
        p = self.request()
        self.assertEqual(titles(self.users["ent_a"]), [])  # its own submission tells it nothing
        self.act(p, "accept", on="2025-06-16", case_no="晋泽维援〔2025〕12号", handler=self.users["office"].pk, note="已受理，请补充证据")
        self.act(p, "close", on="2025-06-16", outcome="调解成功", amount="", note="达成调解协议")
        ref = f"SQ20250616-{p.pk:05d}"
        self.assertEqual(titles(self.users["ent_a"]), [
            f"案件 晋泽维援〔2025〕12号（申请 {ref}）：受理",
            f"案件 晋泽维援〔2025〕12号（申请 {ref}）：结案",
        ])
        first = Notice.objects.filter(user=self.users["ent_a"]).earliest("pk")
        self.assertEqual((first.kind, first.body, first.url), ("case", "已受理，请补充证据", f"/protection/proceeding/{p.pk}/"))
        self.assertEqual(titles(self.users["office"]), ["承办：晋泽维援〔2025〕12号（维权援助，山西晋创新材料科技有限公司 诉 晋泽市某某商行）"])
        self.assertEqual(titles(self.users["ent_b"]), [])

    def test_the_inbox_is_the_users_own_and_opening_a_notice_marks_it_read(self):
        p = self.request()
        self.act(p, "reject", on="2025-06-16", note="不属于受理范围")
        a, b = self.as_user("ent_a"), self.as_user("ent_b")
        page = a.get("/notices/")
        self.assertContains(page, '消息 <span class="badge unread">1</span>', html=False)
        self.assertContains(page, f"<strong>申请 SQ20250616-{p.pk:05d}：不予受理</strong>", html=False)
        self.assertContains(page, "不属于受理范围")
        self.assertNotContains(b.get("/notices/"), "不予受理")
        n = Notice.objects.get(user=self.users["ent_a"])
        self.assertEqual(b.get(f"/notices/{n.pk}/").status_code, 404)  # another user's notice does not exist for it
        self.assertRedirects(a.get(f"/notices/{n.pk}/"), f"/protection/proceeding/{p.pk}/")
        n.refresh_from_db()
        self.assertIsNotNone(n.read_at)
        self.assertNotContains(a.get("/notices/"), 'class="badge unread"')
        self.assertContains(a.get("/notices/?unread=1"), "没有消息。")
        # the same inbox over the API
        data = a.get("/api/notices").json()
        self.assertEqual((data["count"], data["unread"], data["items"][0]["title"], data["items"][0]["read"]),
                         (1, 0, f"申请 SQ20250616-{p.pk:05d}：不予受理", True))
        self.assertEqual(b.get("/api/notices").json(), {"count": 0, "unread": 0, "items": []})
        self.assertEqual(b.post(f"/api/notices/{n.pk}/read").status_code, 404)


class ProgressNotices(NoticeCase):
    def test_a_returned_report_is_told_to_its_department_only(self):
        task = PlanTask.objects.get(code="7")
        r = ProgressReport.objects.create(task=task, department_id="market", year=2025, quarter=1, content="完成立项",
                                          state=ProgressReport.SUBMITTED)
        self.as_user("office").post(f"/programme/progressreport/{r.pk}/return/", {"note": "请补充经费使用情况"})
        self.assertEqual(titles(self.users["dep_market"]), ["季度进展被退回：7 2025年第1季度"])
        self.assertEqual(Notice.objects.get(user=self.users["dep_market"]).body, "请补充经费使用情况")
        self.assertEqual(titles(self.users["dep_finance"]), [])
        r.refresh_from_db()
        r.save()  # saved again while returned: no second notice
        self.assertEqual(Notice.objects.filter(kind="progress").count(), 1)


class DailyJob(NoticeCase):
    def test_overdue_items_are_told_once_to_the_lead_department_and_cases_to_their_handler(self):
        meeting = Meeting.objects.create(code="LX-2025-01", kind="联席会议", title="联席会议", held_on=D(2025, 3, 15), state=Meeting.ISSUED)
        PlanTask.objects.create(code="LX-2025-01-1", kind=PlanTask.DECISION, title="落实贴息资金", meeting=meeting, lead_id="finance",
                                assigned="meeting", starts_on=D(2025, 3, 15), due_on=D(2025, 6, 30))
        p = self.request()  # due 2025-06-25 (7 working days), nobody handles it yet
        sent = daily.run(D(2025, 7, 1))
        # finance leads the decision (due 6-30) and owes its Q1 report (due 4-10); 4-10 → 7-01 is 82 days
        self.assertEqual(titles(self.users["dep_finance"]), [
            "逾期：LX-2025-01-1 2025年第1季度进展（LX-2025-01-1 落实贴息资金），期限 2025-04-10",
            "逾期：议定事项 LX-2025-01-1（LX-2025-01-1 落实贴息资金），期限 2025-06-30",
        ])
        self.assertEqual(Notice.objects.filter(user=self.users["dep_finance"]).earliest("pk").body, "截至 2025-07-01 已逾期 82 日。")
        self.assertEqual(sent["programme"], Notice.objects.filter(kind="overdue").exclude(user=self.users["office"]).count())
        self.assertEqual((sent["cases"], titles(self.users["office"])), (1, [f"逾期：申请 SQ20250616-{p.pk:05d}（维权援助）待受理期限 2025-06-25"]))
        before = Notice.objects.count()
        # the next day: nothing new is told twice
        again = daily.run(D(2025, 7, 2))
        self.assertEqual((again["programme"], again["cases"], Notice.objects.count()), (0, 0, before))


class Email(NoticeCase):
    @override_settings(NOTICE_EMAIL=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                       NOTICE_BASE_URL="http://ipzone.example.cn", DEFAULT_FROM_EMAIL="ipzone@example.cn")
    def test_notices_are_emailed_after_commit_to_users_with_an_address(self):
        self.users["ent_a"].email = "ip@jinchuang.example.cn"
        self.users["ent_a"].save()
        with self.captureOnCommitCallbacks(execute=True):
            notify([self.users["ent_a"], self.users["ent_b"]], "case", "申请 SQ1：受理", "请补充证据", "/protection/proceeding/1/")
        self.assertEqual(len(mail.outbox), 1)  # ent_b has no address
        m = mail.outbox[0]
        self.assertEqual((m.subject, m.to, m.from_email), ("[知识产权工作平台] 申请 SQ1：受理", ["ip@jinchuang.example.cn"], "ipzone@example.cn"))
        self.assertEqual(m.body, "请补充证据\n\nhttp://ipzone.example.cn/protection/proceeding/1/")
        self.assertIsNotNone(Notice.objects.get(user=self.users["ent_a"]).emailed_at)
        self.assertIsNone(Notice.objects.get(user=self.users["ent_b"]).emailed_at)

    def test_without_a_mail_server_notices_stay_in_the_inbox(self):
        with self.captureOnCommitCallbacks(execute=True):
            notify([self.users["ent_a"]], "case", "申请 SQ1：受理")
        self.assertEqual(len(mail.outbox), 0)

    def test_a_key_tells_a_user_once(self):
        u = self.users["dep_finance"]
        self.assertEqual(len(notify([u], "overdue", "逾期：X", key="k1")), 1)
        self.assertEqual(len(notify([u, self.users["dep_market"]], "overdue", "逾期：X", key="k1")), 1)  # only the new user
        self.assertEqual(Notice.objects.filter(key="k1").count(), 2)


class PolicyNotices(P.PolicyCase):
    def test_the_enterprise_hears_of_its_entitlement_and_each_decision(self):
        e1 = self.users["e1"]
        ent = self.ent(P.E1)
        got = titles(e1)
        self.assertEqual(len(got), 1)
        self.assertTrue(got[0].startswith("政策待遇待确认：") and got[0].endswith(f"（2023 年度）{ent.amount.normalize():f} 万元"), got[0])
        self.assertEqual(Notice.objects.get(user=e1).url, f"/policies/entitlement/{ent.pk}/")
        self.confirm("e1", P.E1)
        self.assertEqual(len(titles(e1)), 1)  # its own confirmation tells it nothing
        self.as_user("office").post(f"/policies/computation/{self.comp.pk}/review/", {"decision": "approve", "reason": "核对无误", "ids": [ent.pk]})
        self.assertTrue(titles(e1)[-1].startswith("政策待遇已核准："))
        self.assertEqual(Notice.objects.filter(user=e1).latest("pk").body, "核对无误")
        self.assertFalse(any("已核准" in t for t in titles(self.users["e2"])))
