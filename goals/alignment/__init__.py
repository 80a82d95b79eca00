"""The alignment scan: rules that flag goals which do not line up, the scan that keeps flags true, health reports.

- ``rules``: one set-based rule per flag kind, with the wording of its flag.
- ``scan``: ``scan_cycle`` reconciles a cycle's flags with what the rules find.
- ``draft``: ``flags_for_draft`` previews the flags of one goal being edited.
- ``health``: selectors for the alignment health of a cycle.
- ``triggers``: rescans shortly after goals change, debounced.
"""

from goals.alignment.draft import flags_for_draft
from goals.alignment.rules import Finding
from goals.alignment.scan import ScanResult, scan_cycle

__all__ = ["Finding", "ScanResult", "flags_for_draft", "scan_cycle"]
