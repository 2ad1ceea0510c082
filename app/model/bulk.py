"""Large multi-row INSERTs sent as PostgreSQL COPY, on connections that ask for it.

An INSERT of many rows (a pushed batch's events, the exceptions and tasks its reducers
add, flushed by the ORM) reaches the driver as one executemany, which psycopg sends as a
pipeline of one INSERT per row, each bound and executed by the server on its own. COPY
streams the same rows into the same columns as one command: the same constraints and
triggers, the same defaults for the columns it leaves out, the same errors, for about
half the server's work and a third of the driver's. A connection opts in for the rest of
its transaction with `copy_inserts`; every other INSERT (RETURNING, ON CONFLICT, an SQL
expression among the values, a few rows) runs as it would have.
"""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import Column, Connection, Table, event, insert, inspect
from sqlalchemy.engine.interfaces import Dialect, ExecutionContext
from sqlalchemy.orm import Mapper, Session

# The execution option that turns it on (a Connection's options are its own: they end
# with the Session's transaction that holds it).
OPTION = "takt_copy_inserts"
# Below this many rows a pipeline of INSERTs is as quick (COPY waits twice on the server).
MIN_ROWS = 10

# `INSERT INTO t (a, b) VALUES (%(a)s::VARCHAR, %(b)s)` as SQLAlchemy renders it for
# psycopg: plain named parameters, each with an optional cast, one per column.
_INSERT = re.compile(r"INSERT INTO (\w+) \(([\w, ]+)\) VALUES \((.*)\)", re.DOTALL)
_BIND = re.compile(r"%\((\w+)\)s(?:::[A-Z][A-Z ]*(?:\(\d+\))?)?")

# Statement -> (COPY command, parameter names in column order), or None: not one to copy.
_Plan = tuple[str, tuple[str, ...]] | None
_PLANS: dict[str, _Plan] = {}


def copy_inserts(connection: Connection) -> None:
    """Send this connection's large plain INSERTs as COPY from here on (PostgreSQL with
    psycopg; elsewhere nothing changes)."""
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        connection.execution_options(**{OPTION: True})


def plan(statement: str) -> _Plan:
    """The COPY that stores what `statement` would, and the parameter each column takes."""
    found = _PLANS.get(statement, False)
    if found is not False:
        return found  # type: ignore[return-value]
    result: _Plan = None
    match = _INSERT.fullmatch(statement)
    if match is not None:
        table, columns, values = match.groups()
        names = [c.strip() for c in columns.split(",")]
        binds = [_BIND.fullmatch(v.strip()) for v in values.split(", ")]
        if len(binds) == len(names) and all(binds):
            result = (
                f"COPY {table} ({', '.join(names)}) FROM STDIN",
                tuple(b.group(1) for b in binds if b is not None),
            )
    _PLANS[statement] = result
    return result


@event.listens_for(Dialect, "do_executemany")
def _copy_many(
    cursor: Any, statement: str, parameters: Any, context: ExecutionContext
) -> bool | None:
    if not context.execution_options.get(OPTION) or len(parameters) < MIN_ROWS:
        return None
    found = plan(statement)
    if found is None:
        return None
    command, names = found
    # The parameters are the driver's, bound and converted (JSON wrapped, enums named).
    with cursor.copy(command) as copy:
        for row in parameters:
            copy.write_row([row[name] for name in names])
    return True


_MISSING = object()
Columns = list[tuple[str, Column[Any]]]


def insert_added(session: Session, model: type, children: str) -> None:
    """Insert the `model` rows added to the session and not flushed yet, with the rows
    of their `children` collection, one statement a table (COPY on a connection that
    asked for it), and let those objects go from the session.

    For rows that a batch of events adds and that nothing reads again before the
    transaction ends (a pushed batch's exceptions and their tasks): the unit of work
    spends more on each than the database does. Each row is inserted as it stands, as
    the flush would insert it. The flush keeps what this cannot do as it would: a row
    missing a value whose column has a default (the database's would be unknown here),
    one whose children are not all new, and every row while the session holds new rows
    of a table these refer to (those must be inserted first)."""
    mapper: Mapper[Any] = inspect(model)
    relation = mapper.relationships[children]
    child: Mapper[Any] = relation.mapper
    ours = {mapper.local_table, child.local_table}
    referred = {fk.column.table for table in ours for fk in table.foreign_keys} - ours
    added = list(session.new)
    if any(getattr(type(obj), "__table__", None) in referred for obj in added):
        return
    parent_columns, child_columns = _columns(mapper), _columns(child)
    links = [
        (mapper.get_property_by_column(local).key, str(remote.key))
        for local, remote in relation.local_remote_pairs
    ]
    stored: list[object] = []
    parent_rows: list[dict[str, Any]] = []
    child_rows: list[dict[str, Any]] = []
    for obj in added:
        if type(obj) is not model:
            continue
        values = obj.__dict__
        row = _row(values, parent_columns)
        kids = values.get(children, ())
        kid_rows = [_row(kid.__dict__, child_columns) for kid in kids]
        if row is None or not all(kid_rows) or not all(inspect(k).pending for k in kids):
            continue
        for kid_row in kid_rows:
            assert kid_row is not None  # checked above
            # The children's keys as the flush would set them from their parent's.
            kid_row.update({remote: values[local] for local, remote in links})
            child_rows.append(kid_row)
        parent_rows.append(row)
        stored.append(obj)
    if not stored:
        return
    connection = session.connection()  # not session.execute: nothing is to flush first
    connection.execute(insert(cast(Table, mapper.local_table)), parent_rows)
    if child_rows:
        connection.execute(insert(cast(Table, child.local_table)), child_rows)
    for obj in stored:
        session.expunge(obj)  # and its children, by the relationship's cascade


def _columns(mapper: Mapper[Any]) -> Columns:
    return [(prop.key, cast(Column[Any], prop.columns[0])) for prop in mapper.column_attrs]


def _row(values: dict[str, Any], columns: Columns) -> dict[str, Any] | None:
    row: dict[str, Any] = {}
    for key, column in columns:
        value = values.get(key, _MISSING)
        if value is _MISSING:
            if column.primary_key or column.default is not None or column.server_default:
                return None
            value = None
        row[column.key] = value
    return row
