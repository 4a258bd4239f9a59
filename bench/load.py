"""HTTP for the benchmark: signed-in clients (the standard library's urllib with a cookie jar) and
wrk runs, each summarised by bench/wrk_summary.lua as one JSON line."""

from __future__ import annotations

import http.cookiejar
import json
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
WRK_SCRIPT = Path(__file__).with_name("wrk_summary.lua")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a 302 is an answer of its own here
        return None


@dataclass
class Answer:
    status: int
    body: bytes


class Client:
    """One browser: its own cookies, redirects not followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path: str, data: dict | None = None, timeout: float = 120) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=timeout) as answer:
                return Answer(answer.status, answer.read())
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return Answer(error.code, error.read())

    def csrf_token(self, path: str = "/login") -> str:
        match = CSRF.search(self.request(path).body.decode())
        if not match:
            raise RuntimeError(f"no CSRF token on {path}")
        return match.group(1)

    def sign_in(self, email: str, password: str) -> None:
        answer = self.request("/login", {"email": email, "password": password, "csrf_token": self.csrf_token()})
        if answer.status != 302:
            raise RuntimeError(f"sign-in of {email} answered {answer.status}")

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def check_cookie(url: str, cookie: str) -> int:
    """The page's status for a plain request with `cookie` alone, as wrk sends it."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - our own server
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=120) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def wrk(url: str, cookie: str = "", seconds: int = 10, connections: int = 16, threads: int = 2) -> dict:
    """requests/s, p50, p95 (ms) and error counts of one wrk run."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s",
               "-s", str(WRK_SCRIPT)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    summary = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    seconds_taken = summary["duration_us"] / 1e6
    return {"rps": round(summary["requests"] / seconds_taken, 1), "p50_ms": round(summary["p50_us"] / 1000, 1),
            "p95_ms": round(summary["p95_us"] / 1000, 1), "requests": summary["requests"],
            "errors": summary["status_errors"] + summary["socket_errors"]}
