"""ingest: turn text, bytes, files, HTML pages and URLs into an ``Article`` (normalised
text, numbered sentences with character offsets).

May import: ``briefgen.text``, ``briefgen.errors``. Never a provider.
"""
