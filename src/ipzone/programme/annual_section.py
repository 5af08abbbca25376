"""The annual report's 任务清单推进情况 section, plugged into ``ipzone.reports.annual`` (slot
"programme"): per task of the plan, its lead department, status, sub-tasks done, the latest
quarterly report the department submitted and what is overdue.

The task list lives in the platform, so the section appears in reports made from the platform's
database (``Source.task_progress``, set by ``ipzone.web.reports.services.db_source``); a report made
from a dataset has no task list and leaves it out.
"""

from __future__ import annotations

EXCERPT = 60  # characters of a quarterly report shown in the table


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def annual_section(ctx):
    from ipzone.reports.model import Paragraph, Section, Table

    if ctx.source.task_progress is None:
        return None
    data = ctx.source.task_progress(ctx.year)
    tasks = data.get("tasks") or []
    sec = Section("任务清单推进情况", key="programme")
    if not tasks:
        sec.add(Paragraph("平台尚未建立任务清单。"))
        return sec
    done = sum(1 for t in tasks if t["status"] == "已完成")
    reported = sum(1 for t in tasks if t["report"])
    sec.add(
        Paragraph(
            f"工作方案{len(tasks)}项任务中，已完成{done}项；{reported}项有{ctx.year}年已报送的季度进展；"
            f"截至{data['as_of'].month}月{data['as_of'].day}日，逾期未报送或未完成的事项{data['overdue']}件。"
        )
    )
    rows = []
    for t in tasks:
        r = t["report"]
        progress = "—" if r is None else f"第{r['quarter']}季度（{r['flag']}" + (f"，{r['percent']}%" if r["percent"] is not None else "") + f"）：{_excerpt(r['content'])}"
        sub_done, sub_total = t["subtasks"]
        rows.append([t["code"], t["title"], t["lead"], t["status"], f"{sub_done}/{sub_total}" if sub_total else "—", progress, str(t["overdue"])])
        if t["overdue"]:
            ctx.problems.append(f"任务{t['code']}（{t['lead']}牵头）有{t['overdue']}件逾期事项。")
    sec.add(
        Table(
            f"{ctx.year}年任务清单推进情况",
            ["编号", "任务", "牵头部门", "状态", "子任务完成", "最近报送的进展", "逾期"],
            rows,
            notes=["只计各部门已报送的季度进展；草稿和已退回的不计。"],
            key="任务清单",
            widths=[10, 38, 16, 12, 14, 54, 10],
        )
    )
    return sec


def _register() -> None:
    from ipzone.reports import annual

    annual.register_section("programme", annual_section)


_register()
