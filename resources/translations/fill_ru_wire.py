"""Russian for the hardening strings (plain-text login, settings that stop every login)."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    ("ConnectionBar", "plain-text login allowed"): "разрешён вход открытым текстом",
    (
        "ConnectionBar",
        "The server refused MD5 login; plain-text login is off. Allow it in the settings only "
        "on a network you trust: the password would be sent unencrypted.",
    ): "Сервер отказал во входе по MD5; вход открытым текстом выключен. Разрешайте его в "
    "настройках только в доверенной сети: пароль будет передан без шифрования.",
    ("ConnectionBar", "The AMI user name cannot be sent: correct it in the settings."):
        "Имя пользователя AMI нельзя отправить: исправьте его в настройках.",
    ("ConnectionBar", "The CA file cannot be read: correct it in the settings."):
        "Файл сертификата ЦС не читается: исправьте его в настройках.",
    (
        "ConnectionBar",
        "The AMI secret cannot be used (not valid text, or too long for a plain-text login): "
        "correct it in the settings.",
    ): "Пароль AMI нельзя использовать (недопустимый текст или слишком длинный для входа "
    "открытым текстом): исправьте его в настройках.",
    ("SettingsDialog", "Allow plain-text login if the server refuses MD5"):
        "Разрешить вход открытым текстом, если сервер отказывает в MD5",
    (
        "SettingsDialog",
        "The password is then sent unencrypted: anyone on the network, or a fake server, can "
        "read it. Use it only on a trusted network or over verified TLS.",
    ): "Тогда пароль передаётся без шифрования: его может прочитать любой в сети или "
    "поддельный сервер. Используйте только в доверенной сети или через проверенный TLS.",
}
