"""The package's version (its own module, so the report and the CLI can name it without importing the package)."""

__version__ = "0.1.0"
