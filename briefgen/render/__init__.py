"""render: a grounded memo into Markdown (jinja2 templates in ``templates/``), the HTML
evidence view, DOCX, and the format table every output goes through.

May import: ``briefgen.memo``, ``briefgen.ingest``, ``briefgen.text`` and the base
modules. Never ``briefgen.llm``, ``briefgen.extract`` or ``briefgen.grounding``: it shows
what grounding kept and decides nothing.
"""
