"""A module loaded on first use (issue 14: ReportLab is imported on the first print).

`lazy_module("desktop_app.printouts.complaints")` returns the module object at once
and runs its code (and so imports ReportLab) only when one of its names is first
read, with `importlib.util.LazyLoader`. A module already imported is returned as is.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """The module `name`, its body run on the first attribute read."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"no module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:  # as an import would: `package.child` names it too
        setattr(sys.modules[parent], child, module)
    return module
