"""Seeded databases built once and reused by the benchmarks that start from a big plant.

Seeding the 20,000-operation plant through the services and syncing two terminals to it
takes minutes (on a loaded machine a quarter of an hour); a benchmark run should spend
them on what it measures. So the starting point is built once, by the same code a run
would otherwise use, and kept:

- files (SQLite databases, the credentials the terminals were given) in a directory
  under `CACHE_ROOT`, with a manifest written last (a half-built one is rebuilt);
- a server database on PostgreSQL as a template database, which each run clones with
  `CREATE DATABASE ... TEMPLATE` (a file copy inside PostgreSQL, seconds) and drops.

Each is named by `source_key`: a hash of the product's code and resources (everything a
seed runs through) and of the modules that build it, so a change to any of them builds
anew, and a run never starts from data the code of today would not have made. The last
few keys per fixture are kept (an A/B comparison of two trees alternates between two).

The PIN keys made while building (the server's, the one each terminal was handed) live
in no database; the manifest keeps them and `restore_pin_keys` hands them to this
process, so a clone is the same server with the same terminals.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy.engine import make_url

from app.pin_key import PinKey, keep_pin_key, load_pin_key
from tests.pg import PG_URL

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
CACHE_ROOT = Path(
    os.environ.get("TAKT_BENCH_CACHE") or Path.home() / ".cache" / "takt-bench"
).resolve()
# Bump to throw every cached fixture away (e.g. after a fix in how they are kept).
VERSION = "1"
KEEP = 3  # keys kept per fixture, most recently used first
MANIFEST = "manifest.json"
TEMPLATE_PREFIX = "takt_tpl_"
RUN_PREFIX = "takt_run_"

Manifest = dict[str, Any]

# What a seed runs through: the domain, the sync code, the resources it reads (rules,
# policy, calendars); not translations, fonts or style sheets.
_SOURCE_DIRS = ("app", "sync", "resources")
_SOURCE_SUFFIXES = {".py", ".toml", ".ini", ".mako", ".sql", ".json"}


def source_key(*builders: ModuleType, extra: str = "") -> str:
    """A short hash of the product's source and resources, the builders' modules and
    `extra` (the plant's size, say)."""
    digest = hashlib.sha256(f"{VERSION}\0{extra}\0".encode())
    paths: list[Path] = []
    for name in _SOURCE_DIRS:
        paths.extend(
            p
            for p in (ROOT / name).rglob("*")
            if p.suffix in _SOURCE_SUFFIXES and "__pycache__" not in p.parts and p.is_file()
        )
    paths.sort()
    paths.extend(Path(str(module.__file__)) for module in builders)
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    """One process at a time builds or picks a fixture (two benchmark runs side by side
    must not build the same one twice, nor read one being built)."""
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    with open(CACHE_ROOT / f"{name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ready(home: Path) -> Manifest | None:
    path = home / MANIFEST
    if not path.exists():
        return None
    os.utime(path)  # used now: the pruning keeps the most recently used
    manifest: Manifest = json.loads(path.read_text())
    return manifest


def _built(name: str, home: Path, build: Callable[[Path], Manifest]) -> Manifest:
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    log.warning("building the %s fixture once (%s); later runs reuse it", name, home)
    start = time.perf_counter()
    manifest = build(home)
    manifest["built_s"] = round(time.perf_counter() - start, 1)
    (home / MANIFEST).write_text(json.dumps(manifest, indent=1))
    log.warning("built the %s fixture in %.0f s", name, manifest["built_s"])
    return manifest


def _stale(name: str, keep: int) -> list[Path]:
    """The fixture's homes beyond the `keep` most recently used (and half-built ones)."""
    homes = [h for h in CACHE_ROOT.glob(f"{name}-*") if h.is_dir()]
    ready = sorted(
        (h for h in homes if (h / MANIFEST).exists()),
        key=lambda h: (h / MANIFEST).stat().st_mtime,
        reverse=True,
    )
    return [h for h in homes if h not in ready[:keep]]


def cached(name: str, key: str, build: Callable[[Path], Manifest]) -> tuple[Path, Manifest]:
    """The directory `build(directory)` filled for this key, built now if it was not,
    and the manifest `build` returned. Do not change the files: copy them."""
    home = CACHE_ROOT / f"{name}-{key}"
    with _locked(name):
        manifest = _ready(home)
        if manifest is None:
            manifest = _built(name, home, build)
            for old in _stale(name, KEEP):
                shutil.rmtree(old, ignore_errors=True)
        return home, manifest


# -- PostgreSQL: a template database per key, a clone per run ---------------------------


def database_url(database: str) -> str:
    """PG_URL pointed at another database of the same server."""
    return make_url(PG_URL).set(database=database).render_as_string(hide_password=False)


def _admin() -> Any:
    """An autocommit connection to the test database (CREATE DATABASE cannot run in a
    transaction); OSError when PostgreSQL or its driver is not there."""
    try:
        import psycopg
    except ImportError:
        raise OSError("psycopg is not installed") from None
    base = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        return psycopg.connect(base, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        raise OSError(f"PostgreSQL not reachable at {PG_URL}: {error}".strip()) from None


def _databases(admin: Any, prefix: str) -> list[str]:
    rows = admin.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (prefix,)
    ).fetchall()
    return [str(row[0]) for row in rows]


def _drop(admin: Any, database: str) -> None:
    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _drop_orphans(admin: Any) -> None:
    """Clones left by runs that died before dropping them (their process is gone)."""
    for database in _databases(admin, RUN_PREFIX):
        match = re.fullmatch(rf"{RUN_PREFIX}(\d+)_[0-9a-f]+", database)
        if match is None:
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            _drop(admin, database)
        except PermissionError:  # alive, another user's
            pass


@contextlib.contextmanager
def pg_clone(
    name: str, key: str, build: Callable[[Path, str], Manifest]
) -> Iterator[tuple[str, Path, Manifest]]:
    """A fresh PostgreSQL database cloned from the template `build(directory, url)`
    seeded for this key (built now if it was not), with the fixture's directory and
    manifest; the clone is dropped afterwards. Raises OSError when PostgreSQL is not
    there. `build` must close every connection to the template: a database someone is
    connected to cannot be cloned."""
    admin = _admin()
    template = f"{TEMPLATE_PREFIX}{name}_{key}"
    home = CACHE_ROOT / f"{name}-{key}"
    clone = f"{RUN_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        with _locked(name):
            _drop_orphans(admin)
            manifest = _ready(home)
            if manifest is None or template not in _databases(admin, template):
                _drop(admin, template)
                admin.execute(f'CREATE DATABASE "{template}"')
                manifest = _built(name, home, lambda d: build(d, database_url(template)))
                # Nobody changes the template by accident (a clone is made without
                # connecting to it).
                admin.execute(f'ALTER DATABASE "{template}" WITH ALLOW_CONNECTIONS false')
                for old in _stale(name, KEEP):
                    _drop(admin, f"{TEMPLATE_PREFIX}{name}_{old.name.removeprefix(name + '-')}")
                    shutil.rmtree(old, ignore_errors=True)
            start = time.perf_counter()
            admin.execute(f'CREATE DATABASE "{clone}" TEMPLATE "{template}"')
            log.info("cloned %s in %.1f s", template, time.perf_counter() - start)
        yield database_url(clone), home, manifest
    finally:
        try:
            _drop(admin, clone)
        finally:
            admin.close()


# -- PIN keys ---------------------------------------------------------------------------


def pin_keys(*owners: str) -> dict[str, str]:
    """The PIN keys this process holds for these owners (server, terminals), as text."""
    kept = {}
    for owner in owners:
        key = load_pin_key(owner)
        if key is not None:
            kept[owner] = key.encode()
    return kept


def restore_pin_keys(manifest: Manifest) -> None:
    for owner, text in manifest.get("pin_keys", {}).items():
        if load_pin_key(owner) is None:
            keep_pin_key(owner, PinKey.decode(text))
