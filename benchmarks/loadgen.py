"""Load generator: a fixed number of concurrent HTTP workers against one scenario.

Runs in its own process so that the server and the client do not share an interpreter:

    echo '{"base_url": "http://127.0.0.1:8000", ...}' | python -m benchmarks.loadgen

It reads a ``LoadSpec`` as JSON on standard input, sends requests for ``warmup_s``
seconds without counting them, then for ``duration_s`` seconds or ``requests``
requests, and prints a ``LoadResult`` as JSON on standard output. Any answer outside
2xx, and any transport failure, counts as an error.
"""

import asyncio
import importlib.util
import json
import math
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import asdict, dataclass, field
from itertools import count
from typing import Any
from urllib.parse import urlsplit

import httpx

from benchmarks import cpu, fake

# httpcore runs `import sniffio` about four times per request to learn the event
# loop. Without sniffio installed (anyio no longer needs it) each failed import
# searches sys.path again, some 80 us: 0.3 ms of client CPU per request, a fifth of
# what /health costs the server. A None entry fails the import at once, and httpcore
# then assumes asyncio, which is what runs here.
if importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

PAGE_SIZE = 50
REQUEST_TIMEOUT_S = 60.0
# Distinct failed answers kept as examples.
MAX_SAMPLES = 3


@dataclass(frozen=True, slots=True)
class LoadSpec:
    """What to send, how hard and for how long."""

    base_url: str
    api_key: str
    scenario: str
    concurrency: int
    warmup_s: float
    duration_s: float | None
    requests: int | None
    vacancies: int
    first_household_id: int
    last_household_id: int
    # First serial of the ID numbers this run posts; distinct per run on one database.
    serial_start: int = 0
    seed: int = 1
    # The server process, to report its CPU time; 0 when unknown.
    server_pid: int = 0


@dataclass(slots=True)
class LoadResult:
    scenario: str
    requests: int
    errors: int
    elapsed_s: float
    rps: float
    median_ms: float
    p99_ms: float
    max_ms: float
    server_cpu_pct: float
    database_cpu_pct: float
    client_cpu_pct: float
    other_cpu_pct: float
    error_kinds: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)


Call = tuple[str, str, dict[str, Any] | None]


def _health(_spec: LoadSpec, _rng: random.Random, _serial: int) -> Call:
    return "GET", "/health", None


def _list_vacancies(spec: LoadSpec, rng: random.Random, _serial: int) -> Call:
    offset = rng.randrange(max(1, spec.vacancies - PAGE_SIZE + 1))
    return "GET", f"/api/v1/vacancies?limit={PAGE_SIZE}&offset={offset}", None


def _create_person(spec: LoadSpec, rng: random.Random, serial: int) -> Call:
    body = {
        "household_id": rng.randint(spec.first_household_id, spec.last_household_id),
        "id_number": fake.id_number(serial, fake.POSTED),
    } | fake.person_fields(rng)
    return "POST", "/api/v1/people", body


SCENARIOS: dict[str, Callable[[LoadSpec, random.Random, int], Call]] = {
    "health": _health,
    "list_vacancies": _list_vacancies,
    "create_person": _create_person,
}


class _Budget:
    """Stops the workers at a deadline or after a number of requests."""

    def __init__(self, seconds: float | None, requests: int | None) -> None:
        start = time.perf_counter()
        self.deadline = math.inf if seconds is None else start + seconds
        self.remaining = math.inf if requests is None else requests

    def take(self) -> bool:
        if self.remaining <= 0 or time.perf_counter() >= self.deadline:
            return False
        self.remaining -= 1
        return True


@dataclass(slots=True)
class _Tally:
    latencies_s: list[float] = field(default_factory=list)
    error_kinds: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)

    def add(self, latency_s: float, error: str | None, sample: str) -> None:
        self.latencies_s.append(latency_s)
        if error is not None:
            self.error_kinds[error] += 1
            text = f"{error}: {sample[:300]}"
            if len(self.error_samples) < MAX_SAMPLES and text not in self.error_samples:
                self.error_samples.append(text)


async def _send(client: httpx.AsyncClient, call: Call) -> tuple[str | None, str]:
    method, path, body = call
    try:
        response = await client.request(method, path, json=body)
    except httpx.HTTPError as exc:
        return type(exc).__name__, repr(exc)
    if response.is_success:
        return None, ""
    return f"HTTP {response.status_code}", response.text


async def _worker(
    client: httpx.AsyncClient,
    spec: LoadSpec,
    budget: _Budget,
    tally: _Tally,
    rng: random.Random,
    serials: Iterator[int],
) -> None:
    make_call = SCENARIOS[spec.scenario]
    while budget.take():
        call = make_call(spec, rng, next(serials))
        started = time.perf_counter()
        error, sample = await _send(client, call)
        tally.add(time.perf_counter() - started, error, sample)


async def _phase(
    clients: list[httpx.AsyncClient],
    spec: LoadSpec,
    budget: _Budget,
    serials: Iterator[int],
    phase: str,
) -> tuple[_Tally, float]:
    tally, started = _Tally(), time.perf_counter()
    workers = [
        _worker(
            client,
            spec,
            budget,
            tally,
            random.Random(f"{spec.seed}{phase}{i}"),
            serials,
        )
        for i, client in enumerate(clients)
    ]
    await asyncio.gather(*workers)
    return tally, time.perf_counter() - started


def _percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def _summarise(
    spec: LoadSpec, tally: _Tally, elapsed_s: float, cpu_pct: dict[str, float]
) -> LoadResult:
    latencies_ms = sorted(s * 1000 for s in tally.latencies_s)
    done = len(latencies_ms)
    return LoadResult(
        scenario=spec.scenario,
        requests=done,
        errors=sum(tally.error_kinds.values()),
        elapsed_s=round(elapsed_s, 3),
        rps=round(done / elapsed_s, 1) if elapsed_s else math.nan,
        median_ms=round(statistics.median(latencies_ms), 2) if done else math.nan,
        p99_ms=round(_percentile(latencies_ms, 0.99), 2),
        max_ms=round(latencies_ms[-1], 2) if done else math.nan,
        error_kinds=dict(tally.error_kinds),
        error_samples=tally.error_samples,
        **cpu_pct,
    )


def _client(spec: LoadSpec) -> httpx.AsyncClient:
    """Return a client holding one keep-alive connection.

    One client per worker, not one shared pool: httpcore scans every pooled connection
    on each request, which at 16 connections cost the client more CPU than /health
    cost the server.
    """
    return httpx.AsyncClient(
        base_url=spec.base_url,
        headers={"Authorization": f"Bearer {spec.api_key}"},
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        timeout=REQUEST_TIMEOUT_S,
        trust_env=False,
    )


async def run(spec: LoadSpec) -> LoadResult:
    """Warm up, then measure ``spec.scenario`` and return what was seen."""
    if urlsplit(spec.base_url).hostname != "127.0.0.1":
        raise ValueError("the load generator only talks to 127.0.0.1")

    serials = count(spec.serial_start)
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(_client(spec))
            for _ in range(spec.concurrency)
        ]
        warmup = _Budget(spec.warmup_s, None)
        await _phase(clients, spec, warmup, serials, "warmup")
        budget = _Budget(spec.duration_s, spec.requests)
        before = cpu.sample()
        tally, elapsed_s = await _phase(clients, spec, budget, serials, "measure")
        cpu_pct = cpu.usage(before, cpu.sample(), spec.server_pid)
    return _summarise(spec, tally, elapsed_s, cpu_pct)


def main() -> None:
    spec = LoadSpec(**json.load(sys.stdin))
    result = asyncio.run(run(spec))
    json.dump(asdict(result), sys.stdout)


if __name__ == "__main__":
    main()
