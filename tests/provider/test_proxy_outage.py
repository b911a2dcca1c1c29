"""The proxy stops part-way through an apply of many keys, then comes back."""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import pytest
import requests

from litellm_cdktf import LitellmKey

from .conftest import LitellmProxy, TerraformDir, synth_stack, unique_alias

pytestmark = [pytest.mark.proxy, pytest.mark.terraform]

KEY_COUNT = 30
STOP_AFTER = 5
"""Keys that must exist on the proxy before the test stops it."""


def _stop_when_keys_exist(
    proxy: LitellmProxy, prefix: str, stopped: threading.Event
) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if len(proxy.keys(prefix)) >= STOP_AFTER:
                break
        except requests.RequestException:
            pass
        time.sleep(0.02)
    proxy.stop_server()
    stopped.set()


def test_outage_mid_apply_recovers_without_duplicates(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    prefix = unique_alias("outage")

    def build(stack: Any) -> None:
        for index in range(KEY_COUNT):
            LitellmKey(
                stack, f"k{index}", key_alias=f"{prefix}-{index}", max_budget=1.0
            )

    terraform_dir.write(synth_stack(build))
    terraform_dir.init()
    stopped = threading.Event()
    watcher = threading.Thread(
        target=_stop_when_keys_exist, args=(litellm_proxy, prefix, stopped)
    )
    watcher.start()
    try:
        first = terraform_dir.apply(check=False)
    finally:
        watcher.join()
        if not stopped.is_set():
            litellm_proxy.stop_server()
        litellm_proxy.start_server()
    output = first.stdout + first.stderr

    assert first.returncode == 1, output
    assert "Error: Failed to create LiteLLM key: no response" in output
    assert "POST /key/generate failed with no response" in output
    assert litellm_proxy.master_key not in output
    created_first = {values["id"] for values in terraform_dir.resources().values()}
    assert STOP_AFTER <= len(created_first) < KEY_COUNT
    on_proxy = {key["token"] for key in litellm_proxy.keys(prefix)}
    # SIGTERM lets LiteLLM finish the requests in flight, so no key was
    # created without its response reaching Terraform.
    assert on_proxy == created_first

    second = terraform_dir.apply()
    missing = KEY_COUNT - len(created_first)
    assert f"Apply complete! Resources: {missing} added, 0 changed" in second.stdout

    in_state = {values["id"] for values in terraform_dir.resources().values()}
    keys = litellm_proxy.keys(prefix)
    aliases = Counter(key["key_alias"] for key in keys)
    assert len(in_state) == KEY_COUNT
    assert {key["token"] for key in keys} == in_state
    assert max(aliases.values()) == 1
    assert set(aliases) == {f"{prefix}-{index}" for index in range(KEY_COUNT)}
    assert created_first <= in_state
