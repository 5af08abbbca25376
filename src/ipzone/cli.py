"""The ``ipzone`` command."""
import typer

app = typer.Typer()
