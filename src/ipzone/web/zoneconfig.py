"""The zone configuration kept with the data, and which configuration is in force.

A dataset's ``ipzone.toml`` (``ipzone.config``) travels into the database with the data: ``ipzone
load`` and the import page validate it and store it as a new :class:`ZoneConfigVersion` (its text,
SHA-256, who, when, from where), together with the reference tables it names by ``{path = …}``
(their bytes: the files stay behind with the dataset). The office may upload a new version on the
configuration page. Every engine made from the database (dashboard, platform reports, ``ipzone
report --db``, ``ipzone policy … --db``) then uses the configuration in force:

1. a file named explicitly: ``--config FILE`` of a command, else ``IPZONE_CONFIG``;
2. else the newest stored version;
3. else the defaults of ``ipzone.config``.

A stored reference table is written once to ``$IPZONE_HOME/zone-config/<sha256>/<name>`` (content
addressed, so never stale) for the engine to read as it reads any zone's own table.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ipzone import config as zone_config
from ipzone.config import CONFIG_NAME, ConfigError, ZoneConfig


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class RefFile:
    """A reference table named by ``[references] role = {path = …}``, read and ready to store."""

    role: str
    path: str  # as the configuration writes it
    data: bytes

    @property
    def name(self) -> str:
        return _safe_name(self.path, self.role)

    @property
    def sha256(self) -> str:
        return sha256(self.data)


@dataclass(frozen=True)
class Pending:
    """A validated configuration, with the reference files it names, not yet stored."""

    text: str
    name: str  # what messages call it, e.g. ``demo-zone/ipzone.toml``
    files: tuple[RefFile, ...]
    config: ZoneConfig

    @property
    def sha256(self) -> str:
        return sha256(self.text.encode("utf-8"))


def _safe_name(path: str, role: str) -> str:
    name = PurePosixPath(path.replace("\\", "/")).name
    if not name or name.startswith(".") or name in ("..",):
        return f"{role}.csv"
    return name


Supply = Callable[[str, str, Path | None], bytes | None]  # (role, path as written, resolved path)


def prepare(text: str, name: str, supply: Supply, base: Path | None = None) -> Pending:
    """Validate ``text`` (raises ConfigError, in Chinese and English) and fetch the reference files it
    names through ``supply``; a named file that cannot be had is an error too."""
    text = text.removeprefix("\ufeff")
    data = zone_config.toml(text, name)
    cfg = zone_config.parse(data, base / CONFIG_NAME if base is not None else None)
    files = []
    for role, value in (data.get("references") or {}).items():
        if not isinstance(value, dict):
            continue
        written = str(value["path"])
        content = supply(role, written, cfg.references[role].path)
        if content is None:
            raise ConfigError(
                f"[references] {role} 指定的参照表文件「{written}」找不到",
                f"[references] {role}: the reference file {written!r} was not found",
            )
        files.append(RefFile(role, written, content))
    return Pending(text, name, tuple(files), cfg)


def read(path: Path, name: str | None = None) -> Pending:
    """The configuration file ``path`` and the files it names (relative to its folder)."""
    name = name or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"找不到配置文件 {name}", f"configuration file not found: {name}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"配置文件 {name} 不是 UTF-8 文本", f"{name} is not UTF-8 text") from None

    def from_disk(role: str, written: str, resolved: Path | None) -> bytes | None:
        return resolved.read_bytes() if resolved is not None and resolved.is_file() else None

    return prepare(text, name, from_disk, Path(path).parent)


# --- stored versions ------------------------------------------------------------------------------


def current():
    """The newest stored version, or None."""
    from ipzone.web.monitoring.models import ZoneConfigVersion

    return ZoneConfigVersion.objects.order_by("-version").first()


def _same(version, pending: Pending) -> bool:
    stored = {(f.role, f.name, f.sha256) for f in version.files.all()}
    return version.sha256 == pending.sha256 and stored == {(f.role, f.name, f.sha256) for f in pending.files}


def store(pending: Pending, *, user=None, source: str, bump: bool = True) -> tuple[object, bool]:
    """Keep ``pending`` as a new version unless it equals the newest; (version, whether new).

    A new version bumps the data version (unless ``bump`` is False: ``ipzone.web.load`` bumps it
    once for the data and the configuration), so that every cached indicator is computed again
    under the new configuration."""
    from ipzone.web.core.models import DataState
    from ipzone.web.monitoring.models import ZoneConfigFile, ZoneConfigVersion

    with transaction.atomic():
        latest = ZoneConfigVersion.objects.select_for_update().order_by("-version").first()
        if latest is not None and _same(latest, pending):
            return latest, False
        version = ZoneConfigVersion.objects.create(
            version=(latest.version if latest else 0) + 1,
            text=pending.text,
            sha256=pending.sha256,
            source=source[:500],
            created_by=user if user is not None and user.is_authenticated else None,
            created=timezone.now(),
        )
        ZoneConfigFile.objects.bulk_create(
            [
                ZoneConfigFile(config=version, role=f.role, path=f.path[:500], name=f.name[:255], sha256=f.sha256, size=len(f.data), data=f.data)
                for f in pending.files
            ]
        )
        if bump:
            DataState.bump()
    return version, True


def _cached_file(f) -> Path:
    folder = Path(settings.HOME) / "zone-config" / f.sha256
    path = folder / f.name
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as out:
            out.write(bytes(f.data))
        os.replace(tmp, path)
    return path


def materialize(version) -> ZoneConfig:
    """The ZoneConfig of a stored version; its own reference tables read from the cache folder."""
    cfg = zone_config.loads(version.text, None, name=str(version))
    refs = dict(cfg.references)
    for f in version.files.all():
        if f.role in refs:
            refs[f.role] = replace(refs[f.role], path=_cached_file(f))
    return replace(cfg, references=refs)


# --- in force -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InForce:
    """The configuration an engine on the database uses, and what to call it on a page or report."""

    config: ZoneConfig
    kind: str  # "file" | "stored" | "default"
    zh: str
    en: str
    version: object | None = None


def in_force(explicit: str | Path | None = None) -> InForce:
    """``explicit`` (a command's ``--config``), else ``IPZONE_CONFIG``, else the newest stored
    version, else the defaults."""
    if explicit:
        name = Path(explicit).name
        return InForce(zone_config.load(explicit), "file", f"命令行 --config 指定的文件 {name}", f"the file {name} given by --config")
    if settings.ZONE_CONFIG:
        name = Path(settings.ZONE_CONFIG).name
        return InForce(
            zone_config.load(settings.ZONE_CONFIG), "file",
            f"环境变量 IPZONE_CONFIG 指定的文件 {name}（优先于数据库中保存的配置）",
            f"the file {name} named by IPZONE_CONFIG (before the stored configuration)",
        )
    version = current()
    if version is not None:
        when = timezone.localtime(version.created)
        return InForce(
            materialize(version), "stored",
            f"数据库中保存的第 {version.version} 版（{version.source}，{when:%Y-%m-%d %H:%M}）",
            f"stored version {version.version} ({when:%Y-%m-%d %H:%M})",
            version,
        )
    return InForce(ZoneConfig(), "default", "默认配置（数据库中没有保存园区配置）", "the defaults (no configuration stored)")
