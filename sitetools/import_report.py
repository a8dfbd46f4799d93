"""`invoke import`: the importer's plan carried out with a progress bar and a closing table."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
from rich.table import Table

from sitetools.importer import (
    ImportRefused,
    Plan,
    apply_import,
    export_entries,
    plan_import,
    read_manifest,
    summary_rows,
)

LABELS = {
    "page": "pages",
    "post": "posts",
    "draft": "drafts",
    "type": "custom post types",
    "file": "other files",
}


def run_import(source: Path, content: Path, force: bool, console: Console | None = None) -> int:
    console = console or Console(highlight=False)
    try:
        entries = export_entries(source)
        plan = plan_import(entries, content, read_manifest(content))
    except (ImportRefused, OSError) as error:
        console.print(f"import refused: {error}", markup=False)
        return 1
    if plan.conflicts and not force:
        console.print(
            "import refused: these files were edited since the last import "
            "(or were not imported); nothing was written. Keep your edits elsewhere, "
            "or run again with --force to replace them:",
            markup=False,
        )
        for relpath in plan.conflicts:
            console.print(f"  content/{relpath}", markup=False)
        return 1
    if force:
        plan.changed += [e for e in entries if e.relpath in set(plan.conflicts)]
    copy(plan, content, console)
    console.print(summary_table(plan))
    for label, names in (("changed", plan.changed), ("added", plan.added)):
        pages = [e.relpath for e in names if e.kind != "file"]
        for relpath in pages:
            console.print(f"  {label}: content/{relpath}", markup=False)
    for relpath in plan.gone:
        console.print(
            f"  gone from the export (kept, delete it if unwanted): content/{relpath}",
            markup=False,
        )
    return 0


def copy(plan: Plan, content: Path, console: Console) -> None:
    total = sum(e.size for e in plan.to_copy)
    columns = ("{task.description}", BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"copying {len(plan.to_copy)} file(s)", total=total)
        apply_import(plan, content, lambda n: progress.advance(task, n))


def summary_table(plan: Plan) -> Table:
    table = Table(title="Import", title_justify="left")
    for column in ("", "added", "changed", "unchanged", "gone (kept)"):
        table.add_column(column, justify="left" if not column else "right")
    for kind, *counts in summary_rows(plan):
        table.add_row(LABELS[kind], *(str(n) for n in counts))
    return table
