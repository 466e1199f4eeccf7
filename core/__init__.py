"""What every app shares and no app owns: list pages, sorting, API plumbing, form widgets, the
PDF check, the audit trail, version-counted caches and SQL building blocks.

The lowest layer but one (docs/architecture.md): it imports Django, DRF and `treaty`, never an
app of ours, so any app may use it.
"""
