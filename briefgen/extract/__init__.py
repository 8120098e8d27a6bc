"""extract: what the model is asked. Chunking, prompt rendering, the answer schemas, the
call plan (shared by the pipeline and ``estimate()``) and the cross-chunk merge.

May import: ``briefgen.memo``, ``briefgen.ingest``, ``briefgen.text`` and the base
modules. Never ``briefgen.llm`` or ``openai``: it builds requests, it does not send them.
"""
