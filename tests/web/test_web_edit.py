"""Editing rows in the browser: the import's own rules, roles, history, the data version."""

from __future__ import annotations

from django.test import Client

from fixtures import CO_A, INV
from ipzone.web.core.models import DataState
from ipzone.web.entities.models import Entity
from ipzone.web.finance.models import Pledge
from ipzone.web.patents.models import Award, Patent
from test_web_pages import PageTestCase



def entity_form(**over) -> dict:
    data = {"uscc": "91140100MA0H9ABC1T", "name": "新入驻科技有限公司", "kind": "企业", "industry_code": "3985",
            "founded": "2022-01-05", "in_zone": "是"}
    data.update(over)
    return data


class Edit(PageTestCase):
    def test_office_adds_an_entity_with_the_imports_rules(self):
        version = DataState.current().version
        # a full-width 统一社会信用代码 and a 2022/1/5 date are read as a file would be
        with self.captureOnCommitCallbacks(execute=True):
            page = self.office.post("/entities/entity/add/", entity_form(uscc="９１１４０１００ＭＡ０Ｈ９ＡＢＣ１Ｔ", founded="2022/1/5"))
        entity = Entity.objects.get(uscc="91140100MA0H9ABC1T")
        self.assertRedirects(page, entity.get_absolute_url())
        self.assertEqual(str(entity.founded), "2022-01-05")
        self.assertTrue(entity.in_zone)
        record = entity.history.latest()
        self.assertEqual((record.history_type, record.history_user.username, record.history_change_reason), ("+", "office", "网页编辑"))
        self.assertEqual(DataState.current().version, version + 1)

    def test_bad_cells_are_refused_with_the_checks_words(self):
        page = self.office.post("/entities/entity/add/", entity_form(uscc="91140100MA0H9ABC1X", founded="2022-13-01", name=""))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "统一社会信用代码校验位错误：应为 T / wrong check character: it should be T")
        self.assertContains(page, "「2022-13-01」不是存在的日期 / &#x27;2022-13-01&#x27; is not a date that exists")
        self.assertContains(page, "必填，不能为空 / required, must not be empty")
        self.assertFalse(Entity.objects.filter(name="新入驻科技有限公司").exists())

    def test_an_existing_key_is_refused(self):
        page = self.office.post("/entities/entity/add/", entity_form(uscc=CO_A))
        self.assertContains(page, "已有统一社会信用代码 91140100MA0GRY4T4L的记录 / a row with this key already exists")

    def test_change_keeps_the_key_and_checks_date_order(self):
        patent = Patent.objects.get(application_no=INV)
        url = f"/patents/patent/{patent.pk}/edit/"
        form = self.office.get(url)
        self.assertContains(form, 'value="H01M 4/36;H01M 10/0525"')
        data = {f.html_name: f.value() or "" for f in form.context["form"]}
        data.update(grant_date="2020-01-01", application_no="201810431317.9")
        page = self.office.post(url, data)
        self.assertContains(page, "授权公告日（2020-01-01）早于申请日（2021-03-05） / grant_date (2020-01-01) is before filing_date (2021-03-05)")
        data.update(grant_date="2023-06-05", title="一种锂电池正极材料及其制备方法")
        self.assertRedirects(self.office.post(url, data), patent.get_absolute_url())
        patent.refresh_from_db()
        self.assertEqual((patent.application_no, str(patent.grant_date), patent.title), (INV, "2023-06-05", "一种锂电池正极材料及其制备方法"))
        history = self.office.get(f"/patents/patent/{patent.pk}/history/")
        self.assertContains(history, "一种锂电池正极材料及其制备方法")

    def test_references_must_exist(self):
        page = self.office.post("/finance/pledge/add/", {
            "registration_no": "Y2022980000001", "registered_on": "2022-03-01", "pledgor_uscc": "91140100MA0H9ABC1T",
            "pledgee": "某银行", "amount": "100", "application_nos": "202110123456.7；201810431317.9"})
        self.assertContains(page, "91140100MA0H9ABC1T 不在 entities（创新主体） 中")
        self.assertContains(page, "201810431317.9 不在 patents（专利） 中")
        self.assertFalse(Pledge.objects.filter(registration_no="Y2022980000001").exists())

    def test_keyless_rows_take_the_next_occurrence(self):
        award = Award.objects.first()
        data = {"uscc": award.entity_id, "award": award.award, "grade": award.grade or "", "year": str(award.year),
                "application_no": award.patent_id or ""}
        self.assertEqual(self.office.post("/patents/award/add/", data).status_code, 302)
        self.assertEqual(sorted(Award.objects.filter(award=award.award, year=award.year).values_list("occurrence", flat=True)), [1, 2])

    def test_delete_refuses_referenced_rows_and_records_history(self):
        entity = Entity.objects.get(uscc=CO_A)
        page = self.office.post(f"/entities/entity/{entity.pk}/delete/")
        self.assertEqual(page.status_code, 409)
        self.assertContains(page, "不能删除", status_code=409)
        pledge = Pledge.objects.get()
        self.assertRedirects(self.office.post(f"/finance/pledge/{pledge.pk}/delete/"), "/finance/pledge/")
        record = Pledge.history.filter(registration_no=pledge.registration_no).latest()
        self.assertEqual((record.history_type, record.history_user.username, record.history_change_reason), ("-", "office", "网页删除"))

    def test_only_office_and_admin_edit(self):
        entity = Entity.objects.get(uscc=CO_A)
        for name in ("leader", "ent_a", "ent_b", "agency"):
            c = Client()
            c.force_login(self.users[name])
            for url in ("/entities/entity/add/", f"/entities/entity/{entity.pk}/edit/", f"/entities/entity/{entity.pk}/delete/"):
                self.assertEqual(c.get(url).status_code, 403, (name, url))
                self.assertEqual(c.post(url, entity_form()).status_code, 403, (name, url))
        self.assertEqual(Client().get("/entities/entity/add/").status_code, 302)  # to the login page
        self.assertNotContains(self._as("leader").get(entity.get_absolute_url()), "/edit/")
        self.assertContains(self.office.get(entity.get_absolute_url()), f"/entities/entity/{entity.pk}/edit/")
        self.assertContains(self.office.get("/entities/entity/"), "/entities/entity/add/")

    def _as(self, name):
        c = Client()
        c.force_login(self.users[name])
        return c
