import django_filters

from ipzone.web.core.filtersets import SearchFilterSet
from ipzone.web.monitoring.models import ZoneYear


class ZoneYearFilterSet(SearchFilterSet):
    year = django_filters.NumberFilter(label="年度")

    class Meta:
        model = ZoneYear
        fields = ["year"]
