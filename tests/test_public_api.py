"""The public names of ``litellm_cdktf``: ``__all__`` lists exactly what it exports."""

from __future__ import annotations
import __future__

import importlib
import inspect

import litellm_cdktf


def _isort_key(name: str) -> tuple[int, str]:
    """Order names as ruff's RUF022 does: CONSTANTS, then Classes, then the rest."""
    if name.isupper():
        return (0, name)
    if name[0].isupper():
        return (1, name)
    return (2, name)


def _exported_names() -> set[str]:
    """Return the public names the package defines, leaving out its submodules."""
    return {
        name
        for name, value in vars(litellm_cdktf).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and not isinstance(value, __future__._Feature)
    }


def test_all_is_sorted() -> None:
    assert litellm_cdktf.__all__ == sorted(litellm_cdktf.__all__, key=_isort_key)


def test_all_has_no_duplicates() -> None:
    assert len(litellm_cdktf.__all__) == len(set(litellm_cdktf.__all__))


def test_all_equals_exported_names() -> None:
    assert set(litellm_cdktf.__all__) == _exported_names()


def test_core_names_exported() -> None:
    core = {
        "LitellmKey",
        "LitellmProvider",
        "InvalidArgumentError",
        "ArgumentTypeError",
    }

    assert core <= set(litellm_cdktf.__all__)


def test_star_import_gives_all() -> None:
    namespace: dict[str, object] = {}
    exec("from litellm_cdktf import *", namespace)  # noqa: S102

    assert set(namespace) - {"__builtins__"} == set(litellm_cdktf.__all__)


def test_error_hierarchy() -> None:
    assert issubclass(litellm_cdktf.InvalidArgumentError, ValueError)
    assert issubclass(
        litellm_cdktf.InvalidArgumentError, litellm_cdktf.LitellmCdktfError
    )
    assert issubclass(
        litellm_cdktf.ArgumentTypeError, litellm_cdktf.InvalidArgumentError
    )
    assert issubclass(litellm_cdktf.ArgumentTypeError, TypeError)
    assert issubclass(litellm_cdktf.FrameworkMismatchError, TypeError)
    assert issubclass(
        litellm_cdktf.FrameworkMismatchError, litellm_cdktf.LitellmCdktfError
    )


def test_framework_name_matches_module() -> None:
    framework = importlib.import_module("litellm_cdktf._framework").cdk

    assert litellm_cdktf.framework_name == framework.__name__
    assert litellm_cdktf.framework_name in ("cdktf", "cdktn")
    assert litellm_cdktf.FRAMEWORK_ENV == "LITELLM_CDKTF_FRAMEWORK"


def test_exported_classes_keep_module_path() -> None:
    """Check that exported classes are defined in the package, not re-exported."""
    for name in ("LitellmKey", "LitellmProvider", "InvalidArgumentError"):
        value = getattr(litellm_cdktf, name)
        assert value.__module__.startswith("litellm_cdktf."), name


def test_version_string() -> None:
    parts = litellm_cdktf.__version__.split(".")

    assert len(parts) == 3
    assert all(part.isdigit() for part in parts)
