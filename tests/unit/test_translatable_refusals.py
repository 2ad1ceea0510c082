"""Every refusal a person reads is translatable, and survives the trip to the screen.

The domain (app/, sync/) builds its refusals with `app.i18n.tr`, so a screen can say them
in the person's language. These tests read the code itself: a `Rejected(...)`,
`FieldProblem(...)` or `ValidationError.one(...)` given an f-string or a plain string as
its message fails here, naming the file and line, and so does a `tr(...)` whose template
is no literal (lupdate could not read it) or whose fields and parameters do not match (it
would fail when the refusal is raised, the moment nobody tests). The rest checks that a
Message keeps its words and template through pickling, JSON, pydantic and the database.
"""

from __future__ import annotations

import ast
import json
import pickle
import string
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.errors import (
    PermissionDenied,
    Rejected,
    StorageError,
    TaktError,
    ValidationError,
)
from app.i18n import Message, tr
from app.instance import TerminalInUse
from app.model import Hold
from app.model.types import (
    ExceptionStatus,
    HoldScope,
    OperationStatus,
    PostingStatus,
    Role,
    TaskStatus,
    WorkOrderStatus,
)
from app.projections.orders import WITHDRAWN_STATUS
from app.store import Store
from app.words import ROLE_WORDS, STATE_WORDS, listing, one_of, role, state, state_spaced
from sync.protocol import PushResult
from tests.conftest import NOW

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("app", "sync")

# Calls that may keep a message that is not made by `tr`, each with the reason. Keyed by
# file and a piece of the message's source, so an entry outlives line moves; an entry
# that no longer matches any call fails `test_the_allow_list_holds_no_stale_entry`.
ALLOWED: dict[tuple[str, str], str] = {
    # -- Pending: files the lead converts in issue 12 (app/events/payloads.py,
    # app/routing/reasons.py, app/routing/resolution.py). Remove each entry as it goes.
    ("app/events/payloads.py", "unknown event kind"): "lead's file, pending",
    ("app/routing/reasons.py", "not valid TOML"): "lead's file, pending",
    ("app/routing/reasons.py", "at least one [[categories]]"): "lead's file, pending",
    ("app/routing/reasons.py", "missing: must be a non-empty text"): "lead's file, pending",
    ("app/routing/reasons.py", "must be a table with code, label"): "lead's file, pending",
    ("app/routing/reasons.py", "unknown setting"): "lead's file, pending",
    ("app/routing/reasons.py", "use lower-case a-z"): "lead's file, pending",
    ("app/routing/reasons.py", "is used twice"): "lead's file, pending",
    ("app/routing/reasons.py", "missing: at least one reason"): "lead's file, pending",
    ("app/routing/reasons.py", "must be { code = ..., label = ... }"): "lead's file, pending",
    ("app/routing/reasons.py", "must read"): "lead's file, pending",
    ("app/routing/resolution.py", "at least one [[dispositions]]"): "lead's file, pending",
    ("app/routing/resolution.py", "not valid TOML"): "lead's file, pending",
    ("app/routing/resolution.py", "missing: must be a non-empty text"): "lead's file, pending",
    ("app/routing/resolution.py", "is used twice"): "lead's file, pending",
    ("app/routing/resolution.py", "missing: pick the root cause"): "lead's file, pending",
    ("app/routing/resolution.py", "one of the plant's root causes"): "lead's file, pending",
    ("app/routing/resolution.py", "missing: pick what happens"): "lead's file, pending",
    ("app/routing/resolution.py", "one of the plant's dispositions"): "lead's file, pending",
}


@dataclass(frozen=True)
class Call:
    path: str
    line: int
    name: str
    message: ast.expr | None
    source: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.name}({self.source})"


def _sources() -> list[tuple[str, ast.Module]]:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            found.append(
                (path.relative_to(ROOT).as_posix(), ast.parse(path.read_text("utf-8"), str(path)))
            )
    return found


SOURCES = _sources()


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def refusal_calls() -> list[Call]:
    """Every Rejected(reason), FieldProblem(field, problem), ValidationError.one(field,
    problem) in app/ and sync/, with its message argument."""
    calls = []
    for path, tree in SOURCES:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "Rejected":
                name, message = "Rejected", _argument(node, 0, "reason")
            elif isinstance(func, ast.Name) and func.id == "FieldProblem":
                name, message = "FieldProblem", _argument(node, 1, "problem")
            elif (
                isinstance(func, ast.Attribute)
                and func.attr == "one"
                and isinstance(func.value, ast.Name)
                and func.value.id == "ValidationError"
            ):
                name, message = "ValidationError.one", _argument(node, 1, "problem")
            else:
                continue
            source = ast.unparse(message) if message is not None else ""
            calls.append(Call(path, node.lineno, name, message, source))
    return calls


def is_literal_text(node: ast.expr | None) -> bool:
    """Whether `node` may evaluate to words written in the code without `tr`: a string,
    an f-string, either branch of `x if c else y`, `a or b`, `"a" + b`, `"...".format()`."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.IfExp):
        return is_literal_text(node.body) or is_literal_text(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(is_literal_text(v) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return is_literal_text(node.left) or is_literal_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and is_literal_text(node.func.value)
    return False


def _allowed(call: Call) -> bool:
    return any(path == call.path and piece in call.source for path, piece in ALLOWED)


def test_the_walk_finds_the_refusals() -> None:
    # A walk that found nothing would pass everything: it must see the known ones.
    names = {(c.path, c.name) for c in refusal_calls()}
    assert ("app/projections/execution.py", "Rejected") in names
    assert ("app/services/execution.py", "FieldProblem") in names
    assert ("app/services/board.py", "ValidationError.one") in names
    assert is_literal_text(ast.parse('f"x {y}"', mode="eval").body)
    assert is_literal_text(ast.parse('"x" if a else tr("y")', mode="eval").body)
    assert is_literal_text(ast.parse('reason or "rejected"', mode="eval").body)
    assert not is_literal_text(ast.parse('tr("x {y}", y=y)', mode="eval").body)
    assert not is_literal_text(ast.parse("problem", mode="eval").body)


def test_every_refusal_is_made_with_tr() -> None:
    untranslated = [
        str(c) for c in refusal_calls() if is_literal_text(c.message) and not _allowed(c)
    ]
    assert not untranslated, (
        "a refusal a person reads must be made with app.i18n.tr (a literal template with "
        "{named} fields), so it can be translated:\n  " + "\n  ".join(untranslated)
    )


def test_the_allow_list_holds_no_stale_entry() -> None:
    literal = [c for c in refusal_calls() if is_literal_text(c.message)]
    stale = [
        f"{path}: {piece!r}"
        for path, piece in ALLOWED
        if not any(c.path == path and piece in c.source for c in literal)
    ]
    assert not stale, "translated now (remove from ALLOWED):\n  " + "\n  ".join(stale)


def tr_calls() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path, tree in SOURCES:
        imports_tr = any(
            isinstance(n, ast.ImportFrom)
            and n.module == "app.i18n"
            and any(a.name == "tr" for a in n.names)
            for n in tree.body
        )
        if not imports_tr:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
            ):
                found.append((path, node.lineno, node))
    return found


def test_every_tr_template_is_a_literal_whose_fields_are_its_parameters() -> None:
    problems = []
    calls = tr_calls()
    assert len(calls) > 100  # the walk sees the domain's sentences
    for path, line, call in calls:
        where = f"{path}:{line}"
        if len(call.args) != 1 or not (
            isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
        ):
            problems.append(f"{where}: the template must be one literal string (lupdate)")
            continue
        if any(k.arg is None for k in call.keywords):
            problems.append(f"{where}: name every parameter (no **params)")
            continue
        template = call.args[0].value
        params = {k.arg for k in call.keywords if k.arg is not None}
        if not params:
            continue  # not formatted: braces are plain text ("must be a table { ... }")
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
        if fields != params:
            problems.append(f"{where}: fields {sorted(fields)} but parameters {sorted(params)}")
        if any(not f.isidentifier() for f in fields):
            problems.append(f"{where}: fields must be plain names: {sorted(fields)}")
    assert not problems, "\n".join(problems)


# --- the words inside sentences -------------------------------------------------------------


def test_every_state_a_sentence_names_is_marked_for_translation() -> None:
    as_stored = [*ExceptionStatus, *TaskStatus, *WorkOrderStatus]  # said as stored
    spaced = [*OperationStatus, *PostingStatus]  # said with spaces
    missing = [s.value for s in as_stored if s.value not in STATE_WORDS]
    missing += [s.value for s in spaced if s.value.replace("_", " ") not in STATE_WORDS]
    missing += [w for w in WITHDRAWN_STATUS if w not in STATE_WORDS]
    assert not missing
    assert set(ROLE_WORDS) == set(Role)
    assert state(ExceptionStatus.IN_PROGRESS) == "in_progress"
    assert state_spaced(PostingStatus.IN_FLIGHT) == "in flight"
    assert role(Role.CUSTOMER_SERVICE) == "customer service"


def test_roles_and_lists_read_as_before() -> None:
    assert one_of(frozenset({Role.MANAGER, Role.SUPERVISOR})) == "a supervisor or manager"
    assert one_of([Role.ADMIN]) == "an admin"
    assert one_of([Role.QUALITY, Role.OPERATOR]) == "a quality or operator"
    assert listing(["a", tr("b {x}", x=1), "c"]) == "a; b 1; c"
    assert listing(["a"], ", ") == "a"
    assert listing([]) == ""
    said = one_of([Role.SUPERVISOR, Role.MANAGER])
    assert isinstance(said, Message)
    assert said.template == "a {roles}"


# --- Messages travel ------------------------------------------------------------------------


def _message() -> Message:
    return tr(
        "cannot {doing}: the posting was cancelled",
        doing=tr("retry it"),
    )


def _same(a: object, b: Message) -> None:
    assert isinstance(a, Message)
    assert a == b
    assert a.template == b.template
    assert a.params == b.params


def test_refusals_keep_their_messages_through_pickling() -> None:
    message = _message()
    _same(pickle.loads(pickle.dumps(message)), message)

    rejected = pickle.loads(pickle.dumps(Rejected(message, redundant=True)))
    assert isinstance(rejected, Rejected)
    assert rejected.redundant
    _same(rejected.reason, message)
    _same(rejected.problems[0].problem, message)

    invalid = pickle.loads(pickle.dumps(ValidationError.one("posting", message)))
    assert invalid.fields == ["posting"]
    _same(invalid.problems[0].problem, message)

    denied = pickle.loads(pickle.dumps(PermissionDenied(message)))
    _same(denied.message, message)

    storage = StorageError(Path("/data/t.sqlite3"), tr("the disk is full"), tr("Free space"))
    again = pickle.loads(pickle.dumps(storage))
    assert (again.path, again.problem, again.remedy) == (
        storage.path,
        storage.problem,
        storage.remedy,
    )
    assert str(again) == str(storage) == "/data/t.sqlite3: the disk is full. Free space"
    _same(again.message, storage.message)  # type: ignore[arg-type]

    in_use = pickle.loads(pickle.dumps(TerminalInUse(Path("/data/t.sqlite3"))))
    assert in_use.path == Path("/data/t.sqlite3")
    assert str(in_use).startswith("another Takt is already running on /data/t.sqlite3.")


def test_an_error_says_its_message_or_its_text() -> None:
    assert isinstance(PermissionDenied(_message()).message, Message)
    assert TaktError("plain words").message == "plain words"
    assert TaktError("a", "b").message == str(TaktError("a", "b"))


def test_json_and_the_wire_see_plain_text() -> None:
    message = _message()
    assert json.dumps({"reason": message}) == json.dumps({"reason": str(message)})
    result = PushResult(terminal_seq=1, status="rejected", reason=message)
    assert json.loads(result.model_dump_json())["reason"] == str(message)
    back = PushResult.model_validate_json(result.model_dump_json())
    assert back.reason == str(message)


def test_the_database_stores_a_message_as_its_english(any_store: Store) -> None:
    message = _message()
    with any_store.write() as session:
        assert session.scalar(text("SELECT :said").bindparams(said=message)) == str(message)
        session.add(
            Hold(
                id="h-i18n",
                scope=HoldScope.LOT,
                key="L-1",
                reason=message,
                placed_by="901",
                placed_at=NOW,
            )
        )
    with any_store.read() as session:
        stored = session.scalar(select(Hold.reason).where(Hold.id == "h-i18n"))
    assert stored == "cannot retry it: the posting was cancelled"


@pytest.mark.parametrize(
    ("made", "english"),
    [
        (tr("cannot start operation {op}: it was completed", op="WO-1/10"), None),
        (tr("must be a table { ... }"), "must be a table { ... }"),
        (
            tr("{said}; {part}", said=tr("a {x}", x=1), part="b"),
            "a 1; b",
        ),
    ],
)
def test_a_message_is_its_english_sentence(made: Message, english: str | None) -> None:
    if english is None:
        english = made.template.format(**made.params)
    assert str(made) == english
    assert type(str(made)) is str
