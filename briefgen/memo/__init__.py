"""memo: what a memo is made of. Its items, the memo-level fields per style, the grounded
``BriefData``, THE section registry (``sections.py``), the header, the report and the
styles. Data types only.

May import: ``briefgen.ingest``, ``briefgen.text`` and the base modules (``config``,
``errors``, ``usage``). Never a provider, a renderer or the grounding.
"""
