"""Fetching URLs with httpx: the onrecord User-Agent, timeouts, retries with backoff, and robots.txt."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from email.message import Message
from types import TracebackType
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from onrecord.records import SourceError
from onrecord.sources import messages
from onrecord.sources.options import SourceOptions

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_SINGLE_DOCUMENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_MAX_RETRY_AFTER = 10.0


@dataclass
class Fetched:
    """A successful response: its final URL (after redirects), media type, charset, headers and body."""

    url: str
    content_type: str
    charset: str | None
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _media_type(header: str | None) -> tuple[str, str | None]:
    """The media type (lower case, no parameters) and charset of a Content-Type header."""
    message = Message()
    message["content-type"] = header or ""
    charset = message.get_param("charset")
    return message.get_content_type() if header else "", charset if isinstance(charset, str) else None


def _retry_after(response: httpx.Response) -> float:
    """Seconds a 429/503 response asks to wait (0 when it does not say, capped at 10 s)."""
    try:
        return min(float(response.headers.get("retry-after", "0")), _MAX_RETRY_AFTER)
    except ValueError:
        return 0.0


class WebClient:
    """One httpx client for a run: User-Agent, timeout, retries with exponential backoff, cached robots.txt."""

    def __init__(self, options: SourceOptions) -> None:
        self.options = options
        self._client: httpx.Client | None = None
        self._robots: dict[str, RobotFileParser | str] = {}

    def __enter__(self) -> WebClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def client(self) -> httpx.Client:
        """The httpx client, created on first use."""
        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=True,
                timeout=httpx.Timeout(self.options.timeout),
                headers={"User-Agent": self.options.user_agent},
            )
        return self._client

    def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> Fetched:
        """GET a URL (checking robots.txt first when asked to); failures raise a SourceError naming ``url``."""
        if self.options.respect_robots:
            self._check_robots(url)
        response, fetched = self._get(url)
        if fetched is None:
            raise SourceError(url, _status_message(response, self.options.retries + 1))
        return fetched

    def _get(self, url: str) -> tuple[httpx.Response, Fetched | None]:
        """The response to a GET with retries on network errors, timeouts, 5xx and 429; the body when 2xx."""
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            try:
                response, fetched = self._attempt(url)
            except httpx.TimeoutException as error:
                if attempt + 1 == attempts:
                    raise SourceError(url, _timeout_message(self.options.timeout, attempts)) from error
            except httpx.TransportError as error:
                if attempt + 1 == attempts or isinstance(error, httpx.UnsupportedProtocol):
                    raise SourceError(url, _transport_message(error)) from error
            else:
                if response.status_code not in RETRY_STATUSES or attempt + 1 == attempts:
                    return response, fetched
                time.sleep(max(self._backoff(attempt), _retry_after(response)))
                continue
            time.sleep(self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _backoff(attempt: int) -> float:
        """Seconds to wait before retry ``attempt + 1``: 0.5, 1, 2, ..."""
        return 0.5 * float(2**attempt)

    def _attempt(self, url: str) -> tuple[httpx.Response, Fetched | None]:
        """One GET, streaming the body and refusing it above the size limit."""
        try:
            with self.client.stream("GET", url) as response:
                if not response.is_success:
                    return response, None
                content_type, charset = _media_type(response.headers.get("content-type"))
                data = self._body(url, response, content_type)
        except httpx.InvalidURL as error:
            raise SourceError(url, f"invalid URL ({error}); check it") from error
        except httpx.TooManyRedirects as error:
            raise SourceError(url, "too many redirects; check the URL in a browser") from error
        headers = {k.lower(): v for k, v in response.headers.items()}
        return response, Fetched(str(response.url), content_type, charset, data, headers)

    def _body(self, url: str, response: httpx.Response, content_type: str) -> bytes:
        """The response body, at most --max-bytes for a page and 50 times that for a container (feed, JSONL...)."""
        single = content_type in _SINGLE_DOCUMENT_TYPES
        limit = self.options.max_bytes if single else self.options.container_limit
        what = "page" if single else "download"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SourceError(url, messages.too_large(int(declared), limit, what))
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise SourceError(url, messages.too_large(None, limit, what))
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str) -> None:
        """Raise a SourceError when the site's robots.txt disallows ``url`` for onrecord's User-Agent."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        robots_url = f"{origin}/robots.txt"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(url, robots_url)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise SourceError(url, rules)
        if not rules.can_fetch(self.options.user_agent, url):
            raise SourceError(
                url,
                f"disallowed by the site's robots.txt ({robots_url}); "
                "skip it, or pass --ignore-robots if you have the site's permission",
            )

    def _load_robots(self, url: str, robots_url: str) -> RobotFileParser | str:
        """The parsed robots.txt of a site (allow-all when it has none), or why the site must not be fetched now."""
        parser = RobotFileParser(robots_url)
        try:
            response, fetched = self._get(robots_url)
        except SourceError as error:
            raise SourceError(url, f"could not fetch {robots_url}: {error.message}") from error
        if fetched is not None:
            parser.parse(fetched.data.decode("utf-8", errors="replace").splitlines())
        elif response.status_code in (401, 403) or response.status_code >= 500:
            return (
                f"{robots_url} answered HTTP {response.status_code}, which forbids crawling the site; "
                "retry later, or pass --ignore-robots if you have the site's permission"
            )
        else:
            parser.allow_all = True  # type: ignore[attr-defined]  # read by can_fetch, not in the stubs
        return parser


def _timeout_message(timeout: float, attempts: int) -> str:
    """A request that timed out on every attempt."""
    tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
    return f"timed out after {timeout:g} s ({tries}); retry later or raise --timeout"


def _transport_message(error: httpx.TransportError) -> str:
    """A network failure."""
    detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    if isinstance(error, httpx.UnsupportedProtocol):
        return f"unsupported URL ({detail}); pass an http:// or https:// URL"
    if isinstance(error, httpx.ConnectError):
        return f"could not connect ({detail}); check the URL and your network, then retry"
    return f"connection failed ({detail}); retry later"


def _status_message(response: httpx.Response, attempts: int) -> str:
    """An HTTP error status."""
    status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    if response.status_code in RETRY_STATUSES:
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        return f"{status} after {tries}; retry later or raise --retries"
    if response.status_code in (401, 403):
        return f"{status}: the site refuses onrecord; download the page in a browser and pass the file"
    return f"{status}; check the URL"
