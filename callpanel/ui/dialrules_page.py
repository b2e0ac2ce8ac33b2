"""The settings page for numbers: dialling rules with a live preview of what a number becomes
("+7 916 123-45-67 will be dialled as 89161234567"), the caller lookup sources and how long the
call history is kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..asterisk.errors import InvalidInput, InvalidNumber
from ..asterisk.validate import normalize_number
from ..directory.dialrules import DialRuleError, DialRules
from ..directory.phone import check_region, display, effective_region
from ..store.settings import Settings
from .directory_words import dial_rule_error_text, region_error_text
from .strings import number_refused_text

SAMPLE = "+7 916 123-45-67"


class DialRulesPage(QWidget):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        ldap_password_stored: bool = False,
        keyring_usable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DialRulesPage")
        self._locale = QLocale.system().name()
        self.region = QLineEdit(settings.region)
        self.region.setObjectName("RegionEdit")
        self.region.setMaxLength(2)
        self.region.setPlaceholderText(
            self.tr("From the system: %s") % effective_region("", self._locale)
        )
        self.region.setToolTip(
            self.tr("The country of numbers written without a country code, e.g. RU, KZ, DE")
        )
        self.rules = QPlainTextEdit("\n".join(settings.dial_rules))
        self.rules.setObjectName("DialRulesEdit")
        self.rules.setPlaceholderText("+7=8\n+=810")
        self.rules.setToolTip(
            self.tr(
                "One rule a line, PREFIX=REPLACEMENT. The longest matching prefix wins; a "
                "prefix with + is compared with the number in international form."
            )
        )
        self.rules.setFixedHeight(90)
        self.outside_prefix = QLineEdit(settings.outside_prefix)
        self.outside_prefix.setObjectName("OutsidePrefix")
        self.outside_prefix.setPlaceholderText(self.tr("none"))
        self.internal_digits = QSpinBox()
        self.internal_digits.setObjectName("InternalDigits")
        self.internal_digits.setRange(0, 16)
        self.internal_digits.setValue(settings.internal_max_digits)
        self.internal_digits.setToolTip(
            self.tr("Numbers with at most this many digits are extensions, dialled as they are")
        )
        self.sample = QLineEdit(SAMPLE)
        self.sample.setObjectName("DialRulesSample")
        self.preview = QLabel()
        self.preview.setObjectName("DialRulesPreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.lookup_url = QLineEdit(settings.lookup_url)
        self.lookup_url.setObjectName("LookupUrl")
        self.lookup_url.setPlaceholderText("https://crm.example.com/api/find?phone={e164}")
        self.lookup_url.setToolTip(
            self.tr(
                "A CRM's search API that answers JSON with a name (and company, url); "
                "{number} and {e164} are filled in. Asked after the contacts, 1.5 s at most."
            )
        )
        self.ldap_url = QLineEdit(settings.ldap_url)
        self.ldap_url.setObjectName("LdapUrl")
        self.ldap_url.setPlaceholderText("ldaps://dc.example.com")
        self.ldap_base = QLineEdit(settings.ldap_base)
        self.ldap_base.setObjectName("LdapBase")
        self.ldap_base.setPlaceholderText("dc=example,dc=com")
        self.ldap_bind_dn = QLineEdit(settings.ldap_bind_dn)
        self.ldap_bind_dn.setObjectName("LdapBindDn")
        self.ldap_bind_dn.setPlaceholderText(self.tr("empty: anonymous"))
        # The bind password goes to the system keyring (account BIND_DN@HOST), never into
        # the settings file; empty means "unchanged".
        self.ldap_password = QLineEdit()
        self.ldap_password.setObjectName("LdapPassword")
        self.ldap_password.setEchoMode(QLineEdit.EchoMode.Password)
        if ldap_password_stored:
            self.ldap_password.setPlaceholderText(self.tr("(stored — type to change)"))
        else:
            self.ldap_password.setPlaceholderText(self.tr("for the bind DN"))
        self.ldap_password.setToolTip(
            self.tr("Kept in the system keyring, never in the settings file")
            if keyring_usable
            else self.tr("No system keyring: kept until the panel quits")
        )
        self.history_days = QSpinBox()
        self.history_days.setObjectName("HistoryDays")
        self.history_days.setRange(0, 36500)
        self.history_days.setValue(settings.history_days)
        self.history_days.setSpecialValueText(self.tr("forever"))
        self.history_days.setSuffix(self.tr(" days"))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # spare height below the fields, not inside the wrapped preview
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Rules"), self.rules)
        form.addRow(self.tr("Outside-line prefix"), self.outside_prefix)
        form.addRow(self.tr("Extension digits"), self.internal_digits)
        form.addRow(self.tr("Try a number"), self.sample)
        form.addRow("", self.preview)
        form.addRow(self.tr("Lookup URL"), self.lookup_url)
        form.addRow(self.tr("LDAP server"), self.ldap_url)
        form.addRow(self.tr("LDAP base"), self.ldap_base)
        form.addRow(self.tr("LDAP user (bind DN)"), self.ldap_bind_dn)
        form.addRow(self.tr("LDAP password"), self.ldap_password)
        form.addRow(self.tr("Keep calls"), self.history_days)
        for edit in (self.region, self.outside_prefix, self.sample):
            edit.textChanged.connect(self.update_preview)
        self.rules.textChanged.connect(self.update_preview)
        self.internal_digits.valueChanged.connect(self.update_preview)
        self.update_preview()

    def values(self) -> dict[str, Any]:
        """The fields for ``Settings(...)``; validated there (a bad rule names itself)."""
        lines = self.rules.toPlainText().splitlines()
        return {
            "region": self.region.text().strip(),
            "dial_rules": tuple(line.strip() for line in lines if line.strip()),
            "outside_prefix": self.outside_prefix.text().strip(),
            "internal_max_digits": self.internal_digits.value(),
            "lookup_url": self.lookup_url.text().strip(),
            "ldap_url": self.ldap_url.text().strip(),
            "ldap_base": self.ldap_base.text().strip(),
            "ldap_bind_dn": self.ldap_bind_dn.text().strip(),
            "history_days": self.history_days.value(),
        }

    def typed_ldap_password(self) -> str | None:
        """The password typed for the bind DN; ``None``: keep the stored one."""
        return self.ldap_password.text() or None

    def current_rules(self) -> DialRules:
        values = self.values()
        region = effective_region(check_region(values["region"]), self._locale)
        return DialRules.from_texts(
            values["dial_rules"],
            outside_prefix=values["outside_prefix"],
            internal_max_digits=values["internal_max_digits"],
            region=region,
        )

    def update_preview(self) -> None:
        try:
            rules = self.current_rules()
        except DialRuleError as exc:
            self._show(dial_rule_error_text(exc), ok=False)
            return
        except ValueError:  # the region (the only other check)
            self._show(region_error_text(self.region.text().strip()), ok=False)
            return
        try:
            clean = normalize_number(self.sample.text())
            dialled = normalize_number(rules.apply(clean))
        except InvalidNumber as exc:
            self._show(f"{self.sample.text()}: {number_refused_text(exc.refused)}", ok=False)
            return
        except InvalidInput as exc:
            self._show(str(exc), ok=False)
            return
        self._show(
            self.tr("%s will be dialled as %s") % (display(clean, rules.region), dialled), ok=True
        )

    def _show(self, text: str, *, ok: bool) -> None:
        self.preview.setText(text)
        self.preview.setStyleSheet("" if ok else "color: #c92a2a;")
