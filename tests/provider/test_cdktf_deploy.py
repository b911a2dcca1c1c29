"""``cdktf deploy`` and ``cdktf destroy`` of the documented example (CDKTF CLI)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, LitellmProxy, terraform_environment

pytestmark = [pytest.mark.proxy, pytest.mark.terraform, pytest.mark.cli]

CDKTF = REPO / "node_modules" / ".bin" / "cdktf"
APP = REPO / "examples" / "documented_key" / "main.py"
ALIAS = "prod-key-1"
"""The documented example's key_alias."""


def _cdktf(folder: Path, environment: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(
        [str(CDKTF), *arguments],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output


def test_cdktf_deploy_documented_example(
    tmp_path: Path, provider_install: Any, litellm_proxy: LitellmProxy
) -> None:
    if not CDKTF.exists():
        pytest.fail(f"{CDKTF} not found: run scripts/bootstrap.sh")
    (tmp_path / "cdktf.json").write_text(
        json.dumps(
            {
                "language": "python",
                "app": f"{sys.executable} {APP}",
                "projectId": "litellm-cdktf-e2e-deploy",
                "sendCrashReports": "false",
                "terraformProviders": [],
                "terraformModules": [],
                "output": "cdktf.out",
                "codeMakerOutput": "imports",
                "context": {},
            }
        )
    )
    environment = terraform_environment(provider_install)
    environment.update(
        LITELLM_API_BASE=litellm_proxy.base_url,
        LITELLM_API_KEY=litellm_proxy.master_key,
        LITELLM_PROVIDER="companion",
        LITELLM_ENTERPRISE="false",
        PATH=f"{REPO / 'node_modules' / '.bin'}:{environment['PATH']}",
        JSII_NODE=str(REPO / "node_modules" / ".bin" / "node"),
    )
    litellm_proxy.ensure_team("team456")
    assert litellm_proxy.keys(ALIAS) == []

    try:
        # cdktf runs `terraform providers lock` on a first deploy. That command
        # queries the source's registry and ignores the CLI configuration's
        # mirror, and litellm-cdktf.local is no registry, so skip it.
        output = _cdktf(
            tmp_path,
            environment,
            "deploy",
            "--auto-approve",
            "--skip-provider-lock",
            "documented-key",
        )
        assert "litellm_key.example" in output
        (key,) = litellm_proxy.keys(ALIAS)
        assert key["max_budget"] == 100.0
        assert key["team_id"] == "team456"
        assert key["metadata"]["model_rpm_limit"] == {"gpt-3.5-turbo": 30}
        assert litellm_proxy.master_key not in output
    finally:
        _cdktf(
            tmp_path,
            environment,
            "destroy",
            "--auto-approve",
            "--skip-provider-lock",
            "documented-key",
        )
    assert litellm_proxy.keys(ALIAS) == []
