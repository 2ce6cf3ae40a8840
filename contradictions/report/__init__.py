"""Renderers: every output (terminal, JSON, DataFrame, HTML) renders the one view model built in `view`."""
