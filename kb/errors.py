"""The errors the knowledge base raises on purpose, in one hierarchy.

Every one of them is the user's to fix (a question, a filter, a setting, a file, an index to
rebuild), so its message says what to do; the command line prints it as one line and exits 2,
the app shows a Dutch sentence. Anything else that escapes is a bug. The ingest layer has its
own base, `ingest.errors.IngestError`, since it imports nothing from kb.

    KbError
    ├── UsageError               a command line that cannot work as given
    ├── SettingsError            a setting with a wrong value
    ├── EmbedderError            an embedder that cannot be made
    ├── SearchError              a search that cannot be served
    │   ├── EmptyQuestionError   nothing left of the question after cleaning
    │   └── UnknownFilterError   a filter value no chunk has
    ├── IndexLoadError           no usable index on disk
    │   ├── IndexNotFoundError, ManifestError, CorruptIndexError, EmbedderMismatchError
    ├── SentenceStoreError       the sentence files of a build do not fit its chunks
    ├── AnswerError              an index without sentences for answers
    ├── FeedbackError            the feedback file cannot be read or written
    └── QuestionFileError        a question, qrels or run file that is not valid
"""

from __future__ import annotations


class KbError(Exception):
    """Base of every error the knowledge base raises on purpose; the message says what to do."""


class UsageError(KbError):
    """A command line that cannot work as given (options that do not go together)."""


class SettingsError(KbError):
    """A setting has a wrong value; the message says which and why."""


class EmbedderError(KbError):
    """The embedder named in the settings cannot be made."""


class SearchError(KbError):
    """A search request cannot be served; the message says why."""


class EmptyQuestionError(SearchError):
    """The question holds no text after cleaning."""


class UnknownFilterError(SearchError):
    """A filter names a value that no chunk in the index has; the message lists the valid ones."""


class IndexLoadError(KbError):
    """The index cannot be loaded; the message says why and what to do."""


class IndexNotFoundError(IndexLoadError):
    """There is no build yet."""


class ManifestError(IndexLoadError):
    """CURRENT or a manifest is not what this program reads."""


class CorruptIndexError(IndexLoadError):
    """A build's files do not match its manifest."""


class EmbedderMismatchError(IndexLoadError):
    """The build was made with another embedder or dimension."""


class SentenceStoreError(KbError):
    """The sentence files of a build do not fit its chunks."""


class AnswerError(KbError):
    """The index cannot give answers (no sentence store); the message says what to do."""


class FeedbackError(KbError):
    """The feedback file cannot be read or written; the message says why."""


class QuestionFileError(KbError):
    """A question, query, qrels or run file is not valid; the message names the file and line."""
