"""onrecord: who said what, when, reported by which outlet, and how it was framed."""

__version__ = "0.1.0"
