"""llm: the provider boundary. The ``Backend`` protocol (one structured-completion call),
the OpenAI-compatible backend (``openai_backend.py``; ``endpoints.py`` builds its clients;
nothing outside ``llm`` imports ``openai``), the embedded
llama.cpp backend, an in-process ``FunctionBackend``, and what every call shares:
validation and re-asks, transport retries, the response cache, budgets, token counting
and the request limit.

May import: the base modules (``config``, ``errors``, ``usage``). Nothing above it, and
nothing about memos: it sends messages and validates answers against a pydantic model.
"""
