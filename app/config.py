"""Typed settings, read once from ``JOBMATCH_*`` environment variables."""

from functools import lru_cache
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        ZoneInfo(value)
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings, read from the environment on first use."""
    return Settings()
