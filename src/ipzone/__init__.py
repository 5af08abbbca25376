"""ipzone: the IP programme of a development zone, from its yearly data to its indicators."""

__version__ = "0.1.0"
