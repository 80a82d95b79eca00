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
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
