"""Operation and service filings: an enterprise files its own navigation project (and sees nobody
else's), the office reviews; applications change the contract tables when accepted; the workbook
import and export in the template's layout."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from fixtures import AGENCY, CO_A, CO_B, INV
from ipzone.programme import workbook
from ipzone.web.core.models import DataState
from ipzone.web.operation.models import FILING_MODELS, AgencyMove, Alliance, AllianceMember, NavigationProject, PoolPatent, TitleApplication
from ipzone.web.services.models import Agency, Talent
from web_helpers import load_tables, make_users, reset_caches


def project_form(**over) -> dict:
    data = {"project_no": "DH2025-001", "name": "新材料产业专利导航", "uscc": CO_A, "kind": "产业规划类", "industry": "新材料",
            "industry_code": "3985", "undertaker": "示范区知识产权代理事务所", "undertaker_uscc": AGENCY,
            "starts_on": "2025-03-01", "ends_on": "2025/12/31", "budget": "80", "deliverables": "导航分析报告；专利布局建议"}
    data.update(over)
    return data


class FilingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_tables()
        cls.users = make_users()

    def setUp(self):
        reset_caches()

    def as_user(self, name: str) -> Client:
        c = Client()
        c.force_login(self.users[name])
        return c


class EnterpriseFiling(FilingTestCase):
    def test_an_enterprise_files_its_own_navigation_project_and_the_office_reviews_it(self):
        ent_a, ent_b, office, agency = self.as_user("ent_a"), self.as_user("ent_b"), self.as_user("office"), self.as_user("agency")
        form = ent_a.get("/operation/navigationproject/add/")
        self.assertTrue(form.context["form"].fields["uscc"].disabled)
        self.assertEqual(form.context["form"].initial["uscc"], CO_A)
        self.assertRegex(form.context["form"].initial["project_no"], r"^DH20\d\d-0RY4T4L-01$".replace("0RY4T4L", CO_A[-6:]))
        # the 统一社会信用代码 is the enterprise's own, whatever the request says
        page = ent_a.post("/operation/navigationproject/add/", project_form(uscc=CO_B))
        project = NavigationProject.objects.get(project_no="DH2025-001")
        self.assertRedirects(page, project.get_absolute_url())
        self.assertEqual((project.entity_id, project.state, project.filed_by.username), (CO_A, "草稿", "ent_a"))
        self.assertEqual((str(project.ends_on), project.deliverables, project.budget), ("2025-12-31", "导航分析报告;专利布局建议", 80.0))
        url = project.get_absolute_url()
        # a draft is the enterprise's alone: not the office's, not another enterprise's, not the undertaking agency's
        for client in (office, ent_b, agency):
            self.assertEqual(client.get(url).status_code, 404)
            self.assertEqual(client.get("/api/navigation-projects").json()["count"], 0)
            self.assertNotContains(client.get("/operation/navigationproject/"), "新材料产业专利导航")
        self.assertEqual(ent_a.get("/api/navigation-projects").json()["items"][0]["state"], "草稿")
        # submitted: the office and the undertaking agency read it; the other enterprise still does not
        self.assertRedirects(ent_a.post(f"/operation/navigationproject/{project.pk}/submit/"), url)
        self.assertContains(office.get(url), "审核通过")
        self.assertContains(agency.get(url), "新材料产业专利导航")
        self.assertEqual(ent_b.get(url).status_code, 404)
        self.assertEqual(ent_a.get(f"/operation/navigationproject/{project.pk}/edit/").status_code, 404)  # submitted: no longer editable
        self.assertEqual(ent_b.post(f"/operation/navigationproject/{project.pk}/accept/").status_code, 403)
        # returned with a reason, corrected and resubmitted in one go, accepted
        self.assertRedirects(office.post(f"/operation/navigationproject/{project.pk}/return/", {"note": "请补充经费预算明细"}), url)
        project.refresh_from_db()
        self.assertEqual((project.state, project.review_note), ("已退回", "请补充经费预算明细"))
        self.assertContains(ent_a.get(url), "请补充经费预算明细")
        page = ent_a.post(f"/operation/navigationproject/{project.pk}/edit/", project_form(budget="85.5", submit="1"))
        self.assertRedirects(page, url)
        project.refresh_from_db()
        self.assertEqual((project.state, project.budget), ("已提交", 85.5))
        self.assertRedirects(office.post(f"/operation/navigationproject/{project.pk}/accept/"), url)
        project.refresh_from_db()
        self.assertEqual((project.state, project.reviewed_by.username), ("已通过", "office"))
        self.assertEqual([h.history_change_reason for h in project.history.order_by("history_date")],
                         ["网页编辑", "提交", "退回：请补充经费预算明细", "网页编辑", "审核通过"])
        self.assertEqual(ent_a.get(f"/operation/navigationproject/{project.pk}/edit/").status_code, 404)
        self.assertContains(ent_b.get("/operation/navigationproject/"), "没有记录")
        history = office.get(f"/operation/navigationproject/{project.pk}/history/")
        self.assertContains(history, "状态：已提交 → 已通过")
        self.assertContains(history, "经费：80 → 85.5")

    def test_the_form_refuses_what_an_import_would(self):
        page = self.as_user("ent_a").post("/operation/navigationproject/add/", project_form(budget="-5", undertaker_uscc=CO_B[:-1] + "X", kind="产业类"))
        self.assertContains(page, "-5 是负数 / -5 is negative")
        self.assertContains(page, "统一社会信用代码校验位错误：应为 R / wrong check character: it should be R")
        self.assertContains(page, "「产业类」不是可选的值 / 产业类 is not one of the choices")
        page = self.as_user("office").post("/operation/navigationproject/add/", project_form(undertaker_uscc="91140100MA0H9ABC1T"))
        self.assertContains(page, "91140100MA0H9ABC1T 不在 entities（创新主体）、agencies（服务机构） 中")
        self.assertFalse(NavigationProject.objects.exists())

    def test_what_an_enterprise_may_file(self):
        ent_a = self.as_user("ent_a")
        self.assertEqual(ent_a.get("/operation/cultivationcentre/add/").status_code, 403)
        self.assertEqual(ent_a.get("/operation/trusteeship/add/").status_code, 403)
        self.assertEqual(ent_a.get("/operation/patentproduct/add/").status_code, 200)
        self.assertEqual(self.as_user("leader").get("/operation/navigationproject/add/").status_code, 403)
        self.assertContains(ent_a.get("/operation/navigationproject/"), "/operation/navigationproject/add/")

    def test_the_office_files_straight_to_accepted(self):
        self.as_user("office").post("/operation/navigationproject/add/", project_form())
        self.assertEqual(NavigationProject.objects.get().state, "已通过")
        self.assertContains(self.as_user("ent_a").get("/operation/navigationproject/"), "新材料产业专利导航")


class Applications(FilingTestCase):
    def test_an_agency_leaves_when_the_office_accepts_its_exit(self):
        agency, office = self.as_user("agency"), self.as_user("office")
        version = DataState.current().version
        page = agency.post("/operation/agencymove/add/", {"application_no": "JG2025-01", "move": "退出", "uscc": "91140100MA0H12345R",
                                                          "name": "示范区知识产权代理事务所", "applied_on": "2025-05-01", "effective_on": "2025-06-30", "submit": "1"})
        move = AgencyMove.objects.get()
        self.assertRedirects(page, move.get_absolute_url())
        self.assertEqual((move.uscc, move.state), (AGENCY, "已提交"))  # its own code, not the one posted
        with self.captureOnCommitCallbacks(execute=True):
            page = office.post(f"/operation/agencymove/{move.pk}/accept/", follow=True)
        self.assertContains(page, "服务机构「示范区知识产权代理事务所」退出，退出日期 2025-06-30")
        a = Agency.objects.get(uscc=AGENCY)
        self.assertEqual(str(a.left_on), "2025-06-30")
        self.assertEqual(a.history.latest().history_change_reason, "退出申请 JG2025-01 通过")
        self.assertEqual(DataState.current().version, version + 1)  # the agency count changed: indicators expire

    def test_an_entry_needs_its_services_and_creates_the_agency(self):
        office = self.as_user("office")
        data = {"application_no": "JG2025-02", "move": "入驻", "uscc": "91140100MA0H9ABC1T", "name": "晋知知识产权运营有限公司",
                "applied_on": "2025-03-01", "effective_on": "2025-04-01"}
        office.post("/operation/agencymove/add/", data)
        move = AgencyMove.objects.get()
        self.assertEqual(move.state, "已提交")  # the office records an application; accepting it is a second step
        page = office.post(f"/operation/agencymove/{move.pk}/accept/", follow=True)
        self.assertContains(page, "不能通过：入驻申请须填写服务类型")
        self.assertFalse(Agency.objects.filter(uscc="91140100MA0H9ABC1T").exists())
        office.post(f"/operation/agencymove/{move.pk}/edit/", {**data, "services": "运营；咨询"})
        office.post(f"/operation/agencymove/{move.pk}/accept/")
        a = Agency.objects.get(uscc="91140100MA0H9ABC1T")
        self.assertEqual((a.name, a.services, str(a.joined_on), a.left_on), ("晋知知识产权运营有限公司", "运营;咨询", "2025-04-01", None))

    def test_a_title_passed_is_written_to_the_talent(self):
        office = self.as_user("office")
        office.post("/operation/titleapplication/add/", {"application_no": "ZC2025-01", "person_id": "T0001", "title": "高级", "year": "2025",
                                                         "applied_on": "2025-06-01", "result": ""})
        app = TitleApplication.objects.get()
        self.assertContains(office.post(f"/operation/titleapplication/{app.pk}/accept/", follow=True), "评审结果未填写")
        app.result = "通过"
        app.save()
        office.post(f"/operation/titleapplication/{app.pk}/accept/")
        self.assertEqual(Talent.objects.get(person_id="T0001").title, "高级")
        # the agency employing T0001 reads the application; the enterprises do not
        self.assertEqual(self.as_user("agency").get(app.get_absolute_url()).status_code, 200)
        self.assertEqual(self.as_user("ent_a").get(app.get_absolute_url()).status_code, 404)


class Workbooks(FilingTestCase):
    ROWS = {
        "navigation_projects": [{"project_no": "DH2025-009", "name": "高端装备产业专利导航", "uscc": CO_B, "kind": "产业规划类",
                                 "industry": "高端装备", "industry_code": None, "undertaker": "某机构", "undertaker_uscc": None,
                                 "starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2025, 12, 31),
                                 "budget": 60.0, "deliverables": ["导航分析报告"]}],
        "alliances": [{"name": "示范区新材料产业知识产权联盟", "kind": "专利池", "industry": "新材料", "lead_uscc": CO_A,
                       "founded_on": dt.date(2024, 5, 1), "licensing": "成员间免费许可"}],
        "alliance_members": [{"alliance": "示范区新材料产业知识产权联盟", "uscc": CO_A, "role": "牵头单位", "joined_on": None, "left_on": None},
                             {"alliance": "示范区新材料产业知识产权联盟", "uscc": CO_B, "role": "成员单位", "joined_on": None, "left_on": None}],
        "pool_patents": [{"alliance": "示范区新材料产业知识产权联盟", "application_no": INV, "contributor_uscc": CO_A, "pooled_on": None}],
    }

    def upload(self, client, path: Path, **extra):
        with open(path, "rb") as f:
            return client.post("/operation/import/", {"file": SimpleUploadedFile(path.name, f.read()), **extra})

    def test_import_export_round_trip(self):
        office = self.as_user("office")
        path = workbook.template(Path(tempfile.mkdtemp()) / "备案.xlsx", rows=self.ROWS)
        page = self.upload(office, path, dry_run="1")
        self.assertContains(page, "预演（未写入）")
        self.assertFalse(Alliance.objects.exists())
        page = self.upload(office, path)
        self.assertContains(page, "已导入")
        # every sheet of the template is in the file; four of them have rows
        self.assertEqual({c.stem: c.added for c in page.context["result"].changes if c.rows},
                         {"navigation_projects": 1, "alliances": 1, "alliance_members": 2, "pool_patents": 1})
        self.assertEqual(len(page.context["result"].changes), 10)
        member = AllianceMember.objects.get(entity_id=CO_B)
        self.assertEqual((member.state, member.history.latest().history_change_reason), ("已通过", "导入 备案.xlsx"))
        again = self.upload(office, path).context["result"].changes
        self.assertEqual([(c.added, c.changed, c.unchanged) for c in again if c.rows], [(0, 0, 1), (0, 0, 1), (0, 0, 2), (0, 0, 1)])
        # an enterprise sees the alliances it is a member of, and exports what it sees, in the template's layout
        ent_b = self.as_user("ent_b")
        self.assertContains(ent_b.get("/operation/alliance/"), "示范区新材料产业知识产权联盟")
        self.assertNotContains(self.as_user("ent_a").get("/operation/navigationproject/"), "高端装备产业专利导航")
        book = ent_b.get("/operation/navigationproject/export.xlsx")
        out = Path(tempfile.mkdtemp()) / "export.xlsx"
        out.write_bytes(b"".join(book.streaming_content))
        parsed, report = workbook.read(out)
        self.assertTrue(report.ok)
        self.assertEqual([r for _, r in workbook.records(parsed["navigation_projects"])], self.ROWS["navigation_projects"])
        ws = openpyxl.load_workbook(out)["专利导航项目"]
        self.assertEqual(ws["A1"].value, "★项目编号")
        self.assertEqual(self.as_user("ent_a").get("/operation/navigationproject/export.xlsx").status_code, 200)

    def test_a_bad_workbook_writes_nothing_and_names_each_cell(self):
        rows = {**self.ROWS, "pool_patents": [{"alliance": "不存在的联盟", "application_no": "202210999999.X", "contributor_uscc": None, "pooled_on": None}]}
        path = workbook.template(Path(tempfile.mkdtemp()) / "bad.xlsx", rows=rows)
        office = self.as_user("office")
        page = self.upload(office, path)
        self.assertEqual(page.status_code, 422)
        self.assertContains(page, "知识产权联盟表（alliances）中没有「不存在的联盟」", status_code=422)
        self.assertContains(page, "专利表（patents）中没有「202210999999.X」", status_code=422)
        self.assertFalse(Alliance.objects.exists())
        self.assertFalse(NavigationProject.objects.exists())
        errors = office.get(f"/operation/import/{page.context['token']}/errors.xlsx")
        ws = openpyxl.load_workbook(io.BytesIO(b"".join(errors.streaming_content)))["错误清单"]
        self.assertEqual([c.value for c in ws[2]][:5], ["错误", "pool_patents", "入池专利", "2", "★申请号"])
        self.assertEqual(self.as_user("ent_a").get("/operation/import/").status_code, 403)


class EveryFilingPage(FilingTestCase):
    def test_every_list_detail_history_and_api_renders(self):
        Workbooks.upload(self, self.as_user("office"), workbook.template(Path(tempfile.mkdtemp()) / "f.xlsx", rows=Workbooks.ROWS))
        AgencyMove.objects.create(application_no="JG-1", move="入驻", uscc=CO_B, name="甲", applied_on="2025-01-01", effective_on="2025-02-01")
        office = self.as_user("office")
        for model in FILING_MODELS:
            opts = model._meta
            self.assertEqual(office.get(reverse(f"operation:{opts.model_name}_list")).status_code, 200, opts.label)
            self.assertEqual(office.get(reverse("operation:export", args=[opts.model_name])).status_code, 200)
            obj = model.objects.first()
            if obj is None:
                continue
            self.assertEqual(office.get(obj.get_absolute_url()).status_code, 200, opts.label)
            self.assertEqual(office.get(reverse(f"operation:{opts.model_name}_history", args=[obj.pk])).status_code, 200)
            stem = model.declared_table.stem.replace("_", "-")
            self.assertEqual(office.get(f"/api/{stem}/{obj.pk}").json()["state"], obj.state)
        pool = PoolPatent.objects.get()
        self.assertContains(office.get(pool.alliance.get_absolute_url()), INV)
        self.assertEqual(office.get("/operation/nosuchmodel/export.xlsx").status_code, 404)
