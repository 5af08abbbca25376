"""The record of past payments, which the "rewarded once" exclusion and the caps read.

On the command line it is a file given with ``--payments`` (CSV, UTF-8 or GB18030, or .xlsx;
Chinese or English headers; the platform's payment list export has these columns too):

==============  ==========  =====================================================
header          English     value
==============  ==========  =====================================================
政策            policy      the policy's name (``hv-grant-reward``)
年度            year        the year the entitlement was for
类型            kind        ``patent`` / ``pledge`` (or 专利 / 质押)
编号            id          application number or pledge registration number
统一社会信用代码  uscc        the payee (optional)
金额            amount      万元
支付日期        paid_on     optional
==============  ==========  =====================================================

With ``--db`` the platform's recorded payments are used instead. Which payments exclude an
item depends on the policy's ``[exclusions] once`` (see :func:`once_key`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ipzone.codes import parse_appno
from ipzone.policies.files import PolicyError
from ipzone.readers import decode_csv_bytes, normalize_header
from ipzone.values import Problem, clean_text, is_empty, parse_date, parse_year

KIND_ZH = {"patent": "专利", "pledge": "质押"}
_KINDS = {"patent": "patent", "pledge": "pledge", "专利": "patent", "质押": "pledge"}
COLUMNS = (  # (english, chinese, required)
    ("policy", "政策", True),
    ("year", "年度", True),
    ("kind", "类型", True),
    ("id", "编号", True),
    ("uscc", "统一社会信用代码", False),
    ("amount", "金额", True),
    ("paid_on", "支付日期", False),
)


@dataclass(frozen=True)
class PaidItem:
    policy: str
    year: int
    kind: str  # patent | pledge
    id: str
    amount: Decimal
    uscc: str | None = None
    paid_on: dt.date | None = None


def once_key(once: str, policy: str, year: int, kind: str, item_id: str) -> str:
    """The key under which an item may be paid only once (the platform's unique constraint).

    ``all_policies``: the item, whatever the policy and year; ``this_policy``: the item under
    this policy; ``none``: the item under this policy in this year (paid again another year).
    """
    if once == "all_policies":
        return f"{kind}:{item_id}"
    if once == "this_policy":
        return f"{kind}:{item_id}:{policy}"
    return f"{kind}:{item_id}:{policy}:{year}"


def earlier(paid: list[PaidItem], once: str, policy: str, year: int, kind: str, item_id: str) -> list[PaidItem]:
    """The past payments that make the item already rewarded under the policy's ``once``."""
    if once == "none":
        return [p for p in paid if p.kind == kind and p.id == item_id and p.policy == policy and p.year == year]
    if once == "this_policy":
        return [p for p in paid if p.kind == kind and p.id == item_id and p.policy == policy]
    return [p for p in paid if p.kind == kind and p.id == item_id]


def _rows(path: Path) -> list[tuple[int, list[object]]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))
        sheet = wb.get_sheet_by_index(0)
        return list(enumerate(sheet.to_python(skip_empty_area=False), start=1))
    text, _ = decode_csv_bytes(path.read_bytes())
    return list(enumerate(csv.reader(io.StringIO(text)), start=1))


def read(path: Path | str) -> list[PaidItem]:
    """Every row of a payments file, or :class:`PolicyError` naming every bad cell."""
    path = Path(path)
    if not path.is_file():
        raise PolicyError(f"找不到已支付记录文件 {path}", f"payments file not found: {path}")
    rows = _rows(path)
    if not rows:
        raise PolicyError(f"已支付记录文件 {path.name} 是空的", f"payments file {path.name} is empty")
    header = [normalize_header(h) for h in rows[0][1]]
    positions: dict[str, int] = {}
    for name, zh, _ in COLUMNS:
        for i, h in enumerate(header):
            if h in (name, normalize_header(zh)):
                positions[name] = i
    missing = [f"{zh}（{name}）" for name, zh, req in COLUMNS if req and name not in positions]
    if missing:
        raise PolicyError(
            f"已支付记录文件 {path.name} 缺少列：{'、'.join(missing)}",
            f"payments file {path.name} lacks the columns: {', '.join(missing)}",
        )
    out, problems = [], []
    for rowno, cells in rows[1:]:
        def cell(name):
            i = positions.get(name)
            return None if i is None or i >= len(cells) or is_empty(cells[i]) else cells[i]

        if all(is_empty(c) for c in cells):
            continue
        values, bad = {}, False
        for name, zh, required in COLUMNS:
            raw = cell(name)
            if raw is None:
                if required:
                    problems.append((rowno, zh, "", "必填，不能为空", "required, cannot be empty"))
                    bad = True
                values[name] = None
                continue
            try:
                values[name] = _parse(name, raw)
            except Problem as e:
                problems.append((rowno, zh, clean_text(raw), e.zh, e.en))
                bad = True
        if bad:
            continue
        if values["kind"] == "patent":
            try:
                values["id"] = parse_appno(values["id"])
            except Problem as e:
                problems.append((rowno, "编号", values["id"], e.zh, e.en))
                continue
        out.append(PaidItem(values["policy"], values["year"], values["kind"], values["id"], values["amount"], values["uscc"], values["paid_on"]))
    if problems:
        zh = "\n".join(f"  {path.name}，第 {r} 行，列「{c}」：{z}" + (f"（值：'{v}'）" if v else "") for r, c, v, z, _ in problems)
        en = "\n".join(f"  {path.name}, row {r}, column {c}: {e}" + (f" (value: '{v}')" if v else "") for r, c, v, _, e in problems)
        raise PolicyError(f"已支付记录有 {len(problems)} 处错误，未使用：\n{zh}", f"the payments file has {len(problems)} error(s) and was not used:\n{en}")
    return out


def _parse(name: str, raw: object):
    if name == "year":
        return parse_year(raw)
    if name == "paid_on":
        return parse_date(raw)
    if name == "amount":
        text = clean_text(raw).replace(",", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise Problem(f"「{text}」不是数字（万元）", f"{text!r} is not a number (万元)") from None
        if not value.is_finite() or value < 0:
            raise Problem("金额应为不小于 0 的数字（万元）", "the amount must be a number ≥ 0 (万元)")
        return value
    if name == "kind":
        text = clean_text(raw).lower()
        if text not in _KINDS:
            raise Problem("类型应为 patent / pledge（专利 / 质押）", "kind must be patent or pledge (专利 / 质押)")
        return _KINDS[text]
    return clean_text(raw)
