"""callpanel: a desktop call panel for Asterisk operators."""

__version__ = "0.1.0"
