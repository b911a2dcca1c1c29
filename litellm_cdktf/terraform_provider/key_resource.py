"""The ``litellm_key`` resource: a LiteLLM virtual key managed by Terraform.

Create calls ``POST /key/generate``, read ``GET /key/info``, update
``POST /key/update`` and delete ``POST /key/delete``. The Terraform ``id`` is
LiteLLM's hashed token (the SHA-256 hex digest of the secret), which every one
of those endpoints accepts in place of the secret and which is safe to log.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tf.iface import (
    CreateContext,
    DeleteContext,
    ImportContext,
    ReadContext,
    Resource,
    UpdateContext,
)
from tf.schema import Schema
from tf.utils import Diagnostics

from litellm_cdktf.kinds import ValueProblem
from litellm_cdktf.schema import KEY_SCHEMA

from . import key_state
from .client import LitellmClient, LitellmRequestError
from .diagnostics import describe_key, report_request_error
from .terraform_schema import terraform_schema

if TYPE_CHECKING:
    from .provider import LitellmTerraformProvider

__all__ = ["LitellmKeyResource"]

logger = logging.getLogger(__name__)

_HASHED_TOKEN = re.compile(r"[0-9a-f]{64}")


class LitellmKeyResource(Resource):  # type: ignore[misc]
    """Create, read, update, delete and import LiteLLM keys."""

    def __init__(self, provider: LitellmTerraformProvider) -> None:
        self._provider = provider

    @classmethod
    def get_name(cls) -> str:
        # tf joins the provider's model prefix ("litellm") and this name.
        return KEY_SCHEMA.type_name.removeprefix("litellm")

    @classmethod
    def get_schema(cls) -> Schema:
        return terraform_schema(KEY_SCHEMA)

    def validate(
        self, diags: Diagnostics, type_name: str, config: dict[str, Any]
    ) -> None:
        """Check known argument values against the rules in ``KEY_SCHEMA``."""
        super().validate(diags, type_name, config)
        known: dict[str, Any] = {}
        for field in key_state.ARGUMENTS:
            value = config.get(field.name)
            if value is None or not key_state.is_known(value):
                continue
            try:
                known[field.name] = field.check(value)
            except ValueProblem as problem:
                diags.add_error(
                    f"Invalid {field.name}",
                    f"{field.name}{problem.where} = {problem}",
                    path=[field.name],
                )
        for cross_check in KEY_SCHEMA.cross_checks:
            found = cross_check(known)
            if found is not None:
                name, cross_problem = found
                diags.add_error(
                    f"Invalid {name}", f"{name} = {cross_problem}", path=[name]
                )

    def create(
        self, ctx: CreateContext, planned: dict[str, Any]
    ) -> dict[str, Any] | None:
        client = self._client(ctx.diagnostics)
        if client is None:
            return None
        team_id = planned.get("team_id")
        if team_id is not None and not self._team_exists(
            ctx.diagnostics, client, planned
        ):
            return None

        try:
            response = client.post(
                "/key/generate", key_state.create_body(planned), idempotent=False
            )
        except LitellmRequestError as error:
            report_request_error(
                ctx.diagnostics,
                error,
                action="create",
                state=planned,
                hint=self._create_failure_hint(client, error, planned),
            )
            return None
        key_id = response.get("token_id") or response.get("token")
        if not isinstance(key_id, str) or not isinstance(response.get("key"), str):
            logger.error("POST /key/generate returned no key or token_id")
            ctx.diagnostics.add_error(
                "Unexpected response from LiteLLM",
                "POST /key/generate returned no key or no token_id, so the key "
                f"({describe_key(planned)}) cannot be tracked. Look for it with "
                "GET /key/list and delete it.",
            )
            return None

        logger.info("created key %s", key_id)
        state = dict(planned)
        state["id"] = key_id
        state["key"] = response["key"]
        state["spend"] = response.get("spend") or 0.0
        return state

    def read(self, ctx: ReadContext, current: dict[str, Any]) -> dict[str, Any] | None:
        client = self._client(ctx.diagnostics)
        if client is None:
            return current
        try:
            response = client.get("/key/info", {"key": current["id"]})
        except LitellmRequestError as error:
            if error.status == 404:
                logger.info("key %s not found; removing it from state", current["id"])
                return None
            report_request_error(ctx.diagnostics, error, action="read", state=current)
            return current
        if _is_deleted(response["info"]):
            logger.info("key %s was deleted; removing it from state", current["id"])
            return None
        return key_state.state_from_info(current["id"], response["info"], current)

    def update(
        self, ctx: UpdateContext, current: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any] | None:
        client = self._client(ctx.diagnostics)
        if client is None:
            return current
        body = key_state.update_body(current["id"], current, planned)
        try:
            client.post("/key/update", body, idempotent=True)
        except LitellmRequestError as error:
            changed = ", ".join(key_state.changed_arguments(current, planned))
            report_request_error(
                ctx.diagnostics,
                error,
                action="update",
                state=planned,
                hint=f"Changed arguments: {changed}." if changed else "",
            )
            return current
        logger.info(
            "updated key %s: %s",
            current["id"],
            ", ".join(sorted(name for name in body if name != "key")),
        )
        return dict(planned)

    def delete(self, ctx: DeleteContext, current: dict[str, Any]) -> None:
        client = self._client(ctx.diagnostics)
        if client is None:
            return
        try:
            client.post("/key/delete", {"keys": [current["id"]]}, idempotent=True)
        except LitellmRequestError as error:
            if error.status == 404:
                logger.info("key %s was already deleted", current["id"])
                return
            report_request_error(ctx.diagnostics, error, action="delete", state=current)
            return
        logger.info("deleted key %s", current["id"])

    def import_(self, ctx: ImportContext, id: str) -> dict[str, Any] | None:
        diagnostics = ctx.diagnostics
        if id.startswith("sk-"):
            diagnostics.add_error(
                "Invalid import ID: a secret key",
                "The import ID is the key's hashed token, not the secret key "
                "(sk-...), because Terraform prints import IDs in its output. "
                "Use the token that GET /key/list returns, or the SHA-256 hex "
                'digest of the secret: printf %s "$KEY" | sha256sum.',
            )
            return None
        if not _HASHED_TOKEN.fullmatch(id):
            diagnostics.add_error(
                "Invalid import ID",
                f"Expected LiteLLM's hashed token: 64 lowercase hexadecimal "
                f"characters, such as the token that GET /key/list returns; got "
                f"{len(id)} characters.",
            )
            return None
        client = self._client(diagnostics)
        if client is None:
            return None
        try:
            response = client.get("/key/info", {"key": id})
        except LitellmRequestError as error:
            hint = "No key on the proxy has this id." if error.status == 404 else ""
            report_request_error(
                diagnostics, error, action="import", state={"id": id}, hint=hint
            )
            return None
        if _is_deleted(response["info"]):
            diagnostics.add_error(
                "Cannot import a deleted key",
                f"LiteLLM deleted the key with id {id} at "
                f"{response['info'].get('deleted_at')}; only live keys can be "
                "imported.",
            )
            return None
        return key_state.state_from_info(id, response["info"], {})

    def _client(self, diagnostics: Diagnostics) -> LitellmClient | None:
        client = self._provider.client
        if client is None:
            diagnostics.add_error(
                "Provider litellm is not configured",
                "The provider block could not be configured (see the errors "
                "above), so no request was sent to LiteLLM.",
            )
        return client

    def _team_exists(
        self,
        diagnostics: Diagnostics,
        client: LitellmClient,
        planned: Mapping[str, Any],
    ) -> bool:
        """Check that ``team_id`` names a team, before LiteLLM accepts an unknown one.

        LiteLLM 1.108 creates a key for a team that does not exist, then rejects
        every update of that key with 404, so the provider checks first.
        """
        try:
            client.get("/team/info", {"team_id": planned["team_id"]})
        except LitellmRequestError as error:
            report_request_error(diagnostics, error, action="create", state=planned)
            return False
        return True

    def _create_failure_hint(
        self,
        client: LitellmClient,
        error: LitellmRequestError,
        planned: Mapping[str, Any],
    ) -> str:
        alias = planned.get("key_alias")
        if error.may_have_succeeded:
            if alias is not None:
                return (
                    "The connection failed after the request was sent, so LiteLLM "
                    "may have created the key; the provider does not repeat the "
                    "request, to avoid a duplicate. Look for it with GET "
                    f"/key/list?key_alias={alias}, then import it or delete it. "
                    "Otherwise the next apply fails because the alias is taken."
                )
            return (
                "The connection failed after the request was sent, so LiteLLM may "
                "have created the key; the provider does not repeat the request. "
                "A key without key_alias cannot be matched later: list the newest "
                "keys with GET /key/list and delete the orphan, or the next apply "
                "creates a second key."
            )
        if error.param == "key_alias" and alias is not None:
            existing = _find_key_id(client, alias)
            if existing is not None:
                return (
                    f"The key that has this alias has id {existing}. If an "
                    "earlier apply created it but lost LiteLLM's response, adopt "
                    f'it with an import block (id = "{existing}") or terraform '
                    f"import; otherwise delete it or choose another key_alias."
                )
        return ""


def _is_deleted(info: Mapping[str, Any]) -> bool:
    """Tell whether ``/key/info`` served the key from LiteLLM's deleted-keys archive.

    LiteLLM 1.108 returns 200 for a deleted key, with ``status`` ``"deleted"``
    and a ``deleted_at`` time.
    """
    return info.get("status") == "deleted" or info.get("deleted_at") is not None


def _find_key_id(client: LitellmClient, alias: str) -> str | None:
    """Return the hashed token of the key with ``key_alias`` ``alias``, if any."""
    try:
        response = client.get(
            "/key/list",
            {"key_alias": alias, "return_full_object": "true", "size": 1},
        )
    except LitellmRequestError as error:
        logger.warning("looking up the key with alias %r failed: %s", alias, error)
        return None
    keys = response.get("keys") or []
    if keys and isinstance(keys[0], dict) and isinstance(keys[0].get("token"), str):
        token: str = keys[0]["token"]
        return token
    return None
