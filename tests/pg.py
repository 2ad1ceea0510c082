"""A fresh PostgreSQL schema for a test or a benchmark, dropped afterwards."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

PG_URL = os.environ.get("TAKT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextlib.contextmanager
def fresh_schema(prefix: str = "t") -> Iterator[str]:
    """The URL of a new schema (its own search_path); raises OSError, naming the reason,
    when PostgreSQL (or its driver) is not there."""
    try:
        import psycopg
    except ImportError:
        raise OSError("psycopg is not installed") from None
    base = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        raise OSError(f"PostgreSQL not reachable at {PG_URL}: {error}".strip()) from None
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()
