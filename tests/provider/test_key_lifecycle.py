"""``litellm_key`` through real Terraform against a real LiteLLM proxy.

Every step is checked on the proxy itself (``/key/info``, ``/key/list``), not
only in Terraform's output.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests

from litellm_cdktf import LitellmKey
from litellm_cdktf._framework import cdk

from .conftest import (
    LitellmProxy,
    TerraformDir,
    hashed_token,
    synth_stack,
    unique_alias,
)

pytestmark = [pytest.mark.proxy, pytest.mark.terraform]


def _documented_stack(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from examples.documented_key.main import build

    monkeypatch.setenv("LITELLM_PROVIDER", "companion")
    monkeypatch.setenv("LITELLM_ENTERPRISE", "false")
    app = cdk.Testing.app()
    stack = build(app)
    config: dict[str, Any] = json.loads(cdk.Testing.synth(stack))
    return config


def _metadata_without_limits(info: dict[str, Any]) -> dict[str, Any]:
    metadata = dict(info["metadata"])
    for name in ("model_rpm_limit", "model_tpm_limit", "guardrails", "tags"):
        metadata.pop(name, None)
    return metadata


def test_documented_example_applies(
    terraform_dir: TerraformDir,
    litellm_proxy: LitellmProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = _documented_stack(monkeypatch)
    settings = config["resource"]["litellm_key"]["example"]
    assert "guardrails" not in settings
    litellm_proxy.ensure_team(settings["team_id"])
    stale = litellm_proxy.keys(settings["key_alias"])
    for key in stale:  # left by an interrupted earlier run against this proxy
        litellm_proxy.request("POST", "/key/delete", json={"keys": [key["token"]]})
    terraform_dir.write(config)

    terraform_dir.init()
    terraform_dir.run("validate")
    code, plan = terraform_dir.plan_exit_code()
    assert code == 2, plan
    assert "1 to add, 0 to change, 0 to destroy" in plan
    terraform_dir.apply()

    state = terraform_dir.resources()["example"]
    info = litellm_proxy.key_info(state["id"])
    assert info is not None
    for name in (
        "models",
        "max_budget",
        "user_id",
        "team_id",
        "max_parallel_requests",
        "tpm_limit",
        "rpm_limit",
        "budget_duration",
        "allowed_cache_controls",
        "key_alias",
        "aliases",
        "config",
        "permissions",
        "blocked",
    ):
        assert info[name] == settings[name], name
    assert _metadata_without_limits(info) == settings["metadata"]
    assert info["metadata"]["model_rpm_limit"] == settings["model_rpm_limit"]
    assert info["metadata"]["model_tpm_limit"] == settings["model_tpm_limit"]
    assert info["litellm_budget_table"]["soft_budget"] == settings["soft_budget"]
    expires = datetime.fromisoformat(info["expires"])
    expected_expiry = datetime.now(timezone.utc) + timedelta(days=30)
    assert abs(expires - expected_expiry) < timedelta(minutes=5)
    # send_invite_email only acts at creation: LiteLLM 1.108 stores no trace of it.

    assert state["spend"] == 0
    secret = terraform_dir.run("output", "-raw", "example_key").stdout
    assert secret.startswith("sk-")
    assert hashed_token(secret) == state["id"]
    as_key = requests.get(
        litellm_proxy.base_url + "/key/info",
        headers={"Authorization": f"Bearer {secret}"},
        timeout=30,
    )
    assert as_key.status_code == 200, as_key.text
    assert as_key.json()["info"]["key_alias"] == settings["key_alias"]

    code, plan = terraform_dir.plan_exit_code()
    assert code == 0, plan


def _single_key_stack(**arguments: Any) -> dict[str, Any]:
    def build(stack: Any) -> None:
        key = LitellmKey(stack, "k", **arguments)
        cdk.TerraformOutput(stack, "k_key", value=key.key, sensitive=True)

    return synth_stack(build)


def test_provider_block_settings_used(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    from litellm_cdktf import LitellmProvider

    alias = unique_alias("block")
    app = cdk.Testing.app()
    stack = cdk.TerraformStack(app, "e2e")
    master_key = cdk.TerraformVariable(
        stack, "master_key", type="string", sensitive=True
    )
    LitellmProvider(
        stack,
        "litellm",
        companion=True,
        api_base=litellm_proxy.base_url,
        api_key=master_key.string_value,
    )
    LitellmKey(stack, "k", key_alias=alias)
    terraform_dir.write(json.loads(cdk.Testing.synth(stack)))
    del terraform_dir.environment["LITELLM_API_BASE"]
    del terraform_dir.environment["LITELLM_API_KEY"]
    terraform_dir.environment["TF_VAR_master_key"] = litellm_proxy.master_key
    terraform_dir.init()

    result = terraform_dir.apply()

    assert litellm_proxy.master_key not in result.stdout + result.stderr
    (key,) = litellm_proxy.keys(alias)
    assert key["token"] == terraform_dir.resources()["k"]["id"]


def test_one_argument_change_updates_in_place(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    alias = unique_alias("update")
    base = {"key_alias": alias, "max_budget": 10.0, "model_rpm_limit": {"fake-gpt": 3}}
    terraform_dir.write(_single_key_stack(**base, metadata={"team": "a"}))
    terraform_dir.init()
    terraform_dir.apply()
    key_id = terraform_dir.resources()["k"]["id"]

    terraform_dir.write(_single_key_stack(**base, metadata={"team": "b"}))
    code, plan = terraform_dir.plan_exit_code()
    assert code == 2, plan
    assert "update in-place" in plan
    assert "0 to add, 1 to change, 0 to destroy" in plan
    trace = terraform_dir.path / "trace.log"
    terraform_dir.environment.update(TF_LOG="TRACE", TF_LOG_PATH=str(trace))
    terraform_dir.apply()
    del terraform_dir.environment["TF_LOG"]

    log = trace.read_text()
    secret = terraform_dir.run("output", "-raw", "k_key").stdout
    assert "updated key" in log  # the provider's own log lines are in the trace
    assert litellm_proxy.master_key not in log
    assert secret not in log

    info = litellm_proxy.key_info(key_id)
    assert info is not None
    assert info["metadata"]["team"] == "b"
    assert info["metadata"]["model_rpm_limit"] == {"fake-gpt": 3}
    assert terraform_dir.resources()["k"]["id"] == key_id
    code, plan = terraform_dir.plan_exit_code()
    assert code == 0, plan


FIRST = {
    "models": ["fake-gpt"],
    "max_budget": 10.0,
    "user_id": "user-a",
    "max_parallel_requests": 2,
    "metadata": {"env": "test"},
    "tpm_limit": 100,
    "rpm_limit": 10,
    "budget_duration": "30d",
    "allowed_cache_controls": ["no-cache"],
    "soft_budget": 5.0,
    "duration": "7d",
    "aliases": {"small": "fake-gpt"},
    "config": {"a": "1"},
    "permissions": {"p": "1"},
    "model_rpm_limit": {"fake-gpt": 3},
    "model_tpm_limit": {"fake-gpt": 30},
    "blocked": False,
    "send_invite_email": False,
}
SECOND = {
    "models": ["fake-gpt", "other"],
    "max_budget": 20.5,
    "user_id": "user-b",
    "max_parallel_requests": 4,
    "metadata": {"env": "prod", "owner": "x"},
    "tpm_limit": 200,
    "rpm_limit": 20,
    "budget_duration": "monthly",
    "allowed_cache_controls": ["no-store", "no-cache"],
    "soft_budget": 7.5,
    "duration": "14d",
    "aliases": {"big": "other"},
    "config": {"b": "2"},
    "permissions": {"q": "2"},
    "model_rpm_limit": {"other": 6},
    "model_tpm_limit": {"other": 60},
    "blocked": True,
    "send_invite_email": True,
}


def _assert_stored(info: dict[str, Any], expected: dict[str, Any]) -> None:
    for name, value in expected.items():
        if name in ("duration", "send_invite_email"):
            continue  # not stored as given: checked through expires, or not at all
        if name in ("model_rpm_limit", "model_tpm_limit"):
            assert info["metadata"][name] == value, name
        elif name == "metadata":
            assert _metadata_without_limits(info) == value
        elif name == "soft_budget":
            assert info["litellm_budget_table"]["soft_budget"] == value
        else:
            assert info[name] == value, name


def test_every_argument_reaches_litellm_on_update(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    alias = unique_alias("every")
    terraform_dir.write(_single_key_stack(key_alias=alias, **FIRST))
    terraform_dir.init()
    terraform_dir.apply()
    key_id = terraform_dir.resources()["k"]["id"]
    info = litellm_proxy.key_info(key_id)
    assert info is not None
    _assert_stored(info, FIRST)
    first_expiry = datetime.fromisoformat(info["expires"])

    renamed = alias + "-renamed"
    terraform_dir.write(_single_key_stack(key_alias=renamed, **SECOND))
    terraform_dir.apply()
    info = litellm_proxy.key_info(key_id)
    assert info is not None
    _assert_stored(info, {"key_alias": renamed, **SECOND})
    assert datetime.fromisoformat(info["expires"]) - first_expiry > timedelta(days=6)
    code, plan = terraform_dir.plan_exit_code()
    assert code == 0, plan


def test_removed_arguments_are_cleared(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    alias = unique_alias("clear")
    terraform_dir.write(_single_key_stack(key_alias=alias, **FIRST))
    terraform_dir.init()
    terraform_dir.apply()
    key_id = terraform_dir.resources()["k"]["id"]

    terraform_dir.write(_single_key_stack(key_alias=alias))
    terraform_dir.apply()
    info = litellm_proxy.key_info(key_id)
    assert info is not None
    assert info["max_budget"] is None
    assert info["tpm_limit"] is None
    assert info["user_id"] is None
    assert info["models"] == []
    assert info["expires"] is None
    assert info["budget_duration"] is None
    assert _metadata_without_limits(info) == {}
    assert not info["metadata"].get("model_rpm_limit")
    assert info["litellm_budget_table"]["soft_budget"] is None
    code, plan = terraform_dir.plan_exit_code()
    assert code == 0, plan


def test_import_block_adopts_existing_key(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    alias = unique_alias("import")
    created = litellm_proxy.generate_key(
        key_alias=alias,
        models=["fake-gpt"],
        max_budget=10.0,
        model_rpm_limit={"fake-gpt": 4},
    )
    key_id = created["token_id"]

    def build(stack: Any) -> None:
        key = LitellmKey(
            stack,
            "adopted",
            key_alias=alias,
            models=["fake-gpt"],
            max_budget=10.0,
            model_rpm_limit={"fake-gpt": 4},
        )
        key.import_from(key_id)

    terraform_dir.write(synth_stack(build))
    terraform_dir.init()
    code, plan = terraform_dir.plan_exit_code()
    assert "1 to import, 0 to add, 0 to change, 0 to destroy" in plan, plan
    terraform_dir.apply()

    state = terraform_dir.resources()["adopted"]
    assert state["id"] == key_id
    assert state["key"] is None  # LiteLLM keeps only the hash
    assert len(litellm_proxy.keys(alias)) == 1
    code, plan = terraform_dir.plan_exit_code()
    assert code == 0, plan


def test_terraform_import_command_adopts_key(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    alias = unique_alias("cli-import")
    created = litellm_proxy.generate_key(key_alias=alias, rpm_limit=7)
    terraform_dir.write(_single_key_stack(key_alias=alias, rpm_limit=7))
    terraform_dir.init()

    secret_id = terraform_dir.run(
        "import", "litellm_key.k", created["key"], check=False
    )
    assert secret_id.returncode == 1
    assert "Invalid import ID: a secret key" in secret_id.stdout + secret_id.stderr
    terraform_dir.run("import", "litellm_key.k", created["token_id"])
    terraform_dir.applied = True

    state = terraform_dir.resources()["k"]
    assert state["id"] == created["token_id"]
    assert state["rpm_limit"] == 7
    assert state["key"] is None
    code, plan = terraform_dir.plan_exit_code()
    assert code == 0, plan


def test_out_of_band_changes_show_as_drift(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    alias = unique_alias("drift")
    terraform_dir.write(_single_key_stack(key_alias=alias, max_budget=10.0))
    terraform_dir.init()
    terraform_dir.apply()
    key_id = terraform_dir.resources()["k"]["id"]

    litellm_proxy.request(
        "POST", "/key/update", json={"key": key_id, "max_budget": 99.0}
    ).raise_for_status()
    code, plan = terraform_dir.plan_exit_code()
    assert code == 2, plan
    assert "max_budget = 99 -> 10" in plan

    litellm_proxy.request(
        "POST", "/key/delete", json={"keys": [key_id]}
    ).raise_for_status()
    code, plan = terraform_dir.plan_exit_code()
    assert code == 2, plan
    assert "litellm_key.k will be created" in plan
    assert "1 to add, 0 to change, 0 to destroy" in plan

    terraform_dir.apply()
    assert len(litellm_proxy.keys(alias)) == 1


def test_many_keys_apply_and_destroy(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    prefix = unique_alias("many")

    def build(stack: Any) -> None:
        for index in range(25):
            LitellmKey(
                stack, f"k{index}", key_alias=f"{prefix}-{index}", max_budget=1.0
            )

    terraform_dir.write(synth_stack(build))
    terraform_dir.init()
    terraform_dir.apply()  # default parallelism: 10

    in_state = {values["id"] for values in terraform_dir.resources().values()}
    on_proxy = {key["token"] for key in litellm_proxy.keys(prefix)}
    assert len(in_state) == 25
    assert on_proxy == in_state

    terraform_dir.run("destroy", "-auto-approve")
    assert litellm_proxy.keys(prefix) == []
    assert terraform_dir.resources() == {}
