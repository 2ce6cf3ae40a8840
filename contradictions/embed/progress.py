"""Progress bars that appear only for work that takes more than a second."""

from __future__ import annotations

import time
from collections.abc import Callable


def bar(progress, description: str, clock: Callable[[], float] = time.perf_counter) -> Callable[[int, int], None]:
    """A `done(n, total)` callback for a stage: a bar in `progress` (a rich Progress, or None for none) appears once
    the work done so far says the whole will take more than a second, and then follows it."""
    if progress is None:
        return lambda n, total: None
    started = clock()
    task = None

    def done(n: int, total: int) -> None:
        nonlocal task
        if task is None and n < total and (clock() - started) * total / n > 1.0:
            task = progress.add_task(description, total=total, completed=n)
        elif task is not None:
            progress.update(task, completed=n)

    return done
