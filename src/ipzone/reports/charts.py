"""Charts as PNG, drawn by matplotlib with a Chinese font found on the machine.

The font is Noto Sans CJK SC (Debian ``fonts-noto-cjk``) or another Simplified Chinese sans face;
without one the report stops with a clear message rather than drawing boxes. The PNG carries no
software version or time, so the same values give the same bytes; it is reduced to a 128-colour
palette, which keeps a chart of flat colours and text as it was at a third of the size.
"""

from __future__ import annotations

import io
import math
from functools import cache

from ipzone.values import Problem

CJK_SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC")
DPI = 150
COLOURS = 128
INK, TARGET, GRID = "#1f4e79", "#c00000", "#d9d9d9"
PALETTE = ("#1f4e79", "#2e75b6", "#9dc3e6", "#c55a11", "#f4b183", "#548235", "#a9d18e", "#7f6000", "#ffd966", "#7030a0")


class FontMissing(Problem):
    pass


@cache
def cjk_family() -> str:
    """The first Simplified Chinese sans family matplotlib can use (it reads .ttc collections)."""
    import matplotlib.font_manager as fm

    names = {f.name for f in fm.fontManager.ttflist}
    for family in CJK_SANS:
        if family in names:
            return family
    # fonts installed after matplotlib built its cache: ask fontconfig for the files
    import shutil
    import subprocess

    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh-cn", "file"], capture_output=True, text=True, check=False).stdout
        for line in sorted(out.splitlines()):
            path = line.split(":")[0].strip()
            if path:
                try:
                    fm.fontManager.addfont(path)
                except (OSError, RuntimeError):
                    continue
        names = {f.name for f in fm.fontManager.ttflist}
        for family in CJK_SANS:
            if family in names:
                return family
    raise FontMissing(
        "找不到中文字体（如 Noto Sans CJK SC）：图表无法绘制。请安装 fonts-noto-cjk（以 root 运行 make install 会自动安装）",
        "no Chinese font (e.g. Noto Sans CJK SC) for charts: install fonts-noto-cjk (make install does it when run as root)",
    )


def _figure(width_in: float, height_in: float):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": cjk_family(),
            "font.size": 8,
            "axes.unicode_minus": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "ipzone",
        }
    )
    return plt, plt.figure(figsize=(width_in, height_in), dpi=DPI)


def _png(plt, fig) -> bytes:
    """The figure as a palette PNG (128 colours, no dithering): a third of the size, same look."""
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    im = Image.open(io.BytesIO(buf.getvalue())).convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    im.save(out, format="PNG", optimize=True)
    return out.getvalue()


def trend_grid(series: list[dict], *, title_year: int) -> bytes:
    """One small chart per indicator: values (solid), the annual-target path (dashed) to 2025.

    ``series``: ``{"name", "unit", "years", "values" (None = missing), "targets", "target_2025"}``.
    """
    plt, fig = _figure(6.2, 1.75 * math.ceil(len(series) / 2))
    cols = 2
    rows = math.ceil(len(series) / cols)
    for k, s in enumerate(series):
        ax = fig.add_subplot(rows, cols, k + 1)
        years, values, targets = s["years"], s["values"], s["targets"]
        t_years = [y for y, t in zip(years, targets) if t is not None]
        t_vals = [t for t in targets if t is not None]
        ax.plot(t_years, t_vals, linestyle="--", color=TARGET, linewidth=1, label="年度目标")
        shown = [(y, v) for y, v in zip(years, values) if v is not None]
        if shown:
            ax.plot([y for y, _ in shown], [v for _, v in shown], marker="o", markersize=3, color=INK, linewidth=1.6, label="实际值")
        gaps = [y for y, v in zip(years, values) if v is None and y <= title_year]
        for y in gaps:
            ax.axvline(y, color=GRID, linewidth=6, zorder=0)
            ax.text(y, 0.5, "缺数据", transform=ax.get_xaxis_transform(), ha="center", va="center", fontsize=6, color="#7f7f7f", rotation=90)
        ax.set_title(f"{s['name']}（{s['unit']}）", fontsize=7.5)
        ax.set_xticks(years)
        ax.set_xticklabels([str(y) for y in years], fontsize=6.5)
        ax.tick_params(axis="y", labelsize=6.5)
        ax.grid(axis="y", color=GRID, linewidth=0.5)
        if k == 0:
            ax.legend(fontsize=6, frameon=False, loc="upper left")
    fig.tight_layout(h_pad=1.2, w_pad=1.5)
    return _png(plt, fig)


def bars(items: list[tuple[str, float]], *, unit: str, precision: int = 0, width_in: float = 6.2) -> bytes:
    """A horizontal bar per item (a composition), largest first as given, values at the bars' ends."""
    plt, fig = _figure(width_in, 0.3 * len(items) + 0.6)
    ax = fig.add_subplot(1, 1, 1)
    labels = [i[0] for i in items][::-1]
    values = [i[1] for i in items][::-1]
    colors = [PALETTE[(len(items) - 1 - k) % len(PALETTE)] for k in range(len(items))]
    ax.barh(labels, values, color=colors, height=0.6)
    top = max(values) if values and max(values) > 0 else 1
    for y, v in enumerate(values):
        ax.text(v + top * 0.01, y, f"{v:,.{precision}f}", va="center", fontsize=7)
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(unit, fontsize=7)
    ax.tick_params(axis="y", labelsize=7.5)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    fig.tight_layout()
    return _png(plt, fig)


def grouped_bars(categories: list[str], groups: dict[str, list[float]], *, unit: str, width_in: float = 6.2) -> bytes:
    """Bars side by side per category: e.g. cases opened and closed per kind of case."""
    plt, fig = _figure(width_in, 2.4)
    ax = fig.add_subplot(1, 1, 1)
    n = len(groups)
    width = 0.8 / max(n, 1)
    xs = range(len(categories))
    for k, (label, values) in enumerate(groups.items()):
        pos = [x - 0.4 + width * (k + 0.5) for x in xs]
        ax.bar(pos, values, width=width * 0.95, label=label, color=PALETTE[k % len(PALETTE)])
        for x, v in zip(pos, values):
            ax.text(x, v, f"{v:,.0f}", ha="center", va="bottom", fontsize=6.5)
    ax.set_xticks(list(xs))
    ax.set_xticklabels(categories, fontsize=7.5)
    ax.set_ylabel(unit, fontsize=7)
    ax.grid(axis="y", color=GRID, linewidth=0.5)
    ax.legend(fontsize=7, frameon=False)
    fig.tight_layout()
    return _png(plt, fig)
