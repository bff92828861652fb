"""Setuptools hook for an opt-in compiled build; everything else is in pyproject.toml.

By default the package is pure Python (``pip install -e .`` needs no C compiler).  With
``GEO_COMPILE=1`` the hot pipeline modules below are compiled to C extensions with mypyc (it ships
with mypy, a dev dependency; a C compiler is needed), e.g. ``make fast``, which runs
``GEO_COMPILE=1 python setup.py build_ext --inplace``: the ``.so`` files land next to the sources
and are imported instead of them (``make pure`` removes them).  Outputs are identical either way.
"""

from __future__ import annotations

import os

from setuptools import setup

#: the modules where the pipeline spends its Python bytecode time, in the order of the pipeline
HOT_MODULES = (
    "toponyms",
    "names",
    "resolve",
    "tail",
    "dates",
    "word_gate",
    "event_roles",
    "event_types",
    "events",
    "link_model",
    "linking",
)


def _ext_modules() -> list:
    if os.environ.get("GEO_COMPILE") != "1":
        return []
    from mypyc.build import mypycify

    # one shared library inside the package (not a top-level module, which an editable install
    # would not find)
    return mypycify([f"geo/{m}.py" for m in HOT_MODULES], opt_level="3", group_name="geo._compiled")


setup(ext_modules=_ext_modules())
