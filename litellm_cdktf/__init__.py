"""CDK for Terraform constructs for the LiteLLM proxy: typed, validated virtual keys.

``LitellmKey`` defines a ``litellm_key`` resource and ``LitellmProvider`` the
provider block it needs. Both run on CDKTF (``cdktf``) or CDK Terrain
(``cdktn``); see ``litellm_cdktf._framework`` for how the framework is chosen.
"""

from __future__ import annotations

from . import checks as _checks  # noqa: F401  (registers the synth-time checks)
from ._framework import FRAMEWORK_ENV, framework_name
from .errors import (
    ArgumentTypeError,
    FrameworkMismatchError,
    InvalidArgumentError,
    LitellmCdktfError,
)
from .key import LitellmKey
from .provider import (
    COMPANION_SOURCE,
    COMPANION_VERSION,
    DEFAULT_SOURCE,
    DEFAULT_VERSION,
    LitellmProvider,
)
from .versions import (
    ReleaseSupport,
    VersionConstraint,
    admitted_releases,
    known_releases,
)

__version__ = "0.1.0"

__all__ = [
    "COMPANION_SOURCE",
    "COMPANION_VERSION",
    "DEFAULT_SOURCE",
    "DEFAULT_VERSION",
    "FRAMEWORK_ENV",
    "ArgumentTypeError",
    "FrameworkMismatchError",
    "InvalidArgumentError",
    "LitellmCdktfError",
    "LitellmKey",
    "LitellmProvider",
    "ReleaseSupport",
    "VersionConstraint",
    "admitted_releases",
    "framework_name",
    "known_releases",
]
