"""Russian for the call centre (queues, agent status, colleagues, pickup): kept apart from
fill_ru.py so that engineers working on other parts rarely touch the same lines."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    ("Centre", "The Asterisk user may not do this (%s); ask the PBX administrator"):
        "Пользователю Asterisk это запрещено (%s); обратитесь к администратору АТС",
    ("Centre", "Not connected to Asterisk"): "Нет связи с Asterisk",
    ("Centre", "You are not in queue %s"): "Вы не в очереди %s",
    ("Centre", "You are already in queue %s"): "Вы уже в очереди %s",
    ("Centre", "You are a permanent member of queue %s: only the PBX administrator can change "
               "that"):
        "Вы постоянный участник очереди %s: изменить это может только администратор АТС",
    ("Centre", "You are not in any queue"): "Вы не состоите ни в одной очереди",
    ("Centre", "No colleague with extension %s"): "Нет коллеги с номером %s",
    ("Centre", "Nothing is ringing at %s"): "У %s сейчас ничего не звонит",
    ("Centre", "Extension %s has no phone to pick up from"):
        "У номера %s нет телефона, с которого можно перехватить звонок",
    ("Centre", "Do not disturb"): "Не беспокоить",
    ("Centre", "Paused automatically (a call was not answered)"):
        "Пауза автоматически (звонок остался без ответа)",
    ("Centre", "Paused: %s"): "Пауза: %s",
    ("Centre", "Paused"): "Пауза",
    ("Centre", "Available"): "На месте",
    ("Centre", "Free"): "Свободен",
    ("Centre", "Ringing"): "Звонит",
    ("Centre", "In a call"): "Разговаривает",
    ("Centre", "On hold"): "На удержании",
    ("Centre", "Unavailable"): "Недоступен",
    ("Centre", "Paused automatically"): "Автопауза",  # a narrow column: the word call centres use
    ("Centre", "Taking calls"): "Принимает звонки",
    ("Centre", "Dynamic"): "Временный",
    ("Centre", "Permanent"): "Постоянный",
    ("AgentStatusButton", "Your status for the queues: %s"): "Ваш статус в очередях: %s",
    ("AgentStatusMenu", "Status"): "Статус",
    ("AgentStatusMenu", "Available"): "На месте",
    ("AgentStatusMenu", "Paused"): "Пауза",
    ("AgentStatusMenu", "Do not disturb"): "Не беспокоить",
    ("CallWidget", "queue %s"): "очередь «%s»",
    ("CallWidget", "waited %s"): "ожидание %s",
    ("CentreGlue", "Log in to queue"): "Вход в очередь",
    ("CentreGlue", "Log out of queue"): "Выход из очереди",
    ("CentreGlue", "Pause"): "Пауза",
    ("CentreGlue", "Resume"): "Возобновить",
    ("CentreGlue", "Do not disturb"): "Не беспокоить",
    ("CentreGlue", "Available"): "На месте",
    ("CentreGlue", "Pick up"): "Перехват",
    ("ColleaguesPanel", "Search colleagues (name or extension)"):
        "Поиск коллег (имя или номер)",
    ("ColleaguesPanel", "Double-click to call; right-click for more"):
        "Двойной щелчок — позвонить; правая кнопка — ещё",
    ("ColleaguesPanel", "Call %s"): "Позвонить %s",
    ("ColleaguesPanel", "Transfer the call here"): "Перевести звонок сюда",
    ("ColleaguesPanel", "Transfer with consultation"): "Перевести с консультацией",
    ("ColleaguesPanel", "No call to transfer"): "Нет звонка для перевода",
    ("ColleaguesPanel", "Pick up the ringing call"): "Перехватить звонок",
    ("MainWindow", "History"): "История",
    ("MainWindow", "Colleagues"): "Коллеги",
    ("MainWindow", "Queues"): "Очереди",
    ("MainWindow", "Transfer: there is no call to transfer"): "Перевод: нет звонка для перевода",
    ("MainWindow", "Incoming call from queue %s"): "Входящий звонок из очереди «%s»",
    ("QueuesPanel", "Queue"): "Очередь",
    ("QueuesPanel", "State"): "Состояние",
    ("QueuesPanel", "Calls"): "Звонки",
    ("QueuesPanel", "Membership"): "Участие",
    ("QueuesPanel", "Log in…"): "Войти…",
    ("QueuesPanel", "Log out"): "Выйти",
    ("QueuesPanel", "Pause"): "Пауза",
    ("QueuesPanel", "Resume"): "Возобновить",
    ("QueuesPanel", "No calls taken yet"): "Звонков ещё не было",
    ("QueuesPanel", "Last call at %s"): "Последний звонок в %s",
    ("QueuesPanel", "Choose a queue"): "Выберите очередь",
    ("QueuesPanel", "Not paused"): "Не на паузе",
    ("QueuesPanel", "Other reason…"): "Другая причина…",
    ("QueuesPanel", "Edit the reasons…"): "Изменить причины…",
    ("QueuesPanel", "Log in to a queue"): "Вход в очередь",
    ("QueuesPanel", "Queue:"): "Очередь:",
    ("QueuesPanel", "Reason:"): "Причина:",
    ("QueuesPanel", "Pause reasons"): "Причины паузы",
    ("QueuesPanel", "One reason a line (at most 79 bytes each):"):
        "По одной причине в строке (не длиннее 79 байт):",
    ("QueuesPanel", "Pause reasons: %s"): "Причины паузы: %s",
}

RU.update(
    {
        # core's two answer/hold reasons, now that lupdate sees the "Reasons" context
        ("Reasons", "Pick up the handset to answer. To answer from the panel, choose how in "
                    "Settings, Phone, Answer"):
            "Снимите трубку, чтобы ответить. Чтобы отвечать из панели, выберите способ в "
            "Настройки, Телефон, Ответ",
        ("Reasons", "Use the phone's hold key. To hold from the panel, choose how in Settings, "
                    "Phone, Hold"):
            "Используйте кнопку удержания на телефоне. Чтобы удерживать из панели, выберите "
            "способ в Настройки, Телефон, Удержание",
        ("Reasons", "You are not in queue %1"): "Вы не в очереди %1",
        ("Reasons", "You are already in queue %1"): "Вы уже в очереди %1",
        ("Reasons", "You are a permanent member of queue %1: only the PBX administrator can "
                    "change that"):
            "Вы постоянный участник очереди %1: изменить это может только администратор АТС",
        ("Reasons", "You are not in any queue"): "Вы не состоите ни в одной очереди",
        ("Reasons", "No colleague with extension %1"): "Нет коллеги с номером %1",
        ("Reasons", "Nothing is ringing at %1"): "У %1 сейчас ничего не звонит",
        ("Reasons", "Extension %1 has no phone to pick up from"):
            "У номера %1 нет телефона, с которого можно перехватить звонок",
    }
)

# Where a call came from (card, notification, history) and the settings' Queues page.
RU.update(
    {
        # the queue's name in quotes (it is a name, often a plain word: «поддержка»); the
        # wait as a noun: "ждал" would give every caller a gender
        ("Centre", "queue %s"): "очередь «%s»",
        ("Centre", "waited %s"): "ожидание %s",
        ("Centre", "to %s"): "на номер %s",
        ("MainWindow", "Incoming call to %s"): "Входящий звонок на номер %s",
        ("HistoryDialog", "Queue / line"): "Очередь / линия",
        ("SettingsDialog", "Queues"): "Очереди",
        ("PauseReasons", "Lunch"): "Обед",
        ("PauseReasons", "Break"): "Перерыв",
        ("PauseReasons", "After-call work"): "Обработка после звонка",
        ("PauseReasons", "Meeting"): "Совещание",
        ("PauseReasons", "Training"): "Обучение",
        ("QueuesPage", "Your phone, e.g. SIP/101"): "Ваш телефон, например SIP/101",
        ("QueuesPage", "What the PBX calls when a queue offers you a call: your phone (SIP/101, "
                       "PJSIP/101) or a Local channel such as Local/101@from-queue/n. Empty: "
                       "your first phone."):
            "Куда АТС звонит, когда очередь предлагает вам звонок: ваш телефон (SIP/101, "
            "PJSIP/101) или канал Local, например Local/101@from-queue/n. Пусто — ваш первый "
            "телефон.",
        ("QueuesPage", "Empty: the PBX shows the interface"): "Пусто — АТС покажет интерфейс",
        ("QueuesPage", "The name supervisors see for you in the queue (QueueAdd MemberName)"):
            "Имя, под которым вас видят в очереди супервизоры (MemberName в QueueAdd)",
        ("QueuesPage", "One reason a line, at most %d; each at most %d bytes"):
            "По одной причине в строке, не больше %d; каждая не длиннее %d байт",
        ("QueuesPage", "Logging in to and out of a queue uses this interface and name. A "
                       "permanent member (queues.conf) can be changed only by the PBX "
                       "administrator."):
            "Вход в очередь и выход из неё используют этот интерфейс и имя. Постоянного "
            "участника (queues.conf) может изменить только администратор АТС.",
        ("QueuesPage", "Queue interface"): "Интерфейс в очереди",
        ("QueuesPage", "Member name"): "Имя в очереди",
        ("QueuesPage", "Pause reasons"): "Причины паузы",
        ("QueuesPage", "%s is not an interface such as SIP/101 or Local/101@from-queue/n"):
            "%s — не интерфейс вида SIP/101 или Local/101@from-queue/n",
        ("QueuesPage", "no control characters, at most %d characters"):
            "без управляющих символов, не длиннее %d знаков",
        ("QueuesPage", "line %d: no control characters, at most %d bytes"):
            "строка %d: без управляющих символов, не длиннее %d байт",
        ("QueuesPage", "at most %d reasons"): "не больше %d причин",
    }
)

# Asterisk's refusals and the checks of queue names and reasons, in words (typed errors).
RU.update(
    {
        ("Centre", "there is no such queue on the PBX"): "такой очереди нет на АТС",
        ("Centre", "you are already in this queue"): "вы уже в этой очереди",
        ("Centre", "you are not in this queue"): "вас нет в этой очереди",
        ("Centre", "you are a permanent member: only the PBX administrator can change that"):
            "вы постоянный участник: изменить это может только администратор АТС",
        ("Centre", "you are not a member of that queue on the PBX"):
            "на АТС вы не участник этой очереди",
        ("Centre", "the queue name is empty"): "не указано имя очереди",
        ("Centre", "the pause reason is longer than %d bytes"):
            "причина паузы длиннее %d байт",
        ("Centre", "the queue name is longer than %d bytes"): "имя очереди длиннее %d байт",
        ("Centre", "a pause reason may not contain control characters"):
            "в причине паузы не может быть управляющих символов",
        ("Centre", "a queue name may not contain spaces, commas or control characters"):
            "в имени очереди не может быть пробелов, запятых и управляющих символов",
    }
)

RU.update(
    {
        ("QueuesPanel", "Calls taken: %d"): "Принято звонков: %d",
        ("QueuesPanel", "Penalty: %d"): "Штраф (penalty): %d",
    }
)
