"""Word lists and the names made from them. Every organisation and person is fictional.

Place names of the demo zone's world (晋泽, 汾岚, 晋岭 …) are invented; banks, guarantors, insurers,
universities, institutes, agencies and GI products are named from them, never after real ones.
Company names follow the registered pattern 地区 + 字号 + 行业 + 组织形式 and are built from a
permuted index, so within a run the same index always gives the same name and different indices
give different 字号 (when the lists run out, the 字号 grows by a character).
"""

from __future__ import annotations

import numpy as np

ZONE_PLACE = "晋泽"  # the demo zone: 晋泽示范区
PLACES = ("汾岚", "晋岭", "燕坪", "澜川", "青崖", "嵩原", "蓟澄", "沧澜", "桐溪", "岚溪", "潞禾", "泓源")

# 字号: two characters, one from each list (famous brand pairs left out).
BRAND_A = tuple("晋汾龙鑫泰恒宏瑞博诚丰盛辰昊晟锦德嘉聚卓峰润宇星远启智融和天正兴信合众立腾睿")
BRAND_B = tuple("创源达曜安成泽元明力能美光隆昌辉茂祥航越拓海维钧沃晖煜凯骏驰峻澄朗川岳禾")
BRAND_C = tuple("新华科鼎益佳普优百万")  # extra characters once the pairs are used up

FORMS = ("有限公司", "有限责任公司", "股份有限公司")

# Industry words by GB/T 4754 division (first two digits of the class).
INDUSTRY_GROUPS = {
    "coal": ("煤业", "矿业", "煤炭科技"),
    "chem": ("化工科技", "煤化工", "新材料科技"),
    "pharma": ("生物科技", "医药", "生物医药"),
    "materials": ("新材料科技", "材料科技", "新材料"),
    "metal": ("冶金科技", "金属材料", "特钢"),
    "machinery": ("智能装备", "机械制造", "装备制造", "重工"),
    "vehicle": ("汽车零部件", "轨道交通装备", "新能源汽车"),
    "electrical": ("电气", "电力设备", "电气科技"),
    "electronics": ("电子科技", "半导体科技", "光电科技", "微电子"),
    "instrument": ("仪器仪表", "测控技术", "检测技术"),
    "energy": ("能源", "新能源科技", "电力科技"),
    "construction": ("建设工程", "建筑工程", "建工"),
    "trade": ("商贸", "贸易", "供应链管理"),
    "ict": ("信息技术", "软件", "数据科技", "网络科技"),
    "business": ("企业管理咨询", "文化传媒", "物业服务", "投资管理"),
    "research": ("技术研究院", "检测认证", "工程技术"),
    "environment": ("环保科技", "环境工程", "节能科技"),
    "agri": ("农业科技", "食品", "农产品"),
    "generic": ("科技", "实业", "科技发展"),
}
DIVISION_GROUP = {
    **dict.fromkeys(("06", "07", "08", "09", "10", "11"), "coal"),
    **dict.fromkeys(("25", "26", "28"), "chem"),
    "27": "pharma",
    **dict.fromkeys(("29", "30"), "materials"),
    **dict.fromkeys(("31", "32", "33"), "metal"),
    **dict.fromkeys(("34", "35"), "machinery"),
    **dict.fromkeys(("36", "37"), "vehicle"),
    "38": "electrical",
    "39": "electronics",
    "40": "instrument",
    **dict.fromkeys(("44", "45", "46"), "energy"),
    **dict.fromkeys(("47", "48", "49", "50"), "construction"),
    **dict.fromkeys(("51", "52"), "trade"),
    **dict.fromkeys(("63", "64", "65"), "ict"),
    **dict.fromkeys(("71", "72"), "business"),
    **dict.fromkeys(("73", "74", "75"), "research"),
    **dict.fromkeys(("76", "77", "78"), "environment"),
    **dict.fromkeys(("01", "02", "03", "04", "05", "13", "14", "15"), "agri"),
}


def industry_group(code: str | None) -> str:
    return DIVISION_GROUP.get((code or "")[:2], "generic")


# Cities of out-of-zone entities: (administrative division code, name).
CITIES = (
    ("110108", "北京"),
    ("310115", "上海"),
    ("440305", "深圳"),
    ("330106", "杭州"),
    ("320114", "南京"),
    ("420111", "武汉"),
    ("610131", "西安"),
    ("120116", "天津"),
    ("370102", "济南"),
    ("140107", "太原市"),
    ("140202", "大同"),
    ("140402", "长治"),
    ("140702", "晋中"),
    ("140802", "运城"),
)
# Divisions of the zone's enterprises: 140171 is the zone itself, the others are where its parks lie.
ZONE_DIVISIONS = ("140171", "140171", "140171", "140105", "140110", "140121")


def _pair(k: int) -> str:
    a, b = divmod(k, len(BRAND_B))
    return BRAND_A[a] + BRAND_B[b]


def _extra(more: int) -> str:
    """Bijective base-10 over BRAND_C: 0 → '', 1 → one character, … (every ``more`` distinct)."""
    out = ""
    while more:
        more, d = divmod(more - 1, len(BRAND_C))
        out += BRAND_C[d]
    return out


PAIRS = len(BRAND_A) * len(BRAND_B)


def brand(index: int) -> str:
    """A 字号, distinct for distinct indices: the pairs permuted, then longer ones."""
    more, k = divmod(index, PAIRS)
    return _pair((k * 677 + 113) % PAIRS) + _extra(more)


ZONE_STYLES = 3  # 山西X… / 太原X… / X（山西）…
OUT_NAMES = PAIRS * len(CITIES) * len(FORMS)  # outside names with a two-character 字号


def _enterprise_key(index: int, variants: int) -> tuple[int, int, int, int]:
    """(pair, variant, form, more): a permutation of the key space, so neighbours differ."""
    space = PAIRS * variants * len(FORMS)
    more, k = divmod(index, space)
    k = (k * 7919 + 13) % space  # 7919 is prime and divides no key space here: a permutation
    k, form = divmod(k, len(FORMS))
    pair, variant = divmod(k, variants)
    return pair, variant, form, more


def out_city(index: int) -> tuple[str, str]:
    """(division code, city) of out-of-zone enterprise ``index``."""
    return CITIES[_enterprise_key(index, len(CITIES))[1]]


def out_city_index(index: np.ndarray) -> np.ndarray:
    """For an array of indices, which of CITIES ``out_city`` gives."""
    return _enterprise_key(index.astype(np.int64), len(CITIES))[1]


def enterprise_name(index: int, industry: str | None, zone: bool) -> str:
    """Distinct indices give distinct names (within the zone's and within the outside's index)."""
    pair, variant, form, more = _enterprise_key(index, ZONE_STYLES if zone else len(CITIES))
    words = INDUSTRY_GROUPS[industry_group(industry)]
    word = words[(index * 2654435761 >> 7) % len(words)]
    b = _pair(pair) + _extra(more)
    f = FORMS[form]
    if not zone:
        return f"{CITIES[variant][1]}{b}{word}{f}"
    if variant == 0:
        return f"山西{b}{word}{f}"
    if variant == 1:
        return f"太原{b}{word}{f}"
    return f"{b}（山西）{word}{f}"


UNIVERSITY_KINDS = ("理工大学", "大学", "科技大学", "医科大学", "工业大学", "职业技术学院", "师范大学", "农业大学")
INSTITUTE_FIELDS = ("新材料", "煤化工", "先进制造", "新能源", "生物医药", "信息技术", "环境科学", "光电", "智能装备", "储能")
INSTITUTE_KINDS = ("研究院", "研究所", "工程技术研究中心")


def university_name(index: int, zone: bool) -> str:
    places = (ZONE_PLACE,) + PLACES if zone else PLACES
    place = places[index % len(places)]
    kind = UNIVERSITY_KINDS[(index // len(places)) % len(UNIVERSITY_KINDS)]
    n = index // (len(places) * len(UNIVERSITY_KINDS))
    prefix = "山西" if zone and index % 3 == 2 else ""
    return f"{prefix}{place}{kind}" + (f"第{n + 1}分校" if n else "")


def institute_name(index: int, zone: bool) -> str:
    places = (ZONE_PLACE,) + PLACES if zone else PLACES
    field = INSTITUTE_FIELDS[index % len(INSTITUTE_FIELDS)]
    place = places[(index // len(INSTITUTE_FIELDS)) % len(places)]
    kind = INSTITUTE_KINDS[(index // (len(INSTITUTE_FIELDS) * len(places))) % len(INSTITUTE_KINDS)]
    n = index // (len(INSTITUTE_FIELDS) * len(places) * len(INSTITUTE_KINDS))
    prefix = "山西" if zone else ""
    return f"{prefix}{place}{field}{kind}" + (f"（{n + 1}）" if n else "")


ASSOCIATION_KINDS = (
    "小米产业协会",
    "陈醋行业协会",
    "红枣产业协会",
    "中药材产业协会",
    "农产品质量检测中心",
    "知识产权保护协会",
    "高新技术企业协会",
    "科技企业商会",
    "核桃产业协会",
    "软件行业协会",
)


def association_name(index: int) -> str:
    kind = ASSOCIATION_KINDS[index % len(ASSOCIATION_KINDS)]
    n = index // len(ASSOCIATION_KINDS)
    return f"{ZONE_PLACE}示范区{kind}" + (f"（{n + 1}）" if n else "")


# People.
SURNAMES = tuple(
    "王李张刘赵郭杨武韩贾梁陈吴孙高周徐胡马朱何宋郑田冯董程曹袁许苏任阎薛白侯申卫乔史常秦段郝石孟范崔姚牛雷杜温"
)
GIVEN = tuple("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红晋瑞鹏飞慧斌宇浩佳欣文博悦晨琳婷雪峰亮辉鑫")


def person_name(index: int) -> str:
    h = (index * 2246822519 + 3266489917) % 4294967296
    s = SURNAMES[h % len(SURNAMES)]
    g1 = GIVEN[(h >> 8) % len(GIVEN)]
    if (h >> 20) % 3 == 0:
        return s + g1
    return s + g1 + GIVEN[(h >> 14) % len(GIVEN)]


# Finance (all fictional).
BANKS = ("汇晋银行", "汾源银行", "晋融银行", "泰丰银行", "华岳银行", "融通发展银行", "恒晋银行")
BANK_BRANCHES = ("太原分行", "山西分行", f"太原{ZONE_PLACE}支行", "太原长治路支行", "太原科技支行")
GUARANTORS = (
    f"山西{ZONE_PLACE}融资担保有限公司",
    "山西汾岚科技融资担保有限公司",
    "太原晋岭融资担保股份有限公司",
    f"{ZONE_PLACE}示范区科技创新融资担保有限公司",
)
INSURERS = ("华晋财产保险股份有限公司山西分公司", "安汾财产保险股份有限公司山西分公司", "泰岳财产保险股份有限公司太原中心支公司")


def pledgee(i: int) -> str:
    bank = BANKS[i % len(BANKS)]
    branch = BANK_BRANCHES[(i // len(BANKS)) % len(BANK_BRANCHES)]
    return f"{bank}股份有限公司{branch}"


# Service agencies: (services, name pattern).
AGENCY_KINDS = (
    (("代理",), "山西{b}专利代理事务所（普通合伙）"),
    (("代理", "咨询"), "太原{b}知识产权代理有限公司"),
    (("代理", "信息", "咨询"), "{b}（山西）知识产权服务有限公司"),
    (("法律",), "山西{b}律师事务所"),
    (("法律", "代理"), "山西{b}知识产权律师事务所"),
    (("信息",), "山西{b}知识产权信息服务有限公司"),
    (("咨询", "培训"), "{b}知识产权咨询（山西）有限公司"),
    (("运营", "咨询"), "山西{b}知识产权运营有限公司"),
    (("培训",), f"{ZONE_PLACE}{{b}}知识产权培训中心有限公司"),
    (("代理", "法律", "信息", "咨询", "培训", "运营"), "{b}知识产权集团（山西）有限公司"),
)

HONOURS = (
    "全国知识产权领军人才",
    "百千万知识产权人才工程百名高层次人才培养人选",
    "全国专利信息领军人才",
    "全国专利信息师资人才",
    "山西省知识产权专家库专家",
    f"{ZONE_PLACE}示范区知识产权高端人才",
)

# Geographical indications of the demo zone (fictional places, fictional products).
GEO_PRODUCTS = (
    (f"{ZONE_PLACE}小米", "地理标志保护产品", "2012-08-16", 5200),
    ("汾岚陈醋", "地理标志证明商标", "2014-04-21", 8800),
    ("晋岭红枣", "地理标志集体商标", "2016-11-07", 2600),
    ("澜川黄芪", "地理标志保护产品", "2018-06-12", 3400),
    ("青崖核桃", "地理标志证明商标", "2020-09-28", 1500),
    ("燕坪香菇", "地理标志集体商标", "2023-03-15", 900),
)

TRADEMARK_A = tuple("晋汾龙鑫泰恒瑞博诚丰盛辰锦德嘉聚卓峰润宇星远启智融天兴合立睿岚川禾")
TRADEMARK_B = tuple("创源达通安成泽元明力能美光隆昌辉航越拓海维沃凯驰澄朗岳芯谷坊")
TRADEMARK_LATIN = ("JINZE", "FENLAN", "RUIHANG", "HENGTONG", "XINYUAN", "ZHUOYUE", "BOCHENG", "TAIFENG")


def trademark_name(i: int) -> str:
    h = (i * 2654435761 + 97) % 4294967296
    if h % 11 == 0:
        return TRADEMARK_LATIN[(h >> 8) % len(TRADEMARK_LATIN)]
    name = TRADEMARK_A[(h >> 4) % len(TRADEMARK_A)] + TRADEMARK_B[(h >> 12) % len(TRADEMARK_B)]
    if (h >> 20) % 4 == 0:
        name += TRADEMARK_B[(h >> 24) % len(TRADEMARK_B)]
    return name


# Case respondents: individual businesses (个体工商户) and companies.
TAIYUAN_DISTRICTS = (("140105", "小店区"), ("140106", "迎泽区"), ("140107", "杏花岭区"), ("140109", "万柏林区"), ("140110", "晋源区"))
SHOP_GOODS = ("五金", "建材", "日用品", "电子产品", "食品", "调味品", "服装", "汽配", "农资", "茶叶")
SHOP_KINDS = ("经营部", "商行", "店", "批发部")


def shop_name(i: int) -> tuple[str, str]:
    """(name, division code) of an individual business."""
    code, district = TAIYUAN_DISTRICTS[i % len(TAIYUAN_DISTRICTS)]
    goods = SHOP_GOODS[(i // 5) % len(SHOP_GOODS)]
    kind = SHOP_KINDS[(i // 50) % len(SHOP_KINDS)]
    return f"太原市{district}{brand((i * 7 + 3) % PAIRS)}{goods}{kind}", code


# Patent titles by technical field; IPC prefixes choose the field.
FIELDS = {
    "ict": (
        "信息",
        ("神经网络模型训练方法", "图像识别方法", "工业数据处理方法", "区块链存证方法", "边缘计算调度方法", "设备故障诊断方法", "知识图谱构建方法", "语音识别方法", "视频分析方法", "数据加密传输方法"),
    ),
    "electronics": (
        "电子",
        ("碳化硅功率器件", "氮化镓外延片", "半导体封装结构", "光电探测器", "薄膜晶体管", "压力传感器", "发光二极管芯片", "集成电路测试装置"),
    ),
    "battery": (
        "储能",
        ("锂离子电池正极材料", "固态电解质", "钠离子电池负极材料", "储能变流器", "电池管理系统", "液流电池电堆", "燃料电池双极板"),
    ),
    "materials": (
        "材料",
        ("高强度铝合金", "镁合金板材", "不锈钢带材", "碳纤维复合材料", "石墨烯导热膜", "耐火材料", "高熵合金", "铸造型砂"),
    ),
    "chem": (
        "化工",
        ("煤制烯烃催化剂", "焦炉煤气脱硫剂", "煤焦油加氢催化剂", "甲醇合成催化剂", "煤矸石基陶粒", "活性炭", "聚氨酯泡沫"),
    ),
    "bio": (
        "生物医药",
        ("黄芪多糖提取物", "中药组合物", "单克隆抗体", "疫苗佐剂", "缓释制剂", "诊断试剂盒", "小米肽"),
    ),
    "equipment": (
        "机械装备",
        ("智能巡检机器人", "液压支架", "掘进机截割头", "数控机床主轴", "工业机器人关节", "精密减速器", "轨道车辆转向架", "风电齿轮箱"),
    ),
    "energy": (
        "电力",
        ("光伏组件", "风力发电机组", "智能电表", "干式变压器", "配电柜", "充电桩", "光伏逆变器"),
    ),
    "environment": (
        "环保",
        ("脱硫脱硝装置", "污水处理系统", "袋式除尘器", "固废破碎装置", "有机废气治理装置", "矿井水净化装置"),
    ),
    "mining": (
        "采矿",
        ("矿用通风装置", "瓦斯抽采系统", "综采工作面支护装置", "煤矿安全监测系统", "带式输送机"),
    ),
    "food": (
        "食品",
        ("小米营养粉", "老陈醋", "红枣果酱", "黄芪茶饮", "核桃乳饮料", "小米醋"),
    ),
    "daily": (
        "日用品",
        ("保温饭盒", "折叠桌", "包装箱", "墙面装饰板", "门窗密封条", "晾衣架", "收纳柜", "花盆", "手推车", "茶具"),
    ),
    "generic": (
        "机械",
        ("连接件", "支撑架", "紧固装置", "输送装置", "检测工装", "防护罩"),
    ),
}
IPC_FIELDS = (
    ("A23L", "food"), ("C12J", "food"),
    ("G06", "ict"), ("G05B", "ict"), ("H04", "ict"), ("G08", "ict"), ("G16", "ict"),
    ("H01M", "battery"), ("H02J 7", "battery"),
    ("H01L", "electronics"), ("H10", "electronics"), ("H05K", "electronics"), ("H01S", "electronics"), ("G01L", "electronics"),
    ("C22", "materials"), ("C21", "materials"), ("B22", "materials"), ("C04", "materials"), ("C08", "materials"), ("C01B 32", "materials"),
    ("C10", "chem"), ("C01", "chem"), ("C07C", "chem"), ("B01J", "chem"),
    ("A61K 36", "bio"), ("A61", "bio"), ("C12", "bio"), ("C07K", "bio"), ("A23", "bio"), ("G01N 33", "bio"),
    ("E21F", "mining"), ("E21D", "mining"), ("B65G", "mining"),
    ("B25", "equipment"), ("E21", "equipment"), ("B23", "equipment"), ("F16H", "equipment"), ("B61", "equipment"), ("B60", "equipment"), ("F16", "equipment"),
    ("H02", "energy"), ("F03", "energy"), ("H01F", "energy"), ("G01R", "energy"), ("F24S", "energy"),
    ("B01D", "environment"), ("C02F", "environment"), ("B09", "environment"), ("F23J", "environment"),
    ("A47", "daily"), ("A45", "daily"), ("B65D", "daily"), ("E04", "daily"), ("E06", "daily"), ("A01G", "daily"), ("B62B", "daily"),
)


def ipc_field(ipc: str) -> str:
    for prefix, field in IPC_FIELDS:
        if ipc.startswith(prefix):
            return field
    return "generic"


MAKING = ("一种{o}及其制备方法", "一种{o}", "一种{o}的制备方法", "一种{o}的检测方法")
MACHINES = ("一种{o}", "一种{o}的控制方法", "一种{o}及其使用方法", "一种{o}的检测方法")
INVENTION_PATTERNS = {
    "ict": ("一种{o}", "一种基于深度学习的{o}", "{o}、装置、设备及存储介质", "一种{o}及系统"),
    **dict.fromkeys(("electronics", "battery", "materials", "chem", "bio", "food"), MAKING),
    **dict.fromkeys(("equipment", "energy", "environment", "mining", "daily", "generic"), MACHINES),
}
# What a utility model protects in fields whose inventions are materials or methods: devices.
UTILITY_OBJECTS = {
    "ict": ("数据采集终端", "边缘计算网关", "智能监控装置", "服务器机柜"),
    "electronics": ("芯片封装夹具", "传感器安装座", "电路板散热结构", "光电探测器支架"),
    "battery": ("电池模组", "电池箱体", "储能柜", "电池散热装置"),
    "materials": ("铝型材挤压模具", "复合板材", "混砂机", "钢带矫直装置"),
    "chem": ("反应釜", "气化炉喷嘴", "煤气净化塔", "催化剂装填装置"),
    "bio": ("药材干燥装置", "中药提取罐", "无菌取样器", "试剂盒"),
    "food": ("小米脱壳装置", "陈醋发酵罐", "红枣烘干装置", "核桃破壳机"),
}
UTILITY_PATTERNS = ("一种{o}", "一种便于安装的{o}", "一种可调节的{o}", "一种节能型{o}", "一种模块化{o}", "一种防尘{o}")
DESIGN_OBJECTS = ("智能电表外壳", "包装盒（小米）", "电池箱", "巡检机器人", "茶具", "陈醋瓶", "控制面板", "充电桩", "灯具", "手提袋", "礼品盒（红枣）", "工业机器人")
ABSTRACT_TAILS = (
    "该方法工艺简单、成本低，适于工业化生产。",
    "提高了运行效率和可靠性，降低了能耗。",
    "结构紧凑，安装维护方便，使用寿命长。",
    "显著提升了检测精度和稳定性。",
    "减少了污染物排放，具有良好的经济和社会效益。",
)


def patent_title(field: str, kind: str, k: int) -> str:
    objects = UTILITY_OBJECTS.get(field, FIELDS[field][1]) if kind == "实用新型" else FIELDS[field][1]
    o = objects[k % len(objects)]
    if kind == "发明":
        patterns = INVENTION_PATTERNS[field]
        return patterns[(k // len(objects)) % len(patterns)].format(o=o)
    if kind == "实用新型":
        return UTILITY_PATTERNS[(k // len(objects)) % len(UTILITY_PATTERNS)].format(o=o)
    return DESIGN_OBJECTS[k % len(DESIGN_OBJECTS)]


def patent_abstract(field: str, kind: str, title: str, k: int) -> str:
    what = title.removeprefix("一种")
    doc = "本发明" if kind == "发明" else "本实用新型"
    return f"{doc}公开了{what}，属于{FIELDS[field][0]}技术领域。{ABSTRACT_TAILS[k % len(ABSTRACT_TAILS)]}"


EVENT_TRAININGS = (
    "专利挖掘与布局实务培训",
    "高价值专利培育专题培训",
    "知识产权质押融资政策宣讲培训",
    "企业知识产权管理规范贯标培训",
    "专利代理实务能力提升培训",
    "商标品牌建设专题培训",
    "知识产权保护与维权实务培训",
    "PCT国际专利申请实务培训",
    "地理标志保护与运用培训",
    "专利导航与产业分析培训",
)
SURVEY_KINDS = ("企业", "企业", "企业", "高校院所", "服务机构", "社会公众", "社会公众", "律师")
