"""callpanel: a desktop call panel for Asterisk operators."""

# The one place the version is written: pyproject.toml, `callpanel --version`, the Debian
# package, the bundles and the diagnostics read it from here (CHANGELOG.md says what changed).
__version__ = "0.2.0"
