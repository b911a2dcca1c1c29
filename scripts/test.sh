#!/usr/bin/env bash
# Run the test suite under both frameworks. Tests that do not depend on the
# framework (the companion provider against the LiteLLM proxy, the benchmark
# smoke run) run in the first pass only, deselected by marker in the second.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "== pass 1: CDKTF (cdktf) ==" >&2
LITELLM_CDKTF_FRAMEWORK=cdktf pytest "$@" || status=1
echo "== pass 2: CDK Terrain (cdktn) ==" >&2
LITELLM_CDKTF_FRAMEWORK=cdktn pytest -m "not proxy and not benchmark" "$@" || status=1
exit $status
