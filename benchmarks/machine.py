"""What machine a benchmark ran on, from /proc: CPU model, cores, memory, load."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path


def machine_line() -> str:
    """One line: CPU model, cores, RAM, Python, and the load average now (the machine may be shared)."""
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1).strip()
    except (OSError, AttributeError):
        cpu = platform.processor() or platform.machine()
    try:
        kib = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 2**20:.0f} GiB"
    except (OSError, AttributeError):
        ram = "? GiB"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"machine: {cpu}, {os.cpu_count()} cores, {ram}; Python {platform.python_version()}; load average {load}"
