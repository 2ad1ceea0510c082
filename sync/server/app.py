"""The server's HTTP application (FastAPI): health and the plant it holds."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select

import app
from app import queries
from app.model import EventRecord
from app.store import Store


def create_app(store: Store) -> FastAPI:
    api = FastAPI(title="Takt server", version=app.__version__)

    @api.get("/health")
    def health() -> dict[str, Any]:
        with store.read() as session:
            events = session.scalar(select(func.count()).select_from(EventRecord)) or 0
            plant = queries.plant_name(session)
        return {
            "status": "ok",
            "version": app.__version__,
            "server_id": store.terminal_id,
            "plant": plant,
            "events": events,
        }

    return api
