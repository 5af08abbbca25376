"""The shipped reference tables and installing an office's own official copy."""

import csv
import gzip
import tomllib
from pathlib import Path

import pytest

from ipzone import reference
from ipzone.reference import ReferenceError
from ipzone.reference.registry import DATA, _read
from ipzone.reference.schema import normalise

NAMES = ["ipc", "sei_ipc_2021", "pi_industries_2019", "gbt4754_2017"]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Every test gets an empty IPZONE_HOME, so no real installed copy leaks in."""
    monkeypatch.setenv("IPZONE_HOME", str(tmp_path / "home"))
    _read.cache_clear()
    yield tmp_path / "home" / "reference"
    _read.cache_clear()


def rows(name):
    return reference.load_table(name).to_pylist()


def write_csv(path: Path, header, body, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(body)
    return path


# --- shipped tables ------------------------------------------------------------------


def test_manifest_lists_the_four_tables_with_provenance():
    tables = {t.name: t for t in reference.list_tables()}
    assert list(tables) == NAMES
    for t in tables.values():
        assert t.title and t.edition and t.source and t.via and t.coverage_note
        assert t.coverage in ("complete", "partial")
        assert t.path.is_file() and t.path.parent == DATA
        assert not t.user_copy
    assert tables["gbt4754_2017"].coverage == "complete"
    assert {n for n, t in tables.items() if t.coverage == "partial"} == {"ipc", "sei_ipc_2021", "pi_industries_2019"}


@pytest.mark.parametrize("name", NAMES)
def test_row_counts_equal_the_manifest(name):
    table = reference.load_table(name)
    assert table.num_rows == reference.info(name).rows
    assert all(str(t) == "string" for t in table.schema.types)


@pytest.mark.parametrize("name", ["ipc", "sei_ipc_2021", "gbt4754_2017"])
def test_shipped_rows_pass_the_same_validation_as_an_office_copy(name):
    path = reference.info(name).path
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        header, *body = list(csv.reader(f))
    assert [dict(zip(header, r)) for r in body] == normalise(name, header, body)


def test_gbt4754_counts_and_known_rows():
    table = rows("gbt4754_2017")
    levels = [r["level"] for r in table]
    assert (levels.count("section"), levels.count("division"), levels.count("group"), levels.count("class")) == (20, 97, 473, 1381)
    by_code = {r["code"]: r for r in table}
    assert by_code["3961"] == {"code": "3961", "level": "class", "name": "可穿戴智能设备制造", "parent": "396"}
    assert by_code["39"]["name"] == "计算机、通信和其他电子设备制造业" and by_code["39"]["parent"] == "C"
    assert by_code["C"]["name"] == "制造业"
    assert by_code["4620"]["name"] and not by_code["4620"]["name"].startswith("?")


def test_ipc_known_titles():
    by_symbol = {r["symbol"]: r for r in rows("ipc")}
    assert by_symbol["G06F"] == {"symbol": "G06F", "level": "subclass", "title": "电数字数据处理（基于特定计算模型的计算机系统入G06N）"}
    assert by_symbol["G06N 3/08"] == {"symbol": "G06N 3/08", "level": "subgroup", "title": "学习方法"}
    assert by_symbol["G06F 16/00"]["title"] == "信息检索；数据库结构；文件系统结构"
    assert by_symbol["A"]["level"] == "section" and by_symbol["G06"]["level"] == "class"


def test_sei_known_entries():
    table = rows("sei_ipc_2021")
    entries = {(r["ipc"], r["sei_code"]) for r in table}
    ai = [r for r in table if r["ipc"] == "G06N 3/08"]
    assert [(r["sei_code"], r["sei_name"]) for r in ai] == [("1.5", "人工智能")]
    assert ("A01B", "2.1") in entries  # a whole subclass
    assert ("H01M 8/00", "5.2") in entries  # a main group
    assert len({r["sei_code"] for r in table}) == 40
    quantum = [r for r in table if r["rule_id"] == "14"]
    assert quantum and all(r["keywords"] == "量子计算;量子芯片;量子测控" and r["keyword_required"] == "是" for r in quantum)
    assert all(r["keywords"] == "" for r in table if r["rule_id"] not in ("14", "19", "31"))


def test_pi_industries_ship_category_and_group_names_only():
    table = rows("pi_industries_2019")
    assert len({r["category_name"] for r in table}) == 7
    assert len({r["group_name"] for r in table}) == 31
    assert "信息通信技术制造业" in {r["category_name"] for r in table}
    assert all(r["industry_code"] == "" for r in table)


def test_unknown_table_is_refused():
    with pytest.raises(ReferenceError, match="没有名为「nope」的参照表"):
        reference.info("nope")


# --- installing an office copy --------------------------------------------------------


PI_HEADER = ["大类名称", "中类名称", "国民经济行业代码", "国民经济行业名称"]


def test_install_good_copy_overrides_the_shipped_table(tmp_path, home):
    src = write_csv(
        tmp_path / "pi.csv",
        ["category_name", "group_name", "industry_code", "industry_name", "partial"],
        [
            ["信息通信技术制造业", "计算机制造", "3911", "计算机整机制造", "否"],
            ["", "", "3961", "可穿戴智能设备制造", "是"],
        ],
    )
    info = reference.install("pi_industries_2019", src, edition="2019（国家统计局令第25号）")
    assert info.user_copy and info.rows == 2 and info.edition == "2019（国家统计局令第25号）"
    assert reference.info("pi_industries_2019").user_copy
    table = rows("pi_industries_2019")
    assert [r["industry_code"] for r in table] == ["3911", "3961"]
    assert table[1]["category_name"] == "信息通信技术制造业"  # blank cells mean "as above"
    assert table[1]["partial"] == "是"
    meta = tomllib.loads((home / "pi_industries_2019.toml").read_text(encoding="utf-8"))
    assert meta["source_file"] == "pi.csv" and meta["rows"] == 2 and meta["loaded_at"]
    assert sorted(p.name for p in home.iterdir()) == ["pi_industries_2019.csv", "pi_industries_2019.toml"]
    assert not reference.info("gbt4754_2017").user_copy  # other tables untouched


def test_install_gb18030_csv_with_chinese_headers_and_star_marks(tmp_path):
    src = write_csv(
        tmp_path / "pi-gbk.csv",
        PI_HEADER,
        [["信息通信技术制造业", "计算机制造", "3961*", "可穿戴智能设备制造"]],
        encoding="gb18030",
    )
    reference.install("pi_industries_2019", src, edition="2019")
    assert rows("pi_industries_2019")[0] == {
        "category_code": "",
        "category_name": "信息通信技术制造业",
        "group_code": "",
        "group_name": "计算机制造",
        "industry_code": "3961",
        "industry_name": "可穿戴智能设备制造",
        "partial": "是",
    }


def test_install_sei_normalises_ipc_symbols_and_splits_lists(tmp_path):
    src = write_csv(
        tmp_path / "sei.csv",
        ["产业代码", "产业名称", "IPC", "关键词"],
        [["1.5", "人工智能", "G06N3/08、G06N 20/00", ""], ["", "", "ｇ06ｆ16/35", "分类；聚类"]],
    )
    reference.install("sei_ipc_2021", src, edition="2021")
    got = [(r["sei_code"], r["ipc"], r["keywords"], r["keyword_required"]) for r in rows("sei_ipc_2021")]
    assert got == [
        ("1.5", "G06N 3/08", "", "否"),
        ("1.5", "G06N 20/00", "", "否"),
        ("1.5", "G06F 16/35", "分类;聚类", "是"),
    ]


def test_install_xlsx_first_sheet(tmp_path):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "gbt.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("表1")
    for i, row in enumerate([["代码", "类别名称", "上级代码"], ["C", "制造业", ""], ["39", "计算机、通信和其他电子设备制造业", "C"]]):
        sheet.write_row(i, 0, row)
    sheet.write_string(3, 0, "396")
    sheet.write_row(3, 1, ["智能消费设备制造", "39"])
    sheet.write_number(4, 0, 3961)  # a code typed as a number
    sheet.write_row(4, 1, ["可穿戴智能设备制造", "396"])
    book.add_worksheet("ignored").write_row(0, 0, ["x"])
    book.close()
    info = reference.install("gbt4754_2017", path, edition="GB/T 4754—2017")
    assert info.rows == 4
    assert rows("gbt4754_2017")[-1] == {"code": "3961", "level": "class", "name": "可穿戴智能设备制造", "parent": "396"}


def test_install_broken_copy_lists_every_problem_and_writes_nothing(tmp_path, home):
    src = write_csv(
        tmp_path / "gbt-bad.csv",
        ["code", "name", "parent"],
        [
            ["C", "制造业", ""],
            ["39x", "计算机、通信和其他电子设备制造业", "C"],
            ["396", "", "39"],
            ["C", "制造业（重复）", ""],
            ["3961", "可穿戴智能设备制造", ""],  # its group 396 is not in the file
        ],
    )
    with pytest.raises(ReferenceError) as err:
        reference.install("gbt4754_2017", src, edition="GB/T 4754—2017")
    lines = str(err.value).splitlines()
    assert lines[0] == "参照表有 4 处问题 / the reference table has 4 problem(s)"
    assert lines[1] == (
        "第3行，列「code」，值「39x」：不是国民经济行业代码（门类字母、2/3/4 位数字）"
        " / row 3, column 'code', value '39x': not a GB/T 4754 code (section letter or 2-4 digits)"
    )
    assert lines[2] == "第4行，列「name」，值「」：不能为空 / row 4, column 'name', value '': must not be empty"
    assert lines[3] == "第5行，列「code」，值「C」：与第2行重复 / row 5, column 'code', value 'C': duplicates row 2"
    assert lines[4] == "第6行，列「parent」，值「396」：上级代码不在表中 / row 6, column 'parent', value '396': the parent code is not in the table"
    assert not home.exists()
    assert not reference.info("gbt4754_2017").user_copy


def test_install_missing_columns_and_bad_codes_for_pi(tmp_path, home):
    src = write_csv(tmp_path / "pi.csv", ["大类名称", "行业代码", "行业名称"], [["x", "396", "y"]])
    with pytest.raises(ReferenceError) as err:
        reference.install("pi_industries_2019", src, edition="2019")
    assert "第1行，列「group_name」，值「」：缺少必需的列" in str(err.value)
    src = write_csv(tmp_path / "pi2.csv", PI_HEADER, [["x", "y", "396", "z"]])
    with pytest.raises(ReferenceError, match="第2行，列「industry_code」，值「396」：不是 4 位国民经济行业小类代码"):
        reference.install("pi_industries_2019", src, edition="2019")
    assert not home.exists()


def test_failed_reinstall_keeps_the_previous_copy(tmp_path, home):
    good = write_csv(tmp_path / "good.csv", PI_HEADER, [["a", "b", "3961", "c"]])
    reference.install("pi_industries_2019", good, edition="2019")
    before = (home / "pi_industries_2019.csv").read_bytes()
    bad = write_csv(tmp_path / "bad.csv", PI_HEADER, [["a", "b", "39", "c"]])
    with pytest.raises(ReferenceError):
        reference.install("pi_industries_2019", bad, edition="2019")
    assert (home / "pi_industries_2019.csv").read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["pi_industries_2019.csv", "pi_industries_2019.toml"]


def test_install_requires_an_edition(tmp_path):
    src = write_csv(tmp_path / "pi.csv", PI_HEADER, [["a", "b", "3961", "c"]])
    with pytest.raises(ReferenceError, match="必须注明版本"):
        reference.install("pi_industries_2019", src, edition=" ")
