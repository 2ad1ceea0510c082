"""One Takt process per terminal database.

Two processes on one database would both follow the server and both push the same
outbox, and two windows would each believe they are the terminal. `TerminalLock` takes
an OS file lock next to the database before it is opened; the OS drops the lock when
the process ends, however it ends, so a crash never leaves a terminal locked out.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from filelock import FileLock, Timeout

from app.errors import TaktError, UnwritableDataDirError
from app.i18n import tr


class TerminalInUse(TaktError):
    """Another process has this database open; the message names the file."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        super().__init__(
            tr(
                "another Takt is already running on {path}. Switch to that window, or "
                "close it first; a second terminal on this computer needs its own --data-dir.",
                path=str(db_path),
            )
        )

    def __reduce__(self) -> tuple[Any, ...]:  # made again from its file, not its text
        return (type(self), (self.path,), self.__dict__)


class TerminalLock:
    """Held while this process uses the database at `db_path` (a context manager)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path.resolve()
        self.lock_path = self.db_path.with_name(self.db_path.name + ".lock")
        # Not thread-local: the lock belongs to the process, whichever thread lets it go.
        self._lock = FileLock(self.lock_path, timeout=0, thread_local=False)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> TerminalLock:
        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except Timeout:
            raise TerminalInUse(self.db_path) from None
        except OSError as error:
            # Same words as opening the database would use: the folder is the problem.
            raise UnwritableDataDirError(
                self.lock_path.parent,
                tr(
                    "Takt cannot write its data here ({error})",
                    error=str(error.strerror or error),
                ),
                tr(
                    "Give this user write access to the folder, or start Takt with "
                    "--data-dir (or TAKT_DATA_DIR) pointing to a writable folder."
                ),
            ) from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> TerminalLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
