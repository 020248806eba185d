"""The pages in a real browser: Chromium (Debian's, driven by Playwright) against a real server over a database built
by the real pipeline (examples/seeds + the Wikinews corpus) plus a synthetic record, so every page has content.

Screenshots of each page land in artifacts/screenshots/. Chromium missing is a failure, not a skip, unless
ONRECORD_SKIP_BROWSER=1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from onrecord.pipeline import ingest
from onrecord.store import Store

from . import synthetic_news as sn
from .test_api import FILLER, filler

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "seeds"
WIKINEWS = REPO.parent / "shared" / "corpus" / "wikinews"
SHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("ONRECORD_CHROMIUM", "/usr/bin/chromium")
SKIP_ENV = "ONRECORD_SKIP_BROWSER"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERVE = "import sys, uvicorn; from onrecord.web import create_app; " \
        "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve_command(db: str, port: int) -> list[str]:
    """`onrecord serve` when the CLI has it, else the same app started by uvicorn directly."""
    import typer

    from onrecord import cli

    if "serve" in typer.main.get_command(cli.app).commands:  # type: ignore[attr-defined]
        return [sys.executable, "-m", "onrecord", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)]
    return [sys.executable, "-c", SERVE, db, str(port)]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """A headless Chromium; fails when there is none (skips only with ONRECORD_SKIP_BROWSER=1)."""
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium), point "
                    f"ONRECORD_CHROMIUM at one, or set {SKIP_ENV}=1 to skip the browser tests", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(chromium, tmp_path_factory) -> Iterator[dict]:
    """A server (subprocess) over seeds + Wikinews ingested by the pipeline, plus the synthetic record."""
    tmp = tmp_path_factory.mktemp("web")
    db = str(tmp / "web.db")
    store = Store(db)
    summary = ingest([str(SEEDS), str(WIKINEWS)], store)
    assert summary.added >= 100 and not summary.failed, summary.to_dict()
    built = sn.build(store)
    store.write(filler())
    store.close()
    port = _free_port()
    log = open(tmp / "server.log", "w")
    env = {**os.environ, "ONRECORD_CACHE": str(tmp / "cache")}
    proc = subprocess.Popen(_serve_command(db, port), stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start: {(tmp / 'server.log').read_text()}", pytrace=False)
            time.sleep(0.2)
        SHOTS.mkdir(parents=True, exist_ok=True)
        yield {"base": base, "built": built, "articles": summary.added}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture()
def page(chromium, site):
    """A fresh page; any script error or alert on it fails the test."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=site["base"])
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
          if m.type == "error" and "status of 400" not in m.text else None)  # a 400 page is expected for bad queries
    yield pg
    context.close()
    assert not problems, problems


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_from_the_home_page(page, site):
    page.goto("/")
    assert f"{site['articles'] + 11 + FILLER} articles" in page.locator("#stats").inner_text()
    shot(page, "home")
    page.locator("main form.search input[name=q]").fill("talks Ukraine")
    page.locator("main form.search button[type=submit]").click()
    page.wait_for_url("**/search?q=talks+Ukraine*")
    results = page.locator("article.quote.result")
    assert results.count() >= 3
    shown = set(page.locator("article.quote.result mark.q").all_inner_texts())
    assert {w for _, _, w, _, _ in sn.STORY_ARTICLES} & shown
    assert "Lavrov on talks with Ukraine" in page.locator("aside.articles").inner_text()
    shot(page, "search")


def test_pipeline_articles_are_searchable(page):
    page.goto("/search?q=Magnitogorsk")
    assert "Magnitogorsk" in page.locator("aside.articles").inner_text()


def _timeline(site: dict, about: str | None = None) -> tuple[int, int]:
    """(months with a quote, timeline entries) of Lavrov as the API reports them (the pipeline may add quotes)."""
    line = httpx.get(f"{site['base']}/api/speakers/ent-sergey-lavrov/timeline", params={"about": about} if about else {}).json()
    return sum(1 for m in line["months"] if m["quotes"]), len(line["entries"])


def test_open_a_speaker_and_see_the_timeline_chart(page, site):
    page.goto("/search?q=preconditions&mode=fts")
    page.locator("article.quote.result a.speaker", has_text=sn.LAVROV).first.click()
    page.wait_for_url("**/speakers/**")
    assert page.locator("h1.speaker-name").inner_text() == sn.LAVROV
    bars = page.locator("svg#timeline-chart rect.bar")
    bars.first.wait_for()
    months, entries = _timeline(site)
    assert bars.count() == months >= 7  # synthetic months: 2022-01, -03, -05, -09, 2023-02, -07, 2024-06
    assert page.locator("svg#timeline-chart").get_attribute("data-bars") == str(months)
    assert page.locator("ol.timeline li.entry").count() == entries >= 8
    shot(page, "speaker")
    page.locator("form.about input[name=about]").fill("negotiations")
    page.locator("form.about button").click()
    page.locator("#timeline h2", has_text="about").wait_for()
    assert "about=negotiations" in page.url  # htmx pushed the filtered URL
    months, entries = _timeline(site, "negotiations")
    assert page.locator("svg#timeline-chart rect.bar").count() == months >= 3  # redrawn after the swap
    assert page.locator("ol.timeline li.entry").count() == entries >= 3
    shot(page, "speaker-about")


def test_open_a_story_and_compare_outlets(page):
    page.goto("/")
    page.locator("section", has_text="Stories").get_by_role("link", name="Lavrov offers talks with Ukraine").click()
    page.wait_for_url("**/stories/**")
    columns = page.locator(".outlet-column")
    assert columns.count() == 3
    assert [columns.nth(i).locator("h3").inner_text() for i in range(3)] == [o for o, *_ in sn.STORY_ARTICLES]
    first = page.locator(".statement").first
    assert first.locator(".rendering").count() == 3
    assert first.locator("ins", has_text="Moscow").count() == 1 and first.locator("del", has_text="Russia").count() == 1
    assert page.locator(".framing-table mark.framing", has_text="special military operation").count() == 1
    assert page.locator(".outlet-column mark.framing", has_text="unlawful").count() == 2  # the terms line and the quote
    shot(page, "story")
    first.get_by_role("link", name="all renderings").click()
    page.wait_for_url("**/statements/**")
    assert page.locator("li.rendering").count() == 3
    shot(page, "statement")


def test_outlet_page(page, site):
    page.goto("/outlets")
    page.get_by_role("link", name="Reuters", exact=True).click()
    page.wait_for_url("**/outlets/Reuters")
    months = httpx.get(f"{site['base']}/api/outlets/Reuters").json()["months"]
    assert page.locator("svg#outlet-chart rect.bar").count() == sum(1 for m in months if m["articles"]) >= 4
    assert page.locator("mark.framing", has_text="invasion").count() == 1
    shot(page, "outlet")


def test_article_text_with_markup_shows_as_text(page, site):
    page.goto(f"/articles/{site['built'].evil_article_id}")
    assert page.locator("h1.article-title").inner_text() == sn.EVIL_TITLE
    assert sn.EVIL_SCRIPT in page.locator(".article-text").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".article-text script, .article-text img, .article-text b").count() == 0
    quote = page.locator(".article-text mark.quote")
    assert quote.count() == 1 and "<b>bold</b>" in quote.inner_text()
    assert page.locator(".article-text mark.framing", has_text="invasion").count() == 1
    shot(page, "article")


def test_more_results_load_in_place(page, site):
    # the filler's grain quotes, the synthetic one, and whatever the ingested corpora say about grain
    total = httpx.get(f"{site['base']}/api/search", params={"q": "grain", "mode": "fts"}).json()["total"]
    assert 20 < FILLER + 1 <= total <= 40
    page.goto("/search?q=grain&mode=fts")
    assert page.locator("article.quote.result").count() == 20
    page.get_by_role("link", name="More results").click()
    page.wait_for_function("document.querySelectorAll('article.quote.result').length > 20")
    assert page.locator("article.quote.result").count() == total
    assert "offset" not in page.url


def test_a_malformed_query_says_why(page):
    page.goto('/search?q="open')
    assert "closing" in page.locator(".error.message").inner_text()
