FROM python:3.11-slim

WORKDIR /srv/jobmatch
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY matching ./matching
COPY scheduler ./scheduler
COPY alembic ./alembic
RUN pip install --no-cache-dir -e . \
    && useradd --system --home /srv/jobmatch jobmatch \
    && mkdir -p var && chown jobmatch var
USER jobmatch

ENV JOBMATCH_HOST=0.0.0.0 \
    JOBMATCH_PORT=8000
EXPOSE 8000
CMD ["sh", "-c", "jobmatch migrate && jobmatch serve"]
