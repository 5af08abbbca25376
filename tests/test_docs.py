"""The README's and docs/policies.md's command output is real: regenerating it (``make docs``)
must change nothing."""

from pathlib import Path

from cogapp import Cog

ROOT = Path(__file__).parent.parent


def test_readme_output_is_current(capsys):
    status = Cog().main(["cog", "--check", "-I", str(ROOT / "docs"), str(ROOT / "README.md"), str(ROOT / "docs" / "policies.md")])
    assert status == 0, "README.md or docs/policies.md is out of date: run `make docs`\n" + capsys.readouterr().out
