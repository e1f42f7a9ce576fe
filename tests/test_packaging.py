"""The package as pip builds it: the fitted models, the gazetteer and the app's icon travel
inside the wheel (a model must come inside a package; nothing is downloaded at run time), and
setuptools finds every folder it ships without a warning to the person installing it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.support.ingest_fixtures import ROOT


def test_the_wheel_holds_the_models_and_the_gazetteer(tmp_path: Path) -> None:
    # Built from a copy, so that setuptools' build folders stay out of the checkout.
    source = tmp_path / "source"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("kb", "ingest", "app"):
        shutil.copytree(ROOT / name, source / name, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheel_dir = tmp_path / "wheel"
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps"]
    built = subprocess.run(
        [*pip, "-w", str(wheel_dir), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    # Before session 32 every install warned that `ingest.data` was "absent from the
    # `packages` configuration" (the folder of the gazetteer).
    assert "absent from the `packages` configuration" not in built.stdout + built.stderr
    (wheel,) = wheel_dir.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "ingest/data/gazetteer.json",
        "kb/answers/data/answer-model.json.gz",
        "kb/claims/data/answer-model.json",
        "kb/claims/data/claim-model.json",
        "kb/py.typed",
        "app/static/icon.png",
    } <= names
