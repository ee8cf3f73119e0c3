"""sitrep: a live situation report in the terminal, from a folder of news articles."""

__version__ = "0.1.0"
