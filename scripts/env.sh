# Source this file to use the tools that scripts/bootstrap.sh installed:
#   . scripts/env.sh
_repo=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
export PATH="$_repo/node_modules/.bin:$_repo/.venv/bin:$PATH"
# Node.js 22 for jsii: the machine's Node 20 is end-of-life and jsii prints a banner.
export JSII_NODE="$_repo/node_modules/.bin/node"
export CHECKPOINT_DISABLE=1
export TF_CLI_CONFIG_FILE="${LITELLM_CDKTF_TERRAFORMRC:-$_repo/.cache/terraformrc}"
unset _repo
