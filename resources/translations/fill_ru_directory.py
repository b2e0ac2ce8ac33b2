"""Russian for the who-is-calling part (dialling rules, contacts, lookup, history): kept apart
from fill_ru.py so that engineers working on other parts rarely touch the same lines."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    ("SettingsDialog", "Dialling"): "Набор номера",
    ("DialRulesPage", "From the system: %s"): "Из системы: %s",
    ("DialRulesPage", "The country of numbers written without a country code, e.g. RU, KZ, DE"):
        "Страна номеров, записанных без кода страны, например RU, KZ, DE",
    ("DialRulesPage", "One rule a line, PREFIX=REPLACEMENT. The longest matching prefix wins; a "
                      "prefix with + is compared with the number in international form."):
        "По одному правилу в строке: ПРЕФИКС=ЗАМЕНА. Действует самый длинный подходящий "
        "префикс; префикс с + сравнивается с номером в международном виде.",
    ("DialRulesPage", "none"): "нет",
    ("DialRulesPage", "Numbers with at most this many digits are extensions, dialled as they are"):
        "Номера не длиннее стольких цифр — внутренние, набираются как есть",
    ("DialRulesPage", "Region"): "Регион",
    ("DialRulesPage", "Rules"): "Правила",
    ("DialRulesPage", "Outside-line prefix"): "Префикс выхода в город",
    ("DialRulesPage", "Extension digits"): "Цифр во внутреннем номере",
    ("DialRulesPage", "Try a number"): "Проверить номер",
    ("DialRulesPage", "%s will be dialled as %s"): "%s будет набран как %s",
}
