"""One listening socket per worker process of `takt server --workers N`.

uvicorn's workers share one listening socket, and each connection goes to whichever
worker accepts it first. A terminal keeps its connection for hours, so where they land
stays: in one 20-terminal ingest run one of two workers took all 100 batches (1,548
events/s; a 60/40 run made 1,914/s). Here each worker accepts on a socket of its own,
all bound to the same port with SO_REUSEPORT, and the kernel spreads new connections
over them by their addresses, from the moment the server starts (the sockets listen
before the workers have started). A worker that dies is replaced on the same socket;
connections the kernel hands it meanwhile wait in its backlog.
"""

from __future__ import annotations

import logging
import socket

from uvicorn import Config
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess, Process

logger = logging.getLogger(__name__)


def reuse_port_sockets(
    host: str, port: int, count: int, backlog: int = 2048
) -> list[socket.socket]:
    """`count` sockets listening on `host`:`port` (port 0: one the first is given). A
    system without SO_REUSEPORT (Windows) gets one socket `count` times: uvicorn's way.

    Each listens before its worker starts: the kernel spreads connections only over
    listening sockets, and terminals reconnect the moment a server comes back, while
    its workers are still starting. A connection to one not yet started waits for it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    spread = hasattr(socket, "SO_REUSEPORT")
    sockets: list[socket.socket] = []
    for _ in range(count if spread else 1):
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if spread:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            for made in sockets:
                made.close()
            raise
        sock.listen(backlog)
        port = sock.getsockname()[1]
        sock.set_inheritable(True)
        sockets.append(sock)
    return sockets if spread else sockets * count


class SpreadWorkers(Multiprocess):
    """uvicorn's supervisor (start, watch, restart, stop the workers), each worker on
    its own socket of `sockets`."""

    def __init__(self, config: Config, sockets: list[socket.socket]) -> None:
        super().__init__(config, sockets)
        self.processes_num = len(sockets)

    def init_processes(self) -> None:
        for sock in self.sockets:
            process = Process(self.config, [sock])
            process.start()
            self.processes.append(process)

    def keep_subprocess_alive(self) -> None:
        """As uvicorn's: a hung worker is killed, a dead one replaced (unless it died
        starting, which would fail again), here on its predecessor's socket."""
        if self.should_exit.is_set():
            return
        for index, process in enumerate(self.processes):
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                logger.error("worker [%s] failed to start; stopping the server", process.pid)
                self.should_exit.set()
                return
            if self.should_exit.is_set():
                return
            logger.info("worker [%s] died; starting another on its socket", process.pid)
            replacement = Process(self.config, [self.sockets[index]])
            replacement.start()
            self.processes[index] = replacement

    def restart_all(self) -> None:
        for index, old in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new = Process(self.config, [self.sockets[index]])
            new.start()
            if not new.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new.kill()
                new.join()
                return
            old.terminate()
            old.join()
            self.processes[index] = new
