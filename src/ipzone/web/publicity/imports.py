"""Importing and exporting event participants (``ipzone.programme.participants``) through the
operation app's import (``ipzone.web.operation.imports.run_import``): the contract's cell and key
checks, references to ``entities`` and ``talents`` by the database, and here

- the event: day, name and 场次 must name one of the contract's ``events`` rows;
- a unit has no 人员编号 (as the form says).

Any error: nothing is written. Otherwise one transaction: rows are matched on event, kind, name and
certificate number — added, changed (any other column differs) or unchanged; participants not in
the file are left alone. History records who and "导入 FILE"; the run is an ``ImportRun``
"活动参与者导入 FILE".
"""

from __future__ import annotations

from pathlib import Path

from ipzone.findings import ERROR
from ipzone.programme import workbook
from ipzone.programme.participants import EVENT_COLUMNS, PARTICIPANTS, TABLES, UNIT, WHAT
from ipzone.web.operation.imports import FilingImport, TableChange, check_lengths, run_import, upsert
from ipzone.web.publicity.models import EventParticipant
from ipzone.web.services.models import Event

STEM = PARTICIPANTS.stem
# the table's other columns → the model's fields
FIELDS = {"kind": "kind", "name": "name", "uscc": "entity", "person_id": "talent", "organisation": "organisation", "hours": "hours",
          "certificate_no": "certificate_no"}
KEY = ("event_id", "kind", "name", "certificate_no")  # model attnames of the natural key


def _field(column: str):
    return EventParticipant._meta.get_field(FIELDS[column])


def _fields(stem: str):
    return [(column, _field(column)) for column in FIELDS]


def events_named(p) -> dict[tuple, int]:
    """(day, name, 场次) of the sheet's rows → the event's id, for those that are in the database."""
    days = {d for d in p.columns["event_held_on"] if d is not None}
    return {(e.held_on, e.name, e.occurrence): e.pk for e in Event.objects.filter(held_on__in=days)}


def _check(parsed: dict) -> None:
    p = parsed.get(STEM)
    if p is None:
        return
    check_lengths(parsed, _fields)
    found = events_named(p)
    for i, event in enumerate(zip(*(p.columns[c] for c in EVENT_COLUMNS))):
        day, name, occurrence = event
        if None not in event and event not in found:
            nth_zh, nth_en = (f"（第 {occurrence} 场）", f" (occurrence {occurrence})") if occurrence != 1 else ("", "")
            p.finding(ERROR, "reference", f"宣传培训活动表（events）中没有 {day} 的「{name}」{nth_zh}",
                      f"events has no {name!r} on {day}{nth_en}", i, "event_name", name)
    for i, (kind, person) in enumerate(zip(p.columns["kind"], p.columns["person_id"])):
        if kind == UNIT and person is not None:
            p.finding(ERROR, "participant.unit_person", "单位参与者不填人员编号", "a unit has no person id", i, "person_id", person)


def _write(parsed: dict, user, reason: str) -> list[TableChange]:
    p = parsed[STEM]
    found = events_named(p)
    rows = []
    for _, row in workbook.records(p):
        values = {"event_id": found[tuple(row[c] for c in EVENT_COLUMNS)]}
        values.update({_field(c).attname: row[c] for c in FIELDS})
        if values["hours"] is not None:
            values["hours"] = float(values["hours"])
        rows.append(values)
    return [upsert(EventParticipant, KEY, rows, user, reason, TableChange(STEM, PARTICIPANTS.zh))]


def import_participants(path: Path, *, user=None, dry_run: bool = False, source_name: str | None = None) -> FilingImport:
    return run_import(path, TABLES, _write, checks=(_check,), label="活动参与者导入", what=WHAT, user=user, dry_run=dry_run, source_name=source_name)


def record(obj: EventParticipant) -> dict:
    """A participant as a row of the table (what the template's sheet shows, and imports back)."""
    e = obj.event
    row = {"event_held_on": e.held_on, "event_name": e.name, "event_occurrence": e.occurrence}
    row.update({c: getattr(obj, _field(c).attname) for c in FIELDS})
    if row["hours"] is not None and float(row["hours"]).is_integer():
        row["hours"] = int(row["hours"])
    return row


EXPORT_ORDER = ("event__held_on", "event__name", "event__occurrence", "pk")  # an event's participants as they were recorded
