"""The errors ingest raises on purpose: a corpus file, a manifest or the gazetteer that cannot
be used. Each message names the file; the command line prints it as one line and exits 2.

ingest imports nothing from kb, so it has its own base; kb.errors.KbError is the other one.
"""

from __future__ import annotations


class IngestError(Exception):
    """Base of the errors ingest raises on purpose; the message names the file."""


class SourceError(IngestError):
    """A corpus file or folder that cannot be read; the message names it and says why."""


class ParseError(IngestError):
    """A document whose structure does not parse as its manifest's parser expects."""


class GazetteerError(IngestError):
    """The gazetteer file is not valid."""
