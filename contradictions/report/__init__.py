"""Renderings of a report: the view model (`view`, also the JSON export), the terminal, HTML and pandas.

`Report` is what `contradictions.analyze` returns: the run's data (`model.ReportData`) with its renderings.
"""

from __future__ import annotations

from dataclasses import dataclass

from contradictions.model import ReportData
from contradictions.report.html import write_html
from contradictions.report.view import attributions_frame, findings_frame, report_to_dict, write_json


@dataclass(frozen=True)
class Report(ReportData):
    """What a run found, with its renderings: `to_dict`, `to_json`, `to_html`, `to_frame`, `attributions_frame`."""

    def to_dict(self, *, generated_at: str | None = None) -> dict:
        """The report as the JSON export's documented schema (also the view model every renderer uses)."""
        return report_to_dict(self, generated_at=generated_at)

    def to_json(self, path, *, generated_at: str | None = None, force: bool = False) -> None:
        """Write the JSON export to `path` (atomically; a file the tool did not write is kept unless `force`)."""
        write_json(self.to_dict(generated_at=generated_at), path, force=force)

    def to_frame(self):
        """The findings as a pandas DataFrame, one row per finding, in rank order."""
        return findings_frame(self.to_dict())

    def attributions_frame(self):
        """Who is credited with what, as a pandas DataFrame: one row per attribution phrase or quote."""
        return attributions_frame(self.to_dict())

    def to_html(self, path, *, generated_at: str | None = None, verdicts=None, force: bool = False) -> None:
        """Write the self-contained HTML report to `path` (`verdicts`: finding id -> analyst verdict)."""
        write_html(self.to_dict(generated_at=generated_at), path, verdicts=verdicts, force=force)
