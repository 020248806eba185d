"""`python -m onrecord` runs the same CLI as the `onrecord` command."""

from .cli import app

app(prog_name="onrecord")
