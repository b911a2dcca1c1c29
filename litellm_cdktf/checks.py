"""Checks over all keys of a stack, run at synth by CDKTF's validation step."""

from __future__ import annotations

from typing import Any

from ._synthesis import KeySynthesizer, register_stack_check
from .provider import providers_of
from .tokens import is_token

__all__ = ["check_unique_key_aliases"]


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
        alias = key._arguments.get("key_alias")
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
