"""Conversions between Terraform state and LiteLLM's key API, without a proxy."""

from __future__ import annotations

from typing import Any

from tf.types import Unknown

from litellm_cdktf.schema import KEY_SCHEMA
from litellm_cdktf.terraform_provider import key_state

ARGUMENT_NAMES = [field.name for field in KEY_SCHEMA.arguments]


def _state(**values: Any) -> dict[str, Any]:
    state: dict[str, Any] = dict.fromkeys(ARGUMENT_NAMES)
    state.update(id="ab" * 32, key="sk-secret", spend=0.0)
    state.update(values)
    return state


def test_create_body_sends_every_set_argument() -> None:
    planned = _state(
        models=["a"], max_budget=100, tpm_limit=1000.0, model_rpm_limit={"a": 3.0}
    )
    body = key_state.create_body(planned)

    assert body == {
        "models": ["a"],
        "max_budget": 100,
        "tpm_limit": 1000,
        "model_rpm_limit": {"a": 3},
    }
    assert isinstance(body["tpm_limit"], int)


SAMPLE_BY_KIND = {
    "string": "30d",
    "number": 5,
    "integer": 5,
    "bool": True,
    "list(string)": ["a"],
    "map(string)": {"a": "b"},
    "map(number)": {"a": 1.5},
    "map(integer)": {"a": 2},
}


def test_create_body_covers_whole_schema() -> None:
    planned = _state(
        **{
            field.name: SAMPLE_BY_KIND[field.kind.name]
            for field in KEY_SCHEMA.arguments
        }
    )
    body = key_state.create_body(planned)

    assert set(body) == set(ARGUMENT_NAMES)
    assert "id" not in body
    assert "key" not in body


def test_update_body_sends_only_changes() -> None:
    prior = _state(max_budget=10, duration="30d", budget_duration="30d")
    planned = _state(max_budget=12, duration="30d", budget_duration="30d")

    assert key_state.update_body("id1", prior, planned) == {
        "key": "id1",
        "max_budget": 12,
    }


def test_update_body_clears_removed_arguments() -> None:
    prior = _state(
        models=["a"],
        aliases={"x": "y"},
        max_budget=1,
        model_rpm_limit={"a": 1},
        metadata={"k": "v"},
    )
    body = key_state.update_body("id1", prior, _state())

    assert body == {
        "key": "id1",
        "models": [],
        "aliases": {},
        "max_budget": None,
        "model_rpm_limit": {},
        "metadata": {},
    }


def test_update_body_keeps_limits_when_metadata_changes() -> None:
    prior = _state(metadata={"a": "1"}, model_rpm_limit={"m": 3}, tags=["t"])
    planned = _state(metadata={"a": "2"}, model_rpm_limit={"m": 3}, tags=["t"])
    body = key_state.update_body("id1", prior, planned)

    assert body == {
        "key": "id1",
        "metadata": {"a": "2"},
        "model_rpm_limit": {"m": 3},
        "tags": ["t"],
    }


def test_update_body_ignores_float_int_difference() -> None:
    body = key_state.update_body(
        "id1", _state(max_budget=100), _state(max_budget=100.0)
    )

    assert body == {"key": "id1"}


INFO = {
    "models": [],
    "max_budget": 100.0,
    "metadata": {
        "env": "prod",
        "model_rpm_limit": {"gpt": 30},
        "model_tpm_limit": {},
        "tags": [],
        "extra": {"nested": 1},
    },
    "blocked": None,
    "spend": 0.25,
    "aliases": {},
    "litellm_budget_table": {"soft_budget": 80.0},
    "expires": "2027-01-01T00:00:00+00:00",
}


def test_state_from_info_reads_metadata_fields() -> None:
    prior = _state(
        max_budget=100,
        metadata={"env": "prod"},
        model_rpm_limit={"gpt": 30},
        duration="30d",
        send_invite_email=True,
        blocked=False,
        soft_budget=80,
    )
    state = key_state.state_from_info("ab" * 32, INFO, prior)

    assert state["metadata"] == {"env": "prod", "extra": '{"nested": 1}'}
    assert state["model_rpm_limit"] == {"gpt": 30}
    assert state["model_tpm_limit"] is None
    assert state["tags"] is None
    assert state["max_budget"] == 100
    assert state["soft_budget"] == 80
    assert state["blocked"] is False
    assert state["duration"] == "30d"
    assert state["send_invite_email"] is True
    assert state["models"] is None
    assert state["key"] == "sk-secret"
    assert state["spend"] == 0.25


def test_state_from_info_on_import_has_no_secret() -> None:
    state = key_state.state_from_info("ab" * 32, INFO, {})

    assert state["key"] is None
    assert state["duration"] is None
    assert state["id"] == "ab" * 32
    assert set(state) == {field.name for field in KEY_SCHEMA.fields}


def test_state_from_info_shows_out_of_band_change() -> None:
    info = dict(INFO, blocked=True, max_budget=5.0)
    state = key_state.state_from_info(
        "ab" * 32, info, _state(max_budget=100, blocked=False)
    )

    assert state["max_budget"] == 5
    assert state["blocked"] is True


def test_is_known_finds_nested_unknown() -> None:
    assert key_state.is_known({"a": ["b"]})
    assert not key_state.is_known({"a": [Unknown]})
    assert not key_state.is_known(Unknown)
