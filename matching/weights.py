"""The weights of the score's components, and the priority layer's settings."""

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

# The components of a score, in the order explanations list them, with their
# Chinese labels.
LABELS = {
    "occupation": "职业对口",
    "skills": "技能",
    "certificates": "证书",
    "location": "工作地点",
    "wage": "工资",
    "availability": "到岗时间",
    "experience": "工作经验",
}
COMPONENTS = tuple(LABELS)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each component counts, and the version that names this choice.

    The weights need not add up to one: scores use them divided by their sum, so a
    score stays between 0 and 1. Every weight must be a finite number of at least
    0, and occupation and skills together must count for something, since they say
    whether a person fits the work at all.

    Examples
    --------
    >>> Weights.from_mapping({"wage": 0.3}, version="wage-heavy").share("wage") > 0.2
    True
    >>> Weights(location=-1)
    Traceback (most recent call last):
    ...
    ValueError: location: must be a finite number of at least 0, not -1
    """

    occupation: float = 0.30
    skills: float = 0.20
    certificates: float = 0.10
    location: float = 0.20
    wage: float = 0.10
    availability: float = 0.05
    experience: float = 0.05
    version: str = "default-1"

    def __post_init__(self) -> None:
        for name in COMPONENTS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name}: must be a number, not {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(
                    f"{name}: must be a finite number of at least 0, not {value}"
                )
        if self.occupation + self.skills <= 0:
            raise ValueError(
                "occupation: occupation and skills must not both be 0, or no score "
                "would say whether a person fits the work"
            )
        if not self.version.strip():
            raise ValueError("version: must not be empty")

    @classmethod
    def from_mapping(cls, values: Mapping[str, object], *, version: str) -> "Weights":
        """Return weights with ``values`` over the defaults; refuse unknown names."""
        unknown = sorted(set(values) - set(COMPONENTS))
        if unknown:
            known = ", ".join(COMPONENTS)
            raise ValueError(f"{unknown[0]}: unknown component; known are {known}")
        return cls(**values, version=version)  # type: ignore[arg-type]

    @property
    def total(self) -> float:
        return float(sum(getattr(self, name) for name in COMPONENTS))

    def share(self, name: str) -> float:
        """Return the weight of ``name`` divided by the sum of all weights."""
        value: float = getattr(self, name)
        return value / self.total

    def as_dict(self) -> dict[str, float | str]:
        return asdict(self)


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class PriorityPolicy:
    """How far the priority layer may lift a person above a better-scoring one.

    A person's boost is at most ``max_boost``: a 零就业 household counts fully, a
    red household 0.8 of it, a yellow one 0.6, and someone out of work for three
    months or more up to 0.4 more (a full year counts fully); the sum is capped at
    one full boost. Ranking
    uses score plus boost, so a candidate whose score is higher by more than
    ``max_boost`` always stays ahead: priority reorders near-equals, never hides a
    much better candidate.
    """

    max_boost: float = 0.05
    is_enabled: bool = True

    def __post_init__(self) -> None:
        if not math.isfinite(self.max_boost) or not 0 <= self.max_boost <= 0.2:
            raise ValueError(
                f"max_boost: must be between 0 and 0.2, not {self.max_boost}"
            )
