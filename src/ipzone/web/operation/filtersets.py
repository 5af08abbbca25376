import django_filters

from ipzone.web.core.filtersets import SearchFilterSet, date_filter
from ipzone.web.core.models import choices
from ipzone.programme import filings
from ipzone.web.operation import models as m


class FilingFilterSet(SearchFilterSet):
    state = django_filters.ChoiceFilter(choices=choices(m.STATES), label="状态")


class NavigationProjectFilterSet(FilingFilterSet):
    search_fields = ("project_no", "name", "entity__name", "entity__uscc", "industry", "undertaker")
    kind = django_filters.ChoiceFilter(choices=choices(filings.NAVIGATION_KINDS), label="导航类型")
    starts_from = date_filter("starts_on", "开始日期起", "gte")

    class Meta:
        model = m.NavigationProject
        fields = ["q", "kind", "state", "starts_from"]


class CultivationCentreFilterSet(FilingFilterSet):
    search_fields = ("name", "entity__name", "field")
    level = django_filters.ChoiceFilter(choices=choices(filings.CENTRE_LEVELS), label="级别")

    class Meta:
        model = m.CultivationCentre
        fields = ["q", "level", "state"]


class AllianceFilterSet(FilingFilterSet):
    search_fields = ("name", "industry", "lead__name")
    kind = django_filters.ChoiceFilter(choices=choices(filings.ALLIANCE_KINDS), label="类型")

    class Meta:
        model = m.Alliance
        fields = ["q", "kind", "state"]


class AllianceMemberFilterSet(FilingFilterSet):
    search_fields = ("alliance__name", "entity__name", "entity__uscc")

    class Meta:
        model = m.AllianceMember
        fields = ["q", "state"]


class PoolPatentFilterSet(FilingFilterSet):
    search_fields = ("alliance__name", "patent__application_no", "patent__title")

    class Meta:
        model = m.PoolPatent
        fields = ["q", "state"]


class PatentProductFilterSet(FilingFilterSet):
    search_fields = ("record_no", "product", "entity__name", "application_nos", "standards")

    class Meta:
        model = m.PatentProduct
        fields = ["q", "state"]


class TrusteeshipFilterSet(FilingFilterSet):
    search_fields = ("contract_no", "entity__name", "agency__name")
    service = django_filters.ChoiceFilter(field_name="services", lookup_expr="contains", choices=choices(filings.TRUSTEESHIP_SERVICES), label="托管服务")

    class Meta:
        model = m.Trusteeship
        fields = ["q", "service", "state"]


class BrandCultivationFilterSet(FilingFilterSet):
    search_fields = ("brand", "entity__name", "registration_nos")
    year = django_filters.NumberFilter(label="入选年度")
    kind = django_filters.ChoiceFilter(choices=choices(filings.BRAND_KINDS), label="品牌类型")

    class Meta:
        model = m.BrandCultivation
        fields = ["q", "year", "kind", "state"]


class AgencyMoveFilterSet(FilingFilterSet):
    search_fields = ("application_no", "name", "uscc")
    move = django_filters.ChoiceFilter(choices=choices(filings.AGENCY_MOVES), label="事项")

    class Meta:
        model = m.AgencyMove
        fields = ["q", "move", "state"]


class TitleApplicationFilterSet(FilingFilterSet):
    search_fields = ("application_no", "talent__name", "talent__person_id")
    year = django_filters.NumberFilter(label="年度")
    title = django_filters.ChoiceFilter(choices=choices(filings.TITLES_APPLIED), label="申报职称")

    class Meta:
        model = m.TitleApplication
        fields = ["q", "year", "title", "state"]


FILTERSETS = {f.Meta.model: f for f in (
    NavigationProjectFilterSet, CultivationCentreFilterSet, AllianceFilterSet, AllianceMemberFilterSet, PoolPatentFilterSet,
    PatentProductFilterSet, TrusteeshipFilterSet, BrandCultivationFilterSet, AgencyMoveFilterSet, TitleApplicationFilterSet,
)}
