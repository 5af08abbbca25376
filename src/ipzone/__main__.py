"""``python -m ipzone`` is the ``ipzone`` command."""

from ipzone.cli import run

run()
