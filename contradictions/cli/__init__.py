"""The command line: `contradictions run|cache|review|stats` (`main`), a thin layer over the Python API."""

from contradictions.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
