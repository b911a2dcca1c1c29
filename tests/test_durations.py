"""Durations: ``duration`` and ``budget_duration`` accept what LiteLLM 1.108 accepts.

The tables below were derived by reading LiteLLM 1.108.0's
``litellm_core_utils/duration_parser.py`` and ``validate_budget_duration``.
``tests/provider/test_duration_parity.py`` runs LiteLLM's own checks on the same
table, with the LiteLLM install that the proxy tests use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import key_block

from litellm_cdktf import InvalidArgumentError, LitellmKey
from litellm_cdktf.durations import budget_duration_problem, duration_problem

_CACHE_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
LITELLM_PYTHON = _CACHE_HOME / "litellm-proxy-offline" / "venv" / "bin" / "python"

# Each row: (text, accepted as duration, accepted as budget_duration).
TABLE: list[tuple[str, bool, bool]] = [
    ("30s", True, True),
    ("15m", True, True),
    ("12h", True, True),
    ("30d", True, True),
    ("2w", True, True),
    ("1mo", True, True),
    ("hourly", True, True),
    ("daily", True, True),
    ("weekly", True, True),
    ("monthly", True, True),
    ("MONTHLY", True, True),
    ("Daily", True, True),
    (" weekly ", True, True),
    ("monthly\n", True, True),
    ("30days", True, True),
    ("30ms", True, True),
    ("1hours", True, True),
    ("365d", True, True),
    ("\u0663\u0660d", True, True),
    ("999999999999s", False, True),
    ("2mox", True, True),
    ("30dx", True, True),
    ("99999999dx", False, True),
    ("0dx", True, False),
    ("2mo", True, False),
    ("12mo", True, False),
    ("0s", True, False),
    ("0d", True, False),
    ("0mo", True, False),
    ("99999999d", False, False),
    ("1200000mo", False, False),
    ("", False, False),
    (" ", False, False),
    ("30", False, False),
    (" 30d", False, False),
    ("30 d", False, False),
    ("30D", False, False),
    ("1M", False, False),
    ("1H", False, False),
    ("d30", False, False),
    ("-1d", False, False),
    ("1.5d", False, False),
    ("month", False, False),
    ("every week", False, False),
    ("weekly please", False, False),
]

_PROBE = """
import json, sys
from datetime import datetime, timedelta, timezone
from litellm.litellm_core_utils.duration_parser import duration_in_seconds
from litellm.proxy.common_utils.timezone_utils import budget_duration_error

def expiry_ok(text):
    # What /key/generate does with duration: now plus the parsed seconds.
    try:
        datetime.now(timezone.utc) + timedelta(seconds=duration_in_seconds(text))
    except (ValueError, OverflowError):
        return False
    return True

texts = json.load(sys.stdin)
verdicts = {t: [expiry_ok(t), budget_duration_error(t) is None] for t in texts}
json.dump(verdicts, sys.stdout)
"""


@pytest.mark.parametrize(("text", "accepted"), [(row[0], row[1]) for row in TABLE])
def test_duration_problem_follows_table(text: str, accepted: bool) -> None:
    assert (duration_problem(text) is None) is accepted


@pytest.mark.parametrize(("text", "accepted"), [(row[0], row[2]) for row in TABLE])
def test_budget_duration_problem_follows_table(text: str, accepted: bool) -> None:
    assert (budget_duration_problem(text) is None) is accepted


@pytest.mark.parametrize("text", [row[0] for row in TABLE if row[1]])
def test_key_duration_accepts(stack: Any, text: str) -> None:
    LitellmKey(stack, "k", duration=text)

    assert key_block(stack, "k")["duration"] == text


@pytest.mark.parametrize("text", [row[0] for row in TABLE if row[2]])
def test_key_budget_duration_accepts(stack: Any, text: str) -> None:
    LitellmKey(stack, "k", budget_duration=text)

    assert key_block(stack, "k")["budget_duration"] == text


@pytest.mark.parametrize("text", [row[0] for row in TABLE if not row[1]])
def test_key_duration_rejects(stack: Any, text: str) -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"'test/k': invalid duration = "
    ) as caught:
        LitellmKey(stack, "k", duration=text)

    assert caught.value.argument == "duration"
    assert caught.value.value == text
    assert "expected" in caught.value.expected


@pytest.mark.parametrize("text", [row[0] for row in TABLE if not row[2]])
def test_key_budget_duration_rejects(stack: Any, text: str) -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"'test/k': invalid budget_duration = "
    ) as caught:
        LitellmKey(stack, "k", budget_duration=text)

    assert caught.value.argument == "budget_duration"
    assert caught.value.value == text


def test_unknown_format_names_accepted_forms(stack: Any) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"invalid duration = '30 days' \(str\): expected an integer followed by "
        r"s, m, h, d, w or mo .*one of hourly, daily, weekly, monthly",
    ):
        LitellmKey(stack, "k", duration="30 days")


def test_budget_zero_message(stack: Any) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"invalid budget_duration = '0d' \(str\): expected a budget period "
        r"longer than zero",
    ):
        LitellmKey(stack, "k", budget_duration="0d")


def test_budget_months_message(stack: Any) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"invalid budget_duration = '2mo' \(str\): expected '1mo'",
    ):
        LitellmKey(stack, "k", budget_duration="2mo")


def test_duration_past_year_9999_message(stack: Any) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"invalid duration = '99999999d' \(str\): expected a duration that ends "
        r"before the year 10000",
    ):
        LitellmKey(stack, "k", duration="99999999d")
