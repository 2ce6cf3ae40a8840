"""Find where news sources reporting the same event disagree: figures, attributions, assertions."""

__version__ = "0.1.0"
