"""ipzone load: idempotent upserts on natural keys, all or nothing, with history."""

from __future__ import annotations

import pyarrow as pa
from django.test import TestCase

from ipzone.dataset import read
from ipzone.web.core.bindings import bindings
from ipzone.web.core.models import DataState
from ipzone.web.entities.models import Entity, Qualification
from ipzone.web.export import dataset as export_dataset
from ipzone.web.load import load
from ipzone.web.monitoring.models import ImportRun
from ipzone.web.patents.models import Patent, PatentOwner
from web_helpers import dataset, load_tables, valid_tables


def counts() -> dict[str, int]:
    return {b.stem: b.model.objects.count() for b in bindings()}


def by_stem(result):
    return {c.stem: c for c in result.changes}


class LoadTwice(TestCase):
    def test_second_load_changes_nothing(self):
        path = dataset()
        first = load(path)
        self.assertTrue(first.ok, first.report.errors)
        self.assertEqual(first.totals()["added"], sum(len(rows) for rows in valid_tables().values()))
        version = DataState.current().version
        second = load(path)
        self.assertTrue(second.ok)
        totals = second.totals()
        self.assertEqual((totals["added"], totals["changed"], totals["missing"]), (0, 0, 0))
        self.assertEqual(totals["unchanged"], totals["rows"])
        self.assertEqual(DataState.current().version, version, "an unchanged load must not bump the data version")
        self.assertEqual(Patent.history.count(), 4, "no history rows for unchanged records")

    def test_one_changed_cell_is_one_change(self):
        load_tables()
        tables = valid_tables()
        tables["patents"][0]["title"] = "一种改进的锂电池正极材料"
        result = load_tables(tables)
        changes = by_stem(result)
        self.assertEqual(changes["patents"].changed, 1)
        self.assertEqual(result.totals()["changed"], 1)
        self.assertEqual(result.totals()["added"], 0)
        patent = Patent.objects.get(application_no=tables["patents"][0]["application_no"])
        self.assertEqual(patent.title, "一种改进的锂电池正极材料")
        latest = patent.history.order_by("-history_date", "-history_id").first()
        self.assertEqual(latest.history_type, "~")
        self.assertEqual(latest.title, "一种改进的锂电池正极材料")

    def test_next_year_updates_instead_of_duplicating(self):
        load_tables()
        tables = valid_tables()
        tables["zone_year"].append({**tables["zone_year"][0], "year": "2022", "population": "310000"})
        tables["qualifications"][0]["valid_to"] = "2024-12-31"  # a keyless table: matched on its natural key
        tables["patents"][0]["lapse_date"] = "2025-03-05"
        tables["patents"][0]["lapse_reason"] = "未缴年费"
        result = load_tables(tables)
        changes = by_stem(result)
        self.assertEqual((changes["zone_year"].added, changes["zone_year"].unchanged), (1, 1))
        self.assertEqual((changes["qualifications"].changed, Qualification.objects.count()), (1, 1))
        self.assertEqual(changes["patents"].changed, 1)
        self.assertEqual(Patent.objects.count(), 4)

    def test_repeated_rows_of_a_keyless_table_are_kept_apart(self):
        tables = valid_tables()
        tables["events"].append(dict(tables["events"][0]))
        load_tables(tables)
        again = load_tables(tables)
        self.assertEqual(by_stem(again)["events"].unchanged, 2)
        self.assertEqual(list(Qualification.objects.values_list("occurrence", flat=True)), [1])

    def test_missing_rows_are_reported_and_pruned_only_when_asked(self):
        load_tables()
        tables = valid_tables()
        gone = tables["patents"].pop(2)["application_no"]
        tables["patent_owners"] = [o for o in tables["patent_owners"] if o["application_no"] != gone]
        kept = load_tables(tables)
        self.assertEqual(by_stem(kept)["patents"].missing, 1)
        self.assertEqual(by_stem(kept)["patents"].removed, 0)
        self.assertTrue(Patent.objects.filter(application_no=gone).exists())
        pruned = load_tables(tables, prune=True)
        self.assertEqual(by_stem(pruned)["patents"].removed, 1)
        self.assertEqual(by_stem(pruned)["patent_owners"].removed, 2)
        self.assertFalse(Patent.objects.filter(application_no=gone).exists())
        self.assertEqual(Patent.history.filter(application_no=gone, history_type="-").count(), 1)

    def test_dry_run_writes_nothing(self):
        before = counts()
        result = load_tables(dry_run=True)
        self.assertTrue(result.ok)
        self.assertTrue(result.dry_run)
        self.assertGreater(result.totals()["added"], 0)
        self.assertEqual(counts(), before)
        self.assertEqual(ImportRun.objects.count(), 0)


class BrokenDataset(TestCase):
    def test_errors_leave_the_database_untouched(self):
        load_tables()
        before = counts()
        version = DataState.current().version
        runs = ImportRun.objects.count()
        tables = valid_tables()
        tables["patents"][0]["title"] = "会被改动吗"  # a valid change…
        tables["surveys"][0]["score"] = "101"  # …in a file with one error
        result = load_tables(tables)
        self.assertFalse(result.ok)
        self.assertEqual([f.rule for f in result.report.errors], ["type.score"])
        self.assertEqual(result.changes, [])
        self.assertEqual(counts(), before)
        self.assertEqual(DataState.current().version, version)
        self.assertEqual(ImportRun.objects.count(), runs)
        self.assertNotEqual(Patent.objects.get(application_no=tables["patents"][0]["application_no"]).title, "会被改动吗")

    def test_a_value_too_long_for_the_database_is_an_error_before_writing(self):
        tables = valid_tables()
        tables["pledges"][0]["registration_no"] = "Y" * 300
        result = load_tables(tables)
        self.assertFalse(result.ok)
        self.assertEqual({f.rule for f in result.report.errors}, {"platform.too_long"})
        self.assertEqual(sum(counts().values()), 0)


class RoundTrip(TestCase):
    def test_database_exports_the_dataset_that_was_loaded(self):
        path = dataset()
        load(path)
        original = read(path)
        exported = export_dataset()
        self.assertEqual(exported.present, original.present)
        for stem, table in original.tables.items():
            keys = [(name, "ascending") for name in table.column_names if not pa.types.is_list(table.schema.field(name).type)]
            self.assertTrue(
                exported[stem].sort_by(keys).equals(table.sort_by(keys)),
                f"{stem}: exported {exported[stem].to_pylist()} != file {table.to_pylist()}",
            )

    def test_owners_link_patents_and_entities_on_natural_keys(self):
        load_tables()
        owner = PatentOwner.objects.select_related("patent", "entity").get(patent__application_no="202110123456.7", position=1)
        self.assertEqual(owner.entity.name, "山西晋创新材料科技有限公司")
        self.assertEqual(Entity.objects.get(uscc=owner.entity_id).patent_ownerships.count(), 1)
