"""The project's exceptions: one root, ``GeoError``; each also inherits the builtin it refines."""

from __future__ import annotations


class GeoError(Exception):
    """Root of every error this package raises on purpose."""


class InputError(GeoError, ValueError):
    """An input document or file cannot be read; the message names the file and the problem."""


class GazetteerError(GeoError, RuntimeError):
    """The gazetteer database is unusable (corrupt, or built by an incompatible version)."""


class GazetteerMissing(GazetteerError, FileNotFoundError):
    """No gazetteer database at the expected path; build it with ``geo gazetteer build``."""


class GoldFormatError(GeoError, ValueError):
    """A gold-standard evaluation file is unknown or malformed."""


class RenderError(GeoError, RuntimeError):
    """A map or table could not be written."""


class MissingExtraError(GeoError, ImportError):
    """An optional feature was asked for but its extra is not installed (the message names the extra)."""
