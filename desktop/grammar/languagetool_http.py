"""Talking to a LanguageTool server over its documented HTTP API (``POST /v2/check``).

Plain urllib with a hard deadline per call: the request runs on a daemon thread and the
caller stops waiting when time is up, so a server that accepts and then hangs (or trickles
bytes) can never freeze a check. No redirects are followed, and no proxy is used for a
server on this computer, so a draft meant for localhost never leaves it.

LanguageTool reports ``offset``/``length`` as indices into a Java String, i.e. UTF-16 code
units (``RuleMatchesAsJsonSerializer`` writes ``match.getFromPos()``); they are mapped here to
Python code-point offsets, which differ after any character outside the BMP (emoji).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from desktop.analysis.report import GrammarFinding
from desktop.grammar import GrammarUnavailableError

log = logging.getLogger(__name__)

MEANING_CATEGORIES = frozenset({"GRAMMAR", "CONFUSED_WORDS", "SEMANTICS", "FALSE_FRIENDS"})
"""LanguageTool categories whose matches can change what a sentence says; TYPOS,
PUNCTUATION, CASING, STYLE, TYPOGRAPHY, REDUNDANCY and the rest change how it looks."""
SPELLING_CATEGORIES = frozenset({"TYPOS"})
MAX_REPLACEMENTS = 5
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Server:
    """A LanguageTool server: ``base`` is scheme://host[:port][/prefix] without /v2."""

    base: str
    loopback: bool

    @property
    def shown(self) -> str:
        """The URL without any user:password part, for messages."""
        parts = urllib.parse.urlsplit(self.base)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses; no name is looked up (that would be
    network traffic, and DNS can lie)."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def server_for_url(url: str, allow_remote: bool) -> Server:
    """The server a ``grammar.languagetool_url`` names, refusing one off this computer
    unless the user opted in to sending drafts there."""
    raw = url.strip()
    if "://" not in raw:
        raw = "http://" + raw
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise GrammarUnavailableError(
            f"grammar.languagetool_url {url!r} is not an http(s) URL; set it to your "
            "LanguageTool server, e.g. http://localhost:8081.")
    try:
        parts.port  # noqa: B018 - validates the port
    except ValueError:
        raise GrammarUnavailableError(
            f"grammar.languagetool_url {url!r} has a bad port number; fix it in "
            "settings.toml.") from None
    path = parts.path.rstrip("/")
    for suffix in ("/v2/check", "/v2"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    server = Server(urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", "")),
                    is_loopback_host(parts.hostname))
    if not server.loopback and not allow_remote:
        raise GrammarUnavailableError(
            f"grammar.languagetool_url points at {parts.hostname}, which is not this "
            "computer, so your drafts would be sent to that server; to allow that, set "
            "grammar.allow_remote_server = true in settings.toml, or use a LanguageTool "
            "on localhost.")
    return server


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> None:
        raise urllib.error.HTTPError(req.full_url, code, "redirect refused", headers, fp)


def _opener(server: Server) -> urllib.request.OpenerDirector:
    proxies = urllib.request.ProxyHandler({}) if server.loopback else (
        urllib.request.ProxyHandler())
    return urllib.request.build_opener(proxies, _NoRedirects())


def request(server: Server, path: str, timeout: float,
            form: dict[str, str] | None = None) -> bytes:
    """GET (or POST ``form``) ``base + path``; the whole exchange ends within ``timeout``."""
    url = server.base + path
    data = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
    req = urllib.request.Request(url, data=data, headers={
        "Accept": "application/json", "User-Agent": "amends"})
    result: Future[bytes] = Future()

    def fetch() -> None:
        try:
            with _opener(server).open(req, timeout=timeout) as response:
                body = response.read(MAX_RESPONSE_BYTES + 1)
            result.set_result(body)
        except BaseException as exc:  # handed to the waiting caller
            result.set_exception(exc)

    threading.Thread(target=fetch, name="languagetool-http", daemon=True).start()
    try:
        return result.result(timeout=timeout)
    except FutureTimeout:
        raise GrammarUnavailableError(
            f"LanguageTool at {server.shown} did not answer within {timeout:g} seconds; "
            "check that it is running, or raise grammar.timeout_seconds.") from None
    except urllib.error.HTTPError as exc:
        raise _http_error(server, exc) from None
    except (urllib.error.URLError, OSError) as exc:
        raise _network_error(server, exc, timeout) from None


def _http_error(server: Server, exc: urllib.error.HTTPError) -> GrammarUnavailableError:
    if 300 <= exc.code < 400:
        return GrammarUnavailableError(
            f"LanguageTool at {server.shown} redirected the check elsewhere; Amends does not "
            "follow redirects with drafts, so set grammar.languagetool_url to the final URL.")
    if exc.code == 404:
        return GrammarUnavailableError(
            f"There is no LanguageTool API at {server.shown} (HTTP 404); set "
            "grammar.languagetool_url to the server's address, e.g. http://localhost:8081.")
    try:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()[0][:120]
    except (OSError, IndexError, AttributeError):
        detail = exc.reason
    return GrammarUnavailableError(
        f"LanguageTool at {server.shown} refused the check (HTTP {exc.code}: {detail}).")


def _network_error(server: Server, exc: Exception, timeout: float) -> GrammarUnavailableError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError | socket.timeout):
        return GrammarUnavailableError(
            f"LanguageTool at {server.shown} did not answer within {timeout:g} seconds; "
            "check that it is running, or raise grammar.timeout_seconds.")
    if isinstance(reason, ConnectionRefusedError):
        return GrammarUnavailableError(
            f"Nothing is listening at {server.shown}; start your LanguageTool server or fix "
            "grammar.languagetool_url.")
    if isinstance(reason, socket.gaierror):
        return GrammarUnavailableError(
            f"Cannot find the LanguageTool host in {server.shown}; check "
            "grammar.languagetool_url and your network.")
    return GrammarUnavailableError(
        f"Cannot reach LanguageTool at {server.shown} ({reason}); check that it is running "
        "and grammar.languagetool_url.")


def check(server: Server, text: str, language: str, disabled_rules: list[str],
          timeout: float) -> tuple[list[GrammarFinding], set[str], str]:
    """Findings for ``text``, the ids of spelling rules among them, and the server's
    LanguageTool version."""
    form = {"text": text, "language": language}
    if disabled_rules:
        form["disabledRules"] = ",".join(disabled_rules)
    body = request(server, "/v2/check", timeout, form)
    return parse_response(server, text, body)


def parse_response(server: Server, text: str,
                   body: bytes) -> tuple[list[GrammarFinding], set[str], str]:
    unlike = (f"The server at {server.shown} did not answer like LanguageTool; check "
              "grammar.languagetool_url")
    if len(body) > MAX_RESPONSE_BYTES:
        raise GrammarUnavailableError(f"{unlike} (the answer was too large).")
    try:
        payload = json.loads(body.decode("utf-8"))
        matches = payload["matches"]
        if not isinstance(matches, list):
            raise TypeError("matches is not a list")
        version = str((payload.get("software") or {}).get("version", "?"))
        if (payload.get("warnings") or {}).get("incompleteResults"):
            log.warning("LanguageTool returned incomplete results (it timed out on its side)")
        to_index = utf16_to_index(text)
        findings: list[GrammarFinding] = []
        spelling: set[str] = set()
        for match in matches:
            finding, category = _finding(match, to_index, len(text))
            if finding is None:
                continue
            if category in SPELLING_CATEGORIES or (
                    match["rule"].get("issueType") == "misspelling"):
                spelling.add(finding.rule)
            findings.append(finding)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        log.warning("Unexpected LanguageTool answer: %s", type(exc).__name__)
        raise GrammarUnavailableError(f"{unlike}.") from None
    return findings, spelling, version


def _finding(match: dict[str, Any], to_index: Callable[[int, bool], int],
             size: int) -> tuple[GrammarFinding | None, str]:
    offset, length = match["offset"], match["length"]
    if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
        raise TypeError("offset and length must be whole numbers")
    rule = match["rule"]
    category = str(rule["category"]["id"])
    try:
        start, end = to_index(offset, False), to_index(offset + length, True)
    except IndexError:
        log.warning("Dropping a LanguageTool match that lies outside the draft")
        return None, category
    if end > size:
        return None, category
    replacements = tuple(dict.fromkeys(
        r["value"] for r in match.get("replacements", [])[:MAX_REPLACEMENTS]
        if isinstance(r.get("value"), str)))
    finding = GrammarFinding(
        start=start, end=end, message=str(match["message"]), rule=str(rule["id"]),
        replacements=replacements, changes_meaning=category in MEANING_CATEGORIES)
    return finding, category


def utf16_to_index(text: str) -> Callable[[int, bool], int]:
    """Maps a UTF-16 code-unit offset into ``text`` to a code-point offset. An offset that
    falls inside a surrogate pair rounds down for a start and up for an end."""
    if all(ord(c) <= 0xFFFF for c in text):
        def direct(units: int, is_end: bool) -> int:
            if units > len(text):
                raise IndexError(units)
            return units
        return direct
    points: list[int] = []
    """points[u] is the code point that UTF-16 unit u belongs to."""
    for index, char in enumerate(text):
        points.append(index)
        if ord(char) > 0xFFFF:
            points.append(index)
    points.append(len(text))

    def mapped(units: int, is_end: bool) -> int:
        index = points[units]
        if is_end and units > 0 and points[units - 1] == index:
            index += 1  # the end cut a pair in two: keep the whole character
        return index
    return mapped
