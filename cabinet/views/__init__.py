"""The Shadow Cabinet's pages, one module per area."""
