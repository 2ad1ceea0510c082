"""Taking back what a terminal's own, not yet ordered events did to its projections.

A terminal applies its events at once (the floor cannot wait for the server), but the
server may order another terminal's event before them. To converge, the terminal
rewinds its speculative events, applies the server's order, and applies them again on
top. Rewinding uses an undo log filled by SQLite triggers (the technique of
sqlite.org/undoredo.html): while an event is applied under `capturing`, every row it
inserts, updates or deletes in a projection table leaves the statement that reverses
it. Triggers see every write, ORM or not, so no reducer has to know about this.

The triggers are TEMP (per connection) and generated from the models at connect, so
they always match the schema; the log itself is a normal table and survives restarts.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from sqlalchemy import delete, select, text
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.orm import Session

from app.changes import note_everything
from app.model import Base, UndoEntry, projection_tables

_CAPTURE = "(SELECT position FROM temp.undo_capture)"
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def trigger_statements(table: str, columns: list[str]) -> list[str]:
    """The three TEMP triggers that record how to reverse a row change in `table`."""
    for name in (table, *columns):
        if not _IDENTIFIER.match(name):
            raise ValueError(f"cannot build undo triggers for identifier {name!r}")
    sets = " || ',' || ".join(f'\'"{c}"=\' || quote(old."{c}")' for c in columns)
    values = " || ',' || ".join(f'quote(old."{c}")' for c in columns)
    names = ",".join(f'"{c}"' for c in columns)
    reverse = {
        "INSERT": f"'DELETE FROM \"{table}\" WHERE rowid=' || new.rowid",
        "UPDATE": f"'UPDATE \"{table}\" SET ' || {sets} || ' WHERE rowid=' || old.rowid",
        "DELETE": (
            f"'INSERT INTO \"{table}\"(rowid,{names}) VALUES(' || old.rowid || ',' || "
            f"{values} || ')'"
        ),
    }
    return [
        f'CREATE TEMP TRIGGER IF NOT EXISTS "undo_{table}_{op.lower()}" AFTER {op} '
        f'ON main."{table}" WHEN {_CAPTURE} IS NOT NULL BEGIN '
        f"INSERT INTO undo_log(position, statement) VALUES({_CAPTURE}, {statement}); END"
        for op, statement in reverse.items()
    ]


def install(connection: sqlite3.Connection) -> bool:
    """Create this connection's undo triggers; False before the schema exists."""
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='undo_log'"
    ).fetchone()
    if not found:
        return False
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS undo_capture(position INTEGER)")
    if connection.execute("SELECT count(*) FROM temp.undo_capture").fetchone()[0] == 0:
        connection.execute("INSERT INTO temp.undo_capture VALUES (NULL)")
    for name in projection_tables():
        columns = [c.name for c in Base.metadata.tables[name].columns]
        for statement in trigger_statements(name, columns):
            connection.execute(statement)
    return True


@contextmanager
def capturing(session: Session, position: int) -> Iterator[None]:
    """Record the reverse of every projection change made inside the block."""
    session.flush()
    session.execute(text("UPDATE temp.undo_capture SET position = :p"), {"p": position})
    try:
        yield
        session.flush()
    finally:
        # After a failed flush the transaction is rolled back, the capture's position
        # with it (a TEMP table is transactional too): nothing to reset, and trying would
        # hide the failure behind "closed transaction".
        if session.is_active:
            session.execute(text("UPDATE temp.undo_capture SET position = NULL"))


def rewind(session: Session, positions: Collection[int]) -> int:
    """Reverse every recorded change of these events, newest first; return how many."""
    if not positions:
        return 0
    note_everything(session)  # what the rewound events did may not be done again
    session.flush()
    entries = session.execute(
        select(UndoEntry.id, UndoEntry.statement)
        .where(UndoEntry.position.in_(positions))
        .order_by(UndoEntry.id.desc())
    ).all()
    statements = [statement for _, statement in entries]
    # Straight to the driver: the statements are complete SQL the triggers wrote, and a
    # rebase runs thousands of them (SQLAlchemy's per-statement work was most of it).
    cursor = session.connection().connection.cursor()
    try:
        last = last_per_row(statements)
        if last is None or len(last) == len(statements):
            _run(cursor, statements)
        else:
            # The shorter way can pass through states a constraint refuses (a unique
            # value given back to one row before another row gives it up): the whole way
            # then, from where it started.
            cursor.execute("SAVEPOINT undo_rewind")
            try:
                _run(cursor, last)
            except sqlite3.IntegrityError:
                cursor.execute("ROLLBACK TO undo_rewind")
                _run(cursor, statements)
            cursor.execute("RELEASE undo_rewind")
    finally:
        cursor.close()
    forget(session, positions)
    # The rows changed under the ORM's feet: reload whatever is asked for next.
    session.expire_all()
    return len(entries)


def _run(cursor: DBAPICursor, statements: list[str]) -> None:
    for statement in statements:
        cursor.execute(statement)


_ROW = (
    re.compile(r'^DELETE FROM "([a-z0-9_]+)" WHERE rowid=(-?\d+)$'),
    re.compile(r'^UPDATE "([a-z0-9_]+)" SET .* WHERE rowid=(-?\d+)$', re.DOTALL),
    re.compile(r'^INSERT INTO "([a-z0-9_]+)"\(rowid,[a-z0-9_",]*\) VALUES\((-?\d+),'),
)


def last_per_row(statements: list[str]) -> list[str] | None:
    """Of reverse statements in the order they are run (newest change first), the last
    one for each row, in the same order; None if one does not name its row.

    Each writes a whole row (or takes it away) as it was before its change, so a row
    ends as the last statement for it says, whatever came before: taking back an
    exception raised and then acknowledged removes its row, without first putting back
    the row as it was before the acknowledgement (a quarter of a 5,000-event rebase's
    statements, and the slowest: each rewrites every column)."""
    rows: dict[tuple[str, str], int] = {}
    for index, statement in enumerate(statements):
        for pattern in _ROW:
            found = pattern.match(statement)
            if found:
                rows[(found[1], found[2])] = index  # a later one replaces an earlier
                break
        else:
            return None
    return [statements[i] for i in sorted(rows.values())]


def forget(session: Session, positions: Collection[int]) -> None:
    """Drop the undo entries of events whose place in the order is now final."""
    if positions:
        session.execute(delete(UndoEntry).where(UndoEntry.position.in_(positions)))
