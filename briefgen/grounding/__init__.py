"""grounding: keep only what the article supports. Quote alignment and attribution, names
and aliases, claim reading, the support check, likelihood language, and the ``Grounder``
that applies them section by section from the registry.

May import: ``briefgen.extract`` (answer types), ``briefgen.memo``, ``briefgen.ingest``,
``briefgen.text`` and the base modules. Never ``briefgen.llm`` or ``openai``.
"""
