"""Every app in ``examples/`` synthesizes, with the values its docstring promises."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, synth

EXAMPLES = sorted(path.parent.name for path in (ROOT / "examples").glob("*/main.py"))


def _build(name: str, cdk: Any) -> Any:
    module = importlib.import_module(f"examples.{name}.main")
    return module.build(cdk.Testing.app())


def test_examples_found() -> None:
    assert EXAMPLES == ["documented_key", "import_key", "two_teams"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_synthesizes(name: str, cdk: Any) -> None:
    result = synth(_build(name, cdk), run_validations=True)

    assert result["resource"]["litellm_key"]
    assert "litellm" in result["terraform"]["required_providers"]


def test_two_teams_outputs_are_sensitive(cdk: Any) -> None:
    result = synth(_build("two_teams", cdk), run_validations=True)

    outputs = result["output"]
    assert outputs["search_key"] == {
        "sensitive": True,
        "value": "${litellm_key.search-key.key}",
    }
    assert outputs["support_key"]["sensitive"] is True
    assert outputs["search_key_id"]["value"] == "${litellm_key.search-key.id}"
    assert result["variable"]["litellm_master_key"]["sensitive"] is True
    assert result["provider"]["litellm"] == [
        {"api_base": "http://127.0.0.1:4000", "api_key": "${var.litellm_master_key}"}
    ]


def test_import_example_has_import_block(
    cdk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_id = "ab" * 32
    monkeypatch.setenv("LITELLM_KEY_ID", key_id)

    result = synth(_build("import_key", cdk))

    assert result["import"] == [{"id": key_id, "to": "litellm_key.legacy"}]
    assert (
        result["resource"]["litellm_key"]["legacy"]["key_alias"] == "legacy-batch-jobs"
    )


def test_example_files_are_documented() -> None:
    for name in EXAMPLES:
        text = Path(ROOT / "examples" / name / "main.py").read_text(encoding="utf-8")
        assert text.startswith('"""'), f"examples/{name}/main.py has no docstring"
