"""A TCP proxy on 127.0.0.1 that loses requests or answers on demand: real network faults
between a terminal and the server, at exactly the moment a test asks for."""

from __future__ import annotations

import contextlib
import socket
import threading


class FaultProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.drop_requests = 0  # the next N requests never reach the server
        self.drop_answers = 0  # the server handles the next N requests; the answers are lost
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _take(self, name: str) -> bool:
        with self._lock:
            if getattr(self, name) > 0:
                setattr(self, name, getattr(self, name) - 1)
                return True
            return False

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            threading.Thread(
                target=self._relay, args=(client, upstream, "drop_requests"), daemon=True
            ).start()
            threading.Thread(
                target=self._relay, args=(upstream, client, "drop_answers"), daemon=True
            ).start()

    def _relay(self, source: socket.socket, sink: socket.socket, fault: str) -> None:
        try:
            while data := source.recv(65536):
                if self._take(fault):
                    break  # lose it: cut both sides, as a dropped link would
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
