"""Walking a JSON Schema in tests: every object node, however deep."""

from __future__ import annotations

from typing import Any


def object_nodes(node: Any) -> list[dict[str, Any]]:
    """Every ``"type": "object"`` node of a schema, nested ones included."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found.extend(object_nodes(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(object_nodes(value))
    return found
