"""The terminal progress bar of the command line."""

from __future__ import annotations

import io


def test_progress_bar_draws_memos_and_chunks() -> None:
    from briefgen import Progress
    from briefgen.cli import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(stream, total=2)
    bar(Progress(article=0, articles=2, stage="started", chunks=3))
    bar(Progress(article=0, articles=2, stage="chunk_done", chunks_done=2, chunks=3))
    assert "0/2 memos" in stream.getvalue() and "#1 2/3 chunks" in stream.getvalue()
    bar(Progress(article=0, articles=2, stage="done", chunks_done=3, chunks=3))
    bar(Progress(article=1, articles=2, stage="failed", error="x"))
    assert stream.getvalue().rsplit("\r", 1)[-1].startswith("[####################] 2/2")
    bar.close()
