"""chatlake: the LMSYS-Chat-1M paper's statistics, recomputed with PySpark on Delta tables."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("chatlake")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"


class ChatlakeError(Exception):
    """A problem the user can fix (bad input, bad config); the CLI prints it as one line."""
