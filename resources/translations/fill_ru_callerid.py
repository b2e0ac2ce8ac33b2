"""Russian for what the panel says about the caller ID an outside party sees (issue 18), kept
apart from fill_ru.py so that engineers working on other parts rarely touch the same lines."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    ("Bridge", "Reading the transfer dialplan"): "Чтение диалплана переводов",
    ("TransferDialog", "packaging/asterisk/extensions.conf, [panel-transfer]"):
        "packaging/asterisk/extensions.conf, [panel-transfer]",
    ("TransferDialog", "%s will see %s, the caller's own number, not ours: the PBX's transfer "
                       "context does not set our caller ID (%s)."):
        "%s увидит %s — собственный номер звонящего, а не наш: контекст переводов АТС не "
        "подставляет наш номер (%s).",
    ("SettingsDialog", "With panel-transfer (packaging/asterisk/extensions.conf), an outside "
                       "number you transfer a caller to sees your caller ID, not the caller's own "
                       "number"):
        "С panel-transfer (packaging/asterisk/extensions.conf) внешний номер, на который "
        "переведён звонящий, видит ваш номер, а не собственный номер звонящего",
}
