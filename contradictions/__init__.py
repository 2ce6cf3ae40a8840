"""Find where news sources reporting the same event disagree: figures, attributions, assertions.

    >>> report = contradictions.analyze("seeds")
    >>> report.findings[0].explanation
"""

from contradictions.engine.run import analyze
from contradictions.model import ContradictionsError, Finding
from contradictions.report import Report
from contradictions.settings import Settings
from contradictions.version import __version__

__all__ = ["analyze", "Settings", "Report", "Finding", "ContradictionsError", "__version__"]
