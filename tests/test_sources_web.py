"""URLs against a local HTTP server: pages, feeds, robots.txt, retries, timeouts and HTTP errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from onrecord import __version__
from onrecord.records import Document, SourceError
from onrecord.sources import SourceOptions, iter_documents

RU = "Министр иностранных дел России Сергей Лавров заявил, что Москва готова к переговорам."
PAGE = f"<html><head><title>Лавров</title></head><body><p>{RU}</p></body></html>".encode("cp1251")
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>One</title><link>http://local/1</link><description>First entry.</description></item>
<item><title>Two</title><link>http://local/2</link><description>&lt;p&gt;Second entry&lt;/p&gt;</description></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>x</id>
<updated>2024-01-01T00:00:00Z</updated><entry><title>E</title><id>1</id><link href="http://local/e"/>
<updated>2024-01-01T00:00:00Z</updated><summary>Atom entry.</summary></entry></feed>"""


class Handler(BaseHTTPRequestHandler):
    """Serves the fixtures; the server object carries counters and the robots.txt to serve."""

    server: LocalServer

    def log_message(self, format: str, *args: object) -> None:
        """Do not log."""

    def send(
        self, status: int, body: bytes, content_type: str = "text/html", headers: dict[str, str] | None = None
    ) -> None:
        """Send a complete response."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        """Route by path."""
        self.server.hits.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if path == "/robots.txt":
            status, body = self.server.robots
            self.send(status, body, "text/plain")
        elif path == "/page":
            self.send(200, PAGE, "text/html; charset=windows-1251")
        elif path == "/redirect":
            self.send(302, b"", headers={"Location": "/page"})
        elif path in ("/private/secret", "/page-private"):
            self.send(200, b"<html><body>secret</body></html>")
        elif path == "/rss":
            self.send(200, RSS, "application/rss+xml")
        elif path == "/atom":
            self.send(200, ATOM, "application/atom+xml; charset=utf-8")
        elif path == "/feed-as-html":
            self.send(200, RSS, "text/html")
        elif path == "/rows.jsonl":
            self.send(200, b'{"text": "row one"}\n{"text": "row two"}\n', "application/octet-stream")
        elif path == "/flaky":
            self.server.flaky += 1
            if self.server.flaky == 1:
                self.send(503, b"busy", "text/plain")
            else:
                self.send(200, b"<html><body><p>Recovered</p></body></html>")
        elif path == "/down":
            self.send(503, b"down", "text/plain")
        elif path == "/slow":
            time.sleep(2.0)
            self.send(200, b"<html><body>late</body></html>")
        elif path == "/big":
            self.send(200, b"<html><body>" + b"x" * 5000 + b"</body></html>")
        else:
            self.send(404, b"not found", "text/plain")


class LocalServer(ThreadingHTTPServer):
    """A test server on 127.0.0.1 with a random port."""

    daemon_threads = True

    def __init__(self, robots: tuple[int, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.robots = robots
        self.hits: list[tuple[str, str]] = []
        self.flaky = 0

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet when a client gave up (the timeout test hangs up on /slow)."""

    @property
    def base(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.server_address[1]}"


def serve(robots: tuple[int, bytes]) -> Iterator[LocalServer]:
    """Run a LocalServer in a thread for the duration of a test."""
    server = LocalServer(robots)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    """A server whose robots.txt disallows /private/ and /page-private."""
    yield from serve((200, b"User-agent: *\nDisallow: /private/\nDisallow: /page-private\n"))


def run(*urls: str, **options: object) -> list[Document | SourceError]:
    """Every item of reading URLs (fast timeouts by default)."""
    settings: dict[str, object] = {"timeout": 0.5, "retries": 0, **options}
    return list(iter_documents(list(urls), SourceOptions(**settings)))  # type: ignore[arg-type]


def test_page_follows_redirects_and_uses_header_charset(server: LocalServer) -> None:
    url = f"{server.base}/redirect"
    (doc,) = run(url)
    assert isinstance(doc, Document)
    assert doc.source == url and doc.url == f"{server.base}/page"
    assert (doc.media_type, doc.encoding, doc.data) == ("html", "cp1251", PAGE)
    assert RU in doc.text()
    assert doc.meta["fetched"].endswith("+00:00") and doc.meta["url"] == doc.url
    agents = {agent for _, agent in server.hits}
    assert agents == {f"onrecord/{__version__} (+https://github.com/onrecord/onrecord)"}
    assert server.hits[0][0] == "/robots.txt"


@pytest.mark.parametrize(("path", "count"), [("/rss", 2), ("/atom", 1), ("/feed-as-html", 2)])
def test_feed_urls_yield_entries(server: LocalServer, path: str, count: int) -> None:
    url = f"{server.base}{path}"
    items = run(url)
    assert [i.source for i in items] == [f"{url}#{n}" for n in range(1, count + 1)]
    assert all(isinstance(i, Document) for i in items)
    assert items[0].url and items[0].url.startswith("http://local/")


def test_other_files_by_url_are_read_by_name(server: LocalServer) -> None:
    url = f"{server.base}/rows.jsonl"
    items = run(url)
    assert [(type(i).__name__, i.source) for i in items] == [("Document", f"{url}#1"), ("Document", f"{url}#2")]


def test_robots_disallowed(server: LocalServer) -> None:
    url = f"{server.base}/private/secret"
    (error,) = run(url, f"{server.base}/page-private")[:1]
    assert isinstance(error, SourceError) and error.source == url
    assert error.message == (
        f"disallowed by the site's robots.txt ({server.base}/robots.txt); "
        "skip it, or pass --ignore-robots if you have the site's permission"
    )
    assert "/private/secret" not in [p for p, _ in server.hits]
    assert [p for p, _ in server.hits].count("/robots.txt") == 1  # cached per site
    (doc,) = run(url, respect_robots=False)
    assert isinstance(doc, Document)


def test_robots_server_error_forbids_crawling() -> None:
    for server in serve((503, b"")):
        (error,) = run(f"{server.base}/page")
        assert isinstance(error, SourceError) and "robots.txt answered HTTP 503" in error.message
        assert "--ignore-robots" in error.message


def test_missing_robots_allows_everything() -> None:
    for server in serve((404, b"")):
        (doc,) = run(f"{server.base}/page")
        assert isinstance(doc, Document)


def test_503_then_200_is_retried(server: LocalServer) -> None:
    (doc,) = run(f"{server.base}/flaky", retries=2)
    assert isinstance(doc, Document) and b"Recovered" in doc.data
    assert [p for p, _ in server.hits].count("/flaky") == 2


def test_503_without_retries_is_an_error(server: LocalServer) -> None:
    (error,) = run(f"{server.base}/down", retries=1)
    assert isinstance(error, SourceError)
    assert error.message == "HTTP 503 Service Unavailable after 2 attempts; retry later or raise --retries"
    assert [p for p, _ in server.hits].count("/down") == 2


def test_timeout(server: LocalServer) -> None:
    url = f"{server.base}/slow"
    started = time.perf_counter()
    (error,) = run(url, timeout=0.5, retries=0)
    assert time.perf_counter() - started < 1.8
    assert isinstance(error, SourceError) and error.source == url
    assert error.message == "timed out after 0.5 s (1 attempt); retry later or raise --timeout"


def test_http_404_and_too_large(server: LocalServer) -> None:
    missing, big = run(f"{server.base}/nothing-here", f"{server.base}/big", max_bytes=1000)
    assert isinstance(missing, SourceError) and missing.message == "HTTP 404 Not Found; check the URL"
    assert isinstance(big, SourceError) and "above the 1,000-byte limit" in big.message


def test_connection_refused_is_an_error(tmp_path: Path) -> None:
    with LocalServer((404, b"")) as probe:
        port = probe.server_address[1]
    (error,) = run(f"http://127.0.0.1:{port}/page")
    assert isinstance(error, SourceError) and "could not connect" in error.message
