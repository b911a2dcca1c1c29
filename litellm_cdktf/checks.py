"""Checks over all keys of a stack, run at synth by CDKTF's validation step."""

from __future__ import annotations

from typing import Any

from ._synthesis import KeySynthesizer, register_stack_check
from .provider import providers_of
from .tokens import is_token

__all__ = ["check_alias_not_repeated_by_count", "check_unique_key_aliases"]


def _provider_label(provider: Any) -> str:
    if provider is None:
        return "the stack's default litellm provider"
    alias = provider.alias
    return f"provider litellm.{alias}" if alias else "the default litellm provider"


@register_stack_check
def check_unique_key_aliases(synthesizer: KeySynthesizer) -> list[str]:
    """Reject two keys with the same literal ``key_alias`` under one provider.

    LiteLLM 1.108 requires a key alias to be unique across all keys of a proxy,
    so the second key would fail at apply time. Keys bound to different
    providers may share an alias: they live on different proxies.
    """
    default = next(
        (p for p in providers_of(synthesizer.stack) if p.alias is None), None
    )
    seen: dict[tuple[int, str], Any] = {}
    errors: list[str] = []
    for key in synthesizer.resources:
        alias = key._argument_input("key_alias")
        if alias is None or is_token(alias):
            continue
        provider = key._provider if key._provider is not None else default
        first = seen.setdefault((id(provider), alias), key)
        if first is not key:
            errors.append(
                f"LitellmKeys {first.node.path!r} and {key.node.path!r} both set "
                f"key_alias {alias!r} under {_provider_label(provider)}; LiteLLM "
                "requires key aliases to be unique across all keys of a proxy, so "
                "give each key its own alias"
            )
    return errors


@register_stack_check
def check_alias_not_repeated_by_count(synthesizer: KeySynthesizer) -> list[str]:
    """Reject a literal ``key_alias`` on a key that Terraform creates several times.

    With ``count`` above 1 or with ``for_each``, every copy would get the same
    alias, and LiteLLM rejects all but the first.
    """
    errors: list[str] = []
    for key in synthesizer.resources:
        count = key._count
        repeated = key._for_each is not None or (
            isinstance(count, (int, float)) and not is_token(count) and count > 1
        )
        if not repeated:
            continue
        alias = key._argument_input("key_alias")
        if alias is not None and not is_token(alias):
            how = "for_each" if key._for_each is not None else f"count = {count:g}"
            errors.append(
                f"LitellmKey {key.node.path!r} sets key_alias {alias!r} and {how}, "
                "so every copy would get the same alias, which LiteLLM rejects; "
                "derive the alias from the copy instead, such as "
                'f"svc-{iterator.key}" or a token built with count.index'
            )
    return errors
