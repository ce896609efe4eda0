"""A FAKE LanguageTool server for tests: it speaks LanguageTool's documented HTTP API
(``POST /v2/check``, ``GET /v2/healthcheck``, ``GET /v2/languages``) over real loopback HTTP,
but its "rules" are a few regular expressions. It is not LanguageTool.

The JSON has the shape LanguageTool's ``RuleMatchesAsJsonSerializer`` writes (software,
warnings, language, matches with message, shortMessage, replacements[{value}], offset,
length, context, sentence, type, rule{id, description, issueType, urls, category{id, name}},
sentenceRanges). Offsets and lengths are in UTF-16 code units, as Java counts them.
Rule ids I_LOWERCASE and MORFOLOGIK_RULE_EN_US are LanguageTool's; the others are made up.

``mode`` makes it misbehave: "hang" (never answers a check), "garbage" (HTML),
"redirect" (307 to another host), "error" (HTTP 500).
Run it alone with: python tests/grammar/fake_languagetool.py --port N
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

RECORDED_SHAPE: dict[str, Any] = {
    "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28 13:34:55 +0000",
                 "apiVersion": 1, "premium": False,
                 "premiumHint": "You might be missing errors only the Premium version can find. "
                                "Contact us at support<at>languagetoolplus.com.",
                 "status": ""},
    "warnings": {"incompleteResults": False},
    "language": {"name": "English (US)", "code": "en-US",
                 "detectedLanguage": {"name": "English (US)", "code": "en-US",
                                      "confidence": 0.99, "source": "ngram"}},
    "matches": [],
    "sentenceRanges": [],
    "extendedSentenceRanges": [],
}

RULES = (
    # (pattern, rule id, description, issueType, category id, category name, message, fixes)
    (r"\bi\b", "I_LOWERCASE", "Checks that the pronoun 'I' is uppercase", "typographical",
     "CASING", "Capitalization", "The personal pronoun “I” should be uppercase.", ["I"]),
    (r"\bTheir(?= was\b)", "FAKE_THEIR_WAS", "Confusion of their/there", "grammar",
     "CONFUSED_WORDS", "Commonly Confused Words", "Did you mean “There”?", ["There"]),
    (r"\bi is\b", "FAKE_I_IS", "Agreement of 'I' and 'is'", "grammar", "GRAMMAR", "Grammar",
     "The pronoun ‘I’ must be used with a first-person verb: “am”.", ["I am"]),
    (r"\b(?:tommorow|Jerilyn)\b", "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake",
     "misspelling", "TYPOS", "Possible Typo", "Possible spelling mistake found.",
     ["tomorrow", "Marilyn"]),
)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check(text: str, language: str, disabled: set[str]) -> dict[str, Any]:
    """What the fake finds in ``text``, as LanguageTool would answer it."""
    matches = []
    for pattern, rule_id, description, issue, cat_id, cat_name, message, fixes in RULES:
        if rule_id in disabled:
            continue
        for found in re.finditer(pattern, text):
            offset, length = utf16_len(text[:found.start()]), utf16_len(found.group())
            start = max(0, found.start() - 40)
            context = text[start:found.end() + 40]
            matches.append({
                "message": message,
                "shortMessage": "Spelling mistake" if cat_id == "TYPOS" else "",
                "replacements": [{"value": v} for v in fixes],
                "offset": offset,
                "length": length,
                "context": {"text": context, "offset": utf16_len(text[start:found.start()]),
                            "length": length},
                "sentence": text.strip(),
                "type": {"typeName": "UnknownWord" if cat_id == "TYPOS" else "Other"},
                "rule": {"id": rule_id, "description": description, "issueType": issue,
                         "urls": [{"value": "https://languagetool.org/insights/"}],
                         "category": {"id": cat_id, "name": cat_name}},
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            })
    matches.sort(key=lambda m: m["offset"])
    answer = json.loads(json.dumps(RECORDED_SHAPE))
    answer["language"]["code"] = language
    answer["matches"] = matches
    answer["sentenceRanges"] = [[0, utf16_len(text)]]
    return answer


class FakeLanguageTool:
    """A fake LanguageTool on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, mode: str = "ok", port: int = 0) -> None:
        self.mode = mode
        self.requests: list[dict[str, str]] = []
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

            def _send(self, status: int, body: bytes, content_type: str,
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path == "/v2/healthcheck":
                    self._send(200, b"OK", "text/plain")
                elif self.path == "/v2/languages":
                    body = json.dumps([{"name": "English (US)", "code": "en",
                                        "longCode": "en-US"}]).encode()
                    self._send(200, body, "application/json")
                else:
                    self._send(404, b"Error: unknown path", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8")))
                if self.path != "/v2/check":
                    self._send(404, b"Error: unknown path", "text/plain")
                    return
                fake.requests.append(form)
                if fake.mode == "hang":
                    fake.release.wait(30)
                    return
                if fake.mode == "garbage":
                    self._send(200, b"<html><body>Welcome to nginx!</body></html>", "text/html")
                    return
                if fake.mode == "redirect":
                    self._send(307, b"", "text/plain",
                               {"Location": "https://api.languagetool.org/v2/check"})
                    return
                if fake.mode == "error":
                    self._send(500, b"Error: Internal Error: java.lang.OutOfMemoryError",
                               "text/plain")
                    return
                if "text" not in form or "language" not in form:
                    self._send(400, b"Error: Missing 'text' or 'data' parameter", "text/plain")
                    return
                disabled = set(filter(None, form.get("disabledRules", "").split(",")))
                body = json.dumps(check(form["text"], form["language"], disabled))
                self._send(200, body.encode("utf-8"), "application/json;charset=UTF-8")

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeLanguageTool:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", default="ok")
    args = parser.parse_args()
    with FakeLanguageTool(args.mode, args.port):
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
