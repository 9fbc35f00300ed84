FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv UV_PYTHON_DOWNLOADS=never UV_NO_CACHE=1 PATH=/opt/venv/bin:$PATH
WORKDIR /app

COPY pyproject.toml uv.lock README.md ./
COPY knowledge ./knowledge
COPY bot ./bot
COPY handlers ./handlers
# The versions in uv.lock, as scripts/setup-venv.sh installs them (same uv), into /opt/venv.
RUN pip install "uv==0.13.9" && uv sync --locked --no-editable && pip uninstall --yes uv \
    && useradd --create-home --uid 10001 bot && mkdir -p /app/data && chown bot /app/data

USER bot
ENV DATABASE_PATH=/app/data/bot.sqlite3
VOLUME ["/app/data"]
CMD ["python", "-m", "bot"]
