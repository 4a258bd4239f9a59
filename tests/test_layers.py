"""The layers of DESIGN.md §3 hold: workers → asskomm → tenants → config; inside asskomm kernel ←
workspace features (independent of each other) ← aggregators; no cycle between packages or
between the files of one package. The contracts live in pyproject.toml; import-linter checks
them, imports inside functions included."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", str(project / "pyproject.toml")],
                          cwd=project, env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)


def test_the_code_keeps_its_layers_and_has_no_cycles():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_config_imports_nothing_of_the_application():
    tree = ast.parse((ROOT / "config.py").read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"asskomm", "tenants", "workers"}


@pytest.fixture
def copy_of_the_code(tmp_path: Path) -> Path:
    for package in ("asskomm", "tenants", "workers"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("templates", "static",
                                                                                          "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copy(ROOT / "config.py", tmp_path)
    return tmp_path


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text() + f"\n\ndef _added():\n    {line}  # noqa\n")


@pytest.mark.parametrize(("file", "line", "message"), [
    # a feature reading another feature
    ("asskomm/documents/services.py", "from ..meetings import models", "asskomm.documents is not allowed to import "
                                                                        "asskomm.meetings"),
    # the kernel reaching up into a feature
    ("asskomm/policy/objects.py", "from ..events import models", "asskomm.policy is not allowed to import "
                                                                 "asskomm.events"),
    # tenancy knowing the application
    ("tenants/context.py", "import asskomm.policy", "tenants is not allowed to import asskomm"),
    # a service importing its own task module, which imports the service: a file cycle
    ("asskomm/mail/services.py", "from . import tasks", "No cycles are allowed in asskomm.mail"),
])
def test_a_forbidden_import_breaks_the_layer_test(copy_of_the_code: Path, file: str, line: str, message: str):
    assert lint_imports(copy_of_the_code).returncode == 0  # the untouched copy passes
    _append(copy_of_the_code / file, line)
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert message in result.stdout, result.stdout
