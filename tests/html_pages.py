"""HTML pages for the article-loading tests: from files and stdin (unit) and over loopback
HTTP (integration)."""

from __future__ import annotations

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Talks resume in Geneva | Example Herald</title>
<meta property="og:site_name" content="Example Herald">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Talks resume in Geneva</h1>
<p>Delegations from both countries met in Geneva on Tuesday to resume talks on the
disputed border, officials said.</p>
<p>The foreign minister called the first session constructive. A second session is
planned for Thursday.</p>
<p>Diplomats expect a joint statement by the end of the week.</p>
</article>
<footer>Copyright 2024 Example Herald. All rights reserved. Subscribe now.</footer>
</body></html>
"""


def news_page(title: str, paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}"
        f"</head><body><article>{body}</article></body></html>"
    )


# Short single-byte texts that charset guessing gets wrong ("ŕ Genčve"): only the
# declared charset decodes them right.
FRENCH = "Les négociations ont repris à Genève mardi, selon le ministère."


def bare_page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>x</title></head><body><p>{text}</p></body></html>"
