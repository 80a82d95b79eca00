FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# Pango draws the text of the PDF export (WeasyPrint).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY core ./core
COPY accounts ./accounts
COPY goals ./goals
COPY assumptions ./assumptions
COPY demo ./demo
COPY dashboard ./dashboard
COPY notifications ./notifications
COPY workshop ./workshop
COPY territories ./territories
RUN pip install .
COPY . .
# Settings refuse to start without a SECRET_KEY of their own; this one lives only for this build step.
RUN STATIC_MANIFEST=true SECRET_KEY=collectstatic-at-build-time-only-never-served-0123456789abcdef python manage.py collectstatic --no-input

RUN useradd --create-home cascade
USER cascade
EXPOSE 8000
# Workers, threads, timeouts and the bounded backlog: gunicorn.conf.py (each can be set by environment).
CMD ["gunicorn", "-c", "gunicorn.conf.py", "config.wsgi:application"]
