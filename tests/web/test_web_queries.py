"""What pages cost the database: a fixed number of queries whatever the rows, and lists that read
in index order instead of sorting the table (bench/platform_bench.py measures the time)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fixtures import CO_A
from ipzone.codes import appno_check_digit
from ipzone.web.core.bindings import contract_models
from ipzone.web.entities.models import Entity
from ipzone.web.patents.models import Patent, PatentOwner
from test_web_pages import PageTestCase
from web_helpers import load_tables, valid_tables

# user, role (groups), COUNT(*), the page of rows, the user's unread notices in the top bar
# (the session comes from the cache: cached_db)
LIST_QUERIES = 5


def more_patents(n: int) -> dict:
    """The fixture zone plus ``n`` patents of CO_A, each with one owner."""
    tables = valid_tables()
    for i in range(n):
        serial = f"2022101{i:05d}"
        number = f"{serial}.{appno_check_digit(serial)}"
        tables["patents"].append({**tables["patents"][0], "application_no": number, "title": f"一种装置{i}", "pct_no": ""})
        tables["patent_owners"].append({"application_no": number, "position": "1", "name": "山西晋创新材料科技有限公司", "uscc": CO_A, "in_zone": "是"})
    return tables


class ListQueries(PageTestCase):
    def queries(self, client: Client, url: str) -> int:
        client.get(url)  # the session's first use is not the page's cost
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(ctx)

    def test_every_list_page_costs_the_same_few_queries(self):
        counts = {}
        for model in contract_models():
            url = reverse(f"{model._meta.app_label}:{model._meta.model_name}_list")
            counts[model._meta.model_name] = self.queries(self.office, url)
        self.assertEqual(counts, {name: LIST_QUERIES for name in counts})

    def test_more_rows_cost_no_more_queries(self):
        entity_page = reverse("entities:entity", args=[Entity.objects.get(uscc=CO_A).pk])
        before = {url: self.queries(self.office, url) for url in ("/patents/patent/", "/patents/patentowner/", entity_page)}
        load_tables(more_patents(30))
        self.assertEqual(Patent.objects.count(), 34)
        after = {url: self.queries(self.office, url) for url in before}
        self.assertEqual(after, before)


class ListOrder(PageTestCase):
    def plan(self, queryset) -> str:
        sql, params = queryset[:50].query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                return " | ".join(str(row[-1]) for row in cursor.fetchall())
            cursor.execute("EXPLAIN " + sql, params)
            return " | ".join(str(row[0]) for row in cursor.fetchall())

    def test_patent_and_owner_lists_read_an_index_in_order(self):
        if connection.vendor != "sqlite":
            self.skipTest("PostgreSQL chooses its plan from table statistics; SQLite's is fixed by the indexes")
        patents = self.plan(Patent.objects.all())
        self.assertIn("patent_list_order", patents)
        self.assertNotIn("TEMP B-TREE", patents)
        owners = self.plan(PatentOwner.objects.all())
        self.assertNotIn("TEMP B-TREE", owners)
        self.assertNotIn("patents_patent ", owners.replace("patents_patentowner", ""))
