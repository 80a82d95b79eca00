from rest_framework import serializers


class ImportRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The line of the file (the header is line 1).")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='What is wrong, by column: {"manager": ["..."]}.',
    )


class ImportRejectedSerializer(serializers.Serializer):
    """A 400 from an import: nothing was written. A file that cannot be read at all gets ``{"file": [...]}``."""

    detail = serializers.CharField()
    rows = ImportRowErrorSerializer(many=True)
