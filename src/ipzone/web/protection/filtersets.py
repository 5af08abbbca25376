import django_filters
from django import forms as dj_forms

from ipzone import contract
from ipzone.protection import credit
from ipzone.protection import inspections as inspection_rules
from ipzone.web.core.filtersets import SearchFilterSet, date_filter
from ipzone.web.core.models import choices
from ipzone.web.protection.models import Case, FilingListing, Inspection, Survey, TypicalCase


class CaseFilterSet(SearchFilterSet):
    search_fields = ("case_no", "holder", "respondent", "respondent_uscc")
    kind = django_filters.ChoiceFilter(choices=choices(contract.CASE_KINDS), label="案件类型")
    right_kind = django_filters.ChoiceFilter(choices=choices(contract.RIGHT_KINDS), label="客体")
    outcome = django_filters.ChoiceFilter(choices=choices(contract.CASE_OUTCOMES), label="结果")
    opened_from = date_filter("opened_on", "受理日期起", "gte")
    opened_to = date_filter("opened_on", "受理日期止", "lte")
    closed = django_filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", exclude=True, label="已结案")
    typical = django_filters.BooleanFilter(label="典型案例")

    class Meta:
        model = Case
        fields = ["q", "kind", "right_kind", "outcome", "opened_from", "opened_to", "closed", "typical"]


class SurveyFilterSet(SearchFilterSet):
    search_fields = ("response_id", "respondent_kind")
    year = django_filters.NumberFilter(label="年度")

    class Meta:
        model = Survey
        fields = ["q", "year"]


class InspectionFilterSet(SearchFilterSet):
    search_fields = ("record_no", "entity__uscc", "entity__name", "inspectors", "findings", "follow_up")
    kind = django_filters.ChoiceFilter(choices=choices(inspection_rules.KINDS), label="检查类型")
    result = django_filters.ChoiceFilter(choices=choices(inspection_rules.RESULTS), label="处理结果")
    year = django_filters.NumberFilter(field_name="inspected_on", lookup_expr="year", label="年度")
    inspected_from = date_filter("inspected_on", "检查日期起", "gte")
    inspected_to = date_filter("inspected_on", "检查日期止", "lte")

    class Meta:
        model = Inspection
        fields = ["q", "kind", "result", "year", "inspected_from", "inspected_to"]


class FilingListingFilterSet(SearchFilterSet):
    search_fields = ("uscc", "name", "reference")
    kind = django_filters.ChoiceFilter(choices=choices(credit.LISTING_KINDS), label="类型")
    current = django_filters.BooleanFilter(field_name="removed_on", lookup_expr="isnull", label="未移出", widget=dj_forms.NullBooleanSelect)

    class Meta:
        model = FilingListing
        fields = ["q", "kind", "current"]


class TypicalCaseFilterSet(SearchFilterSet):
    search_fields = ("title", "case__case_no", "summary")
    published = django_filters.BooleanFilter(label="已发布")

    class Meta:
        model = TypicalCase
        fields = ["q", "published"]
