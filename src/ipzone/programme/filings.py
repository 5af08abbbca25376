"""The operation and service filings (tasks 7–10 and 13–15), declared in the data contract's terms.

These are not tables of the data contract (``ipzone.contract``: what the indicators are computed
from); they are what the zone office files and follows up day to day. Declaring them with the
contract's own ``Table`` and ``Column`` gives them, for free, everything a contract table has: the
template (Chinese headers, ★ keys, notes), the cell parsers and their Chinese and English
messages, key and date-order checks, and the web form that accepts exactly what an import does.
References name contract tables (``entities``, ``patents``, ``agencies``, ``talents``, ``trademarks``)
or other filings by their natural keys.
"""

from __future__ import annotations

from ipzone.contract import (
    AGENCY_SERVICES,
    AMOUNT,
    APPNO,
    APPNO_LIST,
    CODE,
    CODE_LIST,
    DATE,
    ENUM,
    ENUM_LIST,
    INDUSTRY,
    INT,
    TEXT,
    TEXT_LIST,
    USCC,
    YEAR,
    Column,
    DateOrder,
    Reference,
    Table,
)

ENTITIES = (("entities", "uscc"),)
AGENCIES = (("agencies", "uscc"),)
PATENTS = (("patents", "application_no"),)

# GB/T 39551 专利导航指南: the five kinds of patent navigation.
NAVIGATION_KINDS = ("区域规划类", "产业规划类", "企业经营类", "研发活动类", "人才管理类")
CENTRE_LEVELS = ("国家级", "省级", "区级")
ALLIANCE_KINDS = ("产业知识产权联盟", "专利池")
MEMBER_ROLES = ("牵头单位", "成员单位")
TRUSTEESHIP_SERVICES = ("申请管理", "年费监控", "检索分析", "贯标辅导", "维权援助", "运营交易", "培训")
BRAND_KINDS = ("企业商标品牌", "集体商标", "证明商标", "地理标志", "区域公用品牌")
AGENCY_MOVES = ("入驻", "退出")
TITLES_APPLIED = ("初级", "中级", "高级")
TITLE_RESULTS = ("通过", "未通过")

TABLES: tuple[Table, ...] = (
    Table(
        "navigation_projects",
        "专利导航项目",
        (
            Column("project_no", "项目编号", CODE, key=True),
            Column("name", "项目名称", TEXT),
            Column("uscc", "备案主体统一社会信用代码", USCC, note="提出备案的企业或单位"),
            Column("kind", "导航类型", ENUM, choices=NAVIGATION_KINDS, note="GB/T 39551 专利导航指南"),
            Column("industry", "产业", TEXT, note="如 新材料、高端装备制造"),
            Column("industry_code", "行业代码", INDUSTRY, required=False, note="GB/T 4754-2017 小类，4 位"),
            Column("undertaker", "承担单位", TEXT),
            Column("undertaker_uscc", "承担单位统一社会信用代码", USCC, required=False),
            Column("starts_on", "开始日期", DATE),
            Column("ends_on", "结束日期", DATE),
            Column("budget", "经费", AMOUNT, note="万元"),
            Column("deliverables", "成果", TEXT_LIST, required=False, note="如 导航分析报告;专利布局建议;高价值专利培育清单"),
        ),
        references=(Reference("uscc", ENTITIES), Reference("undertaker_uscc", ENTITIES + AGENCIES)),
        date_orders=(DateOrder("starts_on", "ends_on"),),
        description="任务7、9：专利导航项目备案",
    ),
    Table(
        "cultivation_centres",
        "高价值专利培育中心",
        (
            Column("name", "名称", TEXT, key=True),
            Column("uscc", "依托单位统一社会信用代码", USCC),
            Column("level", "级别", ENUM, choices=CENTRE_LEVELS),
            Column("field", "技术领域", TEXT),
            Column("established_on", "设立日期", DATE),
            Column("target_patents", "培育目标", INT, required=False, note="件，高价值发明专利"),
            Column("application_nos", "培育专利申请号", APPNO_LIST, required=False),
        ),
        references=(Reference("uscc", ENTITIES), Reference("application_nos", PATENTS)),
        description="任务8：高价值专利培育",
    ),
    Table(
        "alliances",
        "知识产权联盟",
        (
            Column("name", "名称", TEXT, key=True),
            Column("kind", "类型", ENUM, choices=ALLIANCE_KINDS),
            Column("industry", "产业", TEXT),
            Column("lead_uscc", "牵头单位统一社会信用代码", USCC),
            Column("founded_on", "成立日期", DATE),
            Column("licensing", "许可政策", TEXT, required=False, note="专利池的许可方式、费率等"),
        ),
        references=(Reference("lead_uscc", ENTITIES),),
        description="任务7：产业知识产权联盟和专利池",
    ),
    Table(
        "alliance_members",
        "联盟成员",
        (
            Column("alliance", "联盟名称", TEXT, key=True),
            Column("uscc", "成员统一社会信用代码", USCC, key=True),
            Column("role", "角色", ENUM, choices=MEMBER_ROLES),
            Column("joined_on", "加入日期", DATE, required=False),
            Column("left_on", "退出日期", DATE, required=False),
        ),
        references=(Reference("alliance", (("alliances", "name"),)), Reference("uscc", ENTITIES)),
        date_orders=(DateOrder("joined_on", "left_on"),),
    ),
    Table(
        "pool_patents",
        "入池专利",
        (
            Column("alliance", "联盟名称", TEXT, key=True),
            Column("application_no", "申请号", APPNO, key=True),
            Column("contributor_uscc", "提供单位统一社会信用代码", USCC, required=False),
            Column("pooled_on", "入池日期", DATE, required=False),
        ),
        references=(
            Reference("alliance", (("alliances", "name"),)),
            Reference("application_no", PATENTS),
            Reference("contributor_uscc", ENTITIES),
        ),
    ),
    Table(
        "patent_products",
        "专利产品备案",
        (
            Column("record_no", "备案号", CODE, key=True),
            Column("product", "产品名称", TEXT),
            Column("uscc", "企业统一社会信用代码", USCC),
            Column("application_nos", "涉及专利申请号", APPNO_LIST),
            Column("filed_on", "备案日期", DATE),
            Column("annual_sales", "年销售额", AMOUNT, required=False, note="万元"),
            Column("standards", "转化的技术标准", TEXT_LIST, required=False, note="标准编号，如 T/SXIP 001-2023"),
        ),
        references=(Reference("uscc", ENTITIES), Reference("application_nos", PATENTS)),
        description="任务9：专利产品备案，知识产权转化为技术标准",
    ),
    Table(
        "trusteeships",
        "知识产权托管",
        (
            Column("contract_no", "托管协议编号", CODE, key=True),
            Column("uscc", "托管企业统一社会信用代码", USCC),
            Column("agency_uscc", "托管机构统一社会信用代码", USCC),
            Column("starts_on", "开始日期", DATE),
            Column("ends_on", "结束日期", DATE),
            Column("services", "托管服务", ENUM_LIST, choices=TRUSTEESHIP_SERVICES),
            Column("fee", "托管费用", AMOUNT, required=False, note="万元"),
            Column("subsidy", "补助金额", AMOUNT, required=False, note="万元"),
        ),
        references=(Reference("uscc", ENTITIES), Reference("agency_uscc", AGENCIES)),
        date_orders=(DateOrder("starts_on", "ends_on"),),
        description="任务9：中小企业知识产权托管",
    ),
    Table(
        "brand_cultivation",
        "商标品牌培育名录",
        (
            Column("uscc", "企业统一社会信用代码", USCC, key=True),
            Column("year", "入选年度", YEAR, key=True),
            Column("brand", "品牌名称", TEXT),
            Column("kind", "品牌类型", ENUM, choices=BRAND_KINDS),
            Column("registration_nos", "商标注册号", CODE_LIST, required=False),
            Column("agency_uscc", "指导服务机构统一社会信用代码", USCC, required=False),
            Column("guidance", "指导服务内容", TEXT, required=False),
        ),
        references=(
            Reference("uscc", ENTITIES),
            Reference("registration_nos", (("trademarks", "registration_no"),)),
            Reference("agency_uscc", AGENCIES),
        ),
        description="任务7、10：商标品牌指导服务",
    ),
    Table(
        "agency_moves",
        "服务机构入驻退出",
        (
            Column("application_no", "申请编号", CODE, key=True),
            Column("move", "事项", ENUM, choices=AGENCY_MOVES),
            Column("uscc", "机构统一社会信用代码", USCC),
            Column("name", "机构名称", TEXT),
            Column("services", "服务类型", ENUM_LIST, required=False, choices=AGENCY_SERVICES, note="入驻时必填"),
            Column("applied_on", "申请日期", DATE),
            Column("effective_on", "生效日期", DATE, note="入驻日期或退出日期，通过后写入服务机构表"),
            Column("reason", "说明", TEXT, required=False),
        ),
        date_orders=(DateOrder("applied_on", "effective_on"),),
        description="任务14：服务机构入驻与退出",
    ),
    Table(
        "title_applications",
        "职称申报",
        (
            Column("application_no", "申报编号", CODE, key=True),
            Column("person_id", "人员编号", CODE),
            Column("title", "申报职称", ENUM, choices=TITLES_APPLIED),
            Column("year", "年度", YEAR),
            Column("applied_on", "申报日期", DATE),
            Column("result", "评审结果", ENUM, required=False, choices=TITLE_RESULTS, note="评审后填写；通过后写入人才表的职称"),
        ),
        references=(Reference("person_id", (("talents", "person_id"),)),),
        description="任务15：知识产权专业职称申报",
    ),
)

BY_STEM: dict[str, Table] = {t.stem: t for t in TABLES}


def table(stem: str) -> Table:
    return BY_STEM[stem]
