FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY knowledge ./knowledge
COPY bot ./bot
COPY handlers ./handlers
RUN pip install . && useradd --create-home --uid 10001 bot && mkdir -p /app/data && chown bot /app/data

USER bot
ENV DATABASE_PATH=/app/data/bot.sqlite3
VOLUME ["/app/data"]
CMD ["python", "-m", "bot"]
