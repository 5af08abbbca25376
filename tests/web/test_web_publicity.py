"""Events and publicity (task 4): a report published on the portal, participants as training records."""

from __future__ import annotations

from django.test import Client, TestCase

from ipzone.web.programme import tracking
from ipzone.web.publicity.models import EventParticipant, EventReport
from ipzone.web.services.models import Event
from web_helpers import load_tables, make_users, reset_caches


class Publicity(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()
        cls.users = make_users()
        tracking.seed()

    def setUp(self):
        reset_caches()

    def as_user(self, name):
        c = Client()
        c.force_login(self.users[name])
        return c

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
        self.assertContains(page, "选择一个有效的选项")
