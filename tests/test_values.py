import datetime as dt

import pytest

from ipzone import codes, values
from ipzone.values import Problem


@pytest.mark.parametrize(
    "cell",
    ["2021-03-05", "2021/3/5", "2021.03.05", "2021年3月5日", "2021 年 3 月 5 日", "２０２１-０３-０５", " 2021-03-05 ",
     "2021-03-05 00:00:00", dt.date(2021, 3, 5), dt.datetime(2021, 3, 5), 44260],
)
def test_every_date_form_of_the_contract(cell):
    assert values.parse_date(cell) == dt.date(2021, 3, 5)


@pytest.mark.parametrize(
    ("cell", "zh"),
    [("2021-02-29", "「2021-02-29」不是存在的日期"), ("20210305", "「20210305」不是日期"), ("3/5/2021", "「3/5/2021」不是日期"),
     (44260.5, "数字 44260.5 不是日期")],
)
def test_dates_that_are_refused(cell, zh):
    with pytest.raises(Problem) as e:
        values.parse_date(cell)
    assert e.value.zh == zh


@pytest.mark.parametrize(("cell", "expected"), [("是", True), ("否", False), ("Y", True), ("n", False), ("true", True),
                                                ("FALSE", False), ("1", True), ("0", False), (1.0, True), (True, True)])
def test_booleans(cell, expected):
    assert values.parse_bool(cell) is expected


def test_boolean_refused():
    with pytest.raises(Problem, match="'有' is not a yes/no value"):
        values.parse_bool("有")


@pytest.mark.parametrize(("cell", "expected"), [("1,234.5", 1234.5), ("１２３４", 1234.0), (" 12 ", 12.0), (2.8e4, 28000.0),
                                                ("1,000", 1000.0), ("0", 0.0)])
def test_amounts_with_thousands_separators_and_full_width_digits(cell, expected):
    assert values.parse_amount(cell) == expected


@pytest.mark.parametrize(("cell", "en"), [("100万元", "'100万元' has a unit in it; amounts are plain numbers in 万元"),
                                           ("1,23", "'1,23' is not a number"), ("-5", "-5 is negative")])
def test_amounts_refused(cell, en):
    with pytest.raises(Problem) as e:
        values.parse_amount(cell)
    assert e.value.en == en


def test_integers_and_years():
    assert values.parse_int("300,000") == 300000
    assert values.parse_int(5.0) == 5
    assert values.parse_year("2021年") == 2021
    assert values.parse_year(2021.0) == 2021
    with pytest.raises(Problem, match="2.5 is not a whole number"):
        values.parse_int("2.5")
    with pytest.raises(Problem, match="not a year between 1949 and 2100"):
        values.parse_year("21")


def test_lists_split_on_both_semicolons():
    assert values.split_list("a;b；c;;") == ["a", "b", "c"]


def test_industry_code_leading_zero_restored():
    assert values.parse_industry_code(111) == "0111"
    assert values.parse_industry_code(111.0) == "0111"
    assert values.parse_industry_code("3985") == "3985"
    with pytest.raises(Problem, match="'39851' is not a four-digit industry code"):
        values.parse_industry_code("39851")


def test_codes_from_excel_numbers_keep_their_digits():
    assert values.parse_code(12345678.0) == "12345678"
    with pytest.raises(Problem, match="stored as a decimal number"):
        values.parse_code(1234.5)


# --- identifiers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    ["202110182616.5", "2021101826165", "CN202110182616.5", "ZL202110182616.5", "zl 2021 1018 2616.5",
     "２０２１１０１８２６１６.５", 202110182616.5, 2021101826165],
)
def test_application_number_forms(cell):
    assert codes.parse_appno(cell) == "202110182616.5"


def test_real_application_numbers_and_pre_2003():
    assert codes.parse_appno("201810431317.9") == "201810431317.9"
    # 9,9,1,2,3,4,5,6 × 2..9 = 18+27+4+10+18+28+40+54 = 199; 199 mod 11 = 1
    assert codes.appno_check_digit("99123456") == "1"
    assert codes.parse_appno("99123456.1") == "99123456.1"
    number = codes.appno("99123456.1")
    assert (number.year, number.kind) == (1999, "发明")
    # remainder 10 is written X
    assert codes.appno_check_digit("200410000007") == "X"


def test_application_number_with_check_digit_x():
    assert codes.parse_appno("200410000007.x") == "200410000007.X"


@pytest.mark.parametrize(
    ("cell", "zh"),
    [
        ("202110182616.4", "申请号校验位错误：为 4，按 202110182616 计算应为 5"),
        ("202110182616", "申请号缺少校验位（应为 202110182616.5）"),
        (202110182616.0, "申请号被 Excel 存为数字并丢失了校验位（应为 202110182616.5）；请将该列设为文本"),
        ("2.02110182616E+11", "申请号以科学计数法保存，已丢失位数；请在 Excel 中将该列设为文本后重新填写"),
        ("20211018261.5", "不是专利申请号（应为 12 位数字 + 校验位，或 2003 年前的 8 位数字 + 校验位）"),
    ],
)
def test_application_numbers_refused(cell, zh):
    with pytest.raises(Problem) as e:
        codes.parse_appno(cell)
    assert e.value.zh == zh


def test_excel_number_whose_check_digit_was_zero_is_recovered():
    # 202210000001.0 typed into a number cell becomes 202210000001: the lost digit can only be 0.
    assert codes.parse_appno(202210000001.0) == "202210000001.0"
    assert codes.parse_appno(202210000001) == "202210000001.0"


def test_application_number_kind_and_year():
    number = codes.appno("202180012345.7")
    assert (number.year, number.kind, number.via_pct) == (2021, "发明", True)
    assert codes.appno("202130123458.7").kind == "外观设计"


def test_uscc():
    assert codes.parse_uscc(" 91140100ma0gry4t4l ") == "91140100MA0GRY4T4L"
    with pytest.raises(Problem) as e:
        codes.parse_uscc("91140100MA0GRY4T4X")
    assert e.value.zh == "统一社会信用代码校验位错误：应为 L"
    with pytest.raises(Problem, match="has 18 characters, this has 17"):
        codes.parse_uscc("91140100MA0GRY4T4")
    with pytest.raises(Problem, match="Excel stored the unified social credit code as a number"):
        codes.parse_uscc(9.11401e17)


@pytest.mark.parametrize(("cell", "expected"), [("G06F16/35", "G06F 16/35"), ("g06f 16 / 35", "G06F 16/35"), ("G06N", "G06N"),
                                                ("H01M 10/0525", "H01M 10/0525"), ("A01B 001/00", "A01B 1/00")])
def test_ipc_symbols(cell, expected):
    assert codes.parse_ipc(cell) == expected


def test_ipc_refused():
    with pytest.raises(Problem, match="'G6F 16/35' is not an IPC symbol"):
        codes.parse_ipc("G6F 16/35")


def test_pct_numbers():
    assert codes.parse_pct_no("pct/cn2021/123456") == "PCT/CN2021/123456"
    assert codes.parse_pct_no("PCTCN2021123456") == "PCT/CN2021/123456"
    with pytest.raises(Problem, match="not a PCT application number"):
        codes.parse_pct_no("CN2021/123456")
