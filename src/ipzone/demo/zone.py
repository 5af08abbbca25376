"""The demo zone's calibrated numbers, in one place.

Every number the demo is calibrated to is in the tables below, years across. ``MAIN`` is the
plan's 表一 as the generated records must reproduce it (2021 = the plan's baseline exactly; 2025 =
where the demo zone gets, reaching some targets and lagging on others); ``TASKS`` sets the
believable sizes of what the plan's tasks count; ``FILINGS`` the patent filings per year. Counts
and money are for the default scale (``patents=None``); ``Scale`` multiplies them for larger runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def _table(text: str) -> dict[str, dict[int, float]]:
    """Rows of ``name v1 v2 …`` under a header of years; ``#`` starts a comment."""
    lines = [line.split("#")[0].split() for line in text.strip().splitlines()]
    lines = [line for line in lines if line]
    years = [int(y) for y in lines[0]]
    return {row[0]: {y: float(v) for y, v in zip(years, row[1:], strict=True)} for row in lines[1:]}


YEARS = tuple(range(2019, 2026))
AS_OF = dt.date(2025, 12, 31)  # the data are as collected at the end of 2025: nothing happens later

# 表一 and what it is computed from. Units: persons, 亿元, %, 分, 家, 件/万人.
MAIN = _table(
    """
                     2019     2020     2021     2022     2023     2024     2025
    population     331000   340000   350000   358000   366000   374000   382000   # 常住人口
    gdp               468      505      560      598      640      683      728   # 地区生产总值, 亿元
    rd_gdp_pct       2.31     2.45     2.60     2.70     2.78     2.86     2.93   # R&D/GDP: lags (target 3)
    budget             68       74       80       84       88       92       96   # 一般公共预算支出, 亿元
    ip_budget_pct    0.07    0.085     0.10     0.12     0.15     0.17     0.20   # reaches 0.2
    ip_staff            3        3        4        5        5        6        6   # 知识产权专职人员 (≥ 5)
    hv_per_10k       18.6     21.2     24.0     27.6     31.4     35.6     40.2   # lags (target 45)
    pi_va            58.6     64.3     75.0     88.4    104.2    126.5    151.5   # 专利密集型产业增加值, 亿元: reaches 150
    pledge           1.62     2.05     2.80     3.35     3.96     4.58     5.21   # 质押融资登记金额, 亿元: reaches 5
    satisfaction     76.4     78.1     80.0     81.3     82.4     83.5     84.2   # 保护满意度: close (target 85)
    hitech            780      930     1130     1390     1640     1910     2180   # 高新技术企业: lags (target 3000)
    agencies           20       23       27       35       42       50       58   # 服务机构: reaches 57
    """
)

# What the tasks count. Qualification rows are holders valid at year end; talents and attorneys
# are approximate (people come and go at random), the rest exact at the default scale.
TASKS = _table(
    """
                        2019  2020  2021  2022  2023  2024  2025
    pct_filings           14    19    26    31    37    44    52   # PCT filings by in-zone applicants
    china_patent_award     1     2     3     3     4     4     5   # 中国专利奖 (inventions)
    shanxi_patent_award    6     7     8     9    10    11    12   # 山西省专利奖
    licences              28    34    41    49    58    66    75
    transfers             95   118   140   165   190   212   236
    cases_opened          56    68    83    97   112   126   140
    events                18    21    26    30    34    37    40
    survey_responses     400   400   400   450   450   500   500
    talents              260   300   350   410   480   550   620
    attorneys             38    45    53    66    80    95   112
    nat_demo               1     1     2     2     3     3     4   # 国家知识产权示范企业
    nat_adv                8    10    12    15    18    21    24   # 国家知识产权优势企业
    prov_demo             12    14    17    20    23    26    29   # 省级知识产权示范企业
    prov_adv              25    29    34    39    44    49    54   # 省级知识产权优势企业
    ipms                  50    62    75    92   110   128   146   # 知识产权贯标认证
    well_known             3     3     4     4     5     5     6   # 驰名商标, cumulative
    """
)

# Pledge amounts (亿元) before the monitored years; the history of the other series is
# extrapolated backwards (see Scale.history).
PLEDGE_HISTORY = {2014: 0.30, 2015: 0.45, 2016: 0.70, 2017: 0.95, 2018: 1.25}

# Patent filings of the zone's patents per filing year (all kinds, all owners; from 2005, so that
# 维持年限超过10年 applies from 2016 on), and the share of inventions (designs are a steady 10 %, utility models the rest). Their sum is the default scale.
FILINGS = _table(
    """
                 2005 2006 2007 2008 2009 2010 2011 2012 2013 2014 2015 2016 2017 2018 2019 2020 2021 2022 2023 2024 2025
    filings       260  310  370  440  530  640  770  930 1100 1300 1560 1880 2230 2600 2980 3400 3750 4050 4300 4500 4600
    invention    0.27 0.28 0.28 0.29 0.30 0.30 0.31 0.32 0.32 0.33 0.34 0.34 0.35 0.36 0.36 0.37 0.38 0.38 0.39 0.40 0.40
    """
)
DESIGN_SHARE = 0.10
PCT_ENTRY_SHARE = 0.03  # inventions entering China through PCT (kind digit 8), from 2010

# Sizes at the default scale.
SIZES = {
    "zone_enterprises": 9000,
    "zone_universities": 4,
    "zone_institutes": 14,
    "zone_associations": 10,
    "out_enterprises": 1850,
    "out_universities": 60,
    "out_institutes": 90,
    "zone_persons": 1500,  # natural-person patentees living in the zone
    "out_persons": 1000,
    "trademarks": 15000,
    "respondents": 600,  # case respondents outside the entities table
}


def default_patents() -> int:
    return int(sum(FILINGS["filings"].values()))


@dataclass(frozen=True)
class Scale:
    """The zone at ``factor`` times the default size: every count, amount and the population.

    Rates (per-capita values, shares, the satisfaction score) do not change with the scale.
    """

    factor: float = 1.0

    @classmethod
    def for_patents(cls, patents: int | None) -> Scale:
        return cls(1.0 if patents is None else patents / default_patents())

    def count(self, n: float, at_least: int = 0) -> int:
        return max(at_least, round(n * self.factor))

    def money(self, wan: float) -> float:
        return round(wan * self.factor, 2)

    def population(self, year: int) -> int:
        return self.count(MAIN["population"][year], 1)

    def hv_count(self, year: int) -> int:
        return round(MAIN["hv_per_10k"][year] * self.population(year) / 10_000)

    def yi(self, row: str, year: int) -> float:
        """A MAIN row in 亿元, as 万元 at this scale."""
        return self.money(MAIN[row][year] * 10_000)

    def task(self, row: str, year: int) -> int:
        return self.count(TASKS[row][year])

    def pledge_amount(self, year: int) -> float:
        yi = MAIN["pledge"][year] if year in YEARS else PLEDGE_HISTORY.get(year, 0.0)
        return self.money(yi * 10_000)


def history(series: dict[int, float], first: int, rate: float) -> dict[int, float]:
    """``series`` (from 2019) extended back to ``first``, falling by ``rate`` a year."""
    out = dict(series)
    for y in range(YEARS[0] - 1, first - 1, -1):
        out[y] = out[y + 1] * (1 - rate)
    return dict(sorted(out.items()))
