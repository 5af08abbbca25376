"""Files as users send them: encodings, headers, Excel's habits, and every malformed file."""

import datetime as dt
import zipfile

import pytest
from fixtures import CO_A, INV, OLD, valid_tables, write_csv, write_dataset, write_xlsx

from ipzone.dataset import check
from ipzone.readers import Limits


def found(report, level="error"):
    return [(f.file, f.table, f.row, f.column, f.rule, f.zh) for f in report.sorted() if f.level == level]


def test_gb18030_and_bom_and_english_headers(tmp_path):
    tables = valid_tables()
    folder = write_dataset(tmp_path / "d", tables)
    write_csv(folder / "entities.csv", "entities", tables["entities"], encoding="gb18030")
    write_csv(folder / "patents.csv", "patents", tables["patents"], encoding="utf-8-sig")
    write_csv(folder / "pledges.csv", "pledges", tables["pledges"], lang="en")
    report, ds = check(folder)
    assert report.ok, found(report)
    assert ds["entities"].column("name").to_pylist()[0] == "山西晋创新材料科技有限公司"
    assert ds["patents"].column("application_no").to_pylist()[0] == INV
    assert ds["pledges"].column("pledgee").to_pylist() == ["中国建设银行股份有限公司太原分行"]


def test_headers_in_any_order_with_spaces_full_width_and_key_marks(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "surveys.csv").write_text(
        " 得分（分） ,★问卷编号,受访者类型, year \n82,S1,企业,2021\n", encoding="utf-8"
    )
    report, ds = check(folder)
    assert report.ok, found(report)
    assert ds["surveys"].to_pylist() == [{"response_id": "S1", "year": 2021, "respondent_kind": "企业", "score": 82.0}]


def test_chinese_file_names_are_tables_too(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "surveys.csv").rename(folder / "保护满意度调查.csv")
    report, ds = check(folder)
    assert report.ok and ds["surveys"].num_rows == 2


def test_unknown_table_and_column_are_named_warnings(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "notes.csv").write_text("a\n1\n", encoding="utf-8")
    (folder / "surveys.csv").write_text("问卷编号,年度,得分,备注\nS1,2021,80,电话访问\n", encoding="utf-8")
    report, ds = check(folder)
    assert ds is not None
    assert found(report, "warning") == [
        ("notes.csv", None, None, None, "unknown_table", "文件「notes.csv」不是数据规范中的表，已忽略"),
        ("surveys.csv", "surveys", 1, "备注", "unknown_column", "不是本表的列，已忽略"),
    ]


def test_missing_required_column(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "surveys.csv").write_text("问卷编号,年度\nS1,2021\n", encoding="utf-8")
    report, ds = check(folder)
    assert ds is None
    assert found(report) == [
        ("surveys.csv", "surveys", 1, "得分", "missing_column", "缺少必填列「得分」（score）")
    ]


def test_duplicate_column(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "surveys.csv").write_text("问卷编号,年度,得分,score\nS1,2021,80,81\n", encoding="utf-8")
    report, _ = check(folder)
    assert found(report) == [
        ("surveys.csv", "surveys", 1, "score", "duplicate_column", "列「得分」出现了两次（第 3 列和第 4 列）")
    ]


def test_empty_file(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "events.csv").write_bytes(b"")
    report, ds = check(folder)
    assert ds is None
    assert found(report) == [("events.csv", "events", None, None, "file.empty", "文件为空（连表头都没有）")]


def test_header_only_is_an_empty_table(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "events.csv").write_text("日期,名称,类型\n", encoding="utf-8")
    report, ds = check(folder)
    assert report.ok and ds["events"].num_rows == 0 and "events" in ds.present


def test_binary_file_renamed_csv(tmp_path):
    folder = write_dataset(tmp_path / "d")
    write_xlsx(folder / "events.csv")
    report, ds = check(folder)
    assert ds is None
    assert found(report) == [
        ("events.csv", "events", None, None, "file.binary", "不是 CSV 文本文件（看起来是 ZIP/xlsx 文件）")
    ]


def test_a_row_with_a_different_column_count(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "surveys.csv").write_text("问卷编号,年度,得分\nS1,2021,80\nS2,2021,70,extra\nS3,2021\n", encoding="utf-8")
    report, ds = check(folder)
    assert ds is None
    assert found(report) == [
        ("surveys.csv", "surveys", 3, None, "file.ragged_row", "该行有 4 列，表头有 3 列"),
        ("surveys.csv", "surveys", 4, None, "file.ragged_row", "该行有 2 列，表头有 3 列"),
    ]


def test_row_numbers_count_blank_lines_and_line_breaks_in_cells(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "surveys.csv").write_text(
        '问卷编号,年度,受访者类型,得分\nS1,2021,"企业\n（制造业）",80\n\nS2,2021,公众,abc\n', encoding="utf-8"
    )
    report, _ = check(folder)
    # header row 1, S1 row 2, the blank line row 3, S2 row 4 (records, as Excel shows them)
    assert [(f.row, f.column) for f in report.errors] == [(4, "得分")]


def test_too_large_a_file_is_refused_before_reading(tmp_path):
    folder = write_dataset(tmp_path / "d")
    with open(folder / "patents.csv", "r+b") as f:  # a sparse 2 GiB + 1 byte file: no disk is used
        f.truncate(2048 * 1024 * 1024 + 1)
    report, ds = check(folder)
    assert ds is None
    assert found(report) == [
        ("patents.csv", "patents", None, None, "file.too_large",
         "文件过大（2,048 MiB，上限 2,048 MiB）；请拆分，或转为 Parquet 后读取")
    ]


def test_limits_are_settable(tmp_path):
    folder = write_dataset(tmp_path / "d")
    report, _ = check(folder, Limits(csv_bytes=100))
    assert {f.rule for f in report.errors} == {"file.too_large"}


def test_not_a_dataset(tmp_path):
    (tmp_path / "x.txt").write_text("hello")
    report, _ = check(tmp_path / "x.txt")
    assert found(report) == [
        ("x.txt", None, None, None, "source.kind", "数据集应为 CSV 文件夹、Parquet 文件夹或一个 .xlsx 工作簿")
    ]
    report, _ = check(tmp_path / "nothing")
    assert [f.rule for f in report.errors] == ["source.missing"]
    (tmp_path / "empty").mkdir()
    report, _ = check(tmp_path / "empty")
    assert [f.rule for f in report.errors] == ["no_tables"]


def test_the_same_table_twice(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "保护满意度调查.csv").write_bytes((folder / "surveys.csv").read_bytes())
    report, _ = check(folder)
    assert found(report) == [
        ("保护满意度调查.csv", "surveys", None, None, "duplicate_table", "「surveys.csv」和「保护满意度调查.csv」是同一张表，只能保留一个")
    ]


# --- xlsx ------------------------------------------------------------------------------


def test_workbook_with_what_excel_does_to_data(tmp_path):
    cells = {
        ("patents", 0, "application_no"): 202110123456.7,  # a number cell
        ("patents", 0, "filing_date"): dt.datetime(2021, 3, 5),  # a date cell
        ("patents", 3, "overseas_family_grants"): 2,
        ("entity_year", 0, "value_added"): 12000.5,
        ("trademarks", 0, "registration_no"): 12345678,  # a code as a number
        ("pledges", 0, "amount"): 1000,
        ("zone_year", 0, "year"): 2021,
    }
    path = write_xlsx(tmp_path / "zone.xlsx", cells=cells)
    report, ds = check(path)
    assert report.ok, found(report)
    p = ds["patents"].to_pylist()[0]
    assert (p["application_no"], p["filing_date"]) == (INV, dt.date(2021, 3, 5))
    assert ds["trademarks"].column("registration_no").to_pylist() == ["12345678"]


def test_workbook_rows_are_sheet_rows(tmp_path):
    cells = {("surveys", 1, "score"): "八十"}
    path = write_xlsx(tmp_path / "zone.xlsx", cells=cells, sheet_names="stem")
    report, _ = check(path)
    assert found(report) == [
        ("zone.xlsx[surveys]", "surveys", 3, "得分", "type.score", "「八十」不是数字；应为0–100 的分数")
    ]


def test_workbook_uscc_stored_as_number_is_refused(tmp_path):
    cells = {("entities", 0, "uscc"): 911401000000000000.0}
    report, _ = check(write_xlsx(tmp_path / "zone.xlsx", cells=cells))
    errors = found(report)
    assert errors[0][2:] == (
        2, "统一社会信用代码", "type.uscc", "统一社会信用代码被 Excel 存为数字，已丢失位数；请将该列设为文本后重新填写"
    )


def test_workbook_with_no_matching_sheet(tmp_path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "w.xlsx"))
    wb.add_worksheet("Sheet1").write(0, 0, "x")
    wb.close()
    report, _ = check(tmp_path / "w.xlsx")
    assert found(report) == [
        ("w.xlsx", None, None, None, "no_tables",
         "工作簿中没有任何数据规范中的表（工作表应以表名命名，如 patents 或 专利）")
    ]
    assert [f.rule for f in report.warnings] == ["unknown_table"]


def test_truncated_workbook(tmp_path):
    path = write_xlsx(tmp_path / "zone.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    report, ds = check(path)
    assert ds is None
    assert found(report) == [
        ("zone.xlsx", None, None, None, "file.not_xlsx",
         "不是 .xlsx 工作簿（文件不完整、已损坏，或是其他格式改了扩展名）")
    ]


def test_workbook_with_a_damaged_member(tmp_path):
    path = write_xlsx(tmp_path / "zone.xlsx")
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(path, "w") as z:
        for n, data in members.items():
            z.writestr(n, data[:40] if n.startswith("xl/worksheets/") else data)
    report, ds = check(path)
    assert ds is None
    assert report.errors and all(f.rule == "file.damaged" for f in report.errors)


def test_parquet_round_trip(tmp_path):
    from ipzone.convert import MANIFEST, write_parquet

    report, ds = check(write_dataset(tmp_path / "d"))
    rows = write_parquet(ds, tmp_path / "p")
    assert rows["patents"] == 4 and (tmp_path / "p" / MANIFEST).exists()
    report2, ds2 = check(tmp_path / "p")
    assert report2.ok, found(report2)
    for stem in ds.present:
        assert ds2[stem].equals(ds[stem]), stem


def test_damaged_parquet(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "patents.parquet").write_bytes(b"PAR1 not really")
    report, _ = check(tmp_path / "p")
    assert [f.rule for f in report.errors] == ["file.damaged"]


def test_neither_utf8_nor_gb18030(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "events.csv").write_bytes("日期,名称,类型\n".encode() + b"2021-04-26,\xfe\xff,\xe5\n")
    report, _ = check(folder)
    assert found(report) == [
        ("events.csv", "events", 2, None, "file.encoding", "文件编码既不是 UTF-8 也不是 GB18030/GBK（第 33 字节）")
    ]


def test_first_line_empty(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "events.csv").write_text(",,\n2021-04-26,宣传日,宣传\n", encoding="utf-8")
    report, _ = check(folder)
    assert found(report) == [
        ("events.csv", "events", 1, None, "file.no_header", "第 1 行应为表头，但为空")
    ]


def test_workbook_with_the_same_table_twice(tmp_path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "w.xlsx"))
    for name in ("surveys", "保护满意度调查"):
        ws = wb.add_worksheet(name)
        for j, h in enumerate(("问卷编号", "年度", "得分")):
            ws.write(0, j, h)
    wb.close()
    report, _ = check(tmp_path / "w.xlsx")
    assert found(report) == [
        ("w.xlsx", "surveys", None, None, "duplicate_table", "工作表「surveys」和「保护满意度调查」是同一张表")
    ]


def test_the_blank_template_reads_back_as_an_empty_valid_dataset(tmp_path):
    import openpyxl

    from ipzone.templates import write_template

    path = write_template(tmp_path / "t.xlsx")
    report, ds = check(path)
    assert report.findings == [] and len(ds.present) == 18
    ws = openpyxl.load_workbook(path)["专利"]
    assert [c.value for c in ws[1]][:3] == ["★申请号", "专利类型", "名称"]
    assert ws["A1"].comment.text.startswith("application_no：专利申请号")
    # identifiers are text columns, so Excel keeps every digit; dates are date columns
    assert [ws.column_dimensions[c].number_format for c in "AE"] == ["@", "yyyy-mm-dd"]
