"""Policy files: reading, checking (every problem at once, in Chinese and English), the samples.

A policy is one TOML file named ``<name>.toml``. ``load_text`` is what the platform uses for a
version the office edited; ``load_file`` and ``load_folder`` are what the command line uses.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from ipzone.policies.schema import Policy
from ipzone.values import Problem

SAMPLES = "samples"


class PolicyError(Problem):
    """A policy that cannot be used (or a run that cannot be done), said in Chinese and English."""

    def __init__(self, zh: str, en: str, problems: list[tuple[str, str, str]] | None = None):
        super().__init__(zh, en)
        self.problems = problems or []  # (field path, zh, en)


_TYPE_ZH = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知的配置项（是否拼错？）",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文本",
    "list_type": "应为列表，如 [\"a\", \"b\"]",
    "dict_type": "应为表",
    "model_type": "应为表（[段]）",
    "date_type": "应为日期，如 2023-01-01（不加引号）",
    "date_parsing": "应为日期，如 2023-01-01",
    "date_from_datetime_inexact": "应为日期，不含时间",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "数字过大",
    "string_pattern_mismatch": "格式不符：只能用小写字母、数字和连字符（2–63 个字符）",
    "string_too_short": "不能为空",
    "too_short": "不能为空",
}


def _where(loc: tuple) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p.startswith(("function-", "decimal", "dict[", "constrained")))]
    return ".".join(parts) or "（整个文件）"


def _problem(err: dict) -> tuple[str, str, str]:
    where = _where(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    en = err["msg"]
    if kind == "policy_rule":
        zh = ctx.get("zh", en)
    elif kind == "literal_error":
        zh = f"应为以下之一：{ctx.get('expected', '')}"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤"}[kind]
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le")))
        zh = f"应 {sign} {bound}"
    else:
        zh = _TYPE_ZH.get(kind, en)
    if "input" in err and kind not in ("missing", "policy_rule") and not isinstance(err["input"], dict):
        value = err["input"]
        zh += f"（值：{value!r}）"
        en += f" (value: {value!r})"
    return where, zh, en


def parse(data: dict, source: str) -> Policy:
    try:
        return Policy.model_validate(data)
    except ValidationError as e:
        problems: list[tuple[str, str, str]] = []
        for where, zh, en in (_problem(err) for err in e.errors(include_url=False)):
            # a union (a number or a table) fails once per member: one problem, its options joined
            if problems and problems[-1][0] == where:
                last = problems.pop()
                zh, en = f"{last[1]}，或{zh}", f"{last[2]}, or {en}"
            problems.append((where, zh, en))
        lines_zh = "\n".join(f"  {w}：{zh}" for w, zh, _ in problems)
        lines_en = "\n".join(f"  {w}: {en}" for w, _, en in problems)
        raise PolicyError(
            f"政策文件 {source} 有 {len(problems)} 处问题：\n{lines_zh}",
            f"policy file {source} has {len(problems)} problem(s):\n{lines_en}",
            problems,
        ) from None


def load_text(text: str, source: str = "（文本）", *, version: int | None = None) -> Policy:
    """A policy from TOML text; ``version`` (the platform's) replaces the file's own."""
    try:
        data = tomllib.loads(text.lstrip("\ufeff"))
    except tomllib.TOMLDecodeError as e:
        raise PolicyError(f"政策文件 {source} 不是有效的 TOML：{e}", f"policy file {source} is not valid TOML: {e}") from None
    if version is not None:
        data["version"] = version
    return parse(data, source)


def load_file(path: Path | str) -> Policy:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(f"找不到政策文件 {path}", f"policy file not found: {path}") from None
    except UnicodeDecodeError:
        raise PolicyError(f"政策文件 {path} 不是 UTF-8 文本", f"policy file {path} is not UTF-8 text") from None
    policy = load_text(text, path.name)
    if path.stem != policy.name:
        raise PolicyError(
            f"政策文件 {path.name} 的 name 为「{policy.name}」，文件名应为 {policy.name}.toml",
            f"policy file {path.name} declares name {policy.name!r}; name the file {policy.name}.toml",
        )
    return policy


def load_folder(folder: Path | str) -> list[Policy]:
    """Every ``*.toml`` policy in ``folder``, by name; all are checked before any is returned."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PolicyError(f"找不到政策文件夹 {folder}", f"policy folder not found: {folder}")
    policies, errors = [], []
    for path in sorted(folder.glob("*.toml")):
        try:
            policies.append(load_file(path))
        except PolicyError as e:
            errors.append(e)
    if errors:
        raise PolicyError("\n".join(e.zh for e in errors), "\n".join(e.en for e in errors), [p for e in errors for p in e.problems])
    if not policies:
        raise PolicyError(f"文件夹 {folder} 中没有政策文件（*.toml）", f"no policy files (*.toml) in {folder}")
    return policies


def sample_texts() -> dict[str, str]:
    """The shipped sample policies: name → TOML text."""
    folder = resources.files("ipzone.policies") / SAMPLES
    return {p.name.removesuffix(".toml"): p.read_text(encoding="utf-8") for p in sorted(folder.iterdir(), key=lambda p: p.name) if p.name.endswith(".toml")}


def samples() -> list[Policy]:
    return [load_text(text, f"{name}.toml") for name, text in sample_texts().items()]


def select(policies: list[Policy], name: str | None) -> list[Policy]:
    if name is None:
        return policies
    found = [p for p in policies if p.name == name]
    if not found:
        raise PolicyError(
            f"没有名为「{name}」的政策（可用：{'、'.join(p.name for p in policies)}）",
            f"no policy named {name!r} (known: {', '.join(p.name for p in policies)})",
        )
    return found


_VERSION_LINE = re.compile(r"^version\s*=.*$", re.MULTILINE)


def with_version(text: str, version: int) -> str:
    """The text with its top-level ``version = …`` set to ``version`` (added when absent)."""
    head, sep, tail = text.partition("\n[")
    if _VERSION_LINE.search(head):
        head = _VERSION_LINE.sub(f"version = {version}", head, count=1)
    else:
        head = head.rstrip("\n") + f"\nversion = {version}\n"
    return head + sep + tail
