"""Typed settings, read once from ``JOBMATCH_*`` environment variables."""

from functools import lru_cache
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from matching.weights import Weights


class Settings(BaseSettings):
    """Every setting of the service; nothing else reads the environment."""

    model_config = SettingsConfigDict(env_prefix="JOBMATCH_", extra="ignore")

    database_url: str = "sqlite:///./var/jobmatch.db"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    demo_data: bool = True
    bootstrap_admin_key: str | None = Field(default=None, min_length=16)
    timezone: str = "Asia/Shanghai"
    log_level: str = "INFO"
    # Lists never return more rows than this, whatever `limit` asks for.
    max_page_size: int = Field(default=200, ge=1)
    default_page_size: int = Field(default=50, ge=1)
    # How long a SQLite writer waits for the lock before failing, in milliseconds.
    sqlite_busy_timeout_ms: int = Field(default=10_000, ge=0)
    # The matcher's weights by component (JSON, e.g. {"location": 0.3}) over the
    # defaults, and the name of this choice, shown with every explanation.
    match_weights: dict[str, float] = Field(default_factory=dict)
    match_weights_version: str = Field(default="default-1", min_length=1, max_length=40)
    # How far priority (零就业, red and yellow households, the long unemployed) may
    # lift a candidate above a better-scoring one; 0 switches it off.
    priority_max_boost: float = Field(default=0.05, ge=0, le=0.2)
    # An open referral no one moves on for this many days expires.
    referral_expiry_days: int = Field(default=30, ge=1, le=365)
    # Months after a placement starts that its follow-ups fall due (JSON list).
    follow_up_months: list[int] = Field(default_factory=lambda: [1, 3, 6])
    # Stably employed: employed at least `stable_months` of the last
    # `stable_window_months` months.
    stable_months: int = Field(default=6, ge=1, le=60)
    stable_window_months: int = Field(default=12, ge=1, le=60)
    # Days an office has to clear a zero-employment household (零就业家庭).
    zero_employment_days: int = Field(default=30, ge=1, le=365)
    # A follow-up wage this far below the wage at hire turns the household yellow.
    income_drop_fraction: float = Field(default=0.2, gt=0, lt=1)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        ZoneInfo(value)
        return value

    @field_validator("follow_up_months")
    @classmethod
    def _follow_up_months(cls, value: list[int]) -> list[int]:
        if not value or any(not 1 <= m <= 60 for m in value):
            raise ValueError("give one or more whole months from 1 to 60")
        return sorted(set(value))

    @model_validator(mode="after")
    def _stable_window(self) -> "Settings":
        if self.stable_months > self.stable_window_months:
            raise ValueError("stable_months may not exceed stable_window_months")
        return self

    @model_validator(mode="after")
    def _sensible_weights(self) -> "Settings":
        try:
            self.weights()
        except ValueError as error:
            raise ValueError(f"match_weights: {error}") from error
        return self

    def weights(self) -> Weights:
        """Return the matcher's configured weights."""
        return Weights.from_mapping(
            self.match_weights, version=self.match_weights_version
        )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings, read from the environment on first use."""
    return Settings()
