"""The quarterly progress workbook (季度进展), declared in the data contract's terms like the filings
(``ipzone.programme.filings``): the template's Chinese headers, ★ keys and notes, the cell parsers
and their Chinese and English messages come with the declaration.

One row is one department's report on one task for one quarter. 任务名称 and 状态 are information
for the reader (filled in templates and exports, ignored on import). 报送部门 may stay empty in a
department's own workbook (it is the department's); the office fills it in.
"""

from __future__ import annotations

from ipzone.contract import CODE, ENUM, INT, TEXT, YEAR, Column, Table

FLAGS = ("正常推进", "进度滞后", "已完成")
QUARTERS = (1, 2, 3, 4)
INFO_ONLY = ("title", "state")  # written for the reader, not read back

TABLE = Table(
    "progress_reports",
    "季度进展",
    (
        Column("task", "任务编号", CODE, key=True, note="任务或议定事项的编号，如 7、LX-2025-02-1"),
        Column("title", "任务名称", TEXT, required=False, note="仅供参考，导入时忽略"),
        Column("year", "年度", YEAR, key=True),
        Column("quarter", "季度", INT, key=True, note="1–4"),
        Column("department", "报送部门", CODE, key=True, required=False, note="部门代码；部门用户可留空（即本部门），办公室导入时必填"),
        Column("percent", "完成进度（%）", INT, required=False, note="0–100 的整数"),
        Column("flag", "进展判断", ENUM, choices=FLAGS),
        Column("content", "进展情况", TEXT),
        Column("problems", "存在问题", TEXT, required=False),
        Column("next_steps", "下步计划", TEXT, required=False),
        Column("state", "状态", TEXT, required=False, note="草稿/已报送/已退回；仅供参考，导入时忽略"),
    ),
    description="各部门牵头任务的季度进展",
)
TABLES = (TABLE,)
WHAT = ("季度进展表", "the quarterly progress table")


def cell_problems(row: dict) -> list[tuple[str, str, str]]:
    """Rules of a row beyond its cells' kinds: (column, 中文, English) for each problem."""
    out = []
    if row.get("quarter") is not None and row["quarter"] not in QUARTERS:
        out.append(("quarter", f"季度应为 1–4，而不是 {row['quarter']}", f"a quarter is 1–4, not {row['quarter']}"))
    percent = row.get("percent")
    if percent is not None and percent > 100:
        out.append(("percent", f"完成进度应在 0–100 之间，而不是 {percent}", f"the percentage is from 0 to 100, not {percent}"))
    return out
