"""What changes to the organisation announce, so that layers above (the alignment scan) can react."""

from django.dispatch import Signal

# A person moved to another manager, taking everyone under them along. kwargs: person.
reporting_line_changed = Signal()
