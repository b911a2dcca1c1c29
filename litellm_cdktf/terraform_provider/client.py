"""HTTP client for the LiteLLM proxy's key management endpoints.

One ``LitellmClient`` serves every operation of a provider process. Terraform
runs up to 10 operations at once, so each thread gets its own
``requests.Session`` (a session is not documented as thread-safe). The client
keeps no other mutable state.

Retries are bounded and depend on whether repeating the request is safe:

- A request that never reached the proxy (connection refused, connect
  time-out) is retried for every endpoint.
- Idempotent requests (``GET /key/info``, ``POST /key/update``,
  ``POST /key/delete``) are also retried after a read time-out, a dropped
  connection, or HTTP 429, 502, 503 or 504.
- ``POST /key/generate`` is not idempotent: once the request may have reached
  the proxy it is never repeated, because a lost response could mean that
  LiteLLM already created the key. Only HTTP 429 is retried for it.

Error messages never contain the master key or any ``sk-`` secret: every text
taken from a response or an exception goes through ``redact``.
"""

from __future__ import annotations

import ast
import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, ProtocolError

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_MAX_ATTEMPTS",
    "DEFAULT_READ_TIMEOUT",
    "LitellmClient",
    "LitellmRequestError",
    "redact",
]

logger = logging.getLogger(__name__)

DEFAULT_CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a TCP connection to the proxy."""
DEFAULT_READ_TIMEOUT = 30.0
"""Seconds to wait for the proxy's response once the request is sent."""
DEFAULT_MAX_ATTEMPTS = 4
"""Attempts per request, the first one included."""
DEFAULT_BACKOFF = 0.5
"""Seconds before the first retry; each later retry waits twice as long."""
_MAX_RETRY_AFTER = 10.0
"""Longest ``Retry-After`` that the client honours, in seconds."""

_RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
_MAX_MESSAGE_CHARS = 600
_SECRET_PATTERN = re.compile(r"sk-[A-Za-z0-9_\-]+")
_USER_AGENT = "litellm-cdktf-provider"


def redact(text: str, *secrets: str | None) -> str:
    """Return ``text`` with each of ``secrets`` and every ``sk-`` token masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _SECRET_PATTERN.sub("sk-***", text)


@dataclass(eq=False)
class LitellmRequestError(Exception):
    """A request to the proxy that failed, after any retries.

    ``status`` is None when no HTTP response arrived (connection refused,
    time-out). ``may_have_succeeded`` is True when a non-idempotent request may
    have reached the proxy before the connection failed, so its effect is
    unknown.
    """

    request: str
    """Method and path, such as ``"POST /key/generate"``."""
    status: int | None
    message: str
    """LiteLLM's error message, or the connection error, with secrets masked."""
    param: str | None = None
    """The request field that LiteLLM blamed, when its error names one."""
    attempts: int = 1
    may_have_succeeded: bool = False

    def __str__(self) -> str:
        outcome = f"HTTP {self.status}" if self.status is not None else "no response"
        tries = "1 attempt" if self.attempts == 1 else f"{self.attempts} attempts"
        return f"{self.request} failed with {outcome} after {tries}: {self.message}"


class LitellmClient:
    """Calls the proxy at ``api_base`` with ``api_key`` as the bearer token."""

    def __init__(
        self,
        api_base: str,
        api_key: str,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        backoff: float = DEFAULT_BACKOFF,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        self.api_base = api_base.rstrip("/")
        self._api_key = api_key
        self._timeout = (connect_timeout, read_timeout)
        self._max_attempts = max_attempts
        self._backoff = backoff
        self._sleep = sleep
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"LitellmClient({self.api_base!r}, api_key=***)"

    def get(self, path: str, params: Mapping[str, Any]) -> Any:
        """Send an idempotent GET and return the decoded JSON body."""
        return self.request("GET", path, params=params, idempotent=True)

    def post(self, path: str, body: Mapping[str, Any], *, idempotent: bool) -> Any:
        """Send a POST with a JSON body and return the decoded JSON response."""
        return self.request("POST", path, body=body, idempotent=idempotent)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        idempotent: bool,
    ) -> Any:
        """Send one request, retrying as the module docstring describes.

        Raises:
            LitellmRequestError: the proxy returned an error status or a body
                that is not JSON, or could not be reached.
        """
        label = f"{method} {path}"
        attempt = 0
        while True:
            attempt += 1
            retry_after: float | None = None
            try:
                response = self._session().request(
                    method,
                    self.api_base + path,
                    params=params,
                    json=body,
                    timeout=self._timeout,
                )
            except requests.RequestException as error:
                sent = not _failed_before_sending(error)
                failure = self._describe_exception(error)
                if sent and not idempotent:
                    raise LitellmRequestError(
                        label,
                        None,
                        failure,
                        attempts=attempt,
                        may_have_succeeded=True,
                    ) from None
                if attempt >= self._max_attempts:
                    raise LitellmRequestError(
                        label, None, failure, attempts=attempt
                    ) from None
                reason = failure
            else:
                if response.status_code < 400:
                    return self._decode(label, response, attempt)
                failed = self._response_error(label, response, attempt)
                retryable = response.status_code in _RETRYABLE_STATUSES and (
                    idempotent or response.status_code == 429
                )
                if not retryable or attempt >= self._max_attempts:
                    raise failed
                reason = f"HTTP {response.status_code}: {failed.message}"
                retry_after = _retry_after_seconds(response)
            delay = self._delay(attempt, retry_after)
            logger.warning(
                "%s: %s (attempt %d of %d); retrying in %.1f s",
                label,
                reason,
                attempt,
                self._max_attempts,
                delay,
            )
            self._sleep(delay)

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            # ``request`` retries by itself, because only it can tell which calls
            # are safe to repeat.
            adapter = requests.adapters.HTTPAdapter(max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers.update(
                {
                    "Authorization": f"Bearer {self._api_key}",
                    "User-Agent": _USER_AGENT,
                }
            )
            self._local.session = session
        return session

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, _MAX_RETRY_AFTER)
        base = self._backoff * 2.0 ** (attempt - 1)
        return base + random.uniform(0, self._backoff / 2)

    def _describe_exception(self, error: requests.RequestException) -> str:
        if isinstance(error, requests.ConnectTimeout):
            summary = f"connecting to {self.api_base} timed out"
        elif isinstance(error, requests.Timeout):
            summary = f"no response from {self.api_base} within {self._timeout[1]:g} s"
        elif isinstance(error, requests.ConnectionError):
            summary = f"connection to {self.api_base} failed"
        else:
            summary = f"request to {self.api_base} failed"
        detail = _root_cause(error)
        text = f"{summary}: {detail}" if detail else summary
        return redact(text, self._api_key)[:_MAX_MESSAGE_CHARS]

    def _decode(self, label: str, response: requests.Response, attempt: int) -> Any:
        try:
            return response.json()
        except ValueError:
            raise LitellmRequestError(
                label,
                response.status_code,
                "the response is not JSON: "
                + redact(response.text[:200], self._api_key),
                attempts=attempt,
            ) from None

    def _response_error(
        self, label: str, response: requests.Response, attempt: int
    ) -> LitellmRequestError:
        message, param = _error_message(response)
        return LitellmRequestError(
            label,
            response.status_code,
            redact(message, self._api_key)[:_MAX_MESSAGE_CHARS],
            param=param,
            attempts=attempt,
        )


def _failed_before_sending(error: requests.RequestException) -> bool:
    """Tell whether ``error`` happened before any byte of the request was sent.

    requests raises ``ConnectTimeout`` for a connect time-out, and
    ``ConnectionError`` wrapping urllib3's ``NewConnectionError`` (a subclass
    of ``ConnectTimeoutError``) for a refused connection. A dropped connection
    or a read time-out happens after sending.
    """
    if isinstance(error, requests.ConnectTimeout):
        return True
    if not isinstance(error, requests.ConnectionError) or not error.args:
        return False
    cause = error.args[0]
    reason = getattr(cause, "reason", cause)
    return isinstance(reason, ConnectTimeoutError)


_CONNECTION_REPR = re.compile(r"^\S*(Connection|ConnectionPool)\([^)]*\): ")


def _root_cause(error: requests.RequestException) -> str:
    """Return the innermost cause of a requests error, without urllib3's wrappers.

    requests wraps urllib3's ``MaxRetryError`` (whose message reads "Max
    retries exceeded" even with retries turned off) around the real cause, such as
    ``NewConnectionError`` or ``ProtocolError``.
    """
    cause: Any = error.args[0] if error.args else error
    cause = getattr(cause, "reason", cause)
    if isinstance(cause, ProtocolError) and len(cause.args) == 2:
        return f"{cause.args[0]} {cause.args[1]}".strip()
    return _CONNECTION_REPR.sub("", str(cause))


def _retry_after_seconds(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _error_message(response: requests.Response) -> tuple[str, str | None]:
    """Extract LiteLLM's message and blamed parameter from an error response.

    LiteLLM 1.108 answers ``{"error": {"message", "type", "param", "code"}}``,
    where ``message`` is sometimes the ``repr`` of a dict such as
    ``{'error': "..."}``. FastAPI's validation errors are ``{"detail": [...]}``.
    """
    try:
        payload = response.json()
    except ValueError:
        text = response.text.strip() or response.reason or "no message"
        return text, None
    param: str | None = None
    message: Any = payload
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        error = payload["error"]
        message = error.get("message", error)
        raw_param = error.get("param")
        if isinstance(raw_param, str) and raw_param not in ("", "None"):
            param = raw_param
    elif isinstance(payload, dict) and "detail" in payload:
        message = _format_detail(payload["detail"])
    return _unwrap_message(message), param


def _format_detail(detail: Any) -> Any:
    if isinstance(detail, list):
        parts = []
        for item in detail:
            if isinstance(item, dict):
                location = ".".join(str(step) for step in item.get("loc", ()))
                parts.append(f"{location}: {item.get('msg', item)}")
            else:
                parts.append(str(item))
        return "; ".join(parts)
    return detail


def _unwrap_message(message: Any) -> str:
    """Reduce nested ``{'error': ...}`` or ``{'message': ...}`` wrappers to text."""
    for _ in range(3):
        if isinstance(message, str):
            stripped = message.strip()
            if not (stripped.startswith("{") and stripped.endswith("}")):
                return stripped
            try:
                message = ast.literal_eval(stripped)
            except (ValueError, SyntaxError):
                try:
                    message = json.loads(stripped)
                except ValueError:
                    return stripped
        if isinstance(message, dict):
            inner = message.get("error", message.get("message"))
            if inner is None:
                return json.dumps(message, default=str)
            message = inner
        elif not isinstance(message, str):
            return str(message)
    return str(message)
