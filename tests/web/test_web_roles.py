"""Roles enforced on the server, in the queryset: pages and API alike."""

from __future__ import annotations

from django.test import Client, TestCase, override_settings

from ipzone.web.core.models import ApiToken
from ipzone.web.entities.models import Entity
from ipzone.web.finance.models import Pledge
from ipzone.web.patents.models import Patent
from ipzone.web.services.models import Agency
from web_helpers import AGENCY, CO_A, CO_B, PASSWORD, load_tables, make_users, reset_caches

A_PATENT = "202110123456.7"  # first patentee CO_A
B_PATENT = "201310123450.5"  # first patentee CO_B


class RoleTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()
        cls.users = make_users()

    def setUp(self):
        reset_caches()

    def as_user(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client


class EnterpriseIsolation(RoleTestCase):
    def test_enterprise_sees_only_its_patents(self):
        c = self.as_user("ent_a")
        page = c.get("/patents/patent/")
        self.assertContains(page, A_PATENT)
        self.assertNotContains(page, B_PATENT)
        api = c.get("/api/patents").json()
        self.assertEqual([p["application_no"] for p in api["items"]], [A_PATENT])

    def test_enterprise_cannot_read_another_enterprises_patent_by_id(self):
        other = Patent.objects.get(application_no=B_PATENT)
        c = self.as_user("ent_a")
        self.assertEqual(c.get(f"/patents/patent/{other.pk}/").status_code, 404)
        self.assertEqual(c.get(f"/api/patents/{other.pk}").status_code, 404)
        self.assertEqual(c.get(f"/patents/patent/{other.pk}/history/").status_code, 404)
        own = Patent.objects.get(application_no=A_PATENT)
        self.assertEqual(c.get(f"/patents/patent/{own.pk}/").status_code, 200)
        self.assertEqual(c.get(f"/api/patents/{own.pk}").json()["application_no"], A_PATENT)

    def test_enterprise_sees_its_own_entity_and_pledges_only(self):
        c = self.as_user("ent_b")
        a = Entity.objects.get(uscc=CO_A)
        b = Entity.objects.get(uscc=CO_B)
        self.assertEqual(c.get(f"/entities/entity/{a.pk}/").status_code, 404)
        self.assertEqual(c.get(f"/api/entities/{a.pk}").status_code, 404)
        self.assertEqual(c.get(f"/entities/entity/{b.pk}/").status_code, 200)
        self.assertEqual([e["uscc"] for e in c.get("/api/entities").json()["items"]], [CO_B])
        pledge = Pledge.objects.get()  # CO_A's
        self.assertEqual(c.get(f"/finance/pledge/{pledge.pk}/").status_code, 404)
        self.assertEqual(c.get("/api/pledges").json()["count"], 0)
        self.assertEqual(self.as_user("ent_a").get("/api/pledges").json()["count"], 1)

    def test_enterprise_sees_no_cases_and_no_zone_statistics(self):
        c = self.as_user("ent_a")
        self.assertEqual(c.get("/api/cases").json()["count"], 0)
        self.assertNotContains(c.get("/protection/case/"), "ZSJ2021-001")
        self.assertEqual(c.get("/api/indicators?year=2021").status_code, 403)

    def test_home_takes_an_enterprise_to_its_own_page(self):
        c = self.as_user("ent_a")
        response = c.get("/")
        self.assertRedirects(response, Entity.objects.get(uscc=CO_A).get_absolute_url())

    def test_entity_page_lists_only_what_the_user_may_see(self):
        c = self.as_user("ent_b")
        b = Entity.objects.get(uscc=CO_B)
        page = c.get(f"/entities/entity/{b.pk}/")
        self.assertContains(page, B_PATENT)
        self.assertNotContains(page, A_PATENT)


class AgencyScope(RoleTestCase):
    def test_agency_sees_its_profile_only(self):
        c = self.as_user("agency")
        agency = Agency.objects.get(uscc=AGENCY)
        self.assertEqual(c.get(f"/services/agency/{agency.pk}/").status_code, 200)
        self.assertEqual(c.get("/api/patents").json()["count"], 0)
        self.assertEqual(c.get("/api/entities").json()["count"], 0)
        self.assertRedirects(c.get("/"), agency.get_absolute_url())


class Leader(RoleTestCase):
    def test_leader_reads_everything(self):
        c = self.as_user("leader")
        self.assertEqual(c.get("/api/patents").json()["count"], 4)
        other = Patent.objects.get(application_no=B_PATENT)
        self.assertEqual(c.get(f"/patents/patent/{other.pk}/").status_code, 200)
        self.assertEqual(c.get(f"/patents/patent/{other.pk}/history/").status_code, 200)

    def test_leader_cannot_post(self):
        c = self.as_user("leader")
        self.assertEqual(c.get("/monitoring/import/").status_code, 403)
        with open(__file__, "rb") as f:
            self.assertEqual(c.post("/monitoring/import/", {"file": f}).status_code, 403)
        self.assertEqual(c.get("/admin/").status_code, 302)  # not staff: sent to the admin login


class Anonymous(RoleTestCase):
    def test_private_api_needs_login(self):
        c = Client()
        for url in ("/api/patents", "/api/entities", "/api/pledges", "/api/cases", "/api/indicators?year=2021"):
            self.assertEqual(c.get(url).status_code, 401, url)
        patent = Patent.objects.first()
        self.assertEqual(c.get(f"/api/patents/{patent.pk}").status_code, 401)

    def test_pages_redirect_to_login(self):
        c = Client()
        for url in ("/", "/patents/patent/", "/monitoring/import/", "/entities/entity/"):
            response = c.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/login/", response["Location"])

    def test_public_portal_and_public_api_are_open(self):
        c = Client()
        self.assertEqual(c.get("/public/").status_code, 200)
        agencies = c.get("/api/public/agencies").json()
        self.assertEqual([a["name"] for a in agencies], ["示范区知识产权代理事务所"])
        self.assertEqual(agencies[0]["services"], ["代理", "咨询"])
        self.assertEqual(c.get("/api/public/events").status_code, 200)
        public = c.get("/api/public/indicators?year=2021")
        self.assertEqual(public.status_code, 200)
        self.assertEqual(len(public.json()["indicators"]), 8)


class Tokens(RoleTestCase):
    def test_bearer_token_authenticates_with_the_users_scope(self):
        token = ApiToken.issue(self.users["ent_a"])
        c = Client()
        response = c.get("/api/patents", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 1)
        self.assertEqual(c.get("/api/patents", headers={"Authorization": "Bearer ipz_wrong"}).status_code, 401)
        self.assertEqual(ApiToken.objects.get().digest, ApiToken.hash(token))


class Csrf(RoleTestCase):
    def test_posts_without_a_csrf_token_are_refused(self):
        c = Client(enforce_csrf_checks=True)
        self.assertEqual(c.post("/login/", {"username": "office", "password": PASSWORD}).status_code, 403)
        c.force_login(self.users["office"])
        with open(__file__, "rb") as f:
            self.assertEqual(c.post("/monitoring/import/", {"file": f}).status_code, 403)
        self.assertEqual(c.post("/logout/").status_code, 403)


class ClientAddress(TestCase):
    def test_a_trusted_proxys_forwarded_for_names_the_client(self):
        from django.test import RequestFactory

        from ipzone.web.core.auth import client_address

        def address(remote, forwarded=None):
            meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
            return client_address(RequestFactory().get("/", **meta))

        self.assertEqual(address("10.0.0.5", "203.0.113.9"), "10.0.0.5")  # no trusted proxy: the header is ignored
        with self.settings(TRUSTED_PROXIES=frozenset({"10.0.0.5", "10.0.0.6"})):
            self.assertEqual(address("10.0.0.5", "203.0.113.9"), "203.0.113.9")
            # the client may send a forged header: only what the trusted hops appended counts
            self.assertEqual(address("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.0.0.6"), "203.0.113.9")
            self.assertEqual(address("10.0.0.5"), "10.0.0.5")
            self.assertEqual(address("192.0.2.1", "203.0.113.9"), "192.0.2.1")  # not from the proxy


@override_settings(LOGIN_FAILURES_ALLOWED=3)
class LoginThrottle(RoleTestCase):
    def test_repeated_failures_lock_the_username_for_a_while(self):
        c = Client()
        self.assertRedirects(c.post("/login/", {"username": "office", "password": PASSWORD}), "/", fetch_redirect_response=False)
        c = Client()
        for _ in range(3):
            self.assertEqual(c.post("/login/", {"username": "office", "password": "wrong-password"}).status_code, 200)
        refused = c.post("/login/", {"username": "office", "password": PASSWORD})
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "登录失败次数过多")
        self.assertNotIn("_auth_user_id", c.session)
