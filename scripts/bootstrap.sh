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
  # pip's output goes to a log; it is shown only if the install fails.
  if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip \
         && .venv/bin/python -m pip install --disable-pip-version-check \
              -e ".[dev,provider,cdktn]"; } > .cache/pip.log 2>&1 \
     || ! .venv/bin/python -c "import cdktf, cdktn, tf, litellm_cdktf" 2>> .cache/pip.log; then
    tail -40 .cache/pip.log >&2
    echo "bootstrap: installing the Python packages failed; full log: .cache/pip.log" >&2
    exit 1
  fi
  echo "$python_inputs" > .cache/python.stamp
fi

node_inputs=$(cat package.json package-lock.json | sha256sum | cut -c1-16)
if ! stamp_ok .cache/node.stamp "$node_inputs" || [ ! -x node_modules/.bin/node ]; then
  echo "bootstrap: installing Node.js 22 and the CDK CLIs into node_modules" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$node_inputs" > .cache/node.stamp
fi

[ -f .cache/terraformrc ] || printf '# Terraform CLI configuration for this repository\n' > .cache/terraformrc
