"""The schema of ``litellm_key`` and of the ``litellm`` provider block, declared once.

Everything else derives from these declarations: the ``LitellmKey`` constructor,
its properties and setters (generated into ``_key_api.py`` by
``scripts/generate.py``), argument validation, JSON and HCL synthesis, the
companion Terraform provider's schema, the README's argument table and the
tests. To add an argument, add one ``Field`` below and run
``make generate``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from . import rules
from .kinds import (
    BOOL,
    INTEGER,
    INTEGER_MAP,
    NUMBER,
    NUMBER_MAP,
    STRING,
    STRING_LIST,
    STRING_MAP,
    ValueKind,
    ValueProblem,
)
from .rules import Rule
from .tokens import is_token

__all__ = [
    "KEY_SCHEMA",
    "PROVIDER_SCHEMA",
    "Field",
    "FieldRole",
    "ObjectSchema",
]

# PostgreSQL column limits in LiteLLM 1.108's schema.prisma: an Int column stores
# up to 2**31 - 1. A BigInt column stores up to 2**63 - 1, but CDKTF passes every number
# through JavaScript, which keeps integers exact only up to 2**53 - 1
# (Number.MAX_SAFE_INTEGER): 2**63 - 1 would be written as 2**63.
_INT32_MAX = 2**31 - 1
_EXACT_INTEGER_MAX = 2**53 - 1
_EXACT_REASON = "the largest integer CDKTF writes exactly"


class FieldRole(Enum):
    """Whether a field is set by the user or computed by the provider."""

    ARGUMENT = "argument"
    """Optional input; the user sets it, Terraform stores what the user set."""
    COMPUTED = "computed"
    """Read-only attribute; the provider fills it in after create or read."""


@dataclass(frozen=True)
class Field:
    """One argument or attribute of a Terraform object."""

    name: str
    kind: ValueKind
    description: str
    role: FieldRole = FieldRole.ARGUMENT
    sensitive: bool = False
    rules: tuple[Rule, ...] = ()

    @property
    def is_argument(self) -> bool:
        return self.role is FieldRole.ARGUMENT

    def check(self, value: Any) -> Any:
        """Return ``value`` normalized for JSON, or raise ``ValueProblem``."""
        normalized = self.kind.normalize(value)
        for rule in self.rules:
            rule(normalized)
        return normalized


@dataclass(frozen=True)
class ObjectSchema:
    """The fields of one Terraform resource type or provider block."""

    type_name: str
    fields: tuple[Field, ...]
    cross_checks: tuple[
        Callable[[Mapping[str, Any]], tuple[str, ValueProblem] | None], ...
    ] = ()

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_by_name", {field.name: field for field in self.fields}
        )

    def field(self, name: str) -> Field:
        return self._by_name[name]  # type: ignore[attr-defined, no-any-return]

    @property
    def arguments(self) -> tuple[Field, ...]:
        return tuple(field for field in self.fields if field.is_argument)

    @property
    def computed(self) -> tuple[Field, ...]:
        return tuple(field for field in self.fields if not field.is_argument)


def _soft_budget_within_max_budget(
    values: Mapping[str, Any],
) -> tuple[str, ValueProblem] | None:
    soft = values.get("soft_budget")
    hard = values.get("max_budget")
    if soft is None or hard is None or is_token(soft) or is_token(hard):
        return None
    if soft > hard:
        return "soft_budget", ValueProblem(
            soft, f"expected at most max_budget ({hard}); the alert would never fire"
        )
    return None


_STRING_LIST_RULES = (rules.NON_EMPTY_ELEMENTS, rules.UNIQUE_ELEMENTS)
_BUDGET_RULES = (rules.at_least_zero(),)

KEY_SCHEMA = ObjectSchema(
    type_name="litellm_key",
    fields=(
        Field(
            "models",
            STRING_LIST,
            "Models the key may call. An empty list, or leaving it unset, "
            "allows every model the key's team or user may use.",
            rules=_STRING_LIST_RULES,
        ),
        Field(
            "max_budget",
            NUMBER,
            "Spend limit of the key, in US dollars. Requests fail once the "
            "key's spend reaches it.",
            rules=_BUDGET_RULES,
        ),
        Field(
            "user_id",
            STRING,
            "ID of the LiteLLM user who owns the key.",
            rules=(rules.NON_EMPTY,),
        ),
        Field(
            "team_id",
            STRING,
            "ID of the LiteLLM team the key belongs to. The team must exist: "
            "LiteLLM accepts an unknown team at creation but rejects every "
            "later update of the key.",
            rules=(rules.NON_EMPTY,),
        ),
        Field(
            "max_parallel_requests",
            INTEGER,
            "Number of requests the key may have in flight at once.",
            rules=(rules.at_least_zero(), rules.at_most(_INT32_MAX, "a 32-bit column")),
        ),
        Field(
            "metadata",
            STRING_MAP,
            "Free-form labels stored with the key.",
            rules=(rules.NON_EMPTY_KEYS,),
        ),
        Field(
            "tpm_limit",
            INTEGER,
            "Tokens per minute the key may use, over all models.",
            rules=(
                rules.at_least_zero(),
                rules.at_most(_EXACT_INTEGER_MAX, _EXACT_REASON),
            ),
        ),
        Field(
            "rpm_limit",
            INTEGER,
            "Requests per minute the key may make, over all models.",
            rules=(
                rules.at_least_zero(),
                rules.at_most(_EXACT_INTEGER_MAX, _EXACT_REASON),
            ),
        ),
        Field(
            "budget_duration",
            STRING,
            "Period after which LiteLLM resets the key's spend to zero, such "
            "as `30d` or `monthly`.",
            rules=(rules.LITELLM_BUDGET_DURATION,),
        ),
        Field(
            "allowed_cache_controls",
            STRING_LIST,
            "Cache-control directives that requests made with the key may "
            "send, such as `no-cache`.",
            rules=_STRING_LIST_RULES,
        ),
        Field(
            "soft_budget",
            NUMBER,
            "Spend, in US dollars, at which LiteLLM sends a budget alert for "
            "the key. Must not exceed `max_budget`.",
            rules=_BUDGET_RULES,
        ),
        Field(
            "key_alias",
            STRING,
            "Human-readable name of the key, shown in the LiteLLM UI. LiteLLM "
            "requires it to be unique across all keys.",
            rules=(rules.NON_EMPTY, rules.SAFE_KEY_ALIAS),
        ),
        Field(
            "duration",
            STRING,
            "Lifetime of the key from its creation, such as `30d`; the key "
            "expires afterwards. Unset means the key never expires.",
            rules=(rules.LITELLM_DURATION,),
        ),
        Field(
            "aliases",
            STRING_MAP,
            "Model aliases for the key: each entry maps a name that requests "
            "may use to the model that serves it.",
            rules=(rules.NON_EMPTY_KEYS,),
        ),
        Field(
            "config",
            STRING_MAP,
            "Key-specific proxy settings.",
            rules=(rules.NON_EMPTY_KEYS,),
        ),
        Field(
            "permissions",
            STRING_MAP,
            "Permissions granted to the key, as name and value pairs.",
            rules=(rules.NON_EMPTY_KEYS,),
        ),
        Field(
            "model_max_budget",
            NUMBER_MAP,
            "Spend limit per model, in US dollars, keyed by model name.",
            rules=(rules.NON_EMPTY_KEYS, rules.at_least_zero()),
        ),
        Field(
            "model_rpm_limit",
            INTEGER_MAP,
            "Requests per minute per model, keyed by model name.",
            rules=(
                rules.NON_EMPTY_KEYS,
                rules.at_least_zero(),
                rules.at_most(_EXACT_INTEGER_MAX, _EXACT_REASON),
            ),
        ),
        Field(
            "model_tpm_limit",
            INTEGER_MAP,
            "Tokens per minute per model, keyed by model name.",
            rules=(
                rules.NON_EMPTY_KEYS,
                rules.at_least_zero(),
                rules.at_most(_EXACT_INTEGER_MAX, _EXACT_REASON),
            ),
        ),
        Field(
            "guardrails",
            STRING_LIST,
            "Names of the LiteLLM guardrails that run on the key's requests.",
            rules=_STRING_LIST_RULES,
        ),
        Field(
            "blocked",
            BOOL,
            "Whether the key is blocked. LiteLLM rejects every request made "
            "with a blocked key.",
        ),
        Field(
            "tags",
            STRING_LIST,
            "Tags for grouping keys and filtering spend reports.",
            rules=_STRING_LIST_RULES,
        ),
        Field(
            "send_invite_email",
            BOOL,
            "Whether LiteLLM emails an invitation to the key's user when it "
            "creates the key.",
        ),
        Field(
            "id",
            STRING,
            "LiteLLM's hashed token for the key: the SHA-256 hex digest of the "
            "secret. Safe to log, and the ID that `terraform import` takes.",
            role=FieldRole.COMPUTED,
        ),
        Field(
            "key",
            STRING,
            "The generated secret key (`sk-...`) that clients send. Sensitive.",
            role=FieldRole.COMPUTED,
            sensitive=True,
        ),
        Field(
            "spend",
            NUMBER,
            "Amount the key has spent so far, in US dollars.",
            role=FieldRole.COMPUTED,
        ),
    ),
    cross_checks=(_soft_budget_within_max_budget,),
)

PROVIDER_SCHEMA = ObjectSchema(
    type_name="litellm",
    fields=(
        Field(
            "api_base",
            STRING,
            "Base URL of the LiteLLM proxy, such as `http://127.0.0.1:4000`. "
            "Falls back to the `LITELLM_API_BASE` environment variable.",
            rules=(rules.NON_EMPTY,),
        ),
        Field(
            "api_key",
            STRING,
            "LiteLLM master key or admin key. Sensitive. Falls back to the "
            "`LITELLM_API_KEY` environment variable.",
            sensitive=True,
            rules=(rules.NON_EMPTY,),
        ),
    ),
)
