"""The ``litellm_key`` reference page against the library's schema and output.

The page is read from ``../shared/reference/litellm_key.md``, beside the
repository, and is not copied into it: its facts are the contract, its text is
not ours. Every machine that runs this suite (development machines and CI) has
that folder; where it is missing these tests fail and say so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED, synth
from hcltools import parse_hcl

from litellm_cdktf import LitellmKey
from litellm_cdktf.schema import KEY_SCHEMA

REFERENCE = SHARED / "reference" / "litellm_key.md"


@pytest.fixture(scope="module")
def page() -> str:
    if not REFERENCE.is_file():
        pytest.fail(
            f"the litellm_key reference page is missing: expected it at {REFERENCE} "
            "(the shared folder beside the repository)",
            pytrace=False,
        )
    return Path(REFERENCE).read_text(encoding="utf-8")


def _section(page: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", page, re.M | re.S)
    assert match is not None, f"section {title!r} not found in {REFERENCE}"
    return match.group(1)


def _listed_names(section: str) -> list[str]:
    return re.findall(r"^- `([a-z_]+)` - ", section, re.M)


def _documented_example(page: str) -> dict[str, Any]:
    block = re.search(r"```hcl\n(.*?)```", page, re.S)
    assert block is not None, f"no HCL example in {REFERENCE}"
    resources = parse_hcl(block.group(1))["resource"]["litellm_key"]
    assert list(resources) == ["example"]
    return resources["example"]  # type: ignore[no-any-return]


def test_arguments_match_schema(page: str) -> None:
    documented = _listed_names(_section(page, "Argument Reference"))
    declared = [field.name for field in KEY_SCHEMA.arguments]
    assert documented == declared


def test_attributes_match_schema(page: str) -> None:
    documented = _listed_names(_section(page, "Attribute Reference"))
    declared = [field.name for field in KEY_SCHEMA.computed if field.name != "id"]
    assert documented == declared


def test_import_takes_the_id_attribute(page: str) -> None:
    section = _section(page, "Import")
    assert "using the `id`" in section
    assert KEY_SCHEMA.field("id").description.endswith(
        "the ID that `terraform import` takes."
    )


def test_example_equals_synthesized_json(page: str, stack: Any) -> None:
    example = _documented_example(page)

    LitellmKey(stack, "example", **example)

    synthesized = synth(stack)["resource"]["litellm_key"]["example"]
    assert synthesized == example
    assert sorted(synthesized) == sorted(field.name for field in KEY_SCHEMA.arguments)


def test_example_app_matches_page(page: str, cdk: Any) -> None:
    from examples.documented_key.main import build

    app = cdk.Testing.app()
    stack = build(app)

    synthesized = synth(stack)["resource"]["litellm_key"]["example"]
    assert synthesized == _documented_example(page)
