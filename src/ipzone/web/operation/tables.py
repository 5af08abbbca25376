from ipzone.web.core.tables import ObjectTable
from ipzone.web.operation import models as m


class NavigationProjectTable(ObjectTable):
    model = m.NavigationProject
    columns = ("project_no", "name", "entity__name", "kind", "industry", "starts_on", "ends_on", "budget", "state")
    link = "name"
    select_related = ("entity",)
    labels = {"entity__name": "备案主体"}


class CultivationCentreTable(ObjectTable):
    model = m.CultivationCentre
    columns = ("name", "entity__name", "level", "field", "established_on", "target_patents", "state")
    select_related = ("entity",)
    labels = {"entity__name": "依托单位"}


class AllianceTable(ObjectTable):
    model = m.Alliance
    columns = ("name", "kind", "industry", "lead__name", "founded_on", "state")
    select_related = ("lead",)
    labels = {"lead__name": "牵头单位"}


class AllianceMemberTable(ObjectTable):
    model = m.AllianceMember
    columns = ("alliance", "entity", "role", "joined_on", "left_on", "state")
    link = "entity"
    select_related = ("alliance", "entity")


class PoolPatentTable(ObjectTable):
    model = m.PoolPatent
    columns = ("alliance", "patent__application_no", "patent__title", "contributor_uscc", "pooled_on", "state")
    link = "patent__application_no"
    select_related = ("alliance", "patent")
    labels = {"patent__title": "专利名称"}


class PatentProductTable(ObjectTable):
    model = m.PatentProduct
    columns = ("record_no", "product", "entity__name", "application_nos", "filed_on", "annual_sales", "state")
    link = "product"
    select_related = ("entity",)
    labels = {"entity__name": "企业"}


class TrusteeshipTable(ObjectTable):
    model = m.Trusteeship
    columns = ("contract_no", "entity__name", "agency__name", "starts_on", "ends_on", "services", "subsidy", "state")
    select_related = ("entity", "agency")
    labels = {"entity__name": "托管企业", "agency__name": "托管机构"}


class BrandCultivationTable(ObjectTable):
    model = m.BrandCultivation
    columns = ("brand", "entity__name", "year", "kind", "registration_nos", "state")
    select_related = ("entity",)
    labels = {"entity__name": "企业"}


class AgencyMoveTable(ObjectTable):
    model = m.AgencyMove
    columns = ("application_no", "move", "name", "uscc", "applied_on", "effective_on", "state")


class TitleApplicationTable(ObjectTable):
    model = m.TitleApplication
    columns = ("application_no", "talent__name", "title", "year", "applied_on", "result", "state")
    select_related = ("talent",)
    labels = {"talent__name": "姓名"}


TABLES = {t.model: t for t in (
    NavigationProjectTable, CultivationCentreTable, AllianceTable, AllianceMemberTable, PoolPatentTable,
    PatentProductTable, TrusteeshipTable, BrandCultivationTable, AgencyMoveTable, TitleApplicationTable,
)}
