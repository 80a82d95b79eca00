FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

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
RUN pip install .
COPY . .
RUN STATIC_MANIFEST=true python manage.py collectstatic --no-input

RUN useradd --create-home cascade
USER cascade
EXPOSE 8000
# Workers, threads, timeouts and the bounded backlog: gunicorn.conf.py (each can be set by environment).
CMD ["gunicorn", "-c", "gunicorn.conf.py", "config.wsgi:application"]
