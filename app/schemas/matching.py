"""Response bodies of candidate lists and recommendations."""

from pydantic import Field

from app.schemas.common import Output


class ComponentPublic(Output):
    name: str = Field(
        description="occupation, skills, certificates, location, wage, "
        "availability or experience"
    )
    label: str = Field(description="The component's name in Chinese")
    value: float = Field(description="How well this part fits, 0 to 1")
    weight: float = Field(description="Its share of the score; the shares add up to 1")


class ExplanationPublic(Output):
    summary: str = Field(description="The reasons in one Chinese sentence")
    components: list[ComponentPublic]
    matched_skills: list[str] = Field(description="Asked for, and held or a synonym")
    related_skills: list[str] = Field(description="Asked for; a related skill is held")
    missing_skills: list[str]
    matched_certificates: list[str]
    missing_certificates: list[str] = Field(description="Preferred, and not held")
    location: str = Field(description="How the workplace lies for the person")
    priority_boost: float = Field(
        description="How much priority lifted the rank (not the score)"
    )
    priority_reasons: list[str] = Field(
        description="Why the person comes first: 零就业家庭, 红色预警家庭 and the like"
    )
    weights_version: str


class FlagPublic(Output):
    kind: str = Field(description="age, sex or household_registration")
    label: str
    found: str = Field(description="The words of the vacancy that state it")


class CandidateItem(Output):
    person_id: int
    score: float = Field(description="0 to 1; priority never changes it")
    explanation: ExplanationPublic


class RecommendationItem(Output):
    vacancy_id: int
    score: float = Field(description="0 to 1")
    explanation: ExplanationPublic


class MatchPage(Output):
    total: int = Field(description="How many qualify in all")
    limit: int
    offset: int
    reason: str | None = Field(description="Why the list is empty, when it is")
    weights_version: str


class CandidatePage(MatchPage):
    items: list[CandidateItem]
    is_priority_applied: bool = Field(
        description="Whether priority reordered near-equal candidates"
    )
    flags: list[FlagPublic] = Field(
        description="Requirements of the vacancy that the Employment Promotion Law "
        "forbids (age, sex, household registration); never used in scoring"
    )


class RecommendationPage(MatchPage):
    items: list[RecommendationItem]


class ShortlistPublic(Output):
    vacancy_id: int
    places: int = Field(description="per_opening × openings left")
    reason: str | None = Field(description="Why the list is empty, when it is")
    items: list[CandidateItem] = Field(description="Best first")


class ShortlistsPublic(Output):
    items: list[ShortlistPublic]
    people: int = Field(description="How many different people are on some list")
    per_opening: int
    max_lists: int
    is_priority_applied: bool
    weights_version: str
