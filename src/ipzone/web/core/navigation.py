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
        scope = m.enterprise_scope if role == roles.ENTERPRISE else m.agency_scope
        return scope("x") is not None


MENU: tuple[tuple[str, tuple[Item, ...]], ...] = (
    ("监测", (
        Item("指标看板", "home"),
        Item("区域年度统计", "monitoring:zoneyear_list", "monitoring.ZoneYear"),
        Item("数据导入", "monitoring:import", roles=roles.WRITERS),
        Item("导入记录", "monitoring:importrun_list", roles=roles.ALL_DATA),
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
        Item("保护案件", "protection:case_list", "protection.Case"),
        Item("满意度调查", "protection:survey_list", "protection.Survey"),
    )),
    ("服务", (
        Item("服务机构", "services:agency_list", "services.Agency"),
        Item("知识产权人才", "services:talent_list", "services.Talent"),
        Item("宣传培训活动", "services:event_list", "services.Event"),
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
