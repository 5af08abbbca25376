"""The base filter set: a free-text ``q`` over the model's ``search_fields`` plus declared filters.

One filter set per model serves its list page and its API endpoint alike.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q


class SearchFilterSet(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(method="search", label="搜索")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        q = Q()
        for f in self.search_fields:
            q |= Q(**{f"{f}__icontains": value})
        return queryset.filter(q)


def date_filter(field: str, label: str, lookup: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(field_name=field, lookup_expr=lookup, label=label, widget=forms.DateInput(attrs={"type": "date"}))
