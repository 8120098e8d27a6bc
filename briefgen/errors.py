"""The errors briefgen raises: one base class, a few kinds, each saying what to do next."""

from __future__ import annotations


class BriefgenError(Exception):
    """Base of every error briefgen raises on purpose."""


class InputError(BriefgenError, ValueError):
    """The article cannot be used: empty, binary, undecodable or too large."""


class ConfigError(BriefgenError, ValueError):
    """The configuration is inconsistent or names something that is not there."""


class LLMError(BriefgenError):
    """The LLM endpoint failed in a way that retrying did not or cannot fix.

    ``status`` is the HTTP status when there was one; ``retryable`` tells whether the
    failure was transient (and retries ran out) or permanent (bad key, unknown model).
    """

    def __init__(self, message: str, *, status: int | None = None, retryable: bool = False):
        super().__init__(message)
        self.status = status
        self.retryable = retryable


class InvalidOutputError(BriefgenError):
    """The model kept answering with JSON that does not fit the schema.

    ``last_reply`` carries the last raw answer so the caller can inspect it.
    """

    def __init__(self, message: str, *, last_reply: str | None = None):
        super().__init__(message)
        self.last_reply = last_reply


class TruncatedOutputError(InvalidOutputError):
    """The model ran out of output room (finish_reason "length") on every attempt."""


class RefusalError(BriefgenError):
    """The model refused the request or the provider's content filter stopped it."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


class BudgetExceeded(BriefgenError):  # noqa: N818 - the name users look for
    """The next request would take the memo over max_calls, max_tokens or max_cost_usd.

    Raised before the request is sent, never after the money is spent.
    """

    def __init__(self, message: str, *, limit: str):
        super().__init__(message)
        self.limit = limit


class ChunkFailedError(BriefgenError):
    """Extraction failed for good on one part of the article."""

    def __init__(self, message: str, *, chunk_index: int, start: int, end: int):
        super().__init__(message)
        self.chunk_index = chunk_index
        self.start = start
        self.end = end


class BatchError(LLMError):
    """A batch job that cannot go on as asked: an upload the server refused, a batch that
    expired, failed or was cancelled, a results file that does not fit its requests, a
    job id the ledger does not know, one results line that is no answer.

    ``custom_id`` names the request of the results line it is about, when it is about one.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retryable: bool = False,
        custom_id: str | None = None,
    ):
        super().__init__(message, status=status, retryable=retryable)
        self.custom_id = custom_id


class UsageError(BriefgenError):
    """A command line that asks for something that cannot be done as given."""


class MemoFileError(InputError):
    """An earlier memo given with ``since=`` (or ``--since``) that cannot be read back: not
    a briefgen memo, written in a newer format than this briefgen reads, or stored without
    the article text its citations point into.

    ``path`` names the file (None for a memo given as an object); ``problem`` is one of
    "not a memo", "newer format", "no article", "unreadable"; ``found_format`` is the
    format the file says it has, when it says one.
    """

    def __init__(
        self,
        message: str,
        *,
        problem: str,
        path: str | None = None,
        found_format: int | None = None,
    ):
        super().__init__(message)
        self.problem = problem
        self.path = path
        self.found_format = found_format


class StoryStoreError(BriefgenError):
    """The local store of stories cannot be used as asked: the file is damaged (not a
    briefgen story store, or corrupt), another process holds it locked for longer than
    the wait allows, it was written by a newer briefgen, or the story asked for is not
    in it. The file itself is never changed or replaced because of the problem.

    ``problem`` is one of "damaged", "locked", "newer format", "no such story",
    "unwritable", "bad name"; ``path`` is the store's file. ``memo``, when the memo was
    made but could not be kept, holds it (a ``Brief``), so that nothing paid for is lost.
    """

    def __init__(self, message: str, *, problem: str, path: str | None = None, memo: object = None):
        super().__init__(message)
        self.problem = problem
        self.path = path
        self.memo = memo


__all__ = [
    "BatchError",
    "BriefgenError",
    "BudgetExceeded",
    "ChunkFailedError",
    "ConfigError",
    "FetchError",
    "InputError",
    "InvalidOutputError",
    "LLMError",
    "MemoFileError",
    "RefusalError",
    "StoryStoreError",
    "TruncatedOutputError",
    "UsageError",
]


class FetchError(InputError):
    """A URL could not be fetched as an HTML page: unreachable, timed out, not 200, not HTML.

    ``url`` is the address asked for; ``status`` is the HTTP status when there was one.
    """

    def __init__(self, message: str, *, url: str, status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status
