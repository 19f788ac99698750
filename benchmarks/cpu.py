"""CPU time of the server, PostgreSQL, the load generator and everything else (Linux).

On a two-core machine the client competes with the server and the database, and other
work on the machine competes with all three; these counters say which was the limit.
They come from ``/proc``: a process that ends between two samples takes its CPU time
with it, so the figures are lower bounds.
"""

import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

_TICKS_PER_S = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Sample:
    wall_s: float
    own_s: float
    # CPU seconds so far of every process, by pid, with its command name.
    processes: dict[int, tuple[str, float]]


def _read_stat(path: Path) -> tuple[str, float]:
    """Return the command name and CPU seconds (user and system) in a stat file."""
    text = path.read_text()
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text.rpartition(")")[2].split()
    return name, (int(fields[11]) + int(fields[12])) / _TICKS_PER_S


def _processes() -> dict[int, tuple[str, float]]:
    found = {}
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            found[int(path.parent.name)] = _read_stat(path)
        except (OSError, ValueError):
            continue  # the process ended while we looked
    return found


def _role(pid: int, name: str, server_pid: int) -> str:
    if pid == server_pid:
        return "server"
    return "database" if name == "postgres" else "other"


def sample() -> Sample:
    """Read the clocks now."""
    return Sample(time.perf_counter(), time.process_time(), _processes())


def usage(start: Sample, end: Sample, server_pid: int) -> dict[str, float]:
    """Return CPU use between two samples in percent of one core.

    ``database`` counts every process named ``postgres``. ``other`` is what the rest
    of the machine used: well above zero means the run shared the machine with other
    work and its figures are understated.
    """
    wall = end.wall_s - start.wall_s
    seconds = {"server": 0.0, "database": 0.0, "other": 0.0}
    for pid, (name, cpu_s) in end.processes.items():
        if pid == os.getpid():
            continue
        spent = cpu_s - start.processes.get(pid, (name, 0.0))[1]
        seconds[_role(pid, name, server_pid)] += spent
    if server_pid not in end.processes:
        seconds["server"] = math.nan

    own = end.own_s - start.own_s
    return {
        "server_cpu_pct": round(100 * seconds["server"] / wall, 1),
        "database_cpu_pct": round(100 * seconds["database"] / wall, 1),
        "client_cpu_pct": round(100 * own / wall, 1),
        "other_cpu_pct": round(100 * seconds["other"] / wall, 1),
    }
