"""Start the plugin server without running ``litellm_cdktf/__init__.py``.

Terraform runs this file by path (see ``install.launcher_script``). Importing
the ``litellm_cdktf`` package normally loads CDKTF, which starts a Node.js
process. The provider needs only the plain-Python modules ``schema``,
``kinds``, ``rules``, ``tokens``, ``durations`` and ``errors``, so this file
registers the package without running its ``__init__`` before anything imports
it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys


def _register_package_without_init(name: str) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        raise SystemExit(f"{name} is not installed in {sys.executable}")
    sys.modules[name] = importlib.util.module_from_spec(spec)


if __name__ == "__main__":
    _register_package_without_init("litellm_cdktf")
    importlib.import_module("litellm_cdktf.terraform_provider.server").serve()
