"""The command line end to end: ingest, idempotency, read commands, exports, exit codes and bad input."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from onrecord import __version__
from onrecord.cli import app

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "seeds"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """Invoke the CLI in-process; returns (exit code, stdout, stderr)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version_and_module_entry_point():
    code, stdout, _ = run("--version")
    assert code == 0 and stdout.strip() == f"onrecord {__version__}"
    proc = subprocess.run([sys.executable, "-m", "onrecord", "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == f"onrecord {__version__}"


def test_ingest_seeds_is_idempotent_and_force_reprocesses(tmp_path):
    db = str(tmp_path / "t.db")
    code, _, stderr = run("ingest", str(SEEDS), "--db", db)
    assert code == 0, stderr
    assert "added 5" in stderr
    code, stdout, _ = run("stats", "--db", db, "--json")
    assert json.loads(stdout)["articles"] == 5
    code, _, stderr = run("ingest", str(SEEDS), "--db", db)
    assert code == 0 and "added 0" in stderr and "unchanged 5" in stderr
    code, stdout, _ = run("ingest", str(SEEDS), "--db", db, "--force", "--json")
    summary = json.loads(stdout)
    assert summary["replaced"] == 5 and summary["added"] == 0
    assert json.loads(run("stats", "--db", db, "--json")[1])["articles"] == 5


def test_changed_file_replaces_its_article(tmp_path):
    db = str(tmp_path / "t.db")
    f = tmp_path / "a.txt"
    f.write_text("Minister says talks will resume.\nThe minister said talks would resume on Monday.", encoding="utf-8")
    assert run("ingest", str(f), "--db", db)[0] == 0
    first = json.loads(run("articles", "--db", db, "--json")[1])
    f.write_text("Minister says talks are off.\nThe minister said talks were cancelled.", encoding="utf-8")
    code, stdout, _ = run("ingest", str(f), "--db", db, "--json")
    assert json.loads(stdout)["replaced"] == 1
    second = json.loads(run("articles", "--db", db, "--json")[1])
    assert len(second) == 1 and second[0]["article_id"] != first[0]["article_id"]


def test_read_commands(tmp_path):
    db = str(tmp_path / "t.db")
    csv_path = tmp_path / "news.csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["url", "date", "title", "body", "site"])
        w.writerow(["https://a.example/1", "2022-03-28", "Talks resume", "The minister said talks will resume in Istanbul next week.", "Alpha News"])
        w.writerow(["https://b.example/2", "2023-01-05", "Talks stall", "Negotiators said the talks had stalled over security guarantees.", "Beta Times"])
    assert run("ingest", str(csv_path), "--db", db)[0] == 0
    rows = json.loads(run("articles", "--db", db, "--json")[1])
    assert [r["source"] for r in rows] == [f"{csv_path}#1", f"{csv_path}#2"]
    assert rows[0]["outlet"] == "Alpha News" and rows[0]["published"] == "2022-03-28"
    assert [r["title"] for r in json.loads(run("articles", "--db", db, "--json", "--since", "2023-01-01")[1])] == ["Talks stall"]
    assert [r["title"] for r in json.loads(run("articles", "--db", db, "--json", "--until", "2022-12-31")[1])] == ["Talks resume"]
    assert [r["title"] for r in json.loads(run("articles", "--db", db, "--json", "--outlet", "Beta Times")[1])] == ["Talks stall"]
    assert len(json.loads(run("articles", "--db", db, "--json", "--limit", "1")[1])) == 1
    code, stdout, _ = run("show", rows[1]["article_id"], "--db", db, "--json")
    assert code == 0 and "security guarantees" in json.loads(stdout)["text"]
    code, stdout, _ = run("show", rows[1]["article_id"][:8], "--db", db)
    assert code == 0 and "Talks stall" in stdout
    assert run("show", "ffffffffffff", "--db", db)[0] == 1
    code, stdout, _ = run("stats", "--db", db)
    assert code == 0 and "articles" in stdout and "outlets" in stdout
    assert json.loads(run("stats", "--db", db, "--json")[1])["outlets"] == 2


def test_usage_errors_exit_2(tmp_path):
    db = str(tmp_path / "t.db")
    assert run("ingest", "--db", db)[0] == 2  # no input
    assert run("export", "nonsense", "--db", db)[0] == 2
    assert run("export", "articles", "--format", "xml", "--db", db)[0] == 2
    assert run("articles", "--since", "yesterday", "--db", db)[0] == 2
    assert run("no-such-command")[0] == 2


def _export_all(db: str, tmp_path: Path, tag: str) -> dict[str, dict[str, list[dict]]]:
    """Export articles and quotes in all three formats; returns rows per kind per format, normalised."""
    got: dict[str, dict[str, list[dict]]] = {}
    for what in ("articles", "quotes"):
        got[what] = {}
        for fmt in ("jsonl", "csv", "parquet"):
            path = tmp_path / f"{tag}-{what}.{fmt}"
            code, _, stderr = run("export", what, "--format", fmt, "-o", str(path), "--db", db)
            assert code == 0, stderr
            if fmt == "jsonl":
                rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            elif fmt == "csv":
                rows = []
                for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
                    rows.append({k: (json.loads(v) if k in ("tags", "entries", "span") and v else (v or None)) for k, v in r.items()})
            else:
                rows = pq.read_table(path).to_pylist()
            got[what][fmt] = rows
    return got


def test_exports_carry_the_same_rows_in_every_format(tmp_path):
    from onrecord.query.export import ARTICLE_FIELDS, QUOTE_FIELDS

    db = str(tmp_path / "t.db")
    assert run("ingest", str(SEEDS), "--db", db)[0] == 0
    got = _export_all(db, tmp_path, "x")
    arts = got["articles"]
    assert len(arts["jsonl"]) == 5
    assert list(arts["jsonl"][0].keys()) == ARTICLE_FIELDS
    for fmt in ("csv", "parquet"):
        assert [r["article_id"] for r in arts[fmt]] == [r["article_id"] for r in arts["jsonl"]]
        for a, b in zip(arts["jsonl"], arts[fmt]):
            for key in ARTICLE_FIELDS:
                left, right = a[key], b[key]
                if key in ("tags", "entries"):
                    left, right = left or [], right or []
                assert left == right, (fmt, key)
    for fmt in ("jsonl", "csv", "parquet"):
        assert all(list(r.keys()) == QUOTE_FIELDS for r in got["quotes"][fmt])
    # stdout when no -o
    code, stdout, _ = run("export", "articles", "--db", db)
    assert code == 0 and len(stdout.splitlines()) == 5


def test_bad_inputs_each_get_one_clear_line_and_good_ones_are_stored(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "good.txt").write_text("Officials said the bridge would reopen on Friday after repairs.", encoding="utf-8")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (bad / "empty.txt").write_bytes(b"")
    page = gzip.compress(b"<html><body>" + b"".join(b"<p>Paragraph %d of the news text.</p>" % i for i in range(400)) + b"</body></html>")
    (bad / "cut.html.gz").write_bytes(page[: len(page) // 2])
    (bad / "broken.html").write_text("<html><body><div><p>The mayor said the <b>budget</b> would pass<p>unclosed <i>tags", encoding="utf-8")
    (bad / "rows.jsonl").write_text(
        json.dumps({"text": "The council said it would vote on the plan next month.", "title": "Vote"}) + "\n"
        + "{not json at all\n"
        + json.dumps({"text": "Residents said they opposed the plan.", "title": "Opposition"}) + "\n",
        encoding="utf-8",
    )
    (bad / "notext.csv").write_text("id,headline_only\n1,Hello\n", encoding="utf-8")
    big = bad / "huge.txt"
    with open(big, "wb") as fh:
        line = b"This is a very long plain text line repeated to make a huge file.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    missing = tmp_path / "does-not-exist.txt"
    db = str(tmp_path / "t.db")
    code, stdout, stderr = run("ingest", str(bad), str(missing), "--db", db)
    assert code == 1
    failed_lines = [line for line in stderr.splitlines() if line.startswith("failed:")]
    names = {"image.txt", "empty.txt", "cut.html.gz", "rows.jsonl#2", "notext.csv", "huge.txt", "does-not-exist.txt"}
    for name in names:
        hits = [line for line in failed_lines if name in line]
        assert len(hits) == 1, (name, failed_lines)
    assert len(failed_lines) == len(names)
    titles = {r["title"] for r in json.loads(run("articles", "--db", db, "--json", "--limit", "0")[1])}
    assert {"Vote", "Opposition"} <= titles
    stored = json.loads(run("stats", "--db", db, "--json")[1])["articles"]
    assert stored == 4  # good.txt, broken.html, two good JSONL rows


def test_stdin_input(tmp_path):
    db = str(tmp_path / "t.db")
    result = runner.invoke(app, ["ingest", "-", "--db", db], input="The spokesman said the meeting went well.\n")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(run("articles", "--db", db, "--json")[1])
    assert [r["source"] for r in rows] == ["-"]


def test_urls_through_the_cli_timeout_robots_and_feed(tmp_path):
    from tests.test_sources_web import serve

    db = str(tmp_path / "t.db")
    for server in serve((200, b"User-agent: *\nDisallow: /private/\n")):
        base = server.base
        code, _, stderr = run("ingest", f"{base}/page", f"{base}/rss", f"{base}/slow", f"{base}/private/secret",
                              "--db", db, "--timeout", "0.5", "--retries", "0")
        assert code == 1
        failed = [line for line in stderr.splitlines() if line.startswith("failed:")]
        assert len(failed) == 2
        assert any(f"{base}/slow" in line and "timed out" in line and "--timeout" in line for line in failed)
        assert any(f"{base}/private/secret" in line and "robots.txt" in line for line in failed)
        sources = {r["source"] for r in json.loads(run("articles", "--db", db, "--json", "--limit", "0")[1])}
        assert sources == {f"{base}/page", f"{base}/rss#1", f"{base}/rss#2"}
        assert all("onrecord/" in ua for _, ua in server.hits)
