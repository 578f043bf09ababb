"""factcheck: a fact-consistency checker for news copy."""

__version__ = "0.1.0"
