"""Russian for the call core's words (numbers refused, why a command cannot run): kept apart
from fill_ru.py so that engineers working on other parts rarely touch the same lines."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    ("Numbers", "a line break (%s)"): "перевод строки (%s)",
    ("Numbers", "a tab (%s)"): "табуляция (%s)",
    ("Numbers", "a control character (%s)"): "управляющий символ (%s)",
    ("Numbers", "the number is empty"): "номер пуст",
    ("Numbers", "the number is longer than %d digits"): "номер длиннее %d цифр",
    ("Numbers", "a number has only digits, * and # (and an optional leading +)"):
        "в номере только цифры, * и # (и, возможно, + в начале)",
    ("Numbers", "«+» can only come first: %s"): "«+» может стоять только в начале: %s",
    ("Numbers", "%1 cannot be dialled: %2"): "%1 нельзя набрать: %2",
    ("MainWindow", "Call: the input is not valid: %s"): "Звонок: неверные данные: %s",
    ("Reasons", "Only a ringing incoming call can be answered"):
        "Ответить можно только на входящий звонок, пока он звонит",
    ("Reasons", "Only a call in conversation can be put on hold"):
        "Удержать можно только звонок, по которому идёт разговор",
    ("Reasons", "Only a call you put on hold can be taken back"):
        "Вернуть можно только звонок, который удерживаете вы",
    ("Reasons", "This call cannot be hung up now"): "Этот звонок сейчас нельзя завершить",
    ("Reasons", "Only a call in conversation or on hold can be transferred"):
        "Перевести можно только звонок в разговоре или на удержании",
    ("Reasons", "This call has already ended"): "Этот звонок уже завершён",
    ("Reasons", "Tones can be sent only during a conversation"):
        "Тоны можно отправлять только во время разговора",
    ("Reasons", "Not possible in this call's state"): "Невозможно в текущем состоянии звонка",
    ("Reasons", "Not connected to Asterisk"): "Нет связи с Asterisk",
    ("Reasons", "No operator phone (endpoint) is configured: open the settings"):
        "Телефон оператора (endpoint) не настроен: откройте настройки",
    ("Reasons", "The configured answer strategy cannot answer this phone: pick up the handset"):
        "Настроенный способ ответа не может ответить на этом телефоне: снимите трубку",
    ("Reasons", "No hold strategy is configured: use the phone's hold button"):
        "Способ удержания не настроен: используйте кнопку удержания на телефоне",
    ("Reasons", "%1 needs Asterisk %2 or later; this server is %3"):
        "%1 требует Asterisk %2 или новее; на этом сервере %3",
    ("Reasons", "Asterisk %1 has no chan_sip: use PJSIP phones or a pbx-* strategy"):
        "В Asterisk %1 нет chan_sip: используйте телефоны PJSIP или способ pbx-*",
    ("Reasons", "%1 phones cannot be told to answer or hold"):
        "Телефонам %1 нельзя дать команду ответить или удержать",
    ("Reasons", "This Asterisk user may not originate calls (permission denied); "
                "ask the PBX administrator"):
        "Этому пользователю Asterisk запрещено совершать вызовы (нет прав); "
        "обратитесь к администратору АТС",
    ("Reasons", "This Asterisk user may not do this (%1); ask the PBX administrator"):
        "Этому пользователю Asterisk это запрещено (%1); обратитесь к администратору АТС",
    ("Reasons", "This call is no longer active"): "Этот звонок уже не активен",
    ("Reasons", "The other side put this call on hold; only they can resume it"):
        "Собеседник поставил звонок на удержание; вернуть его может только он",
    ("Reasons", "Not available: %1"): "Недоступно: %1",
}
