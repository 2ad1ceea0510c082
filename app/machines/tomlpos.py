"""Where each key of a TOML document is written: the line numbers tomllib does not keep.

`key_lines(text)` walks a document that tomllib has already accepted and answers, for
every key path it defines, the line the key (or table header, or array element) starts
on. Paths are tuples like tomllib's nesting: ("work_centers", 2, "state", "metric"),
with 0-based indices for arrays and arrays of tables. It reads the structure only
(headers, dotted and quoted keys, strings of all four kinds, arrays, inline tables);
values themselves are left to tomllib, so a document tomllib rejected is out of scope.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(
    r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?"
    r"|[0-9A-Za-z_:+.-]+"
)
_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_UNESCAPE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    body = match.group(0)[1:]
    if body[0] in "uU":
        return chr(int(body[1:], 16))
    return _UNESCAPE.get(body, body)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.lines: dict[KeyPath, int] = {}
        self.arrays: dict[KeyPath, int] = {}  # array of tables -> how many so far
        self.table: KeyPath = ()

    # -- plumbing -------------------------------------------------------------------------

    def _peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def _advance_to(self, end: int) -> None:
        self.line += self.s.count("\n", self.i, end)
        self.i = end

    def _blank(self, newlines: bool) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t\r":
                self.i += 1
            elif c == "\n" and newlines:
                self.i += 1
                self.line += 1
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.i = len(self.s) if end < 0 else end
            else:
                return

    def _record(self, path: KeyPath, line: int) -> None:
        self.lines.setdefault(path, line)

    # -- keys -----------------------------------------------------------------------------

    def _string(self) -> str:
        """A one-line basic or literal string at the cursor; returns its text."""
        quote = self.s[self.i]
        if quote == "'":
            end = self.s.index("'", self.i + 1)
            text = self.s[self.i + 1 : end]
        else:
            j = self.i + 1
            while self.s[j] != '"':
                j += 2 if self.s[j] == "\\" else 1
            end = j
            text = _ESCAPE.sub(_unescape, self.s[self.i + 1 : end])
        self.i = end + 1
        return text

    def _key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self._blank(newlines=False)
            if self._peek() in ("'", '"'):
                parts.append(self._string())
            else:
                match = _BARE.match(self.s, self.i)
                if match is None:
                    raise ValueError(f"no key at line {self.line}")
                parts.append(match.group(0))
                self.i = match.end()
            self._blank(newlines=False)
            if self._peek() != ".":
                return parts
            self.i += 1

    def _resolve(self, keys: list[str]) -> KeyPath:
        """A header's keys as a path: an array of tables stands for its last element."""
        path: KeyPath = ()
        for key in keys:
            path = (*path, key)
            if path in self.arrays:
                path = (*path, self.arrays[path] - 1)
        return path

    # -- values ---------------------------------------------------------------------------

    def _multiline(self, delimiter: str) -> None:
        j = self.i + 3
        while True:
            if delimiter == '"""' and self.s[j] == "\\":
                j += 2
            elif self.s.startswith(delimiter, j):
                j += 3
                for _ in range(2):  # up to two quotes of the text sit against the delimiter
                    if self.s[j : j + 1] == delimiter[0]:
                        j += 1
                break
            else:
                j += 1
        self._advance_to(j)

    def _value(self, path: KeyPath) -> None:
        c = self._peek()
        if self._peek(3) in ('"""', "'''"):
            self._multiline(self._peek(3))
        elif c in ('"', "'"):
            self._string()
        elif c == "[":
            self.i += 1
            index = 0
            while True:
                self._blank(newlines=True)
                if self._peek() == "]":
                    self.i += 1
                    return
                self._record((*path, index), self.line)
                self._value((*path, index))
                index += 1
                self._blank(newlines=True)
                if self._peek() == ",":
                    self.i += 1
        elif c == "{":
            self.i += 1
            while True:
                self._blank(newlines=True)
                if self._peek() == "}":
                    self.i += 1
                    return
                self._pair(path)
                self._blank(newlines=True)
                if self._peek() == ",":
                    self.i += 1
        else:
            match = _SCALAR.match(self.s, self.i)
            if match is None:
                raise ValueError(f"no value at line {self.line}")
            self.i = match.end()

    def _pair(self, base: KeyPath) -> None:
        line = self.line
        keys = self._key()
        for n in range(1, len(keys) + 1):
            self._record((*base, *keys[:n]), line)
        self._blank(newlines=False)
        if self._peek() != "=":
            raise ValueError(f"no '=' at line {self.line}")
        self.i += 1
        self._blank(newlines=False)
        self._value((*base, *keys))

    # -- the document ---------------------------------------------------------------------

    def run(self) -> dict[KeyPath, int]:
        while True:
            self._blank(newlines=True)
            if self.i >= len(self.s):
                return self.lines
            line = self.line
            if self._peek(2) == "[[":
                self.i += 2
                keys = self._key()
                self.i += 2  # "]]"
                array = (*self._resolve(keys[:-1]), keys[-1])
                count = self.arrays.get(array, 0)
                self.arrays[array] = count + 1
                self._record(array, line)
                self.table = (*array, count)
            elif self._peek() == "[":
                self.i += 1
                keys = self._key()
                self.i += 1  # "]"
                self.table = self._resolve(keys)
            else:
                self._pair(self.table)
                continue
            for n in range(1, len(self.table) + 1):
                self._record(self.table[:n], line)


def key_lines(text: str) -> dict[KeyPath, int]:
    """Line (1-based) of every key path of a valid TOML document."""
    return _Scanner(text).run()


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int:
    """The line of `path`, else of the nearest enclosing key or table that is written."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1
