"""Fill callpanel_ru.ts with the Russian translations below (written by hand), then run
``pyside6-lrelease``. Re-run after ``pyside6-lupdate`` when strings change:

    .venv/bin/pyside6-lupdate callpanel/ui/*.py -ts resources/translations/callpanel_ru.ts \\
        -target-language ru_RU -no-obsolete
    .venv/bin/python resources/translations/fill_ru.py
    .venv/bin/pyside6-lrelease resources/translations/callpanel_ru.ts
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from fill_ru_callerid import RU as RU_CALLERID
from fill_ru_centre import RU as RU_CENTRE
from fill_ru_core import RU as RU_CORE  # this script's own folder
from fill_ru_desk import RU as RU_DESK
from fill_ru_directory import RU as RU_DIRECTORY
from fill_ru_hub import RU as RU_HUB
from fill_ru_package import RU as RU_PACKAGE
from fill_ru_wire import RU as RU_WIRE

TS = Path(__file__).with_name("callpanel_ru.ts")

# (context or "*", English) -> Russian
RU: dict[tuple[str, str], str] = {
    ("Bridge", "%s: the input is not valid: %s"): "%s: неверные данные: %s",
    ("Bridge", "%s is not possible: %s"): "%s невозможно: %s",
    ("Bridge", "%s: Asterisk denied permission (%s)"): "%s: Asterisk отказал в доступе (%s)",
    ("Bridge", "%s: Asterisk refused: %s"): "%s: Asterisk отказал: %s",
    ("Bridge", "%s: Asterisk did not answer in time; check the call before retrying"):
        "%s: Asterisk не ответил вовремя; проверьте звонок, прежде чем повторять",
    ("Bridge", "%s: not connected to Asterisk; try again when the connection is back"):
        "%s: нет связи с Asterisk; повторите, когда связь восстановится",
    ("Bridge", "%s: Asterisk refused the login"): "%s: Asterisk не принял вход",
    ("Bridge", "%s failed unexpectedly: %s"): "%s: неожиданная ошибка: %s",
    ("Bridge", "Reconnect"): "Переподключение",
    ("Bridge", "Connect"): "Подключение",
    ("*", "Not connected to Asterisk"): "Нет связи с Asterisk",
    ("Bridge", "Pick up the handset to answer. To answer from the panel, choose how in "
               "Settings, Phone, Answer"):
        "Снимите трубку, чтобы ответить. Чтобы отвечать из панели, выберите способ в "
        "Настройки, Телефон, Ответ",
    ("Bridge", "Use the phone's hold key. To hold from the panel, choose how in Settings, "
               "Phone, Hold"):
        "Используйте кнопку удержания на телефоне. Чтобы удерживать из панели, выберите "
        "способ в Настройки, Телефон, Удержание",
    ("Bridge", "Not available: %s"): "Недоступно: %s",
    ("Bridge", "This server does not allow it"): "Этот сервер этого не позволяет",
    ("Bridge", "Click-to-call is not available: %s"): "Звонок из панели недоступен: %s",
    ("Bridge", "This Asterisk user may not originate calls (permission denied); "
               "ask the PBX administrator"):
        "Этому пользователю Asterisk запрещено совершать вызовы (нет прав); "
        "обратитесь к администратору АТС",
    ("Bridge", "Answer"): "Ответ",
    ("Bridge", "Hold"): "Удержание",
    ("Bridge", "Unhold"): "Снятие с удержания",
    ("Bridge", "Hang up"): "Завершение",
    ("Bridge", "Attended transfer"): "Перевод с консультацией",
    ("Bridge", "Transfer"): "Перевод",
    ("Bridge", "Tones"): "Тоновый набор",
    ("Bridge", "Cancel transfer"): "Отмена перевода",
    ("CallWidget", "Cancel transfer"): "Отменить",
    ("CallWidget", "Go back to this caller and end the consultation call"):
        "Вернуться к этому абоненту и завершить консультацию",
    ("Bridge", "Call"): "Звонок",
    ("CallState", "Incoming call ringing"): "Входящий звонок",
    ("CallState", "Calling…"): "Вызов…",
    ("CallState", "Talking"): "Разговор",
    ("CallState", "On hold — by the other side"): "На удержании — у собеседника",
    ("CallState", "On hold — by you"): "На удержании — у вас",
    ("CallState", "Call ended"): "Звонок завершён",
    ("CallWidget", "Answer"): "Ответить",
    ("CallWidget", "Hold"): "Удержать",
    ("CallWidget", "Transfer"): "Перевести",
    ("CallWidget", "Keypad"): "Тоны",
    ("CallWidget", "Hang up"): "Завершить",
    ("CallWidget", "Unknown caller"): "Неизвестный абонент",
    # -- the operator's desk (issue 15)
    ("Bridge", "Complete transfer"): "Завершение перевода",
    ("CallWidget", "Complete transfer"): "Соединить",
    ("CallWidget", "Leave the call: this caller and the person you consulted stay connected"):
        "Выйти из разговора: абонент и тот, с кем вы советовались, останутся на связи",
    ("CallWidget", "Transfer this caller to another number, at once or after talking first"):
        "Перевести абонента на другой номер: сразу или после разговора с получателем",
    ("CallWidget", "keys act here"): "клавиши — здесь",
    ("CallWidget", "The keyboard shortcuts answer, hold and hang up this call"):
        "Сочетания клавиш отвечают, удерживают и завершают этот звонок",
    ("DeskActions", "Settings…"): "Настройки…",
    ("DeskActions", "Help"): "Справка",
    ("DeskActions", "About callpanel"): "О программе callpanel",
    ("DeskActions", "Quit"): "Выход",
    ("DeskHelp", "callpanel help"): "Справка callpanel",
    ("DeskHelp", "About callpanel"): "О программе callpanel",
    ("DeskHelp", "Colours: orange rings, blue is being dialled, green is a conversation."):
        "Цвета: оранжевый — звонит, синий — идёт вызов, зелёный — разговор.",
    ("DeskHelp", "Violet is on hold by you, grey is on hold by the other side."):
        "Фиолетовый — удержание у вас, серый — удержание у собеседника.",
    ("DeskHelp", "Keyboard shortcuts (they act on the marked call):"):
        "Сочетания клавиш (действуют на отмеченный звонок):",
    ("DeskHelp", "Right-click a recent call to call back or copy the number."):
        "Щёлкните правой кнопкой по недавнему звонку, чтобы перезвонить или скопировать номер.",
    ("DeskHelp", "The ☰ menu opens the settings: server, phone, alerts and hotkeys."):
        "Меню ☰ открывает настройки: сервер, телефон, оповещения и горячие клавиши.",
    ("DeskHelp", "callpanel %s — a call panel for Asterisk operators"):
        "callpanel %s — панель звонков для операторов Asterisk",
    ("DeskHelp", "MIT licence. Qt for Python %s, Python %s."):
        "Лицензия MIT. Qt for Python %s, Python %s.",
    ("DialBox", "Dial pad"): "Номеронабиратель",
    ("Keypad", "Sent: %s"): "Отправлено: %s",
    ("Keypad", "Type or click digits"): "Наберите или нажмите цифры",
    ("MainWindow", "answer the ringing call"): "ответить на входящий звонок",
    ("MainWindow", "hang up"): "завершить звонок",
    ("MainWindow", "hold / take back"): "удержать / вернуть",
    ("MainWindow", "type a number to call"): "набрать номер",
    ("MenuButton", "Menu: settings, help, about"): "Меню: настройки, справка, о программе",
    ("MenuButton", "Menu"): "Меню",
    ("Desk", "Start at login could not be set: %s"): "Не удалось включить запуск при входе: %s",
    ("Desk", "Global hotkeys: %s"): "Глобальные клавиши: %s",
    ("DeskPage", "Ring when a call comes in"): "Звонить при входящем звонке",
    ("DeskPage", "System default"): "Системное по умолчанию",
    ("DeskPage", "Play"): "Прослушать",
    ("DeskPage", "Stop"): "Стоп",
    ("DeskPage", "Play the ringtone on this output at this volume"):
        "Проиграть мелодию звонка на этом устройстве с этой громкостью",
    ("DeskPage", "Bring the window to the front when a call rings"):
        "Выводить окно на передний план при звонке",
    ("DeskPage", "Start in the tray"): "Запускать свёрнутым в трей",
    ("DeskPage", "Start when I log in"): "Запускать при входе в систему",
    ("DeskPage", "Global hotkeys, also while you use another program"):
        "Глобальные клавиши — работают и в других программах",
    ("DeskPage", "Sound output"): "Устройство вывода звука",
    ("DeskPage", "Volume"): "Громкость",
    ("DeskPage", "Answer"): "Ответить",
    ("DeskPage", "Hang up"): "Завершить",
    ("DeskPage", "Hold / take back"): "Удержать / вернуть",
    ("DeskPage", "Number to call"): "Номер для звонка",
    ("DeskPage", "No sound library (%s): the system bell rings instead"):
        "Нет звуковой библиотеки (%s): вместо мелодии — системный сигнал",
    ("DeskPage", "%s (not connected)"): "%s (не подключено)",
    ("SettingsDialog", "Alerts and keys"): "Оповещения и клавиши",
    ("Hotkeys", "Global hotkeys need the python-xlib package"):
        "Для глобальных клавиш нужен пакет python-xlib",
    ("Hotkeys", "Wayland does not let programs take keys for the whole desktop. Set a shortcut "
                "in the desktop's keyboard settings that runs: callpanel --do answer (or "
                "hangup, hold, dial)"):
        "Wayland не разрешает программам перехватывать клавиши для всего рабочего стола. "
        "Назначьте в настройках клавиатуры рабочего стола сочетание, которое запускает: "
        "callpanel --do answer (или hangup, hold, dial)",
    ("Hotkeys", "Global hotkeys are not supported on macOS yet; the window's shortcuts work"):
        "Глобальные клавиши на macOS пока не поддерживаются; клавиши окна работают",
    ("Hotkeys", "This session has no desktop that could deliver global hotkeys"):
        "В этом сеансе нет рабочего стола, который мог бы передать глобальные клавиши",
    ("Hotkeys", "%s is already used for another action"): "%s уже назначено другому действию",
    ("Hotkeys", "%s: this keyboard has no such key"): "%s: на этой клавиатуре нет такой клавиши",
    ("Hotkeys", "%s is taken by another program"): "%s уже занято другой программой",
    ("Hotkeys", "%s could not be registered (error %d)"):
        "%s не удалось зарегистрировать (ошибка %d)",
    ("Notify", "Answer"): "Ответить",
    ("Notify", "Decline"): "Отклонить",
    ("ConnectionBar", "Trying again in %d s."): "Новая попытка через %d с.",
    ("ConnectionBar", "Trying again…"): "Новая попытка…",
    ("ConnectionBar", "Check the setting “%s”: %s"): "Проверьте настройку «%s»: %s",
    ("MainWindow", "Quit callpanel?"): "Выйти из callpanel?",
    ("MainWindow", "Calls in progress: %d. They go on at your phone, unseen. Quit anyway?"):
        "Идут звонки: %d. Они продолжатся на телефоне, но панель их не покажет. Всё равно выйти?",
    ("MainWindow", "Quit"): "Выйти",
    ("Problem", "Nothing answers at %s. Check the host and the port, that AMI is enabled on the "
                "PBX (manager.conf: enabled = yes, and its port) and that no firewall rejects "
                "this computer."):
        "По адресу %s никто не отвечает. Проверьте адрес и порт, что AMI включён на АТС "
        "(manager.conf: enabled = yes и порт) и что сетевой экран пропускает этот компьютер.",
    ("Problem", "%s does not answer. Check the host name or address and the port, and that no "
                "firewall drops the connection."):
        "%s не отвечает. Проверьте имя или адрес сервера и порт, и что сетевой экран не "
        "отбрасывает соединение.",
    ("Problem", "The host name of %s is not known. Check the host in the settings."):
        "Имя сервера %s не найдено. Проверьте адрес сервера в настройках.",
    ("Problem", "There is no route to %s. Check the network and the host address."):
        "Нет маршрута до %s. Проверьте сеть и адрес сервера.",
    ("Problem", "The secure (TLS) connection to %s failed. Check the TLS settings (port, CA "
                "file, certificate fingerprint) and the PBX's certificate."):
        "Не удалось защищённое (TLS) соединение с %s. Проверьте настройки TLS (порт, файл CA, "
        "отпечаток сертификата) и сертификат АТС.",
    ("Problem", "Asterisk at %s refused the login. Check the user name and the secret in the "
                "settings; on the PBX, this user in manager.conf and its permit/deny for this "
                "computer's address."):
        "Asterisk на %s не принял вход. Проверьте имя пользователя и пароль в настройках; на "
        "АТС — этого пользователя в manager.conf и его permit/deny для адреса этого компьютера.",
    ("Problem", "Asterisk at %s accepted the login but this AMI user may not do what the panel "
                "needs. Check the user's read and write classes in manager.conf."):
        "Asterisk на %s принял вход, но этому пользователю AMI не хватает прав для панели. "
        "Проверьте его права read и write в manager.conf.",
    ("Problem", "The settings for %s cannot work as they are. Check them in the settings."):
        "С такими настройками подключиться к %s нельзя. Проверьте их в настройках.",
    ("Problem", "The connection to %s was lost (the PBX restarted or the network dropped)."):
        "Связь с %s потеряна (АТС перезапустилась или пропала сеть).",
    ("SettingsDialog", "(kept until the panel quits — type to change)"):
        "(хранится до выхода из панели — введите, чтобы изменить)",
    ("TransferDialog", "Colleagues:"): "Коллеги:",
    ("TransferDialog", "Recent callers:"): "Недавние абоненты:",
    ("HistoryPanel", "Call back"): "Перезвонить",
    ("HistoryPanel", "Copy number"): "Копировать номер",
    ("HistoryPanel", "Copy name"): "Копировать имя",
    ("Reasons", "Pick up the handset to answer. To answer from the panel, choose how in "
                "Settings, Phone, Answer"):
        "Снимите трубку, чтобы ответить. Чтобы отвечать из панели, выберите способ в "
        "Настройки, Телефон, Ответ",
    ("Reasons", "Use the phone's hold key. To hold from the panel, choose how in Settings, "
                "Phone, Hold"):
        "Используйте кнопку удержания на телефоне. Чтобы удерживать из панели, выберите "
        "способ в Настройки, Телефон, Удержание",
    # -- end of the desk block
    ("CallWidget", "internal"): "внутренний",
    ("CallWidget", "Unhold"): "Вернуть",
    ("CallWidget", "Transfer the call to another number"): "Перевести звонок на другой номер",
    ("CallWidget", "Send tones (DTMF) to the other side"): "Отправить тоны (DTMF) собеседнику",
    ("CallWidget", "The panel's configuration does not allow this"):
        "Настройки панели этого не позволяют",
    ("CallWidget", "Only a ringing incoming call can be answered"):
        "Ответить можно только на входящий звонок, пока он звонит",
    ("CallWidget", "Only a call in conversation can be put on hold"):
        "Удержать можно только звонок, по которому идёт разговор",
    ("CallWidget", "Only a call you put on hold can be taken back"):
        "Вернуть можно только звонок, который удерживаете вы",
    ("CallWidget", "This call cannot be hung up now"): "Этот звонок сейчас нельзя завершить",
    ("CallWidget", "Only a call in conversation or on hold can be transferred"):
        "Перевести можно только звонок в разговоре или на удержании",
    ("CallWidget", "Tones can be sent only during a conversation"):
        "Тоны можно отправлять только во время разговора",
    ("ConnectionBar", "Retry now"): "Повторить",
    ("ConnectionBar", "Open settings"): "Открыть настройки",
    ("ConnectionBar", "Your phone: %s"): "Ваш телефон: %s",
    ("ConnectionBar", "the server"): "сервер",
    ("ConnectionBar", "Connecting to %s…"): "Подключение к %s…",
    ("ConnectionBar", "Connected to %s"): "Подключено к %s",
    ("ConnectionBar", "certificate not checked"): "сертификат не проверяется",
    ("ConnectionBar", "No connection to %s, reconnecting in %d s"):
        "Нет связи с %s, повтор через %d с",
    ("ConnectionBar", "No connection to %s, reconnecting…"): "Нет связи с %s, переподключение…",
    ("ConnectionBar", "Asterisk at %s refused the login: wrong user name or password. "
                      "Check them in the settings."):
        "Asterisk на %s не принял вход: неверное имя пользователя или пароль. "
        "Проверьте их в настройках.",
    ("ConnectionBar", "Not connected: %s"): "Не подключено: %s",
    ("ConnectionBar", "Not connected"): "Не подключено",
    ("DialBox", "Number to call"): "Номер для звонка",
    ("DialBox", "Call"): "Позвонить",
    ("DialBox", "Show the dial pad"): "Показать клавиатуру",
    ("DialBox", "Call this number (Enter)"): "Позвонить на этот номер (Enter)",
    ("Direction", "Incoming"): "Входящий",
    ("Direction", "Outgoing"): "Исходящий",
    ("EndReason", "Completed"): "Завершён",
    ("EndReason", "Missed"): "Пропущен",
    ("EndReason", "Rejected"): "Отклонён",
    ("EndReason", "Answered elsewhere"): "Отвечен другим",
    ("EndReason", "Busy"): "Занято",
    ("EndReason", "No answer"): "Нет ответа",
    ("EndReason", "Transferred"): "Переведён",
    ("EndReason", "Failed"): "Не удался",
    ("EndReason", "Ended"): "Завершён",
    ("HistoryPanel", "Recent calls"): "Последние звонки",
    ("HistoryPanel", "No calls yet"): "Звонков пока нет",
    ("*", "%d missed"): "Пропущенные: %d",
    ("HistoryPanel", "yesterday %s"): "вчера %s",
    ("HistoryRow", "Call"): "Позвонить",
    ("HistoryRow", "Call back %s"): "Перезвонить на %s",
    ("MainWindow", "No active calls"): "Нет активных звонков",
    ("MainWindow", "Number to call (%s)"): "Номер для звонка (%s)",
    ("MainWindow", "Incoming call"): "Входящий звонок",
    ("MainWindow", "Call this number?"): "Позвонить на этот номер?",
    ("MainWindow", "Another program asks to call %s. Call now?"):
        "Другая программа просит позвонить на %s. Позвонить?",
    ("MainWindow", "Call"): "Позвонить",
    ("NotificationBanner", "Show"): "Показать",
    ("Panel", "Internal error: %s"): "Внутренняя ошибка: %s",
    ("PanelController", "A link from another program was refused: %s"):
        "Ссылка из другой программы отклонена: %s",
    ("PanelController", "Settings not saved: %s"): "Настройки не сохранены: %s",
    ("PanelController", "Type the AMI secret in the settings"): "Введите пароль AMI в настройках",
    ("PanelController", "The secret was not stored: %s"): "Пароль не сохранён: %s",
    ("PanelTray", "Show / hide"): "Показать / скрыть",
    ("PanelTray", "Dial…"): "Набрать номер…",
    ("PanelTray", "Quit"): "Выход",
    ("SettingsDialog", "Pick up the handset (the panel cannot answer)"):
        "Снимать трубку (панель не отвечает)",
    ("SettingsDialog", "The phone answers itself when the panel asks"):
        "Телефон отвечает сам по команде панели",
    ("SettingsDialog", "Asterisk answers and connects your phone"):
        "Asterisk отвечает и соединяет с вашим телефоном",
    ("SettingsDialog", "The phone's own hold key"): "Кнопка удержания на телефоне",
    ("SettingsDialog", "The phone holds when the panel asks"):
        "Телефон удерживает по команде панели",
    ("SettingsDialog", "Asterisk plays music on hold"): "Asterisk ставит музыку на удержании",
    ("SettingsDialog", "Asterisk parks the caller"): "Asterisk паркует абонента",
    ("SettingsDialog", "callpanel settings"): "Настройки callpanel",
    ("SettingsDialog", "Use TLS"): "Использовать TLS",
    ("SettingsDialog", "System certificates"): "Системные сертификаты",
    ("SettingsDialog", "Browse…"): "Обзор…",
    ("SettingsDialog", "Verify the server certificate"): "Проверять сертификат сервера",
    ("SettingsDialog", "Without verification anyone on the network can read the secret."):
        "Без проверки любой в сети может прочитать пароль.",
    ("SettingsDialog", "(stored — type to change)"): "(сохранён — введите, чтобы изменить)",
    ("SettingsDialog", "AMI secret"): "Пароль AMI",
    ("SettingsDialog", "Store the secret in a file (not encrypted)"):
        "Хранить пароль в файле (без шифрования)",
    ("SettingsDialog", "The secret is kept in the system keyring."):
        "Пароль хранится в системной связке ключей.",
    ("SettingsDialog", "No system keyring (%s): the secret is asked at each start unless you "
                       "store it in a file readable by your user only."):
        "Нет системной связки ключей (%s): пароль будет запрашиваться при каждом запуске, "
        "если не сохранить его в файл, доступный только вашему пользователю.",
    ("SettingsDialog", "Test connection"): "Проверить подключение",
    ("SettingsDialog", "Host"): "Сервер",
    ("SettingsDialog", "Port"): "Порт",
    ("SettingsDialog", "CA file"): "Файл CA",
    ("SettingsDialog", "Certificate fingerprint"): "Отпечаток сертификата",
    ("SettingsDialog", "Optional: SHA-256 fingerprint"): "Необязательно: отпечаток SHA-256",
    ("SettingsDialog", "Pin the server's certificate by its SHA-256 fingerprint (64 hex digits, "
                       "colons optional), e.g. from: openssl x509 -noout -fingerprint -sha256 "
                       "-in cert.pem. When set, only that certificate is accepted and the CA, "
                       "host name and dates are not checked."):
        "Закрепить сертификат сервера по его отпечатку SHA-256 (64 шестнадцатеричные цифры, "
        "двоеточия необязательны), например из: openssl x509 -noout -fingerprint -sha256 "
        "-in cert.pem. Если он задан, принимается только этот сертификат, а CA, имя сервера "
        "и сроки действия не проверяются.",
    ("SettingsDialog", "User name"): "Пользователь",
    ("SettingsDialog", "Secret"): "Пароль",
    ("SettingsDialog", "Line ending"): "Конец строки",
    ("SettingsDialog", "The PBX's caller ID for your phone"): "Номер, который АТС показывает для вашего телефона",
    ("SettingsDialog", "Your phone(s)"): "Ваш телефон(ы)",
    ("SettingsDialog", "Outgoing context"): "Контекст исходящих",
    ("SettingsDialog", "Transfer context"): "Контекст перевода",
    ("SettingsDialog", "Caller ID"): "Показываемый номер",
    ("SettingsDialog", "Answer"): "Ответ",
    ("SettingsDialog", "Hold"): "Удержание",
    ("SettingsDialog", "Notify about incoming calls"): "Уведомлять о входящих звонках",
    ("SettingsDialog", "Ask before calling a number from another program"):
        "Спрашивать перед звонком на номер из другой программы",
    ("SettingsDialog", "System language"): "Язык системы",
    ("SettingsDialog", "Screen pop URL"): "URL карточки клиента",
    ("SettingsDialog", "Language"): "Язык",
    ("SettingsDialog", "Server"): "Сервер",
    ("SettingsDialog", "Phone"): "Телефон",
    ("SettingsDialog", "Panel"): "Панель",
    ("SettingsDialog", "Please correct %s: %s"): "Исправьте %s: %s",
    ("SettingsDialog", "Type the secret to test the connection"):
        "Введите пароль, чтобы проверить подключение",
    ("SettingsDialog", "Connecting to %s:%d…"): "Подключение к %s:%d…",
    ("SettingsDialog", "Login refused: %s"): "Вход отклонён: %s",
    ("SettingsDialog", "Connection failed: %s"): "Не удалось подключиться: %s",
    ("MainWindow", "Call to %s: %s"): "Звонок на %s: %s",
    ("SettingsDialog", "No answer from %s:%d"): "Нет ответа от %s:%d",
    ("SettingsDialog", "Connected: Asterisk %s"): "Подключено: Asterisk %s",
    ("SettingsDialog", "CA certificate"): "Сертификат CA",
    ("TransferDialog", "Transfer call"): "Перевод звонка",
    ("TransferDialog", "Transfer %s to:"): "Перевести %s на:",
    ("TransferDialog", "Number or extension"): "Номер или внутренний",
    ("TransferDialog", "Blind: hand the call over at once"): "Сразу: передать звонок немедленно",
    ("TransferDialog", "Attended: talk to the new party first"):
        "С консультацией: сначала поговорить с получателем",
    ("TransferDialog", "Transfer"): "Перевести",
    ("TransferDialog", "Recent calls:"): "Последние звонки:",
    ("*", "Dismiss"): "Закрыть",
}
RU.update(RU_HUB)
RU.update(RU_DIRECTORY)
RU.update(RU_PACKAGE)
RU.update(RU_CORE)
RU.update(RU_CENTRE)
RU.update(RU_WIRE)
RU.update(RU_DESK)
RU.update(RU_CALLERID)


def main() -> int:
    tree = ET.parse(TS)
    missing: list[str] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            text = RU.get((name, source)) or RU.get(("*", source))
            translation = message.find("translation")
            assert translation is not None
            if text is None:
                missing.append(f"{name}: {source}")
                continue
            translation.text = text
            translation.attrib.pop("type", None)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for line in missing:
        print("missing:", line, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
