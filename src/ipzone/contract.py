"""The data contract (shared/spec/data-contract.md, v1) as data.

Every table, column, key, enumeration and reference of the contract is declared here once;
readers, validation, conversion, the demo generator and the engine all read these
declarations. Columns carry the contract's English name (the canonical name in Arrow and
Parquet) and its Chinese name (the template header).

Decisions where the contract is silent are marked ``# decision:`` and listed in
docs/data-contract-decisions.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

# Column kinds. Each maps to one parser in ipzone.values and one Arrow type.
TEXT = "text"  # free text, trimmed
CODE = "code"  # an identifier kept as text (registration numbers, case numbers)
INT = "int"  # a non-negative integer
YEAR = "year"  # a calendar year, 1949..2100
AMOUNT = "amount"  # 万元, non-negative decimal
SCORE = "score"  # 0..100
DATE = "date"
BOOL = "bool"
ENUM = "enum"
ENUM_LIST = "enum_list"
TEXT_LIST = "text_list"
USCC = "uscc"  # 统一社会信用代码, GB 32100-2015
APPNO = "appno"  # CNIPA application number
APPNO_LIST = "appno_list"
CODE_LIST = "code_list"
IPC_LIST = "ipc_list"
INDUSTRY = "industry"  # GB/T 4754-2017 class, 4 digits
PCT_NO = "pct_no"  # PCT/CN2021/123456

ARROW_TYPES: dict[str, pa.DataType] = {
    TEXT: pa.string(),
    CODE: pa.string(),
    INT: pa.int64(),
    YEAR: pa.int32(),
    AMOUNT: pa.float64(),
    SCORE: pa.float64(),
    DATE: pa.date32(),
    BOOL: pa.bool_(),
    ENUM: pa.string(),
    ENUM_LIST: pa.list_(pa.string()),
    TEXT_LIST: pa.list_(pa.string()),
    USCC: pa.string(),
    APPNO: pa.string(),
    APPNO_LIST: pa.list_(pa.string()),
    CODE_LIST: pa.list_(pa.string()),
    IPC_LIST: pa.list_(pa.string()),
    INDUSTRY: pa.string(),
    PCT_NO: pa.string(),
}

# What each kind expects, said to the user when a value does not fit.
EXPECTED: dict[str, tuple[str, str]] = {
    TEXT: ("文本", "text"),
    CODE: ("编号（文本）", "an identifier (text)"),
    INT: ("非负整数", "a non-negative whole number"),
    YEAR: ("四位年份（1949–2100）", "a four-digit year (1949–2100)"),
    AMOUNT: ("以万元计的非负金额", "a non-negative amount in 万元 (10,000 yuan)"),
    SCORE: ("0–100 的分数", "a score from 0 to 100"),
    DATE: (
        "日期：YYYY-MM-DD、YYYY/MM/DD、YYYY.MM.DD、YYYY年M月D日 或 Excel 日期单元格",
        "a date: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日 or an Excel date cell",
    ),
    BOOL: ("是/否、Y/N、true/false 或 1/0", "是/否, Y/N, true/false or 1/0"),
    ENUM: ("下列之一", "one of"),
    ENUM_LIST: ("以 ; 或 ； 分隔的下列值", "values separated by ; or ；, each one of"),
    TEXT_LIST: ("以 ; 或 ； 分隔的文本", "texts separated by ; or ；"),
    USCC: (
        "18 位统一社会信用代码（GB 32100-2015，校验位正确）",
        "an 18-character unified social credit code (GB 32100-2015) with a correct check character",
    ),
    APPNO: (
        "专利申请号：12 位数字 + 校验位（如 202110182616.5）或 2003 年前的 8 位数字 + 校验位",
        "a CNIPA application number: 12 digits + check digit (e.g. 202110182616.5) "
        "or the pre-2003 8 digits + check digit",
    ),
    APPNO_LIST: ("以 ; 或 ； 分隔的专利申请号", "application numbers separated by ; or ；"),
    CODE_LIST: ("以 ; 或 ； 分隔的编号", "identifiers separated by ; or ；"),
    IPC_LIST: (
        "以 ; 或 ； 分隔的 IPC 分类号，如 G06F 16/35",
        "IPC symbols separated by ; or ；, e.g. G06F 16/35",
    ),
    INDUSTRY: (
        "GB/T 4754-2017 四位行业小类代码，如 3911",
        "a GB/T 4754-2017 four-digit industry class, e.g. 3911",
    ),
    PCT_NO: ("PCT 国际申请号，如 PCT/CN2021/123456", "a PCT application number, e.g. PCT/CN2021/123456"),
}


@dataclass(frozen=True)
class Column:
    name: str  # English name, canonical
    zh: str  # Chinese name, the template header
    kind: str
    required: bool = True
    key: bool = False
    choices: tuple[str, ...] = ()
    default: object = None  # value of an empty optional cell (None = null)
    note: str = ""  # shown in templates and docs

    @property
    def arrow_type(self) -> pa.DataType:
        return ARROW_TYPES[self.kind]


@dataclass(frozen=True)
class Reference:
    """Values of ``column`` in this table must exist as keys of one of ``targets``."""

    column: str
    targets: tuple[tuple[str, str], ...]  # (table, column) pairs; any one suffices


@dataclass(frozen=True)
class DateOrder:
    """``later`` is on or after ``earlier`` when both are given."""

    earlier: str
    later: str


@dataclass(frozen=True)
class Table:
    stem: str
    zh: str
    columns: tuple[Column, ...]
    references: tuple[Reference, ...] = ()
    date_orders: tuple[DateOrder, ...] = ()
    description: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.key)

    @property
    def label(self) -> str:
        return f"{self.stem}（{self.zh}）"

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.arrow_type, nullable=not (c.required and c.default is None)) for c in self.columns])


ENTITY_KINDS = ("企业", "高校", "科研院所", "其他")
QUALIFICATION_KINDS = (
    "高新技术企业",
    "国家知识产权示范企业",
    "国家知识产权优势企业",
    "省级知识产权示范企业",
    "省级知识产权优势企业",
    "知识产权贯标认证",
)
PATENT_KINDS = ("发明", "实用新型", "外观设计")
LAPSE_REASONS = ("未缴年费", "期限届满", "无效宣告", "放弃")
TRANSACTION_KINDS = ("许可", "转让")
TRADEMARK_KINDS = ("普通商标", "集体商标", "证明商标")
GEO_KINDS = ("地理标志保护产品", "地理标志集体商标", "地理标志证明商标")
AGENCY_SERVICES = ("代理", "法律", "信息", "咨询", "培训", "运营")
TALENT_TITLES = ("无", "初级", "中级", "高级")
CASE_KINDS = ("行政裁决", "行政执法", "纠纷调解", "维权援助", "司法")
RIGHT_KINDS = ("专利", "商标", "地理标志", "著作权", "其他")
CASE_OUTCOMES = ("侵权成立", "侵权不成立", "调解成功", "调解不成功", "撤回", "其他")
EVENT_KINDS = ("宣传", "培训")

ENTITIES = (("entities", "uscc"),)

TABLES: tuple[Table, ...] = (
    Table(
        "zone_year",
        "区域年度统计",
        (
            Column("year", "年度", YEAR, key=True),
            # decision: the statistics of a year may arrive late, so these may be empty;
            # an indicator that needs an empty cell is null with its reason.
            Column("population", "常住人口", INT, required=False, note="人，年末"),
            Column("gdp", "地区生产总值", AMOUNT, required=False, note="万元"),
            Column("rd_expenditure", "R&D经费支出", AMOUNT, required=False, note="万元"),
            Column("budget_expenditure", "一般公共预算支出", AMOUNT, required=False, note="万元"),
            Column("ip_budget", "知识产权专项经费", AMOUNT, required=False, note="万元，财政直接划拨用于知识产权工作的专项资金"),
            Column("ip_staff", "知识产权专职人员", INT, required=False, note="人"),
        ),
    ),
    Table(
        "entities",
        "创新主体",
        (
            Column("uscc", "统一社会信用代码", USCC, key=True),
            Column("name", "名称", TEXT),
            Column("kind", "主体类型", ENUM, choices=ENTITY_KINDS),
            Column("industry_code", "行业代码", INDUSTRY, required=False, note="GB/T 4754-2017 小类，4 位"),
            Column("founded", "成立日期", DATE, required=False),
            Column("in_zone", "区内", BOOL),
        ),
    ),
    Table(
        "entity_year",
        "主体年度经济数据",
        (
            Column("uscc", "统一社会信用代码", USCC, key=True),
            Column("year", "年度", YEAR, key=True),
            Column("value_added", "增加值", AMOUNT, required=False, note="万元"),
            Column("revenue", "营业收入", AMOUNT, required=False, note="万元"),
            Column("rd", "R&D经费", AMOUNT, required=False, note="万元"),
        ),
        references=(Reference("uscc", ENTITIES),),
    ),
    Table(
        "qualifications",
        "企业资质",
        (
            Column("uscc", "统一社会信用代码", USCC),
            Column("kind", "资质类型", ENUM, choices=QUALIFICATION_KINDS),
            Column("certificate_no", "证书编号", CODE, required=False),
            Column("valid_from", "生效日期", DATE, note="首个有效日"),
            Column("valid_to", "失效日期", DATE, required=False, note="最后有效日（含），空 = 长期有效"),
        ),
        references=(Reference("uscc", ENTITIES),),
        date_orders=(DateOrder("valid_from", "valid_to"),),
    ),
    Table(
        "patents",
        "专利",
        (
            Column("application_no", "申请号", APPNO, key=True),
            Column("kind", "专利类型", ENUM, choices=PATENT_KINDS),
            Column("title", "名称", TEXT),
            Column("abstract", "摘要", TEXT, required=False),
            Column("filing_date", "申请日", DATE),
            Column("grant_date", "授权公告日", DATE, required=False, note="空 = 未授权"),
            # decision: designs are classified in Locarno, not IPC, so the IPC may be empty.
            Column("ipc", "IPC分类号", IPC_LIST, required=False, note="第一个为主分类号"),
            Column("lapse_date", "失效日", DATE, required=False, note="权利终止之日（当日起不再有效）；空 = 有效"),
            Column("lapse_reason", "失效原因", ENUM, required=False, choices=LAPSE_REASONS),
            Column("pct_no", "PCT国际申请号", PCT_NO, required=False),
            # decision: empty = 0 granted family members abroad.
            Column("overseas_family_grants", "海外同族专利权数", INT, required=False, default=0),
        ),
        date_orders=(DateOrder("filing_date", "grant_date"), DateOrder("grant_date", "lapse_date")),
    ),
    Table(
        "patent_owners",
        "专利权人",
        (
            Column("application_no", "申请号", APPNO, key=True),
            Column("position", "顺序", INT, key=True, note="1 = 第一权利人"),
            Column("name", "权利人名称", TEXT),
            Column("uscc", "统一社会信用代码", USCC, required=False, note="自然人为空"),
            Column("in_zone", "区内", BOOL),
        ),
        references=(Reference("application_no", (("patents", "application_no"),)), Reference("uscc", ENTITIES)),
    ),
    Table(
        "pct_filings",
        "PCT国际申请",
        (
            Column("pct_no", "PCT国际申请号", PCT_NO, key=True),
            Column("filing_date", "国际申请日", DATE),
            Column("uscc", "申请人统一社会信用代码", USCC),
        ),
        references=(Reference("uscc", ENTITIES),),
    ),
    Table(
        "pledges",
        "质押登记",
        (
            Column("registration_no", "登记号", CODE, key=True),
            Column("registered_on", "登记日期", DATE),
            Column("pledgor_uscc", "出质人统一社会信用代码", USCC),
            Column("pledgee", "质权人", TEXT),
            Column("amount", "质押金额", AMOUNT, note="万元"),
            Column("guarantor", "担保机构", TEXT, required=False),
            Column("insurer", "保险机构", TEXT, required=False),
            Column("application_nos", "涉及申请号", APPNO_LIST, required=False),
            Column("trademark_nos", "涉及商标注册号", CODE_LIST, required=False),
            Column("released_on", "注销日期", DATE, required=False),
        ),
        references=(
            Reference("pledgor_uscc", ENTITIES),
            Reference("application_nos", (("patents", "application_no"),)),
            Reference("trademark_nos", (("trademarks", "registration_no"),)),
        ),
        date_orders=(DateOrder("registered_on", "released_on"),),
    ),
    Table(
        "transactions",
        "许可转让",
        (
            Column("record_no", "备案号", CODE, key=True),
            Column("kind", "类型", ENUM, choices=TRANSACTION_KINDS),
            Column("application_no", "申请号", APPNO),
            Column("dated", "日期", DATE),
            Column("from_name", "许可方或转让方", TEXT),
            Column("from_uscc", "许可方或转让方统一社会信用代码", USCC, required=False),
            Column("to_name", "被许可方或受让方", TEXT),
            Column("to_uscc", "被许可方或受让方统一社会信用代码", USCC, required=False),
            # decision: licence amounts are often undisclosed; empty = not disclosed (counted, not summed).
            Column("amount", "金额", AMOUNT, required=False, note="万元"),
        ),
        references=(
            Reference("application_no", (("patents", "application_no"),)),
            Reference("from_uscc", ENTITIES),
            Reference("to_uscc", ENTITIES),
        ),
    ),
    Table(
        "trademarks",
        "商标",
        (
            Column("registration_no", "注册号", CODE, key=True),
            Column("name", "商标名称", TEXT),
            Column("owner_uscc", "注册人统一社会信用代码", USCC),
            Column("kind", "商标类型", ENUM, choices=TRADEMARK_KINDS),
            Column("registered_on", "注册日期", DATE),
            Column("expires_on", "专用权期限", DATE, note="专用权期限的最后一日"),
            Column("well_known_on", "驰名商标认定日期", DATE, required=False),
            Column("geographical_indication", "地理标志", BOOL, required=False, default=False),
        ),
        references=(Reference("owner_uscc", ENTITIES),),
        date_orders=(DateOrder("registered_on", "expires_on"),),
    ),
    Table(
        "geo_products",
        "地理标志产品",
        (
            Column("name", "名称", TEXT, key=True),
            Column("kind", "保护类型", ENUM, choices=GEO_KINDS),
            Column("approved_on", "批准日期", DATE),
        ),
    ),
    Table(
        "geo_output",
        "地理标志产值",
        (
            Column("name", "名称", TEXT, key=True),
            Column("year", "年度", YEAR, key=True),
            Column("output", "产值", AMOUNT, note="万元"),
        ),
        references=(Reference("name", (("geo_products", "name"),)),),
    ),
    Table(
        "awards",
        "获奖",
        (
            # decision: award and grade are open lists (the contract ends them with …).
            Column("award", "奖项", TEXT, note="中国专利奖/山西省专利奖/国家科学技术奖/…"),
            Column("grade", "等级", TEXT, note="金奖/银奖/优秀奖/一等奖/…"),
            Column("year", "年度", YEAR),
            Column("uscc", "获奖单位统一社会信用代码", USCC),
            Column("application_no", "申请号", APPNO, required=False),
        ),
        references=(Reference("uscc", ENTITIES), Reference("application_no", (("patents", "application_no"),))),
    ),
    Table(
        "agencies",
        "服务机构",
        (
            Column("uscc", "统一社会信用代码", USCC, key=True),
            Column("name", "名称", TEXT),
            Column("services", "服务类型", ENUM_LIST, choices=AGENCY_SERVICES),
            Column("joined_on", "入驻日期", DATE),
            Column("left_on", "退出日期", DATE, required=False),
        ),
        date_orders=(DateOrder("joined_on", "left_on"),),
    ),
    Table(
        "talents",
        "知识产权人才",
        (
            Column("person_id", "人员编号", CODE, key=True),
            Column("name", "姓名", TEXT),
            Column("employer_uscc", "所在单位统一社会信用代码", USCC),
            Column("patent_attorney", "专利代理师", BOOL),
            Column("title", "职称", ENUM, choices=TALENT_TITLES),
            Column("honours", "人才称号", TEXT_LIST, required=False),
            Column("joined_on", "入区日期", DATE),
            Column("left_on", "离区日期", DATE, required=False),
        ),
        # decision: patent attorneys work at agencies, so an employer is an entity or an agency.
        references=(Reference("employer_uscc", (("entities", "uscc"), ("agencies", "uscc"))),),
        date_orders=(DateOrder("joined_on", "left_on"),),
    ),
    Table(
        "cases",
        "保护案件",
        (
            Column("case_no", "案件编号", CODE, key=True),
            Column("kind", "案件类型", ENUM, choices=CASE_KINDS),
            Column("right_kind", "客体", ENUM, choices=RIGHT_KINDS),
            Column("opened_on", "受理日期", DATE),
            Column("closed_on", "结案日期", DATE, required=False),
            Column("holder", "权利人", TEXT),
            Column("respondent", "被诉方", TEXT),
            # decision: respondents are often outside the zone, so this is not checked against entities.
            Column("respondent_uscc", "被诉方统一社会信用代码", USCC, required=False),
            Column("outcome", "结果", ENUM, required=False, choices=CASE_OUTCOMES, note="结案时必填"),
            Column("amount", "涉案金额", AMOUNT, required=False, note="万元"),
            Column("typical", "典型案例", BOOL, required=False, default=False),
        ),
        date_orders=(DateOrder("opened_on", "closed_on"),),
    ),
    Table(
        "surveys",
        "保护满意度调查",
        (
            Column("response_id", "问卷编号", CODE, key=True),
            Column("year", "年度", YEAR),
            Column("respondent_kind", "受访者类型", TEXT, required=False),
            Column("score", "得分", SCORE),
        ),
    ),
    Table(
        "events",
        "宣传培训活动",
        (
            Column("held_on", "日期", DATE),
            Column("name", "名称", TEXT),
            Column("kind", "类型", ENUM, choices=EVENT_KINDS),
            Column("theme", "主题", TEXT, required=False),
            Column("participants", "参与人数", INT, required=False),
        ),
    ),
)

BY_STEM: dict[str, Table] = {t.stem: t for t in TABLES}
BY_ZH: dict[str, Table] = {t.zh: t for t in TABLES}


def table(stem: str) -> Table:
    return BY_STEM[stem]


VERSION = "1"
