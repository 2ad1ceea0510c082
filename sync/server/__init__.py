"""The central Takt server: HTTP API over the server's database."""
