"""Provider version awareness: constraint matcher, support table, synth warnings."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT, SHARED, synth

from litellm_cdktf import (
    COMPANION_SOURCE,
    InvalidArgumentError,
    LitellmKey,
    LitellmProvider,
    VersionConstraint,
    admitted_releases,
    known_releases,
)
from litellm_cdktf.versions import normalize_source

SCHEMA_DIR = SHARED / "reference" / "provider-schemas"
COMPANION = "the companion provider (LitellmProvider(..., companion=True))"

# -- the constraint matcher ---------------------------------------------------

MATCHES = [
    # (constraint, release, admitted)
    ("~> 0.3.15", "0.3.15", True),
    ("~> 0.3.15", "0.3.99", True),
    ("~> 0.3.15", "0.3.14", False),
    ("~> 0.3.15", "0.4.0", False),
    ("~> 0.3", "0.3.0", True),
    ("~> 0.3", "0.9.1", True),
    ("~> 0.3", "1.0.0", False),
    ("~> 2.0", "2.0.1", True),
    ("~> 2.0", "2.7.0", True),
    ("~> 2.0", "3.0.0", False),
    ("~> 1", "1.9.0", True),
    ("~> 1", "2.0.0", False),
    ("~> 1.0.4", "1.0.4", True),
    ("~> 1.0.4", "1.0.3", False),
    ("~> 1.0.4", "1.1.0", False),
    ("~> 01.2", "1.2.0", True),
    ("~> 01.2", "2.0.0", False),
    ("~> 2.0.1-beta", "2.0.1", True),
    ("= 1.0", "1.0.0", True),
    ("= 1.0", "1.0.1", False),
    ("1.0.0", "1.0.0", True),
    ("1.0.0", "1.0.1", False),
    ("= 2.0.1-beta", "2.0.1", False),
    ("= 1.0.0+build", "1.0.0", False),
    ("!= 2.0.1", "2.0.1", False),
    ("!= 2.0.1", "2.0.0", True),
    (">= 1.0.4", "1.0.4", True),
    (">= 1.0.4", "1.0.3", False),
    (">1.0.4", "1.0.4", False),
    ("> 1.0.4", "1.0.5", True),
    ("< 2", "1.99.0", True),
    ("< 2", "2.0.0", False),
    ("<= 0.3", "0.3.0", True),
    ("<= 0.3", "0.3.1", False),
    ("< 2.0.1-beta", "2.0.0", True),
    ("< 2.0.1-beta", "2.0.1", False),
    ("<= 2.0.1-beta", "2.0.1", False),
    ("> 2.0.1-beta", "2.0.1", True),
    (" >= 1.0 , < 2 ", "1.5.0", True),
    (">= 0.3.15, < 0.3.15", "0.3.15", False),
    ("> 0.3.14, != 0.3.15", "0.3.15", False),
    ("> 0.3.14, != 0.3.15", "0.3.16", True),
]


@pytest.mark.parametrize(("constraint", "release", "admitted"), MATCHES)
def test_constraint_admits(constraint: str, release: str, admitted: bool) -> None:
    assert VersionConstraint(constraint).admits(release) is admitted


RANGES = [
    # (constraint, first, last, admitted)
    ("~> 0.3.15", "0.1.11", "0.3.14", False),
    ("~> 0.3.0", "0.1.11", "0.3.14", True),
    ("< 0.1.11", "0.1.11", "0.3.14", False),
    ("<= 0.1.11", "0.1.11", "0.3.14", True),
    ("~> 1.0.4", "1.0.4", "2.0.0", True),
    (">= 2.0.1", "1.0.4", "2.0.0", False),
    (">= 0.1.0, != 0.1.0, != 0.1.1, != 0.1.2", "0.1.0", "0.1.2", False),
    (">= 0.1.0, != 0.1.0, != 0.1.2", "0.1.0", "0.1.2", True),
    # Every 0.2.x lies in the range, so two exclusions leave plenty.
    ("!= 0.2.0, != 0.2.1", "0.1.11", "0.3.14", True),
]


@pytest.mark.parametrize(("constraint", "first", "last", "admitted"), RANGES)
def test_constraint_admits_range(
    constraint: str, first: str, last: str, admitted: bool
) -> None:
    assert VersionConstraint(constraint).admits_any(first, last) is admitted


@pytest.mark.parametrize(
    "constraint",
    ["", "latest", "v1.0", "1.0.0.0", "==1.0", "=> 1.0", ">= 1.0,, < 2", "~> 1.x"],
)
def test_constraint_invalid(constraint: str) -> None:
    with pytest.raises(ValueError, match="invalid version constraint"):
        VersionConstraint(constraint)


def test_provider_rejects_invalid_version(stack: Any) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        LitellmProvider(stack, "litellm", version="latest")

    message = str(caught.value)
    assert message.startswith(
        "LitellmProvider 'test/litellm': invalid version = 'latest'"
    )
    assert "expected a Terraform version constraint such as '~> 0.3.15'" in message


def test_normalize_source() -> None:
    assert (
        normalize_source("BerriAI/litellm") == "registry.terraform.io/berriai/litellm"
    )
    assert (
        normalize_source("registry.terraform.io/ncecere/litellm")
        == "registry.terraform.io/ncecere/litellm"
    )


# Versions published to the fake mirror that Terraform chooses from. Versions
# are picked so that each constraint below has a different newest match.
MIRROR_VERSIONS = [
    "0.1.0", "0.2.0", "0.3.14", "0.3.15", "0.4.0",
    "1.0.0", "1.0.4", "1.2.0", "2.0.0", "2.0.1",
]  # fmt: skip
TERRAFORM_CONSTRAINTS = [
    "~> 0.3.15", "~> 1", "~> 1.0", "= 1.0", "~> 0.3", "> 0.3.14, != 0.3.15",
    ">= 1.0.4", "~> 2.0", "!= 2.0.1", "< 0.3", "<= 0.3", "~> 2.0.1-beta",
    "< 2.0.1-beta", "> 2.0.1", "= 0.3", "~> 0", ">= 0.3.15, < 0.3.15",
    "~> 01.2", "1.02",
]  # fmt: skip


@pytest.mark.terraform
def test_constraint_matches_terraform(tmp_path: Path) -> None:
    """Terraform init picks the newest mirrored version the matcher admits."""
    mirror = tmp_path / "mirror" / "registry.terraform.io" / "ncecere" / "litellm"
    for version in MIRROR_VERSIONS:
        platform = mirror / version / "linux_amd64"
        platform.mkdir(parents=True)
        binary = platform / f"terraform-provider-litellm_v{version}"
        binary.write_text("#!/bin/sh\nexit 1\n")
        binary.chmod(0o755)
    config = tmp_path / "terraformrc"
    config.write_text(
        f"provider_installation {{\n  filesystem_mirror {{\n"
        f'    path = "{tmp_path / "mirror"}"\n  }}\n}}\n'
    )
    environment = {
        **os.environ,
        "TF_CLI_CONFIG_FILE": str(config),
        "CHECKPOINT_DISABLE": "1",
    }

    for index, constraint in enumerate(TERRAFORM_CONSTRAINTS):
        workdir = tmp_path / f"case{index}"
        workdir.mkdir()
        (workdir / "main.tf").write_text(
            "terraform {\n  required_providers {\n    litellm = {\n"
            f'      source  = "ncecere/litellm"\n      version = "{constraint}"\n'
            "    }\n  }\n}\n"
        )
        result = subprocess.run(
            ["terraform", "init", "-no-color", "-input=false"],
            cwd=workdir,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
        chosen = re.search(r"Installing ncecere/litellm v(\S+)\.\.\.", result.stdout)
        admitted = [
            v for v in MIRROR_VERSIONS if VersionConstraint(constraint).admits(v)
        ]
        expected = admitted[-1] if admitted else None

        assert (chosen[1] if chosen else None) == expected, (
            f"{constraint!r}: terraform chose {chosen[1] if chosen else None}, "
            f"matcher expects {expected}\n{result.stdout}{result.stderr}"
        )


# -- the support table ----------------------------------------------------------


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "provider_support.py"
    spec = importlib.util.spec_from_file_location("provider_support_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look the module up in sys.modules while the class is built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def schema_folder() -> Path:
    if not SCHEMA_DIR.is_dir():
        pytest.fail(
            f"the provider schema folder {SCHEMA_DIR} is missing: it belongs to the "
            "shared folder beside the repository",
            pytrace=False,
        )
    return SCHEMA_DIR


needs_schemas = pytest.mark.usefixtures("schema_folder")


@needs_schemas
def test_support_table_up_to_date() -> None:
    script = _load_script()
    expected = script.render_data(script.load_releases(SCHEMA_DIR))

    current = (ROOT / "litellm_cdktf" / "_provider_support.py").read_text()
    assert current == expected, "run python scripts/provider_support.py"


@needs_schemas
def test_readme_support_table_up_to_date() -> None:
    script = _load_script()
    readme = (ROOT / "README.md").read_text()

    assert script.TABLE_BEGIN in readme, "README.md lacks the provider-support markers"
    expected = script.render_readme(readme, script.load_releases(SCHEMA_DIR))
    assert readme == expected, "run python scripts/provider_support.py"


def test_script_fails_without_schema_folder(tmp_path: Path) -> None:
    script = _load_script()

    with pytest.raises(SystemExit, match="provider schema folder not found"):
        script.load_releases(tmp_path / "absent")


def test_script_fails_without_markers() -> None:
    script = _load_script()

    with pytest.raises(script.MissingMarkersError, match="provider-support:begin"):
        script.render_readme("# README\n", [])


def test_known_releases_cover_schema_files() -> None:
    ranges = {(r.source, r.first, r.last) for r in known_releases()}

    assert ("registry.terraform.io/ncecere/litellm", "0.3.15", "0.3.15") in ranges
    assert ("registry.terraform.io/ncecere/litellm", "2.0.1", "2.0.1") in ranges
    assert ("registry.terraform.io/berriai/litellm", "0.4.0", "0.4.0") in ranges


def test_berriai_key_is_write_only() -> None:
    (release,) = admitted_releases("BerriAI/litellm", "0.4.0")

    assert release.fields["key"] == frozenset({"O", "S", "W"})
    assert release.serves_attribute("key") is False
    assert release.serves_attribute("token_id") is True


def test_admitted_releases_default() -> None:
    admitted = admitted_releases("ncecere/litellm", "~> 0.3.15")

    assert [(r.first, r.last) for r in admitted] == [("0.3.15", "0.3.15")]


def test_admitted_releases_unknown_source() -> None:
    assert admitted_releases("example/litellm", ">= 0.0.1") == []


# -- warnings at synth ------------------------------------------------------------


def warnings_of(construct: Any) -> list[str]:
    """Return the warning annotations added to ``construct``."""
    return [
        str(entry.data)
        for entry in construct.node.metadata
        if str(entry.type).endswith("/warn")
    ]


def _documented_arguments() -> dict[str, Any]:
    """Return a value for every documented argument but send_invite_email."""
    return {
        "models": ["gpt-4"],
        "max_budget": 100.0,
        "user_id": "user123",
        "team_id": "team456",
        "max_parallel_requests": 5,
        "metadata": {"environment": "production"},
        "tpm_limit": 1000,
        "rpm_limit": 60,
        "budget_duration": "monthly",
        "allowed_cache_controls": ["no-cache"],
        "soft_budget": 80.0,
        "key_alias": "prod-key-1",
        "duration": "30d",
        "aliases": {"gpt-3.5-turbo": "chatgpt"},
        "config": {"default_model": "gpt-3.5-turbo"},
        "permissions": {"can_create_keys": "true"},
        "model_max_budget": {"gpt-4": 50.0},
        "model_rpm_limit": {"gpt-3.5-turbo": 30},
        "model_tpm_limit": {"gpt-4": 500},
        "guardrails": ["content_filter"],
        "blocked": False,
        "tags": ["production"],
    }


def _read_every_attribute(key: LitellmKey) -> None:
    for name in ("id", "key", "spend"):
        getattr(key, name)


def test_default_provider_warns_send_invite_email_only(stack: Any) -> None:
    LitellmProvider(stack, "litellm")
    key = LitellmKey(stack, "all", send_invite_email=True, **_documented_arguments())
    _read_every_attribute(key)
    synth(stack, run_validations=True)

    assert warnings_of(key) == [
        "LitellmKey 'test/all' sets send_invite_email, but ncecere/litellm "
        "'~> 0.3.15' admits releases that do not accept this argument: 0.3.15. "
        "Terraform will reject it as an unsupported argument. send_invite_email "
        f"is served by {COMPANION}."
    ]


def test_default_provider_no_false_warnings(stack: Any) -> None:
    LitellmProvider(stack, "litellm")
    key = LitellmKey(stack, "all", **_documented_arguments())
    _read_every_attribute(key)
    for name in _documented_arguments():
        getattr(key, name)
    synth(stack, run_validations=True)

    assert warnings_of(key) == []


SPEND_SERVERS = (
    "ncecere/litellm 0.1.11 to 0.3.15; berriai/litellm 0.1.0 to 0.1.2, 0.4.0 "
    f"and 1.0.0; {COMPANION}"
)


@pytest.mark.parametrize(
    ("constraint", "versions"),
    [
        (">= 1.0.4", "1.0.4 to 2.0.1"),
        ("~> 2.0", "2.0.0 to 2.0.1"),
        ("= 2.0.1", "2.0.1"),
        ("~> 1.0.4", "1.0.4 to below 1.1.0"),
        ("~> 1.5", "1.5.0 to below 2.0.0"),
        (">= 0.3.0", "1.0.4 to 2.0.1"),
    ],
)
def test_spend_warns_from_1_0_4(stack: Any, constraint: str, versions: str) -> None:
    LitellmProvider(stack, "litellm", version=constraint)
    key = LitellmKey(stack, "k", models=["gpt-4"])
    key.spend  # noqa: B018 - reading the attribute hands out its token
    synth(stack, run_validations=True)

    assert warnings_of(key) == [
        f"LitellmKey 'test/k' reads spend, but ncecere/litellm {constraint!r} "
        f"admits releases that lack this attribute: {versions}. Terraform will "
        "reject the reference as an unsupported attribute. spend is served by "
        f"{SPEND_SERVERS}."
    ]


def test_spend_not_read_no_warning(stack: Any) -> None:
    LitellmProvider(stack, "litellm", version="~> 2.0")
    key = LitellmKey(stack, "k", models=["gpt-4"])
    key.id  # noqa: B018
    synth(stack, run_validations=True)

    assert warnings_of(key) == []


def test_berriai_key_read_warns(stack: Any, cdk: Any) -> None:
    LitellmProvider(stack, "litellm", source="BerriAI/litellm", version="~> 0.4.0")
    key = LitellmKey(stack, "k", models=["gpt-4"])
    cdk.TerraformOutput(stack, "secret", value=key.key, sensitive=True)
    synth(stack, run_validations=True)

    assert warnings_of(key) == [
        "LitellmKey 'test/k' reads key, but berriai/litellm '~> 0.4.0' admits "
        "releases where key is write-only: 0.4.0. The reference reads as null, "
        "because Terraform never stores the value. key is served by "
        "ncecere/litellm 0.1.11 to 0.3.15 and 2.0.1; berriai/litellm 0.1.0 to "
        f"0.1.2 and 1.0.0; {COMPANION}."
    ]


def test_berriai_early_releases_serve_key(stack: Any) -> None:
    LitellmProvider(stack, "litellm", source="berriai/litellm", version="~> 0.1.0")
    key = LitellmKey(stack, "k", models=["gpt-4"])
    _read_every_attribute(key)
    synth(stack, run_validations=True)

    assert warnings_of(key) == []


def test_aliased_provider_key_warns(stack: Any) -> None:
    LitellmProvider(stack, "litellm", version="~> 2.0")
    staging = LitellmProvider(stack, "staging", alias="staging", version="~> 2.0")
    key = LitellmKey(stack, "k", provider=staging, send_invite_email=False)
    synth(stack, run_validations=True)

    (warning,) = warnings_of(key)
    assert warning.startswith(
        "LitellmKey 'test/k' sets send_invite_email, but ncecere/litellm '~> 2.0' "
        "admits releases that do not accept this argument: 2.0.1."
    )


@pytest.mark.parametrize(
    "provider",
    [
        {"companion": True},
        {"source": COMPANION_SOURCE, "version": ">= 0.1.0"},
        {"source": "example/litellm"},
        {"version": "~> 3.0"},
        {"version": "~> 0.5"},
    ],
)
def test_no_warning_without_known_release(stack: Any, provider: dict[str, Any]) -> None:
    LitellmProvider(stack, "litellm", **provider)
    key = LitellmKey(stack, "k", send_invite_email=True)
    _read_every_attribute(key)
    synth(stack, run_validations=True)

    assert warnings_of(key) == []


def test_no_provider_no_warning(stack: Any) -> None:
    key = LitellmKey(stack, "k", send_invite_email=True)
    # Synth would fail, because CDKTF requires a provider for litellm_key,
    # so run the validations directly.
    errors = stack.node.validate()

    assert warnings_of(key) == []
    assert any("without a matching provider" in error for error in errors)


def test_warning_once_per_synth_repeat(app: Any, cdk: Any) -> None:
    stack = cdk.TerraformStack(app, "twice")
    LitellmProvider(stack, "litellm")
    key = LitellmKey(stack, "k", send_invite_email=True)
    app.synth()
    app.synth()

    assert len(warnings_of(key)) == 1


def test_same_path_in_new_app_warns_again(cdk: Any) -> None:
    keys = []
    for _ in range(2):
        stack = cdk.TerraformStack(cdk.Testing.app(), "test")
        LitellmProvider(stack, "litellm")
        keys.append(LitellmKey(stack, "k", send_invite_email=True))
        synth(stack, run_validations=True)

    assert [len(warnings_of(key)) for key in keys] == [1, 1]


def test_warning_does_not_fail_synth(stack: Any) -> None:
    LitellmProvider(stack, "litellm", version="~> 2.0")
    key = LitellmKey(stack, "k", send_invite_email=True)
    key.spend  # noqa: B018

    result = synth(stack, run_validations=True)

    assert result["resource"]["litellm_key"]["k"]["send_invite_email"] is True


@needs_schemas
def test_script_check_passes() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "provider_support.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
