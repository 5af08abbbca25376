"""The platform's commands: ``load``, ``serve``, ``createuser``, ``notify`` and ``demo-platform``.

``register(app)`` adds them to the ``ipzone`` Typer app. Django is configured lazily, inside each
command, so that ``ipzone --help`` stays fast and the database URL can come from ``--db``.
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="数据库 URL：sqlite:///文件 或 postgresql://用户@主机:端口/库名（默认 IPZONE_DB 或 $IPZONE_HOME/ipzone.sqlite3）"),
]


class Role(str, Enum):
    admin = "admin"
    office = "office"
    leader = "leader"
    department = "department"
    enterprise = "enterprise"
    agency = "agency"


class Fmt(str, Enum):
    text = "text"
    json = "json"


def _setup(db: str | None, migrate: bool = True) -> None:
    from ipzone.web import setup

    setup(db)
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def change_table(result) -> Table:
    t = Table(
        title="导入结果" + ("（预演，未写入）" if result.dry_run else ""),
        caption="table / rows / added / changed / unchanged / missing from file / removed" + (" — dry run, nothing written" if result.dry_run else ""),
    )
    for name in ("表", "行数", "新增", "修改", "未变", "文件中没有", "已删除"):
        t.add_column(name, justify="left" if name == "表" else "right", no_wrap=True)
    for c in result.changes:
        if not c.in_file:
            t.add_row(c.stem, "[dim]—[/dim]", "", "", "", "", "[dim]文件中无此表[/dim]")
            continue
        t.add_row(
            c.stem, f"{c.rows:,}",
            f"[green]{c.added:,}[/green]" if c.added else "0",
            f"[yellow]{c.changed:,}[/yellow]" if c.changed else "0",
            f"{c.unchanged:,}",
            f"[red]{c.missing:,}[/red]" if c.missing else "0",
            f"{c.removed:,}",
        )
    tot = result.totals()
    t.add_section()
    t.add_row("合计", *(f"{tot[k]:,}" for k in ("rows", "added", "changed", "unchanged", "missing", "removed")))
    return t


def config_line(result) -> str | None:
    """What became of the zone configuration that came with the data, in both languages."""
    c = result.config
    if not c:
        return None
    if not c["changed"]:
        return f"园区配置 {c['name']}：与已保存的第 {c['version']} 版相同，未变 / zone configuration unchanged (version {c['version']})"
    if c["version"] is None:
        return f"园区配置 {c['name']}：将保存为新版本（预演，未写入）/ would be stored as a new version (dry run)"
    return f"园区配置 {c['name']}：已保存为第 {c['version']} 版（SHA-256 {c['sha256'][:12]}…）/ stored as version {c['version']}"


def run_load(dataset: Path, *, user=None, prune: bool = False, dry_run: bool = False, quiet: bool = False, config: Path | None = None):
    """Check and load with Rich progress on stderr; returns the LoadResult."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ipzone.web.load import load

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, disable=quiet, transient=True
    ) as bar:
        checking = bar.add_task("检查 / checking", total=None)
        tasks: dict[str, int] = {}

        def on_check(step: str, stem: str) -> None:
            bar.update(checking, description=f"检查 / checking {stem}")

        def on_load(stem: str, done: int, total: int) -> None:
            if stem not in tasks:
                bar.update(checking, total=1, completed=1, description="检查 / checked")
                tasks[stem] = bar.add_task(f"载入 / loading {stem}", total=total)
            bar.update(tasks[stem], completed=done, total=total)

        result = load(dataset, user=user, prune=prune, dry_run=dry_run, progress=on_load, check_progress=on_check, config=config)
        bar.update(checking, total=1, completed=1)
    return result


def register(app: typer.Typer) -> None:
    from ipzone.web.programme.cli import app as programme_app

    app.add_typer(programme_app, name="programme")

    @app.command("load")
    def load_cmd(
        dataset: Annotated[Path, typer.Argument(help="数据集：CSV 文件夹、.xlsx 工作簿或 Parquet 文件夹")],
        db: DbOpt = None,
        prune: Annotated[bool, typer.Option("--prune", help="删除数据库中有而文件中没有的记录（默认只报告）")] = False,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="只计算变更，不写入 / report the changes, write nothing")] = False,
        format: Annotated[Fmt, typer.Option("--format", help="text / json")] = Fmt.text,
        config: Annotated[
            Path | None,
            typer.Option("--config", help="随数据保存的园区配置 TOML（默认：数据集文件夹中的 ipzone.toml）/ the zone configuration to store (default: the dataset's ipzone.toml)"),
        ] = None,
    ) -> None:
        """检查数据集并导入平台数据库（按自然键更新，一个事务）/ check a dataset and load it into the platform's database.

        The dataset folder's ipzone.toml (or --config FILE) is validated and stored with the data.
        Exit status 1 when the dataset or the configuration has errors: the database is then untouched.
        """
        from ipzone.render import print_report

        if not dataset.exists():
            err.print(f"[red]找不到数据集 {dataset} / dataset not found[/red]")
            raise typer.Exit(2)
        _setup(db)
        result = run_load(dataset, prune=prune, dry_run=dry_run, quiet=format is Fmt.json, config=config)
        if format is Fmt.json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n")
            raise typer.Exit(0 if result.ok else 1)
        if not result.ok:
            print_report(err, result.report, dataset, None)
            err.print("[red]数据库未改动 / the database is untouched[/red]")
            raise typer.Exit(1)
        console.print(change_table(result))
        if line := config_line(result):
            console.print(line, highlight=False)
        if result.report.warnings:
            console.print(f"[yellow]{len(result.report.warnings)} 处警告（ipzone check 查看）/ warnings: run ipzone check[/yellow]")
        if not dry_run:
            console.print(f"数据版本 / data version {result.version}")

    @app.command("createuser")
    def createuser(
        username: Annotated[str, typer.Argument(help="用户名")],
        role: Annotated[Role, typer.Option("--role", help="admin / office / leader / department / enterprise / agency")],
        uscc: Annotated[str | None, typer.Option("--uscc", help="企业或服务机构的统一社会信用代码（enterprise、agency 必填）")] = None,
        department: Annotated[str | None, typer.Option("--department", help="部门代码（department 必填，见 ipzone programme departments）")] = None,
        password: Annotated[str | None, typer.Option("--password", help="密码（新用户不给则询问，非交互时生成并显示；已有用户不给则保留原密码）")] = None,
        token: Annotated[bool, typer.Option("--token", help="同时生成一个 API 令牌（只显示一次）")] = False,
        db: DbOpt = None,
    ) -> None:
        """创建或更新用户并设定角色 / create (or update) a user with a role."""
        from ipzone.codes import parse_uscc
        from ipzone.values import Problem

        if role in (Role.enterprise, Role.agency):
            if not uscc:
                err.print("[red]enterprise 和 agency 用户需要 --uscc / --uscc is required for this role[/red]")
                raise typer.Exit(2)
            try:
                uscc = parse_uscc(uscc)
            except Problem as e:
                err.print(f"[red]{e.zh} / {e.en}[/red]")
                raise typer.Exit(2) from None
        if role is Role.department and not department:
            err.print("[red]department 用户需要 --department / --department is required for this role[/red]")
            raise typer.Exit(2)
        _setup(db)
        from django.core.exceptions import ValidationError

        from ipzone.web.core.accounts import UnknownDepartment, create_user

        from django.contrib.auth import get_user_model

        exists = get_user_model().objects.filter(username=username).exists()
        if password is None and not exists:  # an existing user keeps their password
            if sys.stdin.isatty():
                password = typer.prompt("密码 / password", hide_input=True, confirmation_prompt=True)
            else:
                password = secrets.token_urlsafe(12)
                console.print(f"生成的密码 / generated password: {password}")
        try:
            user, api_token = create_user(username, role.value, uscc=uscc, department=department, password=password, token=token)
        except ValidationError as e:
            err.print("[red]" + "；".join(e.messages) + "[/red]")
            raise typer.Exit(2) from None
        except UnknownDepartment as e:
            err.print(f"[red]{e}[/red]")
            raise typer.Exit(2) from None
        console.print(
            f"用户 {user.username}：角色 {role.value}" + (f"，统一社会信用代码 {uscc}" if uscc else "")
            + (f"，部门 {department}" if role is Role.department else "")
        )
        if api_token:
            console.print(f"API 令牌（只显示这一次）/ API token (shown once): {api_token}")

    @app.command("notify")
    def notify(
        as_of: Annotated[str | None, typer.Option("--as-of", help="截至日期 YYYY-MM-DD（默认今天）")] = None,
        db: DbOpt = None,
    ) -> None:
        """发送逾期提醒（任务清单、案件期限；每项只提醒一次，可每日定时运行）/ tell people of overdue items."""
        import datetime as dt

        try:
            day = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError:
            err.print(f"[red]--as-of {as_of!r} 不是 YYYY-MM-DD 日期 / is not a YYYY-MM-DD date[/red]")
            raise typer.Exit(2) from None
        _setup(db)
        from django.utils import timezone

        from ipzone.web.notices import daily

        day = day or timezone.localdate()
        sent = daily.run(day)
        console.print(f"逾期提醒（截至 {day}）/ overdue notices as of {day}：任务清单 {sent['programme']} 条，案件 {sent['cases']} 条，信用监管 {sent['inspections']} 条")

    @app.command("serve")
    def serve(
        db: DbOpt = None,
        host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
        threads: Annotated[int, typer.Option("--threads", help="工作线程数")] = 4,
    ) -> None:
        """启动平台（迁移数据库、收集静态文件、waitress 服务，DEBUG 关闭）/ serve the platform."""
        _prepare_serve(db, host)
        _serve(host, port, threads)

    @app.command("demo-platform")
    def demo_platform(
        dataset: Annotated[Path | None, typer.Option("--dataset", help="使用已有数据集（默认生成示范园区）")] = None,
        out: Annotated[Path, typer.Option("--out", help="示范数据写入的文件夹")] = Path("demo-zone"),
        db: DbOpt = None,
        host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port")] = 8000,
        no_serve: Annotated[bool, typer.Option("--no-serve", help="只准备数据和账号，不启动服务")] = False,
    ) -> None:
        """示范平台：载入示范园区、为每个角色创建账号（显示密码）、启动服务 / the demo platform."""
        from ipzone.web import home

        db = db or os.environ.get("IPZONE_DEMO_DB") or f"sqlite:///{home.path() / 'demo.sqlite3'}"
        if dataset is None:
            dataset = _demo_dataset(out)
        _prepare_serve(db, host)
        result = run_load(dataset)  # stores the dataset's ipzone.toml: the dashboard uses it (IPZONE_CONFIG still overrides)
        if not result.ok:
            from ipzone.render import print_report

            print_report(err, result.report, dataset, None)
            raise typer.Exit(1)
        console.print(change_table(result))
        if line := config_line(result):
            console.print(line, highlight=False)
        from ipzone.web.core.accounts import demo_accounts
        from ipzone.web.demo import seed as seed_demo_records

        seeded = seed_demo_records()
        added = "，".join(f"{k} {v}" for k, v in seeded.counts.items() if v)
        console.print(f"示范业务记录 / demo records: {added or '已存在，未变 / already there, unchanged'}")

        accounts = demo_accounts()
        t = Table(title="示范账号 / demo accounts")
        t.add_column("角色 role", no_wrap=True)
        t.add_column("用户名 username", no_wrap=True, min_width=max(len(a["username"]) for a in accounts))
        t.add_column("密码 password", no_wrap=True, min_width=max(len(a["password"]) for a in accounts))
        t.add_column("关联 linked to", overflow="fold")
        for acc in accounts:
            t.add_row(acc["role_zh"], acc["username"], acc["password"], acc["linked"] or "—")
        console.print(t)
        from ipzone.web.protection.demo import seed

        added = seed()
        if added:
            console.print(
                f"示范保护工作 / demo protection work: {added['proceedings']} 件案件办理，{added['listings']} 条异常申请名单，"
                f"{added['typical_cases']} 件典型案例，{added['inspections']} 条检查记录"
            )
        from django.utils import timezone

        from ipzone.web.notices import daily

        day = timezone.localdate()
        sent = daily.run(day)  # what `ipzone notify` would tell today, so the demo's inboxes are not empty
        console.print(f"逾期提醒（截至 {day}）/ overdue notices：任务清单 {sent['programme']} 条，案件 {sent['cases']} 条，信用监管 {sent['inspections']} 条")
        if no_serve:
            return
        _serve(host, port, 4)


def _demo_dataset(out: Path) -> Path:
    from ipzone.demo import generate

    if not out.exists() or not any(out.iterdir()):
        with err.status(f"生成示范园区数据 / writing the demo zone to {out} …"):
            generate(out)
    return out


def _is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _prepare_serve(db: str | None, host: str) -> None:
    os.environ["IPZONE_DEBUG"] = "0"
    os.environ.setdefault("IPZONE_WARM", "1")
    if not _is_loopback(host) and host not in ("0.0.0.0", "::"):
        hosts = os.environ.get("IPZONE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
        os.environ["IPZONE_ALLOWED_HOSTS"] = f"{hosts},{host}"
    _setup(db)
    from django.conf import settings
    from django.core.management import call_command

    from ipzone.web.reports.services import abandon_unfinished

    call_command("collectstatic", interactive=False, verbosity=0)
    if abandoned := abandon_unfinished():
        err.print(f"[yellow]{abandoned} 份报告在上次停止服务时未生成完，已标为失败 / {abandoned} report(s) left unfinished: marked failed[/yellow]")
    if not _is_loopback(host) and settings.SESSION_COOKIE_SECURE and os.environ.get("IPZONE_HTTPS") != "1":
        err.print(
            "[yellow]提示：会话 Cookie 只经 HTTPS 发送。在非本机地址上请置于 HTTPS 反向代理之后（IPZONE_HTTPS=1），"
            "或在内网明文 HTTP 下设置 IPZONE_INSECURE_HTTP=1。[/yellow]"
        )


def _serve(host: str, port: int, threads: int) -> None:
    from django.conf import settings
    from waitress import serve as waitress_serve

    from ipzone.web import metrics
    from ipzone.web.wsgi import application

    if settings.WARM_CACHE:
        metrics.warm_soon()
    console.print(f"ipzone 平台：http://{host}:{port}/  （Ctrl-C 停止 / to stop）")
    waitress_serve(
        application, host=host, port=port, threads=threads,
        max_request_body_size=settings.UPLOAD_MAX_BYTES + 1024 * 1024, ident="ipzone",
    )
