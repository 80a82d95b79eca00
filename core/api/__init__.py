"""What every app's REST API shares: pagination, errors, permissions, verbs and the schema.

Each app keeps its endpoints in ``<app>/api/`` (serializers.py, filters.py, views.py,
urls.py with a ``SimpleRouter``) and ``config/api_urls.py`` includes its urls at ``/api/``.
"""
