"""Generate the table of what each known LiteLLM provider release serves.

    python scripts/provider_support.py          # rewrite the generated files
    python scripts/provider_support.py --check  # exit 1 if they are out of date

Inputs: the ``litellm_key`` block of three provider schemas, in the format of
``terraform providers schema -json``, from the folder
``../shared/reference/provider-schemas/`` beside the repository
(ncecere/litellm 0.3.15 and 2.0.1, BerriAI/litellm 0.4.0), and
``litellm_cdktf/schema.py`` for the names the library writes.

Outputs: ``litellm_cdktf/_provider_support.py``, which
``litellm_cdktf.versions`` reads at synth, and the table between the
``provider-support`` markers in ``README.md``.

Besides the three schemas, the table holds four release ranges whose
``litellm_key`` block is derived from one of the three, after the providers'
Git histories. ``load_releases`` states the basis of each.
"""

from __future__ import annotations

import argparse
import json
import pprint
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT.parent / "shared" / "reference" / "provider-schemas"
DATA_PATH = ROOT / "litellm_cdktf" / "_provider_support.py"
README_PATH = ROOT / "README.md"
TABLE_BEGIN = "<!-- provider-support:begin -->"
TABLE_END = "<!-- provider-support:end -->"

# Load litellm_cdktf.schema without running the package's __init__, which
# starts jsii and imports the module this script writes.
_package = types.ModuleType("litellm_cdktf")
_package.__path__ = [str(ROOT / "litellm_cdktf")]
sys.modules.setdefault("litellm_cdktf", _package)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generated_files import (  # noqa: E402
    MissingMarkersError,
    format_python,
    replace_between,
    write_or_check,
)

from litellm_cdktf.schema import KEY_SCHEMA  # noqa: E402

NCECERE = "registry.terraform.io/ncecere/litellm"
BERRIAI = "registry.terraform.io/berriai/litellm"

SCHEMA_FILES = (
    ("ncecere-litellm-v0.3.15.json", NCECERE, "0.3.15"),
    ("ncecere-litellm-v2.0.1.json", NCECERE, "2.0.1"),
    ("berriai-litellm-v0.4.0.json", BERRIAI, "0.4.0"),
)
"""Schema file, the registry address it is keyed by, and the release it describes."""

# Flags in the order they are written: required, optional, computed,
# sensitive, write-only.
_FLAGS = (
    ("required", "R"),
    ("optional", "O"),
    ("computed", "C"),
    ("sensitive", "S"),
    ("write_only", "W"),
)

_NUMERIC_OPTIONAL_COMPUTED = (
    "max_budget",
    "max_parallel_requests",
    "tpm_limit",
    "rpm_limit",
    "soft_budget",
)


@dataclass(frozen=True)
class Release:
    """One release, or a range of releases with the same ``litellm_key`` block."""

    source: str
    first: str
    last: str
    basis: str
    fields: dict[str, str | None]
    """Flags per name (``"O+C"``), or None for a name the release lacks."""
    complete: bool
    """False when only the listed names are known; others are unknown."""


def flags_of(attribute: dict[str, Any]) -> str:
    """Return the Terraform schema flags of one attribute, such as ``"O+C"``."""
    return "+".join(letter for name, letter in _FLAGS if attribute.get(name))


def read_key_block(path: Path, source: str) -> dict[str, str]:
    """Read the ``litellm_key`` attributes of one schema file, with their flags."""
    document = json.loads(path.read_text(encoding="utf-8"))
    try:
        provider = document["provider_schemas"][source]
        block = provider["resource_schemas"]["litellm_key"]["block"]
    except KeyError as error:
        raise SystemExit(
            f"{path}: missing {error} in the litellm_key schema of {source}; "
            "expected the output format of `terraform providers schema -json`"
        ) from None
    if block.get("block_types"):
        raise SystemExit(
            f"{path}: litellm_key has nested blocks {sorted(block['block_types'])}, "
            "which this script does not handle"
        )
    return {
        name: flags_of(attribute) for name, attribute in block["attributes"].items()
    }


def complete_fields(served: dict[str, str]) -> dict[str, str | None]:
    """Add every documented name the release lacks, as None, and sort by name."""
    fields: dict[str, str | None] = dict(served)
    for field in KEY_SCHEMA.fields:
        fields.setdefault(field.name, None)
    return dict(sorted(fields.items()))


def without_computed(
    fields: dict[str, str | None], names: tuple[str, ...]
) -> dict[str, str | None]:
    """Return ``fields`` with the computed flag removed from ``names``."""
    changed = dict(fields)
    for name in names:
        flags = changed[name]
        if flags is None:
            raise SystemExit(f"{name} is missing from the base schema")
        changed[name] = "+".join(flag for flag in flags.split("+") if flag != "C")
    return changed


def load_releases(schema_dir: Path) -> list[Release]:
    """Read the schema files and derive the release ranges that share their blocks."""
    if not schema_dir.is_dir():
        raise SystemExit(
            f"provider schema folder not found: {schema_dir}. It holds the "
            "`terraform providers schema -json` output of each known provider "
            "release and must sit beside the repository at "
            "../shared/reference/provider-schemas/."
        )
    schemas: dict[tuple[str, str], dict[str, str | None]] = {}
    for file_name, source, version in SCHEMA_FILES:
        path = schema_dir / file_name
        if not path.is_file():
            raise SystemExit(f"provider schema file not found: {path}")
        schemas[source, version] = complete_fields(read_key_block(path, source))

    ncecere_0_3_15 = schemas[NCECERE, "0.3.15"]
    releases = [
        Release(
            NCECERE,
            "0.1.11",
            "0.3.14",
            "Same names as 0.3.15, which made "
            + ", ".join(_NUMERIC_OPTIONAL_COMPUTED)
            + " computed as well as optional.",
            without_computed(ncecere_0_3_15, _NUMERIC_OPTIONAL_COMPUTED),
            complete=True,
        ),
        Release(
            NCECERE,
            "0.3.15",
            "0.3.15",
            "Provider schema of ncecere/terraform-provider-litellm v0.3.15.",
            ncecere_0_3_15,
            complete=True,
        ),
        Release(
            NCECERE,
            "1.0.4",
            "2.0.0",
            "spend was removed in 1.0.4. The other names of these releases "
            "are unknown.",
            {"spend": None},
            complete=False,
        ),
        Release(
            NCECERE,
            "2.0.1",
            "2.0.1",
            "Provider schema of ncecere/terraform-provider-litellm v2.0.1.",
            schemas[NCECERE, "2.0.1"],
            complete=True,
        ),
        Release(
            BERRIAI,
            "0.1.0",
            "0.1.2",
            "Same litellm_key block as ncecere/litellm 0.3.15.",
            ncecere_0_3_15,
            complete=True,
        ),
        Release(
            BERRIAI,
            "0.4.0",
            "0.4.0",
            "Provider schema of BerriAI/terraform-provider-litellm v0.4.0.",
            schemas[BERRIAI, "0.4.0"],
            complete=True,
        ),
        Release(
            BERRIAI,
            "1.0.0",
            "1.0.0",
            "The v1.0.0 tag points at the commit of v0.1.0, so the block equals "
            "0.1.0's.",
            ncecere_0_3_15,
            complete=True,
        ),
    ]
    return releases


def render_data(releases: list[Release]) -> str:
    """Render ``litellm_cdktf/_provider_support.py``."""
    entries = [
        {
            "source": release.source,
            "first": release.first,
            "last": release.last,
            "complete": release.complete,
            "basis": release.basis,
            "litellm_key": release.fields,
        }
        for release in releases
    ]
    body = pprint.pformat(tuple(entries), indent=1, width=76, sort_dicts=False)
    source = f'''\
"""The ``litellm_key`` names each known provider release serves, with their flags.

Generated by ``scripts/provider_support.py`` from the providers' Terraform
schemas; do not edit. Each entry covers the releases ``first`` to ``last``
(inclusive). ``litellm_key`` maps a name to its schema flags (R required,
O optional, C computed, S sensitive, W write-only) or to None when the
releases lack it. When ``complete`` is False only the listed names are known.
"""

from typing import Any

RELEASES: tuple[dict[str, Any], ...] = {body}
'''
    return format_python(source, DATA_PATH)


def _column_title(release: Release) -> str:
    name = release.source.removeprefix("registry.terraform.io/")
    if release.first == release.last:
        return f"{name} {release.first}"
    return f"{name} {release.first}–{release.last}"


def render_table(releases: list[Release]) -> str:
    """Render the README table: one row per library name, one column per release."""
    titles = [_column_title(release) for release in releases]
    lines = [
        "| name | " + " | ".join(titles) + " | companion |",
        "| --- | " + " | ".join("---" for _ in releases) + " | --- |",
    ]
    for field in KEY_SCHEMA.fields:
        cells = []
        for release in releases:
            if field.name not in release.fields:
                cells.append("?")
            else:
                cells.append(release.fields[field.name] or "—")
        lines.append(f"| `{field.name}` | " + " | ".join(cells) + " | served |")
    lines.append("")
    lines.append(
        "R required, O optional, C computed, S sensitive, W write-only (never "
        "stored, reads as null), — missing, ? unknown. "
        "ncecere/litellm 1.0.4–2.0.0 is known only to lack `spend`."
    )
    return "\n".join(lines)


def render_readme(current: str, releases: list[Release]) -> str:
    """Return ``current`` with the text between the markers replaced by the table."""
    return replace_between(
        current, TABLE_BEGIN, TABLE_END, render_table(releases), README_PATH.name
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="report stale files instead of writing"
    )
    options = parser.parse_args()
    releases = load_releases(SCHEMA_DIR)
    outputs = {DATA_PATH: render_data(releases)}
    status = 0
    try:
        outputs[README_PATH] = render_readme(
            README_PATH.read_text(encoding="utf-8"), releases
        )
    except MissingMarkersError as error:
        print(f"error: {error}", file=sys.stderr)
        status = 2
    written = write_or_check(
        outputs,
        check=options.check,
        command="python scripts/provider_support.py",
    )
    return status or written


if __name__ == "__main__":
    sys.exit(main())
