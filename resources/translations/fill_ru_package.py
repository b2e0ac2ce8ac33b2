"""Russian for the set-up check and the diagnostics (kept apart from fill_ru.py so that
engineers working on other parts rarely touch the same lines)."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    ("SetupCheck", "Check set-up"): "Проверить настройку АТС",
    ("SetupCheck", "Log in and list what the panel needs from the PBX (permissions, event "
                   "filter, phone, dialplan, TLS) and the configuration line that fixes what "
                   "is missing"):
        "Войти и перечислить, что панели нужно от АТС (права, фильтр событий, телефон, "
        "диалплан, TLS), и строку настройки, которая исправит недостающее",
    ("SetupCheck", "The check failed: %s"): "Проверка не удалась: %s",
    ("DeskActions", "Copy diagnostics"): "Скопировать диагностику",
    ("Diagnostics", "Copy diagnostics"): "Скопировать диагностику",
    ("Diagnostics", "Replace phone numbers and caller names with stand-ins? (The secret is never "
                    "included.)"):
        "Заменить номера телефонов и имена звонящих условными? (Пароль не включается никогда.)",
    ("Diagnostics", "Attach this file to the bug report (log and AMI traffic): %1"):
        "Приложите этот файл к сообщению об ошибке (журнал и трафик AMI): %1",
    ("Diagnostics", "The report is on the clipboard."): "Отчёт скопирован в буфер обмена.",
}  # fmt: skip
