"""Russian for the hub mode of the settings (kept apart so that fill_ru.py rarely conflicts)."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    ("SettingsDialog", "Connection"): "Подключение",
    ("SettingsDialog", "Asterisk AMI"): "Asterisk AMI",
    ("SettingsDialog", "callpanel hub"): "Сервер callpanel hub",
    ("SettingsDialog", "callpanel hub: the panel connects to the call centre's MQTT broker with "
                       "its own operator name and password; no AMI secret is kept on this PC"):
        "callpanel hub: панель подключается к MQTT-брокеру колл-центра под своим именем "
        "оператора и паролем; пароль AMI на этом компьютере не хранится",
    ("SettingsDialog", "Your operator name at the hub (its broker user name)"):
        "Ваше имя оператора на сервере hub (имя пользователя брокера)",
    ("SettingsDialog", "Your broker password, from the hub's admin"):
        "Ваш пароль брокера (его выдаёт администратор сервера hub)",
    ("SettingsDialog", "Client certificate"): "Сертификат клиента",
    ("SettingsDialog", "Client key"): "Ключ клиента",
    ("SettingsDialog", "Optional: when the broker asks for one"):
        "Необязательно: если брокер его требует",
    ("SettingsDialog", "The certificate's private key"): "Закрытый ключ сертификата",
}
