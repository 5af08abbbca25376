"""What a check found: errors and warnings, each naming the file, table, row, column and value.

A :class:`Finding` always says what was expected in Chinese and English. A :class:`Report`
collects them, groups long lists by (table, rule) for people, and serialises them for machines.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    level: str  # error | warning
    rule: str  # e.g. "required", "type.date", "appno.check_digit", "reference"
    zh: str
    en: str
    file: str | None = None
    table: str | None = None  # stem
    table_zh: str | None = None
    row: int | None = None  # as the user sees it: header = row 1; for xlsx the sheet row
    column: str | None = None  # the header as written in the file
    value: str | None = None

    def where(self, lang: str = "zh") -> str:
        parts = []
        if self.table:
            if not self.table_zh:
                parts.append(self.table)
            else:
                parts.append(f"{self.table}（{self.table_zh}）" if lang == "zh" else f"{self.table} ({self.table_zh})")
        elif self.file:
            parts.append(self.file)
        if self.row is not None:
            parts.append(f"第 {self.row} 行" if lang == "zh" else f"row {self.row}")
        if self.column:
            parts.append(f"列「{self.column}」" if lang == "zh" else f"column {self.column}")
        return "，".join(parts) if lang == "zh" else ", ".join(parts)

    def message(self) -> str:
        """One line in Chinese, one in English."""
        value = f"（值：{self.value!r}）" if self.value is not None else ""
        value_en = f" (value: {self.value!r})" if self.value is not None else ""
        zh_where, en_where = self.where("zh"), self.where("en")
        zh = f"{zh_where}：{self.zh}{value}" if zh_where else f"{self.zh}{value}"
        en = f"{en_where}: {self.en}{value_en}" if en_where else f"{self.en}{value_en}"
        return f"{zh}\n{en}"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARNING]

    @property
    def ok(self) -> bool:
        return not any(f.level == ERROR for f in self.findings)

    def sorted(self) -> list[Finding]:
        order = {ERROR: 0, WARNING: 1}
        return sorted(
            self.findings,
            key=lambda f: (order[f.level], f.table or "", f.row if f.row is not None else -1, f.column or "", f.rule),
        )

    def groups(self) -> list[tuple[tuple[str, str | None, str], list[Finding]]]:
        """Findings grouped by (level, table, rule), in the order of :meth:`sorted`."""
        grouped: dict[tuple[str, str | None, str], list[Finding]] = defaultdict(list)
        for f in self.sorted():
            grouped[(f.level, f.table, f.rule)].append(f)
        return list(grouped.items())

    def to_dict(self, first: int | None = None) -> dict:
        groups = []
        for (level, table, rule), items in self.groups():
            shown = items if first is None else items[:first]
            groups.append(
                {"level": level, "table": table, "rule": rule, "count": len(items), "findings": [f.to_dict() for f in shown]}
            )
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "groups": groups,
        }


class DatasetError(Exception):
    """A dataset that cannot be used as it is; ``report`` says every reason."""

    def __init__(self, report: Report):
        self.report = report
        n = len(report.errors)
        first = report.errors[0].message() if n else ""
        super().__init__(f"数据集有 {n} 处错误 / the dataset has {n} error(s)\n{first}")
