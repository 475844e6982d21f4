"""Every third-party module sitrep imports is a declared dependency, and every reader's back end imports on this
install (a package split off by a new release shows up here, naming it, not as a reader's failure)."""

from __future__ import annotations

import ast
import importlib
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "sitrep"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"], *(s for extra in project["optional-dependencies"].values() for s in extra)]
    return {_canonical(re.split(r"[\s<>=!~\[;]", spec, maxsplit=1)[0]) for spec in specs}


def _imported() -> dict[str, Path]:
    """Top-level names of absolute imports in sitrep's source, with one file that imports each."""
    found: dict[str, Path] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def test_every_third_party_import_is_a_declared_dependency():
    declared, providers = _declared(), packages_distributions()
    missing = {}
    for name, path in _imported().items():
        if name == "sitrep" or name in sys.stdlib_module_names:
            continue
        # a module of an extra not installed here (names_dataset of `train`) is known by its own name
        dists = {_canonical(d) for d in providers.get(name) or [name]}
        if not dists & declared:
            missing[name] = (sorted(dists), str(path.relative_to(ROOT)))
    assert missing == {}, f"imported but not declared in pyproject.toml: {missing}"


@pytest.mark.parametrize(
    "module, check",
    [
        ("trafilatura", lambda m: m.extract("<html><body><article><p>" + "Politiet arresterte en mann. " * 20
                                            + "</p></article></body></html>")),
        ("feedparser", lambda m: m.parse(b"<rss version='2.0'><channel><item><title>t</title></item></channel></rss>")),
        ("warcio.archiveiterator", lambda m: m.ArchiveIterator),
        ("datasketch", lambda m: m.MinHash(num_perm=16)),
        ("lingua", lambda m: m.LanguageDetectorBuilder),
        ("psycopg", lambda m: m.connect),
    ],
)
def test_each_reader_and_store_back_end_imports_and_runs(module, check):
    try:
        loaded = importlib.import_module(module)
    except ImportError as exc:
        pytest.fail(f"{module} does not import on this install: {exc} (missing package: {exc.name})")
    assert check(loaded) is not None
