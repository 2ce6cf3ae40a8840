"""Find where news sources reporting the same event disagree: figures, attributions, assertions.

    >>> report = contradictions.analyze("seeds")
    >>> report.findings[0].explanation
"""

__version__ = "0.1.0"

from .model import ContradictionsError, Finding, Report  # noqa: E402
from .pipeline import analyze  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = ["analyze", "Settings", "Report", "Finding", "ContradictionsError", "__version__"]
