"""The package's structure, from its imports: stages stand side by side and import only the shared
layers; only the runner (and the CLI through it) composes them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "chatlake"
STAGES = ("chatlake.ingest", "chatlake.enrich", "chatlake.aggregate", "chatlake.topics", "chatlake.report",
          "chatlake.export")
COMPOSERS = ("chatlake.runner", "chatlake.cli", "chatlake.__main__")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every chatlake module that `path` imports, at any depth of its code."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name for name in names if name.startswith("chatlake")}


# `chatlake inspect` is ingest's dry run: it belongs to the ingest stage.
PART_OF = {"chatlake.inspection": "chatlake.ingest"}


def stage_of(module: str) -> str | None:
    module = PART_OF.get(module, module)
    return next((stage for stage in STAGES if module == stage or module.startswith(stage + ".")), None)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_stage_imports_another_stage_or_the_runner(module):
    own = stage_of(module)
    for name in imported(MODULES[module]):
        if module in COMPOSERS:
            continue
        assert name not in COMPOSERS, f"{module} imports {name}: only the CLI composes jobs"
        other = stage_of(name)
        assert other is None or other == own, f"{module} (stage {own}) imports the stage {other}"


def test_the_runner_composes_every_stage():
    assert {stage_of(name) for name in imported(MODULES["chatlake.runner"])} >= set(STAGES)
