"""The Metrics screen and the printable execution audit."""
