"""The cascade's pages: explorer, goal page, drafting and linking, approval queue."""
