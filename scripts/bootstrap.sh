#!/usr/bin/env bash
# Install what the project needs into the repository folder, idempotently:
#   .venv/          Python virtual environment with litellm-cdktf and its extras
#   node_modules/   Node.js 22 and the CDKTF and CDK Terrain CLIs (package-lock.json)
#   .cache/terraformrc   a Terraform CLI configuration (Terraform warns without one)
# Each step is skipped when its inputs have not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

python_inputs=$(cat pyproject.toml | sha256sum | cut -c1-16)
if ! stamp_ok .cache/python.stamp "$python_inputs" || [ ! -x .venv/bin/python ]; then
  echo "bootstrap: installing Python packages into .venv" >&2
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" >&2 || true
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev,provider,cdktn]" 2>&1 | grep -v "^WARNING: Location" >&2 || true
  .venv/bin/python -c "import cdktf, cdktn, tf, litellm_cdktf" 2>/dev/null \
    || { echo "bootstrap: Python install failed" >&2; exit 1; }
  echo "$python_inputs" > .cache/python.stamp
fi

node_inputs=$(cat package.json package-lock.json | sha256sum | cut -c1-16)
if ! stamp_ok .cache/node.stamp "$node_inputs" || [ ! -x node_modules/.bin/node ]; then
  echo "bootstrap: installing Node.js 22 and the CDK CLIs into node_modules" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$node_inputs" > .cache/node.stamp
fi

[ -f .cache/terraformrc ] || printf '# Terraform CLI configuration for this repository\n' > .cache/terraformrc
