"""Every indicator of the plan, declared once: what it is, its targets, and how it is computed.

A value is a small formula over aggregates of the relations in ``relations.py``:

- ``Count(relation, where)`` / ``Sum(relation, column, where)`` / ``Mean(relation, column, where)``:
  an Ibis aggregate, compiled by Ibis for DuckDB or Spark (``where`` is an Ibis deferred ``_``);
- ``Stat(column)``: the year's row of ``zone_year`` (区域年度统计);
- ``Ratio(numerator, denominator, factor)``: done after execution, so that a zero or missing
  denominator gives a null with its reason instead of a division error on any backend.

Nothing here is backend-specific, and nothing is re-coded per backend.
"""

from __future__ import annotations

from dataclasses import dataclass

from ibis import _
from ibis.common.deferred import Deferred

from ipzone.indicators import rules

EXPECTED = "预期性"


# --- formulas ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Count:
    relation: str
    where: Deferred | None = None
    weight: str | None = None  # 'share': patents counted under the counting rule
    distinct: str | None = None  # count distinct values of this column


@dataclass(frozen=True, eq=False)
class Sum:
    relation: str
    column: str
    where: Deferred | None = None
    scale: float = 1.0  # 1e-4: 万元 → 亿元


@dataclass(frozen=True, eq=False)
class Mean:
    relation: str
    column: str
    where: Deferred | None = None


@dataclass(frozen=True, eq=False)
class Stat:
    column: str  # a zone_year column for the year
    zh: str


@dataclass(frozen=True, eq=False)
class Ratio:
    numerator: Count | Sum | Stat
    denominator: Count | Sum | Stat
    factor: float = 1.0
    denominator_zh: str = ""  # what the denominator is, for the reason when it is zero
    denominator_en: str = ""


Aggregate = Count | Sum | Mean
Formula = Aggregate | Stat | Ratio


def aggregates(f: Formula) -> list[Aggregate]:
    if isinstance(f, Ratio):
        return aggregates(f.numerator) + aggregates(f.denominator)
    return [] if isinstance(f, Stat) else [f]


def stats(f: Formula) -> list[Stat]:
    if isinstance(f, Ratio):
        return stats(f.numerator) + stats(f.denominator)
    return [f] if isinstance(f, Stat) else []


def primary(f: Formula) -> Aggregate | None:
    """The aggregate whose records explain the value (a ratio's numerator)."""
    if isinstance(f, Ratio):
        return primary(f.numerator)
    return None if isinstance(f, Stat) else f


# --- indicators ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Indicator:
    code: str
    name: str
    unit: str
    formula: Formula
    formula_text: str  # 计算方法, shown in reports
    task: str  # the part of the plan it serves: 表一 / 任务5 …
    precision: int  # decimals shown; statuses compare at this precision
    main: bool = False  # one of the eight of 表一
    attribute: str | None = None  # 预期性 / 约束性, where the plan says
    baseline_2021: float | None = None
    target_2025: float | None = None
    target_kind: str | None = None  # 'line' (baseline → 2025) or 'floor' (a minimum every year)
    target_source: str = ""
    breakdown: tuple[tuple[str, ...], ...] = ()
    refs: tuple[str, ...] = ()  # reference roles the value needs beyond its relations'
    assumptions: tuple[tuple[str, str], ...] = ()  # (zh, en), repeated in every output
    patent_count: bool = False  # counts patents: follows --counting
    optional: tuple[str, ...] = ()  # tables whose absence narrows the value (said in the output)
    # (table, date columns): the year's events it counts in a table of stocks, whose latest date is
    # its horizon like a flow table's (relations.FLOW_TABLES); none for a stock judged at a date
    horizon: tuple[str, tuple[str, ...]] | None = None

    @property
    def cumulative_increase(self) -> float | None:
        if self.baseline_2021 is None or self.target_2025 is None:
            return None
        return round(self.target_2025 - self.baseline_2021, 6)


HV_WHERE = _.hv
GRANTS_HORIZON = ("patents", ("grant_date",))  # grants of Y: unknown after the latest grant date
INVENTION_IN_FORCE = (_.invention & _.in_force)

THRESHOLD_ASSUMPTION = (
    "条件4「较高质押融资金额」的门槛为 {threshold:g} 万元（hv_pledge_threshold）：《工作方案》未给出金额，此为可配置的假设",
    "criterion 4 'a high pledge amount' means at least {threshold:g} 万元 (hv_pledge_threshold): the plan names "
    "no amount, so this is a configurable assumption",
)
MAINTAINED_RULE = (
    "「维持年限超过10年」：申请日 + 10 年严格早于年末（12月31日）",
    "'maintained more than 10 years': filing date + 10 years strictly before 31 December of Y",
)
AWARD_RULE = (
    "条件5计入：中国专利奖（任何等级）及国家科学技术奖（含其五个奖种），截至当年",
    "criterion 5 counts 中国专利奖 (any grade) and 国家科学技术奖 (any of its five awards), in any year up to Y",
)
PI_RULE = (
    "专利密集型产业按主体的行业代码（GB/T 4754-2017 小类）整体计入；参照表标注「部分」的小类也整体计入",
    "an entity's whole value added counts when its 4-digit industry class is listed, including classes the "
    "table marks as partial",
)
HV_ASSUMPTIONS = (THRESHOLD_ASSUMPTION, MAINTAINED_RULE, AWARD_RULE)
HV_OPTIONAL = ("pledges", "awards")  # without them criteria 4 and 5 cannot be met


def _hv_criteria() -> list[Indicator]:
    out = []
    for name in rules.HV_CRITERIA:
        flag = getattr(_, f"c_{name}")
        out.append(
            Indicator(
                f"hv_criteria_{name}",
                f"高价值发明专利按条件分布：{rules.HV_CRITERIA_ZH[name]}",
                "件",
                Count("zone_patents", HV_WHERE & flag, weight="share"),
                f"年末高价值发明专利中满足「{rules.HV_CRITERIA_ZH[name]}」条件的件数（一件可满足多项）",
                "任务5",
                0,
                refs=("sei",) if name == "sei" else (),
                assumptions={"pledge": (THRESHOLD_ASSUMPTION,), "maintained": (MAINTAINED_RULE,), "award": (AWARD_RULE,)}.get(name, ()),
                patent_count=True,
                optional=HV_OPTIONAL,
            )
        )
    return out


CATALOG: tuple[Indicator, ...] = (
    # --- 表一: the eight main indicators -------------------------------------------------------
    Indicator(
        "hv_invention_per_10k",
        "每万人口高价值发明专利拥有量",
        "件",
        Ratio(
            Count("zone_patents", HV_WHERE, weight="share"),
            Stat("population", "常住人口"),
            factor=10_000,
            denominator_zh="常住人口",
            denominator_en="resident population",
        ),
        "年末高价值发明专利拥有量 ÷（年末常住人口 ÷ 10000）",
        "表一·1；任务5",
        2,
        main=True,
        attribute=EXPECTED,
        baseline_2021=24,
        target_2025=45,
        target_kind="line",
        target_source="表一",
        refs=("sei",),
        assumptions=HV_ASSUMPTIONS,
        patent_count=True,
        optional=HV_OPTIONAL,
    ),
    Indicator(
        "patent_intensive_va",
        "专利密集型产业增加值",
        "亿元",
        Sum("zone_value_added", "value_added", _.patent_intensive, scale=1e-4),
        "当年专利密集型产业（2019 分类）区内主体增加值之和 ÷ 10000",
        "表一·2；任务10",
        2,
        main=True,
        attribute=EXPECTED,
        baseline_2021=75,
        target_2025=150,
        target_kind="line",
        target_source="表一",
        breakdown=(("industry_code",),),
        assumptions=(PI_RULE,),
    ),
    Indicator(
        "ip_pledge_amount",
        "知识产权质押融资登记金额",
        "亿元",
        Sum("zone_pledges", "amount", scale=1e-4),
        "当年登记、出质人在区内的质押金额之和 ÷ 10000",
        "表一·3；任务10",
        2,
        main=True,
        attribute=EXPECTED,
        baseline_2021=2.8,
        target_2025=5,
        target_kind="line",
        target_source="表一",
    ),
    Indicator(
        "protection_satisfaction",
        "知识产权保护社会满意度",
        "分",
        Mean("surveys_in_year", "score"),
        "当年保护满意度问卷得分的平均值",
        "表一·4；任务11",
        2,
        main=True,
        attribute=EXPECTED,
        baseline_2021=80,
        target_2025=85,
        target_kind="line",
        target_source="表一",
    ),
    Indicator(
        "rd_gdp_ratio",
        "R&D经费支出占GDP比重",
        "%",
        Ratio(Stat("rd_expenditure", "R&D经费支出"), Stat("gdp", "地区生产总值"), factor=100, denominator_zh="地区生产总值", denominator_en="GDP"),
        "R&D经费支出 ÷ 地区生产总值 × 100",
        "表一·5",
        2,
        main=True,
        attribute=EXPECTED,
        baseline_2021=2.6,
        target_2025=3,
        target_kind="line",
        target_source="表一",
    ),
    Indicator(
        "hitech_enterprises",
        "高新技术企业数",
        "家",
        # zone_qualifications has one row per (entity, kind): counting rows counts entities.
        Count("zone_qualifications", _.kind == "高新技术企业"),
        "年末持有有效高新技术企业资质的区内主体数",
        "表一·6",
        0,
        main=True,
        attribute=EXPECTED,
        baseline_2021=1130,
        target_2025=3000,
        target_kind="line",
        target_source="表一",
    ),
    Indicator(
        "ip_budget_share",
        "知识产权经费占园区财政一般预算公共支出比重",
        "%",
        Ratio(
            Stat("ip_budget", "知识产权专项经费"),
            Stat("budget_expenditure", "一般公共预算支出"),
            factor=100,
            denominator_zh="一般公共预算支出",
            denominator_en="general budget expenditure",
        ),
        "知识产权专项经费 ÷ 一般公共预算支出 × 100",
        "表一·7；任务2（0.2%以上）",
        2,
        main=True,
        attribute=EXPECTED,
        baseline_2021=0.1,
        target_2025=0.2,
        target_kind="line",
        target_source="表一",
    ),
    Indicator(
        "ip_service_agencies",
        "知识产权服务机构数量",
        "家",
        Count("agencies_at_end"),
        "年末前入驻且尚未退出的服务机构数",
        "表一·8；任务14",
        0,
        main=True,
        attribute=EXPECTED,
        baseline_2021=27,
        target_2025=57,
        target_kind="line",
        target_source="表一",
    ),
    # --- indicators the tasks name -------------------------------------------------------------
    Indicator(
        "hv_invention_count",
        "高价值发明专利拥有量",
        "件",
        Count("zone_patents", HV_WHERE, weight="share"),
        "年末园区拥有的有效发明专利中满足五项条件之一的件数",
        "任务5",
        0,
        refs=("sei",),
        assumptions=HV_ASSUMPTIONS,
        patent_count=True,
        optional=HV_OPTIONAL,
    ),
    Indicator(
        "invention_in_force",
        "有效发明专利拥有量",
        "件",
        Count("zone_patents", INVENTION_IN_FORCE, weight="share"),
        "年末园区拥有的有效发明专利件数",
        "任务5",
        0,
        patent_count=True,
    ),
    *_hv_criteria(),
    Indicator(
        "pct_filings",
        "PCT专利申请量",
        "件",
        Count("zone_pct_filings"),
        "当年区内申请人提交的PCT国际申请件数",
        "任务5",
        0,
    ),
    Indicator(
        "invention_grants",
        "发明专利授权量",
        "件",
        Count("zone_patents", _.invention & _.granted_in_year, weight="share"),
        "当年授权公告的园区发明专利件数",
        "任务5",
        0,
        patent_count=True,
        horizon=GRANTS_HORIZON,
    ),
    Indicator(
        "innovation_efficiency",
        "每百万元R&D经费发明专利授权数",
        "件/百万元",
        Ratio(
            Count("zone_patents", _.invention & _.granted_in_year, weight="share"),
            Stat("rd_expenditure", "R&D经费支出"),
            factor=100,
            denominator_zh="R&D经费支出",
            denominator_en="R&D expenditure",
        ),
        "当年发明专利授权量 ÷（R&D经费支出（万元）÷ 100）",
        "任务5",
        3,
        patent_count=True,
        horizon=GRANTS_HORIZON,
    ),
    Indicator(
        "enterprise_ip_index",
        "企业知识产权指数",
        "—",
        Sum("zone_qualifications", "weight", _.weight > 0),
        "国家级示范企业数×3 +（国家级优势企业数 + 省级示范企业数）×2 +（贯标企业数 + 省级优势企业数）×1，按年末有效资质的区内主体计",
        "任务6",
        0,
        breakdown=(("kind",),),
    ),
    Indicator(
        "patent_awards",
        "专利奖获奖数",
        "项",
        Count("zone_awards"),
        "当年区内单位获奖项数，按奖项和等级分列",
        "任务10",
        0,
        breakdown=(("award", "grade"),),
    ),
    Indicator(
        "well_known_marks",
        "驰名商标数量",
        "件",
        Count("zone_trademarks", _.well_known_at_end),
        "年末前获驰名商标认定的区内主体商标件数",
        "任务10",
        0,
    ),
    Indicator(
        "collective_marks",
        "集体商标数量",
        "件",
        Count("zone_trademarks", (_.kind == "集体商标") & _.registered_at_end),
        "年末已注册且未过专用权期限的区内集体商标件数",
        "任务10",
        0,
    ),
    Indicator(
        "certification_marks",
        "证明商标数量",
        "件",
        Count("zone_trademarks", (_.kind == "证明商标") & _.registered_at_end),
        "年末已注册且未过专用权期限的区内证明商标件数",
        "任务10",
        0,
    ),
    Indicator(
        "geo_products",
        "地理标志产品数量",
        "个",
        Count("geo_products_at_end"),
        "年末前已批准的地理标志产品个数",
        "任务10",
        0,
        breakdown=(("kind",),),
    ),
    Indicator(
        "geo_output",
        "地理标志产品产值",
        "亿元",
        Sum("geo_output_in_year", "output", scale=1e-4),
        "当年地理标志产品产值之和 ÷ 10000",
        "任务10",
        2,
    ),
    Indicator(
        "patent_intensive_va_share",
        "专利密集型产业增加值占GDP比重",
        "%",
        Ratio(
            Sum("zone_value_added", "value_added", _.patent_intensive),
            Stat("gdp", "地区生产总值"),
            factor=100,
            denominator_zh="地区生产总值",
            denominator_en="GDP",
        ),
        "专利密集型产业增加值 ÷ 地区生产总值 × 100",
        "任务10",
        2,
        assumptions=(PI_RULE,),
    ),
    Indicator(
        "pledge_count",
        "知识产权质押融资笔数",
        "笔",
        Count("zone_pledges"),
        "当年登记、出质人在区内的质押笔数",
        "任务10",
        0,
    ),
    Indicator(
        "license_count",
        "专利许可数量",
        "件",
        Count("zone_transactions", _.kind == "许可"),
        "当年涉及园区专利或园区当事人的许可备案件数",
        "任务10",
        0,
    ),
    Indicator(
        "license_amount",
        "专利许可金额",
        "万元",
        Sum("zone_transactions", "amount", _.kind == "许可"),
        "当年上述许可的金额之和（未披露金额的不计入金额）",
        "任务10",
        2,
    ),
    Indicator(
        "transfer_count",
        "专利转让数量",
        "件",
        Count("zone_transactions", _.kind == "转让"),
        "当年涉及园区专利或园区当事人的转让备案件数",
        "任务10",
        0,
    ),
    Indicator(
        "transfer_amount",
        "专利转让金额",
        "万元",
        Sum("zone_transactions", "amount", _.kind == "转让"),
        "当年上述转让的金额之和（未披露金额的不计入金额）",
        "任务10",
        2,
    ),
    Indicator(
        "ip_staff",
        "知识产权专职工作人员",
        "人",
        Stat("ip_staff", "知识产权专职人员"),
        "区域年度统计中的知识产权专职人员数",
        "任务2（5名以上）",
        0,
        target_2025=5,
        target_kind="floor",
        target_source="任务2：专职工作人员数量达到5名以上",
    ),
    Indicator(
        "patent_attorneys",
        "专利代理师数量",
        "人",
        Count("talents_at_end", _.patent_attorney),
        "年末在区的知识产权人才中专利代理师人数",
        "任务15",
        0,
    ),
    Indicator(
        "senior_title_share",
        "中高级职称比例",
        "%",
        Ratio(
            Count("talents_at_end", _.mid_or_senior),
            Count("talents_at_end"),
            factor=100,
            denominator_zh="年末在区知识产权人才数",
            denominator_en="IP professionals in the zone at year end",
        ),
        "年末在区知识产权人才中中级、高级职称人数 ÷ 全部人数 × 100",
        "任务15",
        2,
    ),
    Indicator(
        "new_agencies",
        "新引进服务机构",
        "家",
        Count("agencies_at_end", _.new_since_2022),
        "2022-01-01 以来入驻且年末仍在区的服务机构数",
        "任务14（30家以上）",
        0,
        baseline_2021=0,
        target_2025=30,
        target_kind="line",
        target_source="任务14：新引进30家以上；2021 年基期按定义为 0",
    ),
    Indicator(
        "events",
        "宣传培训活动场次",
        "场",
        Count("events_in_year"),
        "当年举办的宣传、培训活动场次",
        "任务4",
        0,
        breakdown=(("kind",),),
    ),
    Indicator(
        "event_participants",
        "宣传培训活动人次",
        "人次",
        Sum("events_in_year", "participants"),
        "当年宣传、培训活动参与人数之和（未填人数的不计）",
        "任务4",
        0,
        breakdown=(("kind",),),
    ),
    Indicator(
        "cases_opened",
        "保护案件受理数",
        "件",
        Count("cases_in_year", _.opened_in_year),
        "当年受理的保护案件数，按案件类型和客体分列",
        "任务11",
        0,
        breakdown=(("kind",), ("right_kind",)),
    ),
    Indicator(
        "cases_closed",
        "保护案件办结数",
        "件",
        Count("cases_in_year", _.closed_in_year),
        "当年结案的保护案件数，按案件类型和客体分列",
        "任务11",
        0,
        breakdown=(("kind",), ("right_kind",)),
    ),
    Indicator(
        "typical_cases",
        "典型案例数",
        "件",
        Count("cases_in_year", _.closed_in_year & _.typical),
        "当年结案并标记为典型案例的案件数，按案件类型和客体分列",
        "任务11",
        0,
        breakdown=(("kind",), ("right_kind",)),
    ),
    Indicator(
        "repeat_infringers",
        "重复侵权主体",
        "家",
        Count("repeat_infringers"),
        "近三年（Y-2 至 Y 年）结案、侵权成立两次以上的被诉方数",
        "任务11",
        0,
    ),
)

BY_CODE: dict[str, Indicator] = {i.code: i for i in CATALOG}
MAIN: tuple[Indicator, ...] = tuple(i for i in CATALOG if i.main)


def get(code: str) -> Indicator:
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown indicator {code!r}; known: {', '.join(BY_CODE)}") from None
