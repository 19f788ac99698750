"""The machine a benchmark ran on, and its results as Markdown and JSON."""

import json
import os
import platform
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = PROJECT_ROOT / "benchmarks" / "results"
COLUMNS = (
    ("database", "database", "{}"),
    ("endpoint", "endpoint", "{}"),
    ("requests", "requests", "{:,}"),
    ("rps", "req/s", "{:,.0f}"),
    ("median_ms", "median ms", "{:.1f}"),
    ("p99_ms", "p99 ms", "{:.1f}"),
    ("errors", "errors", "{:,}"),
    ("server_cpu_pct", "server CPU %", "{:.0f}"),
    ("database_cpu_pct", "PostgreSQL CPU %", "{:.0f}"),
    ("client_cpu_pct", "client CPU %", "{:.0f}"),
)
# Share of a core that other processes may use before a run is called disturbed.
OTHER_CPU_LIMIT_PCT = 10.0


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.processor() or "unknown"


def _memory() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    return "unknown"


def _git(*args: str) -> str:
    completed = subprocess.run(
        ["git", *args], capture_output=True, text=True, cwd=PROJECT_ROOT, check=False
    )
    return completed.stdout.strip()


def commit() -> str:
    """Return the checked-out commit, with ``-dirty`` if the service's code changed."""
    head = _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--", "app", "alembic", "matching")
    return head + ("-dirty" if dirty else "") if head else "unknown"


def machine(postgresql_version: str | None) -> dict[str, Any]:
    """Describe this machine and the database versions the run used."""
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory": _memory(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgresql_version,
        "platform": platform.platform(),
    }


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """Render one line per database and endpoint."""
    header = "| " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---" if i < 2 else "---:" for i in range(len(COLUMNS))) + "|"
    lines = [header, rule]
    for row in rows:
        cells = [_cell(row, key, fmt) for key, _, fmt in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(row: dict[str, Any], key: str, fmt: str) -> str:
    # SQLite runs inside the server process, so its CPU is in the server's column.
    if key == "database_cpu_pct" and row["database"] == "sqlite":
        return "–"
    return fmt.format(row[key])


def error_notes(rows: list[dict[str, Any]]) -> str:
    """Say which requests failed, how, and show a few answers; empty if none did."""
    notes = []
    for row in rows:
        if row["errors"]:
            kinds = ", ".join(f"{k}: {n}" for k, n in row["error_kinds"].items())
            notes.append(f"- {row['database']} {row['endpoint']}: {kinds}")
            samples = (" ".join(sample.split()) for sample in row["error_samples"])
            notes.extend(f"  - `{sample}`" for sample in samples)
    return "\n".join(notes)


def disturbance_notes(rows: list[dict[str, Any]]) -> str:
    """Name the measurements during which other processes used the machine."""
    return "\n".join(
        f"- {row['database']} {row['endpoint']}: other processes used "
        f"{row['other_cpu_pct']:.0f}% of a core"
        for row in rows
        if row["other_cpu_pct"] > OTHER_CPU_LIMIT_PCT
    )


def write_json(record: dict[str, Any], started_at: datetime) -> Path:
    """Write ``record`` under ``benchmarks/results/`` and return the file's path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"registry_load-{started_at:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return path
