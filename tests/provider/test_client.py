"""``LitellmClient`` against a scripted HTTP server on loopback: retries, time-outs,
redaction and parallel use."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from litellm_cdktf.terraform_provider.client import (
    LitellmClient,
    LitellmRequestError,
    redact,
)

MASTER_KEY = "sk-test-master-0123456789"

Reply = Callable[[BaseHTTPRequestHandler, int], None]
"""Reply to one request, given the handler and the 1-based request number."""


class ScriptedServer:
    """A loopback HTTP server that responds to each request with ``reply``."""

    def __init__(self, reply: Reply) -> None:
        self.requests: list[tuple[str, str, Any]] = []
        self.authorization: list[str | None] = []
        lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *arguments: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                with lock:
                    owner.requests.append((self.command, self.path, body))
                    owner.authorization.append(self.headers.get("Authorization"))
                    number = len(owner.requests)
                reply(self, number)

            do_GET = _handle
            do_POST = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}
        )
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def send_json(handler: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
    data = json.dumps(payload).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def drop_connection(handler: BaseHTTPRequestHandler) -> None:
    """Close the socket without a response, as a proxy that dies mid-request does."""
    handler.connection.shutdown(socket.SHUT_RDWR)
    handler.close_connection = True


@pytest.fixture
def serve() -> Iterator[Callable[[Reply], ScriptedServer]]:
    servers: list[ScriptedServer] = []

    def start(reply: Reply) -> ScriptedServer:
        server = ScriptedServer(reply)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def client_for(url: str, **options: Any) -> LitellmClient:
    options.setdefault("sleep", lambda seconds: None)
    return LitellmClient(url, MASTER_KEY, **options)


def test_get_retries_503_then_succeeds(
    serve: Callable[[Reply], ScriptedServer],
) -> None:
    def reply(handler: BaseHTTPRequestHandler, number: int) -> None:
        if number < 3:
            send_json(handler, 503, {"error": {"message": "starting"}})
        else:
            send_json(handler, 200, {"info": {"key_alias": "a"}})

    server = serve(reply)
    result = client_for(server.url).get("/key/info", {"key": "abc"})

    assert result == {"info": {"key_alias": "a"}}
    assert len(server.requests) == 3
    assert server.authorization[0] == f"Bearer {MASTER_KEY}"


def test_retries_are_bounded(serve: Callable[[Reply], ScriptedServer]) -> None:
    server = serve(
        lambda handler, number: send_json(handler, 502, {"detail": "bad gateway"})
    )
    with pytest.raises(LitellmRequestError) as raised:
        client_for(server.url, max_attempts=3).post("/key/update", {}, idempotent=True)

    assert len(server.requests) == 3
    assert raised.value.status == 502
    assert raised.value.attempts == 3
    assert raised.value.message == "bad gateway"


def test_generate_not_retried_after_lost_response(
    serve: Callable[[Reply], ScriptedServer],
) -> None:
    server = serve(lambda handler, number: drop_connection(handler))
    with pytest.raises(LitellmRequestError) as raised:
        client_for(server.url).post(
            "/key/generate", {"key_alias": "x"}, idempotent=False
        )

    assert len(server.requests) == 1
    assert raised.value.may_have_succeeded
    assert raised.value.status is None


def test_update_retried_after_lost_response(
    serve: Callable[[Reply], ScriptedServer],
) -> None:
    def reply(handler: BaseHTTPRequestHandler, number: int) -> None:
        if number == 1:
            drop_connection(handler)
        else:
            send_json(handler, 200, {"key": "abc"})

    server = serve(reply)
    result = client_for(server.url).post("/key/update", {"key": "abc"}, idempotent=True)

    assert result == {"key": "abc"}
    assert len(server.requests) == 2


def test_generate_retried_on_429(serve: Callable[[Reply], ScriptedServer]) -> None:
    def reply(handler: BaseHTTPRequestHandler, number: int) -> None:
        if number == 1:
            send_json(handler, 429, {"error": {"message": "slow down"}})
        else:
            send_json(handler, 200, {"key": "sk-new", "token_id": "t"})

    server = serve(reply)
    result = client_for(server.url).post("/key/generate", {}, idempotent=False)

    assert result["token_id"] == "t"
    assert len(server.requests) == 2


def test_generate_not_retried_on_500(serve: Callable[[Reply], ScriptedServer]) -> None:
    server = serve(
        lambda handler, number: send_json(
            handler, 500, {"error": {"message": "Unsupported duration unit"}}
        )
    )
    with pytest.raises(LitellmRequestError) as raised:
        client_for(server.url).post("/key/generate", {}, idempotent=False)

    assert len(server.requests) == 1
    assert raised.value.status == 500
    assert not raised.value.may_have_succeeded


def test_refused_connection_retried_for_generate() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    delays: list[float] = []
    client = LitellmClient(
        f"http://127.0.0.1:{closed_port}",
        MASTER_KEY,
        max_attempts=3,
        sleep=delays.append,
    )
    with pytest.raises(LitellmRequestError) as raised:
        client.post("/key/generate", {}, idempotent=False)

    assert raised.value.attempts == 3
    assert not raised.value.may_have_succeeded
    assert "connection to http://127.0.0.1" in raised.value.message
    assert len(delays) == 2
    assert delays[1] > delays[0]


def test_read_timeout_reported(serve: Callable[[Reply], ScriptedServer]) -> None:
    def reply(handler: BaseHTTPRequestHandler, number: int) -> None:
        time.sleep(0.5)
        send_json(handler, 200, {})

    server = serve(reply)
    client = client_for(server.url, read_timeout=0.1, max_attempts=2)
    with pytest.raises(LitellmRequestError) as raised:
        client.get("/key/info", {"key": "abc"})

    assert len(server.requests) == 2
    assert "no response from" in raised.value.message
    assert "within 0.1 s" in raised.value.message


def test_nested_message_unwrapped(serve: Callable[[Reply], ScriptedServer]) -> None:
    message = "{'error': \"Team doesn't exist in db. Team=nope.\"}"
    server = serve(
        lambda handler, number: send_json(
            handler,
            404,
            {
                "error": {
                    "message": message,
                    "type": "auth_error",
                    "param": "None",
                    "code": "404",
                }
            },
        )
    )
    with pytest.raises(LitellmRequestError) as raised:
        client_for(server.url).post("/key/update", {}, idempotent=True)

    assert raised.value.message == "Team doesn't exist in db. Team=nope."
    assert raised.value.param is None
    assert str(raised.value) == (
        "POST /key/update failed with HTTP 404 after 1 attempt: "
        "Team doesn't exist in db. Team=nope."
    )


def test_secrets_masked_in_errors(serve: Callable[[Reply], ScriptedServer]) -> None:
    echoed = f"bad key {MASTER_KEY} and sk-abcdefABCDEF123456 and Bearer {MASTER_KEY}"
    server = serve(
        lambda handler, number: send_json(handler, 400, {"error": {"message": echoed}})
    )
    with pytest.raises(LitellmRequestError) as raised:
        client_for(server.url).post("/key/generate", {}, idempotent=False)

    text = str(raised.value)
    assert MASTER_KEY not in text
    assert "sk-abcdefABCDEF123456" not in text
    assert "sk-***" in text
    assert "test-master" not in repr(client_for(server.url))


def test_redact_masks_custom_secret() -> None:
    assert redact("token=hunter2x", "hunter2x") == "token=***"


def test_parallel_requests_share_one_client(
    serve: Callable[[Reply], ScriptedServer],
) -> None:
    def reply(handler: BaseHTTPRequestHandler, number: int) -> None:
        time.sleep(0.01)
        send_json(handler, 200, {"path": handler.path})

    server = serve(reply)
    client = client_for(server.url)
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(
            pool.map(
                lambda index: client.get("/key/info", {"key": str(index)}), range(100)
            )
        )

    assert [result["path"] for result in results] == [
        f"/key/info?key={index}" for index in range(100)
    ]
    assert len(server.requests) == 100
