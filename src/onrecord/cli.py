"""The `onrecord` command line: parse, call the pipeline or the read side, print. Nothing else lives here."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__

app = typer.Typer(
    name="onrecord",
    help="Who said what, when, reported by which outlet, and how it was framed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOpt = Annotated[
    Optional[str],
    typer.Option("--db", help="SQLite file path or postgresql:// URL (default: $ONRECORD_DB or ./onrecord.db).", show_default=False),
]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and requested data.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


class _State:
    quiet = False


def _setup(verbose: bool, quiet: bool) -> None:
    """Configure logging for this invocation."""
    _State.quiet = quiet
    level = logging.DEBUG if verbose else (logging.ERROR if quiet else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)
    for noisy in ("warcio", "trafilatura", "htmldate", "charset_normalizer", "urllib3", "httpx", "alembic"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING) if not verbose else logging.INFO)


def _open_store(db: str | None):
    """Open the store or exit 2 with a message that says how to fix the --db value."""
    from .store import Store

    try:
        return Store(db)
    except Exception as exc:  # the store names the database in its errors
        err.print(f"[red]error:[/red] cannot open database {db or '(default)'}: {exc}. "
                  "Pass --db PATH for SQLite or --db postgresql://USER@HOST/DB.", markup=True, highlight=False)
        raise typer.Exit(2) from exc


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _read(db: str | None, fn, missing: str | None = None):
    """Open the store, call fn(store), close it; ValueError → exit 2, None → exit 1 with ``missing``."""
    store = _open_store(db)
    try:
        data = fn(store)
    except ValueError as exc:  # a malformed query, date or filter: the message says why
        err.print(f"error: {exc}", highlight=False)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if data is None and missing:
        err.print(f"error: {missing}", highlight=False)
        raise typer.Exit(1)
    return data


def _show_rows(rows: list[dict[str, Any]], json_out: bool, columns: list[str], widths: dict[str, int] | None = None) -> None:
    """Print rows as JSON or as a table of the given columns."""
    if json_out:
        _print_json(rows)
    else:
        _table(rows, columns, widths)


def _version(value: bool) -> None:
    if value:
        print(f"onrecord {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Turn raw news articles into a searchable record of who said what, when, where and how."""


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, URLs (http/https), or - for stdin.", show_default=False)],
    db: DbOpt = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for every article read in this run.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Reprocess inputs already stored with the same content.")] = False,
    text_column: Annotated[Optional[str], typer.Option(help="JSONL/CSV column holding the article text.")] = None,
    title_column: Annotated[Optional[str], typer.Option(help="JSONL/CSV column holding the title.")] = None,
    date_column: Annotated[Optional[str], typer.Option(help="JSONL/CSV column holding the publication date.")] = None,
    url_column: Annotated[Optional[str], typer.Option(help="JSONL/CSV column holding the URL.")] = None,
    author_column: Annotated[Optional[str], typer.Option(help="JSONL/CSV column holding the author(s).")] = None,
    outlet_column: Annotated[Optional[str], typer.Option(help="JSONL/CSV column holding the outlet name.")] = None,
    speaker_aliases: Annotated[Optional[Path], typer.Option(help="TOML/YAML file merging or splitting speakers.")] = None,
    entity_file: Annotated[Optional[Path], typer.Option(help="TOML/YAML file adding entities, aliases and ids.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse single documents larger than this many bytes.")] = 20_000_000,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a web server.")] = 10.0,
    retries: Annotated[int, typer.Option(help="Retries (with backoff) for a web server that fails or times out.")] = 2,
    ignore_robots: Annotated[bool, typer.Option("--ignore-robots", help="Fetch pages even where robots.txt disallows it.")] = False,
    json_out: JsonOpt = False,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Read articles from files, directories, feeds or URLs and store them (idempotent and resumable)."""
    from .pipeline import ingest as run_ingest
    from .sources import SourceOptions

    _setup(verbose, quiet)
    columns = {"text": text_column, "title": title_column, "published": date_column, "url": url_column,
               "author": author_column, "outlet": outlet_column}
    options = SourceOptions(outlet=outlet, field_map={k: v for k, v in columns.items() if v},
                            max_bytes=max_bytes, timeout=timeout, retries=retries,
                            respect_robots=not ignore_robots)
    store = _open_store(db)
    try:
        summary = _run_with_progress(run_ingest, inputs, store, options, force, show=not quiet and not json_out,
                                     aliases=str(speaker_aliases) if speaker_aliases else None,
                                     entity_file=str(entity_file) if entity_file else None)
    except ValueError as exc:  # an alias or entity file that cannot be used: the message names it
        err.print(f"error: {exc}", highlight=False)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if json_out:
        _print_json(summary.to_dict())
    else:
        for source, message in summary.failed:
            err.print(f"[red]failed:[/red] {source}: {message}", markup=True, highlight=False)
        if not quiet:
            rate = summary.seen / summary.seconds if summary.seconds else 0.0
            err.print(
                f"added {summary.added}, replaced {summary.replaced}, unchanged {summary.unchanged}, "
                f"failed {len(summary.failed)} in {summary.seconds:.1f}s ({rate:.1f} documents/s) -> {store.url_for_humans}",
                highlight=False,
            )
    raise typer.Exit(1 if summary.failed else 0)


def _run_with_progress(run, inputs, store, options, force, show: bool, **extra):
    """Run the ingest with a Rich progress bar on stderr (counts and rate), or silently."""
    if not show:
        return run(inputs, store, options=options, force=force, **extra)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("reading…")

        def update(s) -> None:
            rate = s.seen / s.seconds if s.seconds else 0.0
            bar.update(task, description=f"{s.seen} documents: {s.added} added, {s.replaced} replaced, "
                                         f"{s.unchanged} unchanged, {len(s.failed)} failed ({rate:.0f}/s)")

        return run(inputs, store, options=options, force=force, on_progress=update, **extra)


@app.command()
def stats(db: DbOpt = None, json_out: JsonOpt = False, verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """Counts of articles, quotes, speakers, outlets, stories and statements."""
    _setup(verbose, quiet)
    data = _read(db, lambda store: store.stats())
    if json_out:
        _print_json(data)
        return
    table = Table("what", "count")
    for key, value in data.items():
        table.add_row(key, str(value))
    out.print(table)


@app.command()
def articles(
    db: DbOpt = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many (0 = all).")] = 50,
    json_out: JsonOpt = False,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List stored articles, oldest first."""
    _setup(verbose, quiet)
    for value, name in ((since, "--since"), (until, "--until")):
        _check_date(value, name)
    rows = _read(db, lambda store: store.list_articles(outlet=outlet, since=since, until=until, limit=limit or None))
    if json_out:
        from .query.export import article_record

        _print_json([{k: v for k, v in article_record(r).items() if k != "text"} for r in rows])
        return
    table = Table("id", "published", "outlet", "title", "source")
    for r in rows:
        table.add_row(*(escape(v) for v in (r["article_id"], r.get("published") or "", r.get("outlet") or "",
                                            r.get("title") or "", r["source"])))
    out.print(table)


def _check_date(value: str | None, name: str) -> None:
    """Exit 2 when a date option is not YYYY-MM-DD (or YYYY-MM, YYYY)."""
    if value is None:
        return
    from datetime import datetime

    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            datetime.strptime(value, fmt)
            return
        except ValueError:
            pass
    err.print(f"error: {name} {value!r} is not a date; use YYYY-MM-DD", highlight=False)
    raise typer.Exit(2)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of at least 6 characters).")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show one article: metadata, clean text and its quotes."""
    _setup(verbose, quiet)
    store = _open_store(db)
    try:
        row = store.get_article(article_id)
    except ValueError as exc:  # an ambiguous prefix
        err.print(f"error: {exc}; give more characters of the id", highlight=False)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if row is None:
        err.print(f"error: no article {article_id!r}; list ids with `onrecord articles`", highlight=False)
        raise typer.Exit(1)
    if json_out:
        _print_json(row)
        return
    for key in ("article_id", "source", "outlet", "url", "title", "published", "updated", "author", "language"):
        out.print(f"[bold]{key}[/bold]: {row.get(key) or ''}", highlight=False)
    if row.get("tags"):
        out.print(f"[bold]tags[/bold]: {', '.join(row['tags'])}", highlight=False)
    out.print()
    out.print(row["text"], markup=False, highlight=False)
    for q in row.get("quotes", []):
        out.print(f"- [{q.get('kind')}] {q.get('speaker') or '?'}: {q.get('text')}", markup=False, highlight=False)


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="articles, quotes, dates, framing or entities")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    db: DbOpt = None,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Export every record of one kind in a stable format (see DESIGN.md for the fields)."""
    from .query.export import FORMATS, KINDS as kinds, export as run_export

    _setup(verbose, quiet)
    if what not in kinds:
        err.print(f"error: cannot export {what!r}; choose one of: {', '.join(kinds)}", highlight=False)
        raise typer.Exit(2)
    if fmt not in FORMATS:
        err.print(f"error: unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}", highlight=False)
        raise typer.Exit(2)
    store = _open_store(db)
    try:
        n = run_export(store, what, fmt, output)
    except BrokenPipeError:
        return
    finally:
        store.close()
    if output is not None and not quiet:
        err.print(f"wrote {n} {what} to {output}", highlight=False)


def _table(rows: list[dict[str, Any]], columns: list[str], widths: dict[str, int] | None = None) -> None:
    """Print rows as a Rich table of the given columns."""
    table = Table(*columns)
    for r in rows:
        cells = []
        for c in columns:
            v = r.get(c)
            v = ", ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
            limit = (widths or {}).get(c)
            cells.append(escape(v if not limit or len(v) <= limit else v[: limit - 1] + "…"))
        table.add_row(*cells)
    out.print(table)


@app.command()
def quotes(
    db: DbOpt = None,
    speaker: Annotated[Optional[str], typer.Option(help="Canonical speaker name (or part of it).")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct, indirect or mixed.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many (0 = all).")] = 50,
    json_out: JsonOpt = False,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List quotes: who said what, in which article, oldest first."""
    from .query.export import quote_record
    from .query.records import list_quotes

    _setup(verbose, quiet)
    _check_date(since, "--since")
    _check_date(until, "--until")
    if kind and kind not in ("direct", "indirect", "mixed"):
        err.print(f"error: --kind {kind!r}; choose direct, indirect or mixed", highlight=False)
        raise typer.Exit(2)
    rows = _read(db, lambda store: list_quotes(store, speaker=speaker, outlet=outlet, since=since, until=until,
                                               kind=kind, limit=limit or None))
    if json_out:
        _print_json([quote_record(r) for r in rows])
        return
    _table(rows, ["published", "outlet", "speaker", "kind", "cue", "text"], {"text": 90, "published": 10})


@app.command()
def speakers(db: DbOpt = None, limit: Annotated[int, typer.Option(help="At most this many (0 = all).")] = 0,
             json_out: JsonOpt = False, verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """Canonical speakers, most quoted first, with their roles as seen."""
    from .query.records import list_speakers

    _setup(verbose, quiet)
    rows = _read(db, lambda store: list_speakers(store, limit=limit or None))
    _show_rows(rows, json_out, ["speaker", "quotes", "articles", "outlets", "first", "last", "roles"], {"roles": 50})


@app.command("train-cues")
def train_cues(
    out: Annotated[Path, typer.Option("--out", help="Where to write the model (.npz).")],
    data: Annotated[Path, typer.Option("--data", help="The PolNeAR directory (metadata.tsv, train/, dev/).")] = Path("../shared/eval/polnear"),
    split: Annotated[str, typer.Option(help="The PolNeAR split to train on.")] = "train",
    limit: Annotated[int, typer.Option(help="Train on the first N articles only (0 = all).")] = 0,
    verbose: VerboseOpt = False, quiet: QuietOpt = False,
) -> None:
    """Train the attribution model on PolNeAR (needs scikit-learn: pip install 'onrecord[learned]'); use it with
    ONRECORD_CUE_MODEL=FILE. No trained model ships with onrecord: PolNeAR carries no licence."""
    _setup(verbose, quiet)
    from .analyze.train_cues import train

    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise typer.BadParameter(f"training needs scikit-learn ({exc}); pip install 'onrecord[learned]'") from exc
    if not (data / "metadata.tsv").is_file():
        raise typer.BadParameter(f"{data}: no PolNeAR here (metadata.tsv is missing); point --data at the PolNeAR directory")
    train(data, out, split=split, limit=limit or None)


@app.command()
def stories(db: DbOpt = None, limit: Annotated[int, typer.Option(help="At most this many (0 = all).")] = 50,
            json_out: JsonOpt = False, verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """Stories (the same event across outlets), largest first."""
    from .query.records import list_stories

    _setup(verbose, quiet)
    rows = _read(db, lambda store: list_stories(store, limit=limit or None))
    _show_rows(rows, json_out, ["story_id", "articles", "outlets", "first_published", "title"], {"title": 70})


@app.command()
def story(story_id: Annotated[str, typer.Argument(help="Story id.")], db: DbOpt = None, json_out: JsonOpt = False,
          verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """One story: its articles and what each quoted."""
    from .query.records import get_story

    _setup(verbose, quiet)
    data = _read(db, lambda store: get_story(store, story_id), f"no story {story_id!r}; list them with `onrecord stories`")
    if json_out:
        _print_json(data)
        return
    out.print(f"[bold]{data['title'] or story_id}[/bold] ({len(data['articles'])} articles)", highlight=False)
    _table(data["articles"], ["published", "outlet", "title", "source"], {"title": 60})
    _table(data["quotes"], ["outlet", "speaker", "kind", "text", "statement_id"], {"text": 80})


@app.command()
def statement(statement_id: Annotated[str, typer.Argument(help="Statement id.")], db: DbOpt = None,
              json_out: JsonOpt = False, verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """One statement and every outlet's rendering of it, earliest first."""
    from .query.records import get_statement

    _setup(verbose, quiet)
    data = _read(db, lambda store: get_statement(store, statement_id),
                 f"no statement {statement_id!r}; see statement ids in `onrecord quotes --json`")
    if json_out:
        _print_json(data)
        return
    out.print(f"[bold]{data['speaker'] or '?'}[/bold], first reported {data['first_reported'] or '?'}", highlight=False)
    _table(data["renderings"], ["published", "outlet", "kind", "cue", "text"], {"text": 90})


@app.command()
def entities(db: DbOpt = None, type_: Annotated[Optional[str], typer.Option("--type", help="Only this type (PERSON, ORG, PLACE, ...).")] = None,
             limit: Annotated[int, typer.Option(help="At most this many (0 = all).")] = 100,
             json_out: JsonOpt = False, verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """Canonical entities (one per real thing, however spelled), most mentioned first."""
    from .query.records import list_entities

    _setup(verbose, quiet)
    rows = _read(db, lambda store: list_entities(store, type_=type_, limit=limit or None))
    _show_rows(rows, json_out, ["entity_id", "name", "type", "mention_count", "aliases", "roles"],
               {"aliases": 50, "roles": 40})


@app.command()
def framing(db: DbOpt = None,
            by: Annotated[str, typer.Option(help="Profile per outlet or per article.")] = "outlet",
            concept: Annotated[Optional[str], typer.Option(help="Only this concept.")] = None,
            json_out: JsonOpt = False, verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """Which words each outlet (or article) uses for contested concepts, and in whose voice. Usage, not verdicts."""
    from .query.framing import framing_profile

    _setup(verbose, quiet)
    if by not in ("outlet", "article"):
        err.print(f"error: --by {by!r}; choose outlet or article", highlight=False)
        raise typer.Exit(2)
    rows = _read(db, lambda store: framing_profile(store, by=by, concept=concept))
    _show_rows(rows, json_out, [by, "concept", "term", "outlet_voice", "quoted", "attributed", "total"], {"article": 40})


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", prefix*, AND/OR/NOT.')],
    db: DbOpt = None,
    mode: Annotated[str, typer.Option(help="hybrid (full text + semantic), fts or semantic.")] = "hybrid",
    speaker: Annotated[Optional[str], typer.Option(help="Canonical speaker name (or part of it).")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    since: Annotated[Optional[str], typer.Option(help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="On or before YYYY-MM-DD.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct, indirect or mixed.")] = None,
    story: Annotated[Optional[str], typer.Option(help="Only quotes of this story.")] = None,
    language: Annotated[Optional[str], typer.Option(help="Only articles in this language (ISO code).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 20,
    offset: Annotated[int, typer.Option(help="Skip this many.")] = 0,
    json_out: JsonOpt = False,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Search quotes by words and by meaning, with filters."""
    from .query.search import search as run_search

    _setup(verbose, quiet)
    data = _read(db, lambda store: run_search(store, query, mode=mode, speaker=speaker, outlet=outlet, since=since,
                                              until=until, kind=kind, story=story, language=language, limit=limit,
                                              offset=offset))
    if json_out:
        _print_json(data)
        return
    if data.get("total_is_lower_bound"):
        out.print(f"more than {data['total']:,} matching quotes (the best of the first {data['total']:,} found; "
                  "add words or filters to narrow them)", highlight=False)
    else:
        out.print(f"{data['total']} matching quotes", highlight=False)
    _table(data["results"], ["published", "outlet", "speaker", "kind", "text"], {"text": 90, "published": 10})


@app.command()
def timeline(
    speaker: Annotated[str, typer.Argument(help="Speaker name (canonical, alias or part of it).")],
    db: DbOpt = None,
    about: Annotated[Optional[str], typer.Option(help="Only statements matching these words.")] = None,
    json_out: JsonOpt = False,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """A speaker's statements over time, grouped by statement."""
    from .query.timeline import timeline as run_timeline

    _setup(verbose, quiet)
    data = _read(db, lambda store: run_timeline(store, speaker, about),
                 f"no speaker {speaker!r}; list them with `onrecord speakers`")
    if json_out:
        _print_json(data)
        return
    out.print(f"[bold]{data['speaker']}[/bold] — {len(data['entries'])} statements", highlight=False)
    rows = [{"date": e.get("date"), "outlets": e.get("outlets"), "reports": e.get("reports"), "text": e.get("text")}
            for e in data["entries"]]
    _table(rows, ["date", "outlets", "reports", "text"], {"text": 90})


@app.command()
def compare(
    story_id: Annotated[str, typer.Argument(help="Story id (see `onrecord stories`).")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """A story's outlets side by side: what each quoted, how each worded it, which framing terms each used."""
    from .query.compare import compare as run_compare

    _setup(verbose, quiet)
    data = _read(db, lambda store: run_compare(store, story_id), f"no story {story_id!r}; list them with `onrecord stories`")
    if json_out:
        _print_json(data)
        return
    out.print(f"[bold]{data.get('title') or story_id}[/bold]", highlight=False)
    for col in data.get("outlets", []):
        name = col.get("outlet") or "(unknown outlet)"
        out.print(f"\n[bold]{name}[/bold]", highlight=False)
        for q in col.get("quotes", []):
            out.print(f"  - {q.get('speaker') or '?'} ({q.get('kind')}): {q.get('text')}", markup=False, highlight=False)
        terms = col.get("framing") or []
        if terms:
            out.print("  framing: " + ", ".join(f"{t.get('term')} ×{t.get('count')}" if isinstance(t, dict) else str(t)
                                                 for t in terms), markup=False, highlight=False)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Serve the JSON API (/api, OpenAPI at /openapi.json) and the web pages."""
    import uvicorn

    from .web.app import create_app

    _setup(verbose, quiet)
    store = _open_store(db)  # fail early, with the usual message, on a bad --db
    store.close()
    if not quiet:
        err.print(f"serving {db or 'the default database'} on http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="info" if verbose else "warning")


if __name__ == "__main__":  # pragma: no cover
    app()
