"""Keys for two teams, each with its generated secret as a sensitive output.

python examples/two_teams/main.py
"""

from __future__ import annotations

import constructs

from litellm_cdktf import LitellmKey, LitellmProvider
from litellm_cdktf._framework import cdk

TEAMS = {
    "search": {"models": ["gpt-4o-mini"], "max_budget": 25.0, "rpm_limit": 120},
    "support": {
        "models": ["gpt-4o", "gpt-4o-mini"],
        "max_budget": 200.0,
        "rpm_limit": 600,
    },
}


class TwoTeamsStack(cdk.TerraformStack):
    """A budgeted key per team; the master key comes from a sensitive variable."""

    def __init__(self, scope: constructs.Construct, id: str) -> None:
        super().__init__(scope, id)
        master_key = cdk.TerraformVariable(
            self,
            "litellm_master_key",
            type="string",
            sensitive=True,
            description="LiteLLM master key used to create the team keys",
        )
        LitellmProvider(
            self,
            "litellm",
            api_base="http://127.0.0.1:4000",
            api_key=master_key.string_value,
        )
        for team, limits in TEAMS.items():
            key = LitellmKey(
                self,
                f"{team}-key",
                team_id=team,
                key_alias=f"{team}-service",
                budget_duration="30d",
                metadata={"owner": f"team-{team}"},
                models=limits["models"],
                max_budget=limits["max_budget"],
                rpm_limit=limits["rpm_limit"],
            )
            cdk.TerraformOutput(self, f"{team}_key", value=key.key, sensitive=True)
            cdk.TerraformOutput(self, f"{team}_key_id", value=key.id)


def build(app: cdk.App) -> TwoTeamsStack:
    return TwoTeamsStack(app, "two-teams")


if __name__ == "__main__":
    app = cdk.App()
    build(app)
    app.synth()
