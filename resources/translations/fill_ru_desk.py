"""Russian for the operator's desk: how calls are answered (the first-run choice with its test
call), a phone the PBX does not know. Kept apart from fill_ru.py so that engineers working on
other parts rarely touch the same lines."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    # -- how calls are answered
    ("DeskActions", "How calls are answered…"): "Как отвечать на звонки…",
    ("AnswerMethodDialog", "How calls are answered"): "Как отвечать на звонки",
    ("AnswerMethodDialog", "How should the panel's Answer button pick up a call? The PBX was "
                           "asked what it can do; a test call rings your phone so that you "
                           "can see the method work."):
        "Как кнопка «Ответить» в панели должна принимать звонок? АТС уже спросили, что она "
        "умеет; пробный звонок позвонит на ваш телефон, чтобы вы увидели способ в деле.",
    ("AnswerDialog", "I pick up the phone myself"): "Я сам снимаю трубку",
    ("AnswerDialog", "The panel tells my desk phone to pick up"):
        "Панель велит моему телефону ответить",
    ("AnswerDialog", "The PBX calls my phone, which answers by itself"):
        "АТС звонит на мой телефон, и он отвечает сам",
    ("AnswerDialog", "You answer with the handset, the headset button or the phone's own key. "
                     "The panel shows every call, but its Answer button stays off."):
        "Вы отвечаете трубкой, кнопкой гарнитуры или клавишей телефона. Панель показывает "
        "каждый звонок, но её кнопка «Ответить» выключена.",
    ("AnswerDialog", "Answer in the panel sends your phone a signal to pick up (a SIP NOTIFY "
                     "“talk”). Many desk phones (Yealink, Snom, Fanvil, Grandstream) obey it "
                     "once it is allowed in their own settings; softphones rarely do."):
        "«Ответить» в панели посылает телефону сигнал снять трубку (SIP NOTIFY «talk»). "
        "Многие настольные телефоны (Yealink, Snom, Fanvil, Grandstream) слушаются его, если "
        "это разрешено в их настройках; программные телефоны — редко.",
    ("AnswerDialog", "Answer in the panel makes the PBX call your phone with an auto-answer "
                     "request and puts the caller through to that call. Your phone must "
                     "accept auto-answer (headset or speaker)."):
        "«Ответить» в панели заставляет АТС позвонить на ваш телефон с просьбой "
        "автоответа и соединяет с ним звонящего. Телефон должен принимать автоответ "
        "(гарнитура или громкая связь).",
    ("AnswerDialog", "Not possible here: %s"): "Здесь невозможно: %s",
    ("AnswerDialog", "Not possible here: this AMI user may not run %1 (write class “%2” in "
                     "manager.conf). Ask the PBX administrator."):
        "Здесь невозможно: этому пользователю AMI нельзя выполнять %1 (класс записи «%2» в "
        "manager.conf). Обратитесь к администратору АТС.",
    ("AnswerDialog", "Not possible here: this PBX has no %s (its module is not loaded)."):
        "Здесь невозможно: на этой АТС нет %s (его модуль не загружен).",
    ("AnswerDialog", "Not possible here: the PBX has no dialplan context “%s” for auto-answer "
                     "calls. Ask the PBX administrator to add it."):
        "Здесь невозможно: на АТС нет контекста диалплана «%s» для звонков с автоответом. "
        "Попросите администратора АТС добавить его.",
    ("AnswerDialog", "Calling your phone…"): "Звоним на ваш телефон…",
    ("AnswerDialog", "The PBX could not tell your phone to pick up (%s). Answer on the "
                     "handset, or choose another method."):
        "АТС не смогла велеть телефону ответить (%s). Ответьте трубкой или выберите другой "
        "способ.",
    ("AnswerDialog", "The signal to pick up was sent. If your phone keeps ringing, it does "
                     "not obey it: allow it in the phone's settings, or choose another "
                     "method."):
        "Сигнал ответить отправлен. Если телефон продолжает звонить, он его не слушается: "
        "разрешите это в настройках телефона или выберите другой способ.",
    ("AnswerDialog", "Your phone rings: press “Answer from the panel”."):
        "Телефон звонит: нажмите «Ответить из панели».",
    ("AnswerDialog", "Your phone rings and should pick up by itself in a moment; do not "
                     "touch it."):
        "Телефон звонит и сейчас должен ответить сам; не трогайте его.",
    ("AnswerDialog", "Your phone rings: pick it up."): "Телефон звонит: снимите трубку.",
    ("AnswerDialog", "Your phone picked up when the panel told it to: answering from the "
                     "panel works. You hear your own voice."):
        "Телефон ответил по команде панели: ответ из панели работает. Вы слышите свой голос.",
    ("AnswerDialog", "Your phone picked up. If you did not touch it, answering from the panel "
                     "works. You hear your own voice."):
        "Телефон ответил. Если вы его не трогали, ответ из панели работает. Вы слышите свой "
        "голос.",
    ("AnswerDialog", "Answered: the panel sees your phone's calls. You hear your own voice."):
        "Ответ есть: панель видит звонки вашего телефона. Вы слышите свой голос.",
    ("AnswerDialog", "The test call has ended."): "Пробный звонок завершён.",
    ("AnswerDialog", "The PBX refused the test call: %s"): "АТС отклонила пробный звонок: %s",
    ("AnswerDialog", "Your phone could not be called. Is it switched on and registered, and "
                     "is its name in the settings right?"):
        "Не удалось позвонить на ваш телефон. Включён ли он и зарегистрирован ли, верно ли "
        "указано его имя в настройках?",
    ("AnswerDialog", "Your phone declined the test call."): "Телефон отклонил пробный звонок.",
    ("AnswerDialog", "Nobody answered the test call."): "На пробный звонок никто не ответил.",
    ("AnswerMethodDialog", "Asking the PBX what it can do…"): "Спрашиваем АТС, что она умеет…",
    ("AnswerMethodDialog", "Test call to my phone"): "Пробный звонок на мой телефон",
    ("AnswerMethodDialog", "Answer from the panel"): "Ответить из панели",
    ("AnswerMethodDialog", "End test call"): "Завершить пробный звонок",
    ("AnswerMethodDialog", "Use this method"): "Выбрать этот способ",
    ("AnswerMethodDialog", "Not now"): "Не сейчас",
    ("AnswerMethodDialog", "The PBX could not be asked: %s"): "Не удалось спросить АТС: %s",
    ("AnswerMethodDialog", "Choose a method and make a test call to see it work on your "
                           "phone."):
        "Выберите способ и сделайте пробный звонок, чтобы увидеть его на своём телефоне.",
    ("AnswerMethodDialog", "A test call is not possible: this AMI user may not originate "
                           "calls (write class “originate”)."):
        "Пробный звонок невозможен: этому пользователю AMI нельзя создавать вызовы (класс "
        "записи «originate»).",
    ("AnswerMethodDialog", "Test call"): "Пробный звонок",
    ("PanelController", "Test call"): "Пробный звонок",
    ("PanelController", "Through the hub the panel does not log in to Asterisk itself: the "
                        "answer method is chosen in the settings, Phone, Answer."):
        "Через хаб панель не входит в Asterisk сама: способ ответа выбирается в настройках, "
        "Телефон, Ответ.",
    ("PanelController", "Type the AMI secret in the settings first."):
        "Сначала введите пароль AMI в настройках.",
    # -- a phone the PBX does not know
    ("ConnectionBar", "No such phone: %s. Asterisk does not know it, so no call will show "
                      "here. Check the phone's name in the settings (for example SIP/101 or "
                      "PJSIP/101)."):
        "Нет такого телефона: %s. Asterisk его не знает, поэтому звонки здесь не появятся. "
        "Проверьте имя телефона в настройках (например, SIP/101 или PJSIP/101).",
}
