"""``ipzone load``: a checked dataset upserted on natural keys, in one transaction.

The whole contract check runs first (``ipzone.dataset.check``); with any error nothing is
written. Otherwise every table present in the file is matched to the database on its natural
key: new keys are inserted, keys whose values differ are updated, equal rows are left alone,
and keys the database has but the file lacks are reported as *missing from file* (deleted only
with ``prune``). Inserts and updates are bulk ``executemany`` writes (``ipzone.web.bulk``) that
also write the history rows (django-simple-history's tables: who, when, which import). Loading the same file twice changes nothing.

A dataset folder's ``ipzone.toml`` (or the file given as ``config``) is validated with the data: an
invalid one is an error of the load (nothing written), a valid one is stored in the same
transaction as a new configuration version when it differs from the stored one
(``ipzone.web.zoneconfig``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from ipzone.config import CONFIG_NAME, ConfigError
from ipzone.dataset import Dataset
from ipzone.findings import ERROR, Finding, Report
from ipzone.web import bulk, zoneconfig
from ipzone.web.core.bindings import OCCURRENCE, Binding, bindings
from ipzone.web.core.models import DataState
from ipzone.web.core.signals import quiet

BATCH = 2000
EXAMPLES = 5

Progress = Callable[[str, int, int], None]  # (stem, done, total)


@dataclass
class TableChange:
    stem: str
    zh: str
    in_file: bool
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: int = 0  # in the database, not in the file
    removed: int = 0  # of those, deleted (prune)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class LoadResult:
    report: Report
    changes: list[TableChange] = field(default_factory=list)
    dry_run: bool = False
    version: int | None = None
    run_id: int | None = None
    config: dict | None = None  # the zone configuration that came with the data: name, version, changed, sha256

    @property
    def ok(self) -> bool:
        return self.report.ok

    def totals(self) -> dict[str, int]:
        keys = ("rows", "added", "changed", "unchanged", "missing", "removed")
        return {k: sum(getattr(c, k) for c in self.changes) for k in keys}

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "version": self.version,
            "totals": self.totals(),
            "tables": [c.to_dict() for c in self.changes],
            "config": self.config,
            "check": self.report.to_dict(first=20),
        }


class _Rollback(Exception):
    def __init__(self, result: LoadResult):
        self.result = result


def load(
    source: Path | str,
    *,
    user=None,
    prune: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    check_progress: Callable[[str, str], None] | None = None,
    limits=None,
    source_name: str | None = None,
    config: Path | str | None = None,
    config_name: str | None = None,
) -> LoadResult:
    """Check ``source`` and, when it has no error, load it (see the module docstring).

    ``source_name`` is what the import record and history call the source (default: its file name).
    ``config`` is the zone configuration to store with the data (default: the ``ipzone.toml`` of a
    dataset folder, if any); ``config_name`` is what messages call it (default: its path).
    """
    from ipzone.dataset import check

    source = Path(source)
    report, ds = check(source, limits, progress=check_progress)
    pending = read_config(source, config, config_name, report)
    if ds is None:
        return LoadResult(report)
    return load_dataset(
        ds, report, user=user, prune=prune, dry_run=dry_run, progress=progress, source_name=source_name or source.name, config=pending
    )


def read_config(source: Path, config: Path | str | None, name: str | None, report: Report) -> zoneconfig.Pending | None:
    """The configuration to store with ``source``, validated; a problem is an error in ``report``."""
    if config is None and source.is_dir() and (source / CONFIG_NAME).is_file():
        config = source / CONFIG_NAME
    if config is None:
        return None
    name = name or str(config)
    try:
        return zoneconfig.read(Path(config), name)
    except ConfigError as e:
        report.add(Finding(ERROR, "config", e.zh, e.en, file=name))
        return None


def load_dataset(
    ds: Dataset,
    report: Report | None = None,
    *,
    user=None,
    prune: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    source_name: str = "",
    config: zoneconfig.Pending | None = None,
) -> LoadResult:
    report = report or Report()
    limits_ok(ds, report)
    if not report.ok:
        return LoadResult(report)
    reason = f"导入 {source_name}".strip()
    try:
        with transaction.atomic(), quiet():
            result = _apply(ds, report, user=user, prune=prune, progress=progress, reason=reason)
            if not result.ok:
                raise _Rollback(result)
            from ipzone.web.monitoring.models import ImportRun

            totals = result.totals()
            config_changed = False
            if config is not None:
                stored, config_changed = zoneconfig.store(
                    config, user=user, source=f"导入 {source_name}：{Path(config.name).name}".strip(), bump=False
                )
                result.config = {"name": config.name, "version": stored.version, "changed": config_changed, "sha256": stored.sha256}
            state = DataState.current()
            if totals["added"] or totals["changed"] or totals["removed"] or config_changed or not set(ds.present) <= set(state.present):
                state = DataState.bump(ds.present)
            result.version = state.version
            run = ImportRun.objects.create(
                user=user if user is not None and user.is_authenticated else None,
                source=source_name[:500],
                ok=True,
                dry_run=dry_run,
                pruned=prune,
                warnings=len(report.warnings),
                changes=[c.to_dict() for c in result.changes],
                version=state.version,
            )
            result.run_id = run.pk
            if dry_run:
                raise _Rollback(result)
    except _Rollback as rollback:
        result = rollback.result
        result.dry_run = dry_run
        if dry_run:
            result.version = result.run_id = None
            if result.config and result.config["changed"]:
                result.config["version"] = None
    return result


def limits_ok(ds: Dataset, report: Report) -> None:
    """Values longer than their database column (identifiers) are errors before anything is written."""
    for b in bindings():
        if b.stem not in ds.present:
            continue
        for column, f in zip(b.table.columns, b.fields):
            limit = getattr(f, "max_length", None)
            if not limit or f.is_relation:
                continue
            values = ds[b.stem].column(column.name).to_pylist()
            for i, v in enumerate(values):
                if isinstance(v, str) and len(v) > limit:
                    report.add(
                        Finding(
                            ERROR, "platform.too_long",
                            f"超过 {limit} 个字符，平台无法保存", f"longer than {limit} characters: the platform cannot store it",
                            table=b.stem, table_zh=b.table.zh, row=i + 2, column=column.zh, value=v[:80],
                        )
                    )


def _apply(ds: Dataset, report: Report, *, user, prune: bool, progress: Progress | None, reason: str) -> LoadResult:
    now = timezone.now()
    result = LoadResult(report)
    missing: list[tuple[Binding, TableChange, list[int]]] = []
    for b in bindings():
        if b.stem not in ds.present:
            result.changes.append(TableChange(b.stem, b.table.zh, in_file=False))
            continue
        change, gone = _upsert(b, ds[b.stem].to_pylist(), user=user, now=now, reason=reason, progress=progress)
        result.changes.append(change)
        missing.append((b, change, gone))
    if prune:
        for b, change, gone in reversed(missing):
            if not gone:
                continue
            try:
                for i in range(0, len(gone), BATCH):
                    _delete(b.model, gone[i : i + BATCH])
            except ProtectedError as e:
                refs = sorted({type(o)._meta.verbose_name for o in e.protected_objects})
                report.add(
                    Finding(
                        ERROR, "platform.prune_protected",
                        f"文件中没有的 {len(gone)} 条记录仍被其他表（{'、'.join(map(str, refs))}）引用，不能删除；未载入任何数据",
                        f"{len(gone)} rows missing from the file are still referenced by other tables; nothing was loaded",
                        table=b.stem, table_zh=b.table.zh,
                    )
                )
                return result
            change.removed = len(gone)
    return result


def _upsert(b: Binding, rows: list[dict], *, user, now, reason: str, progress: Progress | None) -> tuple[TableChange, list[int]]:
    model = b.model
    change = TableChange(b.stem, b.table.zh, in_file=True, rows=len(rows))
    if progress:
        progress(b.stem, 0, len(rows))
    attnames = list(b.attnames) + ([OCCURRENCE] if b.group else [])
    incoming: dict[tuple, dict] = {}
    seen: dict[tuple, int] = defaultdict(int)
    for row in rows:
        values = b.to_db(row)
        if b.group:
            group = tuple(values[a] for a in b.group)
            seen[group] += 1
            values[OCCURRENCE] = seen[group]
        incoming[tuple(values[a] for a in b.key)] = values

    existing: dict[tuple, tuple[int, dict]] = {}
    for pk, *stored in model._default_manager.values_list("pk", *attnames).order_by().iterator(chunk_size=BATCH):
        values = dict(zip(attnames, stored))
        existing[tuple(values[a] for a in b.key)] = (pk, values)

    create, update = [], []
    for key, values in incoming.items():
        found = existing.get(key)
        if found is None:
            create.append(values)
            _example(change, "added", key)
        elif found[1] != values:
            update.append((found[0], values))
            _example(change, "changed", key)
        else:
            change.unchanged += 1
    gone = [pk for key, (pk, _) in existing.items() if key not in incoming]
    for key in existing:
        if key not in incoming:
            _example(change, "missing", key)
            if len(change.examples.get("missing", ())) >= EXAMPLES:
                break
    change.added, change.changed, change.missing = len(create), len(update), len(gone)

    done = change.unchanged
    for i in range(0, len(create), BATCH):
        batch = create[i : i + BATCH]
        bulk.insert(model, attnames, [[v[a] for a in attnames] for v in batch])
        done += len(batch)
        if progress:
            progress(b.stem, done, len(rows))
    if create:
        ids = {tuple(key): pk for pk, *key in model._default_manager.values_list("pk", *b.key).order_by().iterator(chunk_size=BATCH)}
        records = [{"id": ids[tuple(v[a] for a in b.key)], **v} for v in create]
        bulk.history(model, records, kind="+", user=user, when=now, reason=reason)
    if update:
        changing = [a for a in attnames if a not in b.key]
        bulk.update(model, changing, [[pk, *(v[a] for a in changing)] for pk, v in update])
        bulk.history(model, [{"id": pk, **v} for pk, v in update], kind="~", user=user, when=now, reason=reason)
        done += len(update)
    if progress:
        progress(b.stem, len(rows), len(rows))
    return change, gone


def _example(change: TableChange, kind: str, key: tuple) -> None:
    shown = change.examples.setdefault(kind, [])
    if len(shown) < EXAMPLES:
        shown.append(" / ".join(str(k) for k in key if k is not None))


def _delete(model: type[models.Model], pks: list[int]) -> None:
    """Delete rows through the collector: PROTECT is honoured and simple-history records each
    deletion (its signal handler takes the user from the request on the import page)."""
    model._default_manager.filter(pk__in=pks).delete()

