"""``ipzone policy …`` through Typer on the policy fixture zone as a Parquet folder; policy files
and payment files as users write them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from fixtures_engine import E1, E2, PI_ROWS, SEI_ROWS
from fixtures_policies import Q, policy_dataset
from typer.testing import CliRunner

from ipzone.policies import PolicyError, load_file, load_text, payments, sample_texts
from ipzone.policies.cli import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def _write_csv(path: Path, rows: list[dict], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def zone(tmp_path_factory) -> Path:
    """The policy fixture zone as ``ipzone convert`` writes it, with an ipzone.toml naming the
    stand-in reference tables (as the demo zone does)."""
    folder = tmp_path_factory.mktemp("zone")
    ds = policy_dataset()
    for stem in sorted(ds.present):
        pq.write_table(ds[stem], folder / f"{stem}.parquet")
    (folder / "ipzone-dataset.json").write_text(json.dumps({"contract": "1", "tables": {s: ds[s].num_rows for s in ds.present}}))
    _write_csv(folder / "sei.csv", SEI_ROWS)
    _write_csv(folder / "pi.csv", PI_ROWS)
    (folder / "ipzone.toml").write_text(
        'zone_name = "测试园区"\n[references]\nsei = {path = "sei.csv", edition = "测试版 2021", coverage = "complete"}\n'
        'patent_intensive = {path = "pi.csv", edition = "测试版 2019", coverage = "partial"}\n',
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def paid(tmp_path_factory) -> Path:
    """A payments record with Chinese headers, in GB18030 as Excel on Chinese Windows saves it."""
    path = tmp_path_factory.mktemp("paid") / "已支付.csv"
    rows = [{"政策": "application-reward", "年度": "2021", "类型": "专利", "编号": Q[5].replace(".", ""), "统一社会信用代码": E2, "金额": "0.1", "支付日期": "2022/3/1"}]
    return _write_csv(path, rows, encoding="gb18030")


def invoke(app, *args):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


def test_entitlements_json_for_one_policy_is_one_object(app, zone, paid):
    out = json.loads(invoke(app, "policy", "entitlements", zone, "--year", 2023, "--policy", "hv-grant-reward", "--format", "json", "--payments", paid).stdout)
    assert (out["policy"], out["version"], out["year"]) == ("hv-grant-reward", 1, 2023)
    assert [(e["uscc"], e["name"], [(i["kind"], i["id"], i["amount"]) for i in e["items"]], e["amount"]) for e in out["entitlements"]] == [
        (E1, "甲公司", [("patent", Q[1], 1.0), ("patent", Q[11], 1.0)], 2.0),
        (E2, "乙公司", [("patent", Q[10], 1.0)], 1.0),
    ]
    q5 = next(x for x in out["excluded"] if x["id"] == Q[5])
    assert q5["reason"] == (
        "已于 2021 年度按政策 application-reward 奖补 0.1 万元（同一专利只奖补一次：所有政策、所有年度）"
        "（already paid 0.1 万元 under application-reward for 2021 (paid once: all_policies)）"
    )
    assert out["payments_checked"] is True and out["sample"] is True


def test_entitlements_json_for_every_policy_is_a_list(app, zone):
    out = json.loads(invoke(app, "policy", "entitlements", zone, "--year", 2023, "--format", "json").stdout)
    assert [(o["policy"], o["applies"], o["total"]) for o in out] == [
        ("application-reward", False, 0.0),
        ("hv-grant-reward", True, 4.0),  # no payments record: Q5 is entitled too
        ("pledge-guarantee-subsidy", True, 10.5),
        ("pledge-insurance-subsidy", True, 10.0),
        ("pledge-interest-subsidy", True, 90.0),
    ]


def test_entitlements_table(app, zone):
    text = invoke(app, "policy", "entitlements", zone, "--year", 2023, "--policy", "pledge-interest-subsidy").stdout
    assert "知识产权质押融资贴息（pledge-interest-subsidy，第 1 版，示例）2023 年度享受名单（免申即享）" in text
    assert "未享受 5 项：不满足「出质人在区内」 2 项；暂缓（侵权案件） 1 项；不满足「出质人为企业」 1 项；已达每户每年上限 1 项" in text
    assert "预算：500 万元；可用 500 万元；应享（核减前）90 万元；合计 90 万元" in text


def test_entitlements_xlsx_is_text_safe(app, zone, tmp_path):
    out = tmp_path / "名单.xlsx"
    invoke(app, "policy", "entitlements", zone, "--year", 2023, "--format", "xlsx", "--out", out)
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb.sheetnames == ["享受明细", "享受名单", "未享受", "政策与说明"]
    rows = list(wb["享受明细"].iter_rows(values_only=True))
    assert rows[0] == ("政策", "版本", "年度", "统一社会信用代码", "名称", "类型", "编号", "日期", "基数（万元）", "金额（万元）", "核算说明")
    pl3 = next(r for r in rows if r[6] == "PL3")
    assert pl3[:10] == ("pledge-interest-subsidy", 1, 2023, E1, "甲公司", "质押", "PL3", "2023-06-01", 1500, 10.02)


def test_xlsx_needs_out(app, zone):
    result = runner.invoke(app, ["policy", "entitlements", str(zone), "--year", "2023", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "xlsx 格式需要用 --out 指定文件" in result.output


def test_explain_table_and_json(app, zone, paid):
    text = invoke(app, "policy", "explain", zone, "--year", 2023, "--policy", "hv-grant-reward", "--id", Q[5], "--payments", paid).stdout
    assert f"政策 hv-grant-reward（高价值发明专利授权奖励，第 1 版，示例）· 2023 年度 · 专利 {Q[5]}" in text
    assert "以往奖补：2021 年度 application-reward 0.1 万元" in text
    assert "结论：不享受：已于 2021 年度按政策 application-reward 奖补 0.1 万元" in text
    data = json.loads(invoke(app, "policy", "explain", zone, "--year", 2023, "--policy", "pledge-interest-subsidy", "--id", "PL8", "--format", "json").stdout)
    assert (data["status"], data["conclusion_zh"], data["amount"]) == ("entitled", "享受 30 万元", 30.0)
    assert data["steps"] == ["质押金额 2000 万元 × 0.02 = 40 万元", "每项上限 30 万元：核为 30 万元"]


def test_unknown_policy_and_missing_source(app, zone):
    bad = runner.invoke(app, ["policy", "entitlements", str(zone), "--year", "2023", "--policy", "nope"])
    assert bad.exit_code == 2
    assert "没有名为「nope」的政策" in bad.output
    none = runner.invoke(app, ["policy", "entitlements", "--year", "2023"])
    assert none.exit_code == 2
    assert "请给出数据集 SOURCE，或用 --db 指定平台数据库" in none.output


def test_own_policy_folder(app, zone, tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    text = sample_texts()["hv-grant-reward"].replace("amount = 1.0 ", "amount = 2.5 ").replace("version = 1", "version = 3")
    (folder / "hv-grant-reward.toml").write_text(text, encoding="utf-8")
    out = json.loads(invoke(app, "policy", "entitlements", zone, "--year", 2023, "--policies", folder, "--format", "json").stdout)
    assert [(o["policy"], o["version"], o["total"]) for o in out] == [("hv-grant-reward", 3, 10.0)]


# --- policy files ---------------------------------------------------------------------------------


def test_a_policy_file_with_many_problems_reports_them_all(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        'name = "Bad Name"\nversion = 0\ntitle = "x"\nbasis = "y"\nvalid_from = 2023-01-01\nvalid_to = 2022-01-01\n'
        'serves = ["nope"]\ncolour = "red"\n[eligibility]\nitem = "pledge"\nbeneficiary = "pledgor"\nscope = ["granted_in_year"]\n'
        '[payment]\nkind = "rate"\nrate = 1.5\n[caps]\nbudget = "lots"\n',
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as e:
        load_file(path)
    assert [(w, zh) for w, zh, _ in e.value.problems] == [
        ("name", "格式不符：只能用小写字母、数字和连字符（2–63 个字符）（值：'Bad Name'）"),
        ("version", "应 ≥ 1（值：0）"),
        ("valid_to", "valid_to 2022-01-01 早于 valid_from 2023-01-01"),
        ("serves", "serves 中有未知的指标代码 ['nope']"),
        ("eligibility", "scope 中的条件「granted_in_year」不适用于 pledge 类项目（可用：registered_in_year、pledgor_in_zone、pledgor_enterprise、has_guarantor、has_insurer、names_patent、beneficiary_in_zone、beneficiary_enterprise）"),
        ("payment.rate", "应 ≤ 1（值：1.5）"),
        ("caps.budget", "应为数字（值：'lots'），或应为表（值：'lots'）"),
        ("colour", "未知的配置项（是否拼错？）（值：'red'）"),
    ]
    assert e.value.zh.startswith("政策文件 bad.toml 有 8 处问题：")


def test_payment_rules_need_their_parameters():
    text = sample_texts()["pledge-interest-subsidy"].replace('basis = "pledge_amount"\n', "")
    with pytest.raises(PolicyError) as e:
        load_text(text, "x.toml")
    assert e.value.problems == [("payment", "支付方式 rate 需要 basis", "payment kind 'rate' needs basis")]


def test_file_name_must_match_the_policy_name(tmp_path):
    path = tmp_path / "reward.toml"
    path.write_text(sample_texts()["hv-grant-reward"], encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        load_file(path)
    assert e.value.zh == "政策文件 reward.toml 的 name 为「hv-grant-reward」，文件名应为 hv-grant-reward.toml"


def test_check_command(app, tmp_path):
    good = tmp_path / "hv-grant-reward.toml"
    good.write_text(sample_texts()["hv-grant-reward"], encoding="utf-8")
    assert runner.invoke(app, ["policy", "check", str(good)]).exit_code == 0
    bad = tmp_path / "x.toml"
    bad.write_text("name = [", encoding="utf-8")
    result = runner.invoke(app, ["policy", "check", str(good), str(bad)])
    assert result.exit_code == 1
    assert "政策文件 x.toml 不是有效的 TOML" in result.output


# --- the payments record ----------------------------------------------------------------------------


def test_payments_file_is_read_with_chinese_headers_and_gb18030(paid):
    items = payments.read(paid)
    assert [(p.policy, p.year, p.kind, p.id, str(p.amount), p.uscc, p.paid_on.isoformat()) for p in items] == [
        ("application-reward", 2021, "patent", Q[5], "0.1", E2, "2022-03-01")
    ]


def test_a_bad_payments_file_names_every_bad_cell(tmp_path):
    path = _write_csv(
        tmp_path / "paid.csv",
        [
            {"policy": "hv-grant-reward", "year": "二〇二三", "kind": "patent", "id": Q[1], "amount": "1"},
            {"policy": "hv-grant-reward", "year": "2023", "kind": "商标", "id": "X", "amount": "-1"},
            {"policy": "", "year": "2023", "kind": "patent", "id": "202110000101.0", "amount": "1"},
        ],
    )
    with pytest.raises(PolicyError) as e:
        payments.read(path)
    assert e.value.zh.splitlines()[1:] == [
        "  paid.csv，第 2 行，列「年度」：「二〇二三」不是数字（值：'二〇二三'）",
        "  paid.csv，第 3 行，列「类型」：类型应为 patent / pledge（专利 / 质押）（值：'商标'）",
        "  paid.csv，第 3 行，列「金额」：金额应为不小于 0 的数字（万元）（值：'-1'）",
        "  paid.csv，第 4 行，列「政策」：必填，不能为空",
    ]


def test_payments_file_without_required_columns(tmp_path):
    path = _write_csv(tmp_path / "paid.csv", [{"policy": "x", "year": "2023"}])
    with pytest.raises(PolicyError) as e:
        payments.read(path)
    assert e.value.zh == "已支付记录文件 paid.csv 缺少列：类型（kind）、编号（id）、金额（amount）"


@pytest.mark.slow
def test_entitlements_from_the_platform_database(zone, tmp_path):
    """`ipzone load` then `ipzone policy entitlements --db`: the same list as from the files.
    (In a fresh process: Django is configured once per process, by the first --db.)"""
    import os
    import subprocess
    import sys

    env = {**os.environ, "IPZONE_HOME": str(tmp_path / "home"), "IPZONE_SECRET_KEY": "test-only", "IPZONE_CONFIG": str(zone / "ipzone.toml")}
    env.pop("IPZONE_DB", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    db = f"sqlite:///{tmp_path / 'platform.sqlite3'}"
    script = f"""
import sys
from typer.testing import CliRunner
from ipzone.cli import app
r = CliRunner()
loaded = r.invoke(app, ["load", {str(zone)!r}, "--db", {db!r}])
assert loaded.exit_code == 0, loaded.output
out = r.invoke(app, ["policy", "entitlements", "--db", {db!r}, "--year", "2023", "--policy", "pledge-interest-subsidy", "--format", "json"])
assert out.exit_code == 0, out.output
sys.stdout.write(out.stdout)
"""
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert (out["total"], out["payments_checked"]) == (90.0, True)  # the platform's (empty) payment record was read
    assert [(e["uscc"], e["amount"]) for e in out["entitlements"]] == [(E1, 50.0), (E2, 40.0)]


def test_the_credit_hold_reads_the_datasets_credit_grades(app, zone, paid, tmp_path, monkeypatch):
    from ipzone.protection import credit

    out = json.loads(invoke(app, "policy", "entitlements", zone, "--year", 2023, "--policy", "hv-grant-reward", "--format", "json", "--payments", paid).stdout)
    assert not any("信用" in n for n in out.get("notes", [])), out.get("notes")  # grades were read, nobody is in D
    # stricter rules (B from 88, C from 82 points): E2, at 80 points for its infringement case, falls to D and is held
    strict = credit.RULES_FILE.read_text(encoding="utf-8").replace("min_score = 80", "min_score = 88").replace("min_score = 65", "min_score = 82")
    (tmp_path / "credit.toml").write_text(strict, encoding="utf-8")
    monkeypatch.setenv("IPZONE_CREDIT_RULES", str(tmp_path / "credit.toml"))
    out = json.loads(invoke(app, "policy", "entitlements", zone, "--year", 2023, "--policy", "hv-grant-reward", "--format", "json", "--payments", paid).stdout)
    assert [e["uscc"] for e in out["entitlements"]] == [E1]
    q10 = next(x for x in out["excluded"] if x["id"] == Q[10])
    assert q10["reason"].startswith("暂缓：信用等级不良（2023 年度信用等级 D（重点监管），得分 80）"), q10["reason"]
    # a rules file that cannot be used is an error, not "nobody held"
    (tmp_path / "credit.toml").write_text(strict.replace("min_score = 82", "min_score = 90"), encoding="utf-8")
    result = runner.invoke(app, ["policy", "entitlements", str(zone), "--year", "2023", "--policy", "hv-grant-reward", "--format", "json"])
    assert result.exit_code == 2  # as every refused run of ipzone policy
    assert "不能检查信用等级暂缓" in result.output
