"""Running the server's HTTP app on uvicorn in a background thread.

`takt demo` embeds a server this way, and the tests start real servers on loopback.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

import uvicorn
from fastapi import FastAPI

log = logging.getLogger(__name__)

# The cyclic collector's first threshold for a server process (CPython's default: 700).
# A pushed batch allocates tens of thousands of short-lived objects that reference
# counting frees; at 700 the collector ran about 5 times a batch, each pass walking the
# rows of every batch in flight (and promoting them, so the older generations' passes
# walked them again): a fifth of ingest's CPU, most of it while the batch held the
# server state row that every other batch waits for. At this threshold it runs about
# once every ten batches.
GC_THRESHOLD = 5000


def settle() -> None:
    """Ready a server process for its requests, once they can arrive: what it made to
    start (modules, the app and its routes, the models' metadata) lives as long as it
    does, so it is kept out of the cycle collector's scans, and the collector runs less
    often (GC_THRESHOLD). `takt server` does it before it serves; a process that embeds
    the server among other work (`takt demo`) keeps its own settings."""
    gc.collect()
    gc.freeze()
    _, *older = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *older)


class ServerThread:
    def __init__(self, api: FastAPI, host: str = "127.0.0.1", port: int = 0) -> None:
        # Live streams never end by themselves: give them a second, then close them.
        config = uvicorn.Config(
            api,
            host=host,
            port=port,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="takt-server", daemon=True)
        self.host = host
        self.port = port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout_s: float = 20.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the Takt server did not start on {self.host}:{self.port}")
            time.sleep(0.01)
        sockets = [s for server in self._server.servers for s in server.sockets]
        self.port = sockets[0].getsockname()[1]
        log.info("Takt server listening on %s", self.url)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=20)
