"""The HTML evidence view read back with the standard library's HTML parser, and the
hostile strings both evidence tests feed it (shared by the unit and integration tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "wbr", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    pane: str  # "memo", "source" or "" (outside both panes)
    parent: Element | None = None
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def inside(self, cls: str) -> bool:
        parent = self.parent
        while parent is not None:
            if cls in parent.classes:
                return True
            parent = parent.parent
        return False


class Page(HTMLParser):
    """Every element with its attributes, pane and text (entities already decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text_nodes: list[str] = []
        self.style = ""
        self.raw_attrs: list[tuple[str, str | None]] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.raw_attrs.extend(attrs)
        values = {name: value or "" for name, value in attrs}
        pane = next((e.pane for e in reversed(self._open) if e.pane), "")
        classes = values.get("class", "").split()
        if tag == "section" and "pane" in classes:
            pane = "memo" if "memo" in classes else "source"
        element = Element(tag, values, pane, self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1].tag == "style":
            self.style += data
            return
        self.text_nodes.append(data)
        for element in self._open:
            element.text += data

    def find(self, tag: str, cls: str | None = None, pane: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag
            and (cls is None or cls in e.classes)
            and (pane is None or e.pane == pane)
        ]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def sentence_spans(page: Page) -> dict[str, Element]:
    return {e.attrs["id"]: e for e in page.find("span", "sentence", pane="source")}


def assert_self_contained(html: str, page: Page) -> None:
    """No scripts, no event handlers, no remote or javascript: URLs anywhere but as text."""
    assert not re.search(r"<\s*script", html, re.IGNORECASE)
    assert not {e.tag for e in page.elements} & {
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "link",
        "form",
        "base",
        "svg",
        "frame",
    }
    for name, value in page.raw_attrs:
        assert not name.lower().startswith("on"), name
        assert name.lower() not in {"src", "srcset", "action", "formaction", "style"}, name
        lowered = (value or "").lower()
        assert "javascript:" not in lowered and "http:" not in lowered and "https:" not in lowered
    for a in page.find("a"):
        assert re.fullmatch(r"#(?:A\d+:)?S\d+", a.attrs.get("href", "")), a.attrs
    # Every remaining "http" (there is one only when the article or model wrote one) lies in
    # a text node: escaped prose, never a reference.
    for scheme in ("http:", "https:", "javascript:"):
        in_text = sum(t.lower().count(scheme) for t in page.text_nodes)
        assert html.lower().count(scheme) == in_text, scheme
    assert "url(" not in page.style and "@import" not in page.style
    [csp] = [e for e in page.find("meta") if e.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp.attrs["content"]
    assert "script-src" not in csp.attrs["content"]  # scripts fall under default-src 'none'


EVIL_ARTICLE = (
    "Envoy row <script>alert(1)</script> deepens\n"
    'The envoy posted "><img src=x onerror=alert(2)> and javascript:alert(3) on '
    "https://evil.example/x.js on Monday.\n"
    "“<script>alert(4)</script> is not a plan for the border,” said Jane Doe.\n"
    "Talks between the two ministries resumed in Geneva on Tuesday."
)
EVIL = (
    '<script>alert(9)</script> "><img src=x onerror=alert(9)> javascript:alert(9) http://x.example'
)
