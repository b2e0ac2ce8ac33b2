"""Translations: every visible string goes through Qt's tr(); Russian ships as a .qm file.

``install(app, language)`` loads ours (``resources/translations/callpanel_<lang>.qm``) and Qt's
own (``qtbase_<lang>.qm``, for standard buttons) following the system locale or the setting.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..store.settings import Language
from .format import set_withheld_text

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
SUPPORTED = ("en", "ru")


def language_code(language: Language, system: QLocale | None = None) -> str:
    if language is Language.SYSTEM:
        name = (system or QLocale.system()).name()  # "ru_RU"
        code = name.split("_", 1)[0].lower()
        return code if code in SUPPORTED else "en"
    return str(language.value)


class Translations:
    """Owns the installed translators so that the language can be switched at run time."""

    def __init__(self, app: QCoreApplication, directory: Path = TRANSLATIONS_DIR) -> None:
        self._app = app
        self._dir = directory
        self._installed: list[QTranslator] = []
        self.code = "en"

    def install(self, language: Language) -> str:
        """Switch to ``language``; returns the code in effect ("en" when a file is missing)."""
        code = self._install(language)
        set_withheld_text(QCoreApplication.translate("Numbers", "number withheld"))
        return code

    def _install(self, language: Language) -> str:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        code = language_code(language)
        self.code = "en"
        if code == "en":
            return self.code
        ours = QTranslator(self._app)
        if ours.load(f"callpanel_{code}", str(self._dir)):
            self._app.installTranslator(ours)
            self._installed.append(ours)
            self.code = code
        else:
            log.warning("no %s translation in %s; staying in English", code, self._dir)
            return self.code
        qt = QTranslator(self._app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{code}", qt_dir):
            self._app.installTranslator(qt)
            self._installed.append(qt)
        return self.code
