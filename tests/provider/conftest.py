"""Fixtures for the companion provider's tests: a LiteLLM proxy, the installed
provider and Terraform working folders.

``litellm_proxy`` starts one proxy with its own PostgreSQL per session, through
``../shared/tools/litellm-proxy/start.sh`` on free loopback ports, and stops
both at the end by process id. When the proxy is already installed in the
shared cache (``~/.cache/litellm-proxy-offline``), the session gets a work
folder of its own whose ``venv`` and Node.js packages link to the cache. So
start.sh's config, log and stop script never overwrite those of a proxy that
someone else started from the cache. On a machine without the install,
start.sh installs into the cache first (about two minutes).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from litellm_cdktf._framework import cdk

REPO = Path(__file__).resolve().parents[2]
START_SCRIPT = Path(
    os.environ.get(
        "LITELLM_PROXY_START",
        REPO.parent / "shared" / "tools" / "litellm-proxy" / "start.sh",
    )
)
TERRAFORM = shutil.which("terraform") or "/usr/local/bin/terraform"
PROXY_START_TIMEOUT = 600
"""Seconds allowed for start.sh, which installs LiteLLM on a fresh machine."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cache_dir() -> Path:
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "litellm-proxy-offline"


def _prepare_work_dir(session_dir: Path) -> Path:
    """Return the LITELLM_WORK folder for this session's proxy."""
    cache = _cache_dir()
    if not (cache / "venv" / "bin" / "litellm").exists():
        return cache
    work = session_dir / "proxy-work"
    (work / "qe").mkdir(parents=True)
    (work / "venv").symlink_to(cache / "venv")
    (work / "prisma-home").symlink_to(cache / "prisma-home")
    (work / "qe" / "node_modules").symlink_to(cache / "qe" / "node_modules")
    shutil.copy(cache / "qe" / "package.json", work / "qe" / "package.json")
    return work


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in _process_state(pid)


def _process_state(pid: int) -> str:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("State:"):
                return line.lower()
    except OSError:
        return "gone"
    return ""


def _terminate(pid: int, timeout: float = 20.0) -> None:
    """Send SIGTERM to ``pid``, and SIGKILL if it still runs after ``timeout`` s."""
    if not _alive(pid):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


@dataclass
class LitellmProxy:
    """A running LiteLLM proxy that this session started, with helpers to query it."""

    base_url: str
    master_key: str
    pid: int
    work: Path
    stop_script: Path
    _argv: list[str] = field(default_factory=list)
    _environ: dict[str, str] = field(default_factory=dict)
    _cwd: str = ""
    _restarted: subprocess.Popen[bytes] | None = None
    _child_pids: set[int] = field(default_factory=set)

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Call the proxy with the master key."""
        headers = {"Authorization": f"Bearer {self.master_key}"}
        return requests.request(
            method, self.base_url + path, headers=headers, timeout=30, **kwargs
        )

    def key_info(self, key_id: str) -> dict[str, Any] | None:
        """Return ``/key/info``'s ``info`` for a live key, or None."""
        response = self.request("GET", "/key/info", params={"key": key_id})
        if response.status_code == 404:
            return None
        response.raise_for_status()
        info: dict[str, Any] = response.json()["info"]
        return None if info.get("status") == "deleted" else info

    def keys(self, alias_prefix: str) -> list[dict[str, Any]]:
        """Return every live key whose alias starts with ``alias_prefix``."""
        found: list[dict[str, Any]] = []
        page = 1
        while True:
            response = self.request(
                "GET",
                "/key/list",
                params={"return_full_object": "true", "size": 100, "page": page},
            )
            response.raise_for_status()
            body = response.json()
            found.extend(
                key
                for key in body["keys"]
                if (key.get("key_alias") or "").startswith(alias_prefix)
            )
            if page >= body.get("total_pages", 1):
                return found
            page += 1

    def generate_key(self, **body: Any) -> dict[str, Any]:
        """Create a key outside Terraform and return LiteLLM's response."""
        response = self.request("POST", "/key/generate", json=body)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def ensure_team(self, team_id: str) -> None:
        """Create the team unless it exists."""
        if self.request("GET", "/team/info", params={"team_id": team_id}).ok:
            return
        self.request("POST", "/team/new", json={"team_id": team_id}).raise_for_status()

    def remember_process(self) -> None:
        """Record the proxy's command, environment and children, to restart it."""
        process = Path(f"/proc/{self.pid}")
        self._argv = (process / "cmdline").read_bytes().decode().split("\0")[:-1]
        environ = (process / "environ").read_bytes().decode(errors="replace")
        self._environ = dict(
            entry.split("=", 1) for entry in environ.split("\0") if "=" in entry
        )
        self._cwd = os.readlink(f"/proc/{self.pid}/cwd")
        self._child_pids.update(_children(self.pid))

    def stop_server(self) -> None:
        """Stop the proxy with SIGTERM, as a service manager does.

        PostgreSQL keeps running, so ``start_server`` finds the same keys.
        """
        self._child_pids.update(_children(self.pid))
        _terminate(self.pid)
        for child in list(self._child_pids):
            _terminate(child, timeout=5)

    def start_server(self) -> None:
        """Start the proxy again with the same command, environment and database."""
        log = open(self.work / "proxy-restart.log", "ab")  # noqa: SIM115
        self._restarted = subprocess.Popen(
            self._argv,
            cwd=self._cwd,
            env=self._environ,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        # start.sh's stop script kills the pid it started; point it at the new
        # process so that it never signals a reused pid.
        script = self.stop_script.read_text()
        self.stop_script.write_text(
            script.replace(f"kill {self.pid} ", f"kill {self._restarted.pid} ")
        )
        self.pid = self._restarted.pid
        self.wait_until_ready()
        self._child_pids.update(_children(self.pid))

    def wait_until_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                response = requests.get(self.base_url + "/health/readiness", timeout=5)
                if '"db":"connected"' in response.text.replace(" ", ""):
                    return
            except requests.RequestException:
                pass
            if self._restarted is not None and self._restarted.poll() is not None:
                raise RuntimeError(f"the restarted proxy exited; see {self.work}")
            time.sleep(0.5)
        raise TimeoutError(f"proxy at {self.base_url} not ready after {timeout} s")

    def shut_down(self) -> None:
        """Stop everything this session started: proxy, its children, PostgreSQL."""
        subprocess.run(["sh", str(self.stop_script)], check=False, timeout=120)
        if self._restarted is not None:
            _terminate(self._restarted.pid)
            self._restarted.wait(timeout=30)
        for child in self._child_pids:
            _terminate(child, timeout=5)


@pytest.fixture(scope="session")
def litellm_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LitellmProxy]:
    """A LiteLLM proxy with PostgreSQL on free loopback ports, for the whole session."""
    if not START_SCRIPT.exists():
        pytest.fail(
            f"{START_SCRIPT} not found: the proxy tests need the shared folder "
            "beside the repository (or LITELLM_PROXY_START set to start.sh)"
        )

    session_dir = tmp_path_factory.mktemp("litellm")
    work = _prepare_work_dir(session_dir)
    port, pg_port = _free_port(), _free_port()
    master_key = "sk-e2e-master-" + secrets.token_hex(8)
    environment = dict(
        os.environ,
        LITELLM_WORK=str(work),
        LITELLM_PORT=str(port),
        LITELLM_PGPORT=str(pg_port),
        LITELLM_MASTER_KEY=master_key,
    )
    result = subprocess.run(
        ["bash", str(START_SCRIPT)],
        cwd=session_dir,
        env=environment,
        capture_output=True,
        text=True,
        timeout=PROXY_START_TIMEOUT,
        check=False,
    )

    stop_script = work / "stop_litellm.sh"
    pid_text = next(
        (part[4:] for part in result.stdout.split() if part.startswith("pid=")), None
    )
    if result.returncode != 0 or pid_text is None:
        if stop_script.exists():
            subprocess.run(["sh", str(stop_script)], check=False, timeout=120)
        pytest.fail(f"start.sh failed:\n{result.stdout}\n{result.stderr}")

    proxy = LitellmProxy(
        base_url=f"http://127.0.0.1:{port}",
        master_key=master_key,
        pid=int(pid_text),
        work=work,
        stop_script=stop_script,
    )
    try:
        proxy.remember_process()
        yield proxy
    finally:
        proxy.shut_down()


@pytest.fixture(scope="session")
def provider_install(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The companion provider installed into a filesystem mirror of its own."""
    from litellm_cdktf.terraform_provider.install import install

    return install(tmp_path_factory.mktemp("provider"))


class TerraformDir:
    """A Terraform working folder that uses the installed companion provider."""

    def __init__(self, path: Path, environment: dict[str, str]) -> None:
        self.path = path
        self.environment = environment
        self.applied = False

    def write(self, config: dict[str, Any]) -> None:
        (self.path / "main.tf.json").write_text(json.dumps(config, indent=2))

    def run(
        self, *arguments: str, check: bool = True, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        subcommand, rest = arguments[0], arguments[1:]
        options = []
        if subcommand in ("init", "plan", "apply", "destroy", "validate", "import"):
            options.append("-no-color")
        if subcommand in ("init", "plan", "apply", "destroy", "import"):
            options.append("-input=false")
        # Options go before positional arguments, such as import's ADDR and ID.
        command = [TERRAFORM, subcommand, *options, *rest]
        result = subprocess.run(
            command,
            cwd=self.path,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"terraform {' '.join(arguments)} exited with {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result

    def init(self) -> None:
        self.run("init")

    def apply(
        self, *arguments: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        self.applied = True
        return self.run("apply", "-auto-approve", *arguments, check=check)

    def plan_exit_code(self) -> tuple[int, str]:
        """Run ``plan -detailed-exitcode``: 0 no changes, 2 changes, 1 error."""
        result = self.run("plan", "-detailed-exitcode", check=False)
        return result.returncode, result.stdout + result.stderr

    def resources(self) -> dict[str, dict[str, Any]]:
        """Return the attribute values of each ``litellm_key`` in state, by name."""
        state_json = json.loads(self.run("show", "-json").stdout)
        module = state_json.get("values", {}).get("root_module", {})
        return {
            resource["name"]: resource["values"]
            for resource in module.get("resources", [])
            if resource["type"] == "litellm_key"
        }


@pytest.fixture
def terraform_dir(
    tmp_path: Path, provider_install: Any, litellm_proxy: LitellmProxy
) -> Iterator[TerraformDir]:
    """A Terraform folder pointed at the session's proxy; destroyed after the test."""
    environment = terraform_environment(provider_install)
    environment["LITELLM_API_BASE"] = litellm_proxy.base_url
    environment["LITELLM_API_KEY"] = litellm_proxy.master_key
    folder = TerraformDir(tmp_path, environment)
    yield folder
    if folder.applied and (tmp_path / "terraform.tfstate").exists():
        folder.run("destroy", "-auto-approve", check=False)


def terraform_environment(installation: Any) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TF_", "LITELLM_API_"))
    }
    environment["TF_CLI_CONFIG_FILE"] = str(installation.cli_config)
    environment["TF_IN_AUTOMATION"] = "1"
    environment["CHECKPOINT_DISABLE"] = "1"
    return environment


@pytest.fixture
def offline_terraform_dir(tmp_path: Path, provider_install: Any) -> TerraformDir:
    """A Terraform folder with the provider installed but no proxy settings."""
    return TerraformDir(tmp_path, terraform_environment(provider_install))


def synth_stack(build: Callable[[Any], None]) -> dict[str, Any]:
    """Synthesize a stack: a companion ``LitellmProvider`` and what ``build`` adds."""
    from litellm_cdktf import LitellmProvider

    app = cdk.Testing.app()
    stack = cdk.TerraformStack(app, "e2e")
    LitellmProvider(stack, "litellm", companion=True)
    build(stack)
    synthesized: dict[str, Any] = json.loads(cdk.Testing.synth(stack))
    return synthesized


def unique_alias(prefix: str) -> str:
    """Return a key alias that no other test in the session uses."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def hashed_token(secret: str) -> str:
    """Return LiteLLM's hashed token (the SHA-256 hex digest) of a secret key."""
    return hashlib.sha256(secret.encode()).hexdigest()
