"""Explanations of a score that an officer can read: what counted, and why."""

from dataclasses import dataclass, field, replace

from matching.fit import location_fit, priority_reasons
from matching.profiles import PersonProfile, VacancyProfile
from matching.vocabulary import Vocabulary
from matching.weights import LABELS, Weights


@dataclass(frozen=True, slots=True)
class Component:
    """One part of a score: its value from 0 to 1, its share of the weight."""

    name: str
    label: str
    value: float
    weight: float

    @property
    def contribution(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a person scored as they did for a vacancy, in parts and in Chinese."""

    components: list[Component]
    matched_skills: list[str] = field(default_factory=list)
    related_skills: list[str] = field(default_factory=list)
    missing_skills: list[str] = field(default_factory=list)
    matched_certificates: list[str] = field(default_factory=list)
    missing_certificates: list[str] = field(default_factory=list)
    location: str = ""
    priority_boost: float = 0.0
    priority_reasons: list[str] = field(default_factory=list)
    weights_version: str = ""
    # The reasons for the score in one sentence; ``summary`` adds priority.
    fit_summary: str = ""

    @property
    def summary(self) -> str:
        """Return the reasons in one Chinese sentence, priority last."""
        if not self.priority_reasons:
            return self.fit_summary
        return self.fit_summary + "；优先：" + "、".join(self.priority_reasons)

    def without_priority(self) -> "Explanation":
        """Return this explanation without the household circumstances behind it."""
        return replace(self, priority_boost=0.0, priority_reasons=[])


def explain(
    person: PersonProfile,
    vacancy: VacancyProfile,
    values: dict[str, float],
    *,
    vocabulary: Vocabulary,
    weights: Weights,
    boost: float,
) -> Explanation:
    """Return the explanation of one pair from its component ``values``."""
    components = [
        Component(
            name, LABELS[name], round(values[name], 4), round(weights.share(name), 4)
        )
        for name in LABELS
    ]
    matched, related, missing = _skills(person, vacancy, vocabulary)
    asked = (*vacancy.required_certificates, *vacancy.preferred_certificates)
    owned = vocabulary.held_certificates(person.certificates)
    held = [c for c in asked if c in owned]
    lacking = [c for c in vacancy.preferred_certificates if c not in owned]
    place = location_fit(
        vacancy.region_code,
        has_housing=vacancy.has_housing,
        desired=person.desired_regions,
        home=person.home_region,
        is_willing_to_relocate=person.is_willing_to_relocate,
    )[1]
    reasons = priority_reasons(person.priority) if boost > 0 else []
    explanation = Explanation(
        components=components,
        matched_skills=matched,
        related_skills=related,
        missing_skills=missing,
        matched_certificates=held,
        missing_certificates=lacking,
        location=place,
        priority_boost=round(boost, 4),
        priority_reasons=reasons,
        weights_version=weights.version,
    )
    return _with_summary(explanation, person, vacancy, values)


def _skills(
    person: PersonProfile, vacancy: VacancyProfile, vocabulary: Vocabulary
) -> tuple[list[str], list[str], list[str]]:
    """Split the vacancy's skills into held (or a synonym), related, and missing."""
    matched: list[str] = []
    related: list[str] = []
    missing: list[str] = []
    for wanted in vacancy.skills:
        best = max(
            (vocabulary.skill_similarity(wanted, offered) for offered in person.skills),
            default=0.0,
        )
        (matched if best >= 1 else related if best > 0 else missing).append(wanted)
    return matched, related, missing


def _with_summary(
    explanation: Explanation,
    person: PersonProfile,
    vacancy: VacancyProfile,
    values: dict[str, float],
) -> Explanation:
    parts = [_occupation_phrase(values["occupation"])]
    if explanation.matched_skills:
        parts.append("会" + "、".join(explanation.matched_skills))
    if explanation.related_skills:
        parts.append("相近技能：" + "、".join(explanation.related_skills))
    if explanation.missing_skills:
        parts.append("缺少" + "、".join(explanation.missing_skills))
    if explanation.matched_certificates:
        parts.append("持" + "、".join(explanation.matched_certificates))
    parts.append("工作地点" + explanation.location)
    parts.append(_wage_phrase(person, vacancy))
    return replace(explanation, fit_summary="；".join(p for p in parts if p))


def _occupation_phrase(value: float) -> str:
    if value >= 1:
        return "职业对口"
    if value >= 0.8:
        return "职业属同一大类"
    if value > 0:
        return "职业相近"
    return "职业不同，凭技能入选"


def _wage_phrase(person: PersonProfile, vacancy: VacancyProfile) -> str:
    low, high = vacancy.wage_min, vacancy.wage_max
    if low is None and high is None:
        return "工资面议"
    offered = f"{low}–{high} 元" if low and high else f"{low or high} 元"
    if person.min_monthly_wage is None:
        return f"工资 {offered}"
    top = high or low or 0
    verdict = "满足" if top >= person.min_monthly_wage else "低于"
    return f"工资 {offered}，{verdict}期望 {person.min_monthly_wage} 元"
