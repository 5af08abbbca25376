"""The menu: sections of links, each shown to the roles that can see something behind it."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from ipzone.web.core import roles


@dataclass(frozen=True)
class Item:
    label: str
    url_name: str
    model: str | None = None  # "app_label.ModelName": shown when the role can read some of its rows
    roles: frozenset[str] = roles.ALL_DATA

    def visible(self, role: str | None) -> bool:
        if role is None:
            return False
        if role in roles.ALL_DATA:
            return role in self.roles or self.model is not None
        if self.model is None:
            return role in self.roles
        m = apps.get_model(self.model)
        scope = getattr(m, roles.SCOPE_METHOD[role], None)
        return scope is not None and scope("x") is not None


MENU: tuple[tuple[str, tuple[Item, ...]], ...] = (
    ("监测", (
        Item("指标看板", "home"),
        Item("区域年度统计", "monitoring:zoneyear_list", "monitoring.ZoneYear"),
        Item("数据导入", "monitoring:import", roles=roles.WRITERS),
        Item("导入记录", "monitoring:importrun_list", roles=roles.ALL_DATA),
        Item("园区配置", "monitoring:zone_config", roles=roles.ALL_DATA),
        Item("报告", "reports:index", roles=roles.ALL_DATA),
    )),
    ("创新主体", (
        Item("创新主体", "entities:entity_list", "entities.Entity"),
        Item("企业资质", "entities:qualification_list", "entities.Qualification"),
        Item("主体年度经济数据", "entities:entityyear_list", "entities.EntityYear"),
    )),
    ("专利", (
        Item("专利", "patents:patent_list", "patents.Patent"),
        Item("专利权人", "patents:patentowner_list", "patents.PatentOwner"),
        Item("PCT国际申请", "patents:pctfiling_list", "patents.PctFiling"),
        Item("获奖", "patents:award_list", "patents.Award"),
    )),
    ("运用", (
        Item("质押登记", "finance:pledge_list", "finance.Pledge"),
        Item("许可转让", "finance:transaction_list", "finance.Transaction"),
        Item("商标", "marks:trademark_list", "marks.Trademark"),
        Item("地理标志产品", "marks:geoproduct_list", "marks.GeoProduct"),
        Item("地理标志产值", "marks:geooutput_list", "marks.GeoOutput"),
    )),
    ("保护", (
        Item("案件办理", "protection:proceeding_list", roles=roles.ALL_DATA),
        Item("我的维权申请", "protection:proceeding_list", roles=frozenset({roles.ENTERPRISE})),
        Item("保护案件", "protection:case_list", "protection.Case"),
        Item("重复与恶意侵权", "protection:infringers", roles=roles.ALL_DATA),
        Item("信用分级监管", "protection:grades", roles=roles.ALL_DATA),
        Item("我的信用等级", "protection:grades", roles=frozenset({roles.ENTERPRISE})),
        Item("检查记录", "protection:inspection_list", roles=roles.ALL_DATA | {roles.ENTERPRISE}),
        Item("异常申请名单", "protection:filinglisting_list", roles=roles.ALL_DATA),
        Item("典型案例", "protection:typicalcase_list", roles=roles.ALL_DATA),
        Item("保护设置", "protection:settings", roles=roles.ALL_DATA),
        Item("满意度调查", "protection:survey_list", "protection.Survey"),
    )),
    ("政策兑现", (
        Item("政策", "policies:policy_list", roles=roles.ALL_DATA | {roles.ENTERPRISE, roles.AGENCY}),
        Item("政策待遇", "policies:entitlement_list", roles=roles.ALL_DATA | {roles.ENTERPRISE}),
        Item("政策资金", "policies:spending", roles=roles.ALL_DATA),
        Item("支付记录", "policies:payment_list", roles=roles.ALL_DATA),
    )),
    ("服务", (
        Item("服务机构", "services:agency_list", "services.Agency"),
        Item("知识产权人才", "services:talent_list", "services.Talent"),
        Item("宣传培训活动", "services:event_list", "services.Event"),
        Item("活动报道", "publicity:eventreport_list", "publicity.EventReport"),
        Item("活动参与者", "publicity:eventparticipant_list", "publicity.EventParticipant"),
        Item("活动参与者导入", "publicity:participants_import", roles=roles.WRITERS),
    )),
    ("运用与服务备案", (
        Item("专利导航项目", "operation:navigationproject_list", "operation.NavigationProject"),
        Item("高价值专利培育中心", "operation:cultivationcentre_list", "operation.CultivationCentre"),
        Item("知识产权联盟和专利池", "operation:alliance_list", "operation.Alliance"),
        Item("联盟成员", "operation:alliancemember_list", "operation.AllianceMember"),
        Item("入池专利", "operation:poolpatent_list", "operation.PoolPatent"),
        Item("专利产品备案", "operation:patentproduct_list", "operation.PatentProduct"),
        Item("知识产权托管", "operation:trusteeship_list", "operation.Trusteeship"),
        Item("商标品牌培育名录", "operation:brandcultivation_list", "operation.BrandCultivation"),
        Item("服务机构入驻退出", "operation:agencymove_list", "operation.AgencyMove"),
        Item("职称申报", "operation:titleapplication_list", "operation.TitleApplication"),
        Item("备案导入", "operation:import", roles=roles.WRITERS),
    )),
    ("任务清单", (
        Item("我的任务", "programme:mine", roles=frozenset({roles.DEPARTMENT})),
        Item("任务清单一览", "programme:board"),
        Item("任务", "programme:plantask_list", "programme.PlanTask"),
        Item("年度目标", "programme:annualtarget_list", "programme.AnnualTarget"),
        Item("季度进展", "programme:progressreport_list", "programme.ProgressReport"),
        Item("部门考核", "programme:assessment", roles=roles.ALL_DATA | {roles.DEPARTMENT}),
        Item("联席会议", "programme:meeting_list", "programme.Meeting"),
        Item("领导小组", "programme:groupmember_list", "programme.GroupMember"),
        Item("部门", "programme:department_list", "programme.Department"),
    )),
)


def menu_for(user) -> list[dict]:
    role = roles.role_of(user)
    out = []
    for title, items in MENU:
        links = [{"label": i.label, "url": reverse(i.url_name)} for i in items if i.visible(role)]
        if links:
            out.append({"title": title, "links": links})
    return out
