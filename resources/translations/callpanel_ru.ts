<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>AgentStatusButton</name>
    <message>
        <location filename="../../callpanel/ui/agent_status.py" line="111" />
        <source>Your status for the queues: %s</source>
        <translation>Ваш статус в очередях: %s</translation>
    </message>
</context>
<context>
    <name>AgentStatusMenu</name>
    <message>
        <location filename="../../callpanel/ui/agent_status.py" line="45" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/agent_status.py" line="47" />
        <source>Available</source>
        <translation>На месте</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/agent_status.py" line="48" />
        <source>Paused</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/agent_status.py" line="50" />
        <source>Do not disturb</source>
        <translation>Не беспокоить</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="54" />
        <source>I pick up the phone myself</source>
        <translation>Я сам снимаю трубку</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="57" />
        <source>The panel tells my desk phone to pick up</source>
        <translation>Панель велит моему телефону ответить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="60" />
        <source>The PBX calls my phone, which answers by itself</source>
        <translation>АТС звонит на мой телефон, и он отвечает сам</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="69" />
        <source>You answer with the handset, the headset button or the phone's own key. The panel shows every call, but its Answer button stays off.</source>
        <translation>Вы отвечаете трубкой, кнопкой гарнитуры или клавишей телефона. Панель показывает каждый звонок, но её кнопка «Ответить» выключена.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="74" />
        <source>Answer in the panel sends your phone a signal to pick up (a SIP NOTIFY “talk”). Many desk phones (Yealink, Snom, Fanvil, Grandstream) obey it once it is allowed in their own settings; softphones rarely do.</source>
        <translation>«Ответить» в панели посылает телефону сигнал снять трубку (SIP NOTIFY «talk»). Многие настольные телефоны (Yealink, Snom, Fanvil, Grandstream) слушаются его, если это разрешено в их настройках; программные телефоны — редко.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="80" />
        <source>Answer in the panel makes the PBX call your phone with an auto-answer request and puts the caller through to that call. Your phone must accept auto-answer (headset or speaker).</source>
        <translation>«Ответить» в панели заставляет АТС позвонить на ваш телефон с просьбой автоответа и соединяет с ним звонящего. Телефон должен принимать автоответ (гарнитура или громкая связь).</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="93" />
        <source>Not possible here: %s</source>
        <translation>Здесь невозможно: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="98" />
        <source>Not possible here: this AMI user may not run %1 (write class “%2” in manager.conf). Ask the PBX administrator.</source>
        <translation>Здесь невозможно: этому пользователю AMI нельзя выполнять %1 (класс записи «%2» в manager.conf). Обратитесь к администратору АТС.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="108" />
        <source>Not possible here: this PBX has no %s (its module is not loaded).</source>
        <translation>Здесь невозможно: на этой АТС нет %s (его модуль не загружен).</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="115" />
        <source>Not possible here: the PBX has no dialplan context “%s” for auto-answer calls. Ask the PBX administrator to add it.</source>
        <translation>Здесь невозможно: на АТС нет контекста диалплана «%s» для звонков с автоответом. Попросите администратора АТС добавить его.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="129" />
        <source>Calling your phone…</source>
        <translation>Звоним на ваш телефон…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="132" />
        <source>The PBX could not tell your phone to pick up (%s). Answer on the handset, or choose another method.</source>
        <translation>АТС не смогла велеть телефону ответить (%s). Ответьте трубкой или выберите другой способ.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="141" />
        <source>The signal to pick up was sent. If your phone keeps ringing, it does not obey it: allow it in the phone's settings, or choose another method.</source>
        <translation>Сигнал ответить отправлен. Если телефон продолжает звонить, он его не слушается: разрешите это в настройках телефона или выберите другой способ.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="147" />
        <source>Your phone rings: press “Answer from the panel”.</source>
        <translation>Телефон звонит: нажмите «Ответить из панели».</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="151" />
        <source>Your phone rings and should pick up by itself in a moment; do not touch it.</source>
        <translation>Телефон звонит и сейчас должен ответить сам; не трогайте его.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="155" />
        <source>Your phone rings: pick it up.</source>
        <translation>Телефон звонит: снимите трубку.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="158" />
        <source>Your phone picked up when the panel told it to: answering from the panel works. You hear your own voice.</source>
        <translation>Телефон ответил по команде панели: ответ из панели работает. Вы слышите свой голос.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="164" />
        <source>Your phone picked up. If you did not touch it, answering from the panel works. You hear your own voice.</source>
        <translation>Телефон ответил. Если вы его не трогали, ответ из панели работает. Вы слышите свой голос.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="169" />
        <source>Answered: the panel sees your phone's calls. You hear your own voice.</source>
        <translation>Ответ есть: панель видит звонки вашего телефона. Вы слышите свой голос.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="173" />
        <source>The test call has ended.</source>
        <translation>Пробный звонок завершён.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="176" />
        <source>The PBX refused the test call: %s</source>
        <translation>АТС отклонила пробный звонок: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="180" />
        <source>Your phone could not be called. Is it switched on and registered, and is its name in the settings right?</source>
        <translation>Не удалось позвонить на ваш телефон. Включён ли он и зарегистрирован ли, верно ли указано его имя в настройках?</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="185" />
        <source>Your phone declined the test call.</source>
        <translation>Телефон отклонил пробный звонок.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="188" />
        <source>Nobody answered the test call.</source>
        <translation>На пробный звонок никто не ответил.</translation>
    </message>
</context>
<context>
    <name>AnswerMethodDialog</name>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="209" />
        <source>How calls are answered</source>
        <translation>Как отвечать на звонки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="222" />
        <source>How should the panel's Answer button pick up a call? The PBX was asked what it can do; a test call rings your phone so that you can see the method work.</source>
        <translation>Как кнопка «Ответить» в панели должна принимать звонок? АТС уже спросили, что она умеет; пробный звонок позвонит на ваш телефон, чтобы вы увидели способ в деле.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="267" />
        <source>Asking the PBX what it can do…</source>
        <translation>Спрашиваем АТС, что она умеет…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="271" />
        <source>Test call to my phone</source>
        <translation>Пробный звонок на мой телефон</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="274" />
        <source>Answer from the panel</source>
        <translation>Ответить из панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="276" />
        <source>End test call</source>
        <translation>Завершить пробный звонок</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="287" />
        <source>Use this method</source>
        <translation>Выбрать этот способ</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="290" />
        <source>Not now</source>
        <translation>Не сейчас</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="345" />
        <source>The PBX could not be asked: %s</source>
        <translation>Не удалось спросить АТС: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="366" />
        <source>Choose a method and make a test call to see it work on your phone.</source>
        <translation>Выберите способ и сделайте пробный звонок, чтобы увидеть его на своём телефоне.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="371" />
        <source>A test call is not possible: this AMI user may not originate calls (write class “originate”).</source>
        <translation>Пробный звонок невозможен: этому пользователю AMI нельзя создавать вызовы (класс записи «originate»).</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/answer_dialog.py" line="419" />
        <source>Test call</source>
        <translation>Пробный звонок</translation>
    </message>
</context>
<context>
    <name>Bridge</name>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="210" />
        <location filename="../../callpanel/ui/bridge.py" line="215" />
        <source>%s: the input is not valid: %s</source>
        <translation>%s: неверные данные: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="221" />
        <source>%s is not possible: %s</source>
        <translation>%s невозможно: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="223" />
        <source>%s: Asterisk denied permission (%s)</source>
        <translation>%s: Asterisk отказал в доступе (%s)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="228" />
        <source>%s: Asterisk refused: %s</source>
        <translation>%s: Asterisk отказал: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="234" />
        <source>%s: Asterisk did not answer in time; check the call before retrying</source>
        <translation>%s: Asterisk не ответил вовремя; проверьте звонок, прежде чем повторять</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="241" />
        <source>%s: not connected to Asterisk; try again when the connection is back</source>
        <translation>%s: нет связи с Asterisk; повторите, когда связь восстановится</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="247" />
        <source>%s: Asterisk refused the login</source>
        <translation>%s: Asterisk не принял вход</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="250" />
        <source>%s failed unexpectedly: %s</source>
        <translation>%s: неожиданная ошибка: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="334" />
        <source>Connect</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="369" />
        <source>Reconnect</source>
        <translation>Переподключение</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="384" />
        <source>Reading the transfer dialplan</source>
        <translation>Чтение диалплана переводов</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="445" />
        <source>This server does not allow it</source>
        <translation>Этот сервер этого не позволяет</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="465" />
        <source>Click-to-call is not available: %s</source>
        <translation>Звонок из панели недоступен: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="502" />
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="509" />
        <source>Hold</source>
        <translation>Удержание</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="514" />
        <source>Unhold</source>
        <translation>Снятие с удержания</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="521" />
        <source>Hang up</source>
        <translation>Завершение</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="545" />
        <source>Cancel transfer</source>
        <translation>Отмена перевода</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="554" />
        <source>Complete transfer</source>
        <translation>Завершение перевода</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="568" />
        <source>Attended transfer</source>
        <translation>Перевод с консультацией</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="571" />
        <source>Transfer</source>
        <translation>Перевод</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="578" />
        <source>Tones</source>
        <translation>Тоновый набор</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/bridge.py" line="586" />
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
</context>
<context>
    <name>CallState</name>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="23" />
        <source>Incoming call ringing</source>
        <translation>Входящий звонок</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="24" />
        <location filename="../../callpanel/ui/strings.py" line="26" />
        <source>Calling…</source>
        <translation>Вызов…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="28" />
        <source>Talking</source>
        <translation>Разговор</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="31" />
        <source>On hold — by the other side</source>
        <translation>На удержании — у собеседника</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="32" />
        <source>On hold — by you</source>
        <translation>На удержании — у вас</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="33" />
        <source>Call ended</source>
        <translation>Звонок завершён</translation>
    </message>
</context>
<context>
    <name>CallWidget</name>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="113" />
        <location filename="../../callpanel/ui/callwidget.py" line="306" />
        <source>Answer</source>
        <translation>Ответить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="115" />
        <location filename="../../callpanel/ui/callwidget.py" line="319" />
        <source>Hold</source>
        <translation>Удержать</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="117" />
        <location filename="../../callpanel/ui/callwidget.py" line="329" />
        <source>Transfer</source>
        <translation>Перевести</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="122" />
        <source>Keypad</source>
        <translation>Тоны</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="124" />
        <location filename="../../callpanel/ui/callwidget.py" line="336" />
        <source>Hang up</source>
        <translation>Завершить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="294" />
        <source>internal</source>
        <translation>внутренний</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="323" />
        <source>Complete transfer</source>
        <translation>Соединить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="326" />
        <source>Leave the call: this caller and the person you consulted stay connected</source>
        <translation>Выйти из разговора: абонент и тот, с кем вы советовались, останутся на связи</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="332" />
        <source>Transfer this caller to another number, at once or after talking first</source>
        <translation>Перевести абонента на другой номер: сразу или после разговора с получателем</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="359" />
        <source>Unknown caller</source>
        <translation>Неизвестный абонент</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="311" />
        <source>Cancel transfer</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="104" />
        <source>keys act here</source>
        <translation>клавиши — здесь</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="107" />
        <source>The keyboard shortcuts answer, hold and hang up this call</source>
        <translation>Сочетания клавиш отвечают, удерживают и завершают этот звонок</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="314" />
        <source>Go back to this caller and end the consultation call</source>
        <translation>Вернуться к этому абоненту и завершить консультацию</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="317" />
        <source>Unhold</source>
        <translation>Вернуть</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="340" />
        <source>Send tones (DTMF) to the other side</source>
        <translation>Отправить тоны (DTMF) собеседнику</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/callwidget.py" line="377" />
        <source>The panel's configuration does not allow this</source>
        <translation>Настройки панели этого не позволяют</translation>
    </message>
</context>
<context>
    <name>Centre</name>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="17" />
        <source>waited %s</source>
        <translation>ожидание %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="24" />
        <source>queue %s</source>
        <translation>очередь «%s»</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="27" />
        <source>to %s</source>
        <translation>на номер %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="48" />
        <location filename="../../callpanel/ui/centre_words.py" line="78" />
        <source>Do not disturb</source>
        <translation>Не беспокоить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="51" />
        <source>Paused automatically (a call was not answered)</source>
        <translation>Пауза автоматически (звонок остался без ответа)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="55" />
        <location filename="../../callpanel/ui/centre_words.py" line="88" />
        <source>Paused: %s</source>
        <translation>Пауза: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="57" />
        <location filename="../../callpanel/ui/centre_words.py" line="77" />
        <location filename="../../callpanel/ui/centre_words.py" line="90" />
        <source>Paused</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="59" />
        <source>Available</source>
        <translation>На месте</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="72" />
        <source>Free</source>
        <translation>Свободен</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="73" />
        <source>Ringing</source>
        <translation>Звонит</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="74" />
        <source>In a call</source>
        <translation>Разговаривает</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="75" />
        <source>On hold</source>
        <translation>На удержании</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="76" />
        <source>Unavailable</source>
        <translation>Недоступен</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="66" />
        <location filename="../../callpanel/ui/centre_words.py" line="85" />
        <source>Paused automatically</source>
        <translation>Автопауза</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="92" />
        <source>Taking calls</source>
        <translation>Принимает звонки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="97" />
        <source>Dynamic</source>
        <translation>Временный</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="99" />
        <source>Permanent</source>
        <translation>Постоянный</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="122" />
        <source>there is no such queue on the PBX</source>
        <translation>такой очереди нет на АТС</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="125" />
        <source>you are already in this queue</source>
        <translation>вы уже в этой очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="128" />
        <source>you are not in this queue</source>
        <translation>вас нет в этой очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="129" />
        <source>you are a permanent member: only the PBX administrator can change that</source>
        <translation>вы постоянный участник: изменить это может только администратор АТС</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="132" />
        <source>you are not a member of that queue on the PBX</source>
        <translation>на АТС вы не участник этой очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="143" />
        <source>the queue name is empty</source>
        <translation>не указано имя очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="146" />
        <source>the pause reason is longer than %d bytes</source>
        <translation>причина паузы длиннее %d байт</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="149" />
        <source>the queue name is longer than %d bytes</source>
        <translation>имя очереди длиннее %d байт</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="153" />
        <source>a pause reason may not contain control characters</source>
        <translation>в причине паузы не может быть управляющих символов</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="156" />
        <source>a queue name may not contain spaces, commas or control characters</source>
        <translation>в имени очереди не может быть пробелов, запятых и управляющих символов</translation>
    </message>
</context>
<context>
    <name>CentreGlue</name>
    <message>
        <location filename="../../callpanel/ui/centre_glue.py" line="84" />
        <source>Log in to queue</source>
        <translation>Вход в очередь</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_glue.py" line="87" />
        <source>Log out of queue</source>
        <translation>Выход из очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_glue.py" line="90" />
        <location filename="../../callpanel/ui/centre_glue.py" line="116" />
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_glue.py" line="93" />
        <source>Resume</source>
        <translation>Возобновить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_glue.py" line="96" />
        <source>Do not disturb</source>
        <translation>Не беспокоить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_glue.py" line="108" />
        <source>Available</source>
        <translation>На месте</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_glue.py" line="119" />
        <source>Pick up</source>
        <translation>Перехват</translation>
    </message>
</context>
<context>
    <name>ColleaguesPanel</name>
    <message>
        <location filename="../../callpanel/ui/colleagues.py" line="167" />
        <source>Search colleagues (name or extension)</source>
        <translation>Поиск коллег (имя или номер)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/colleagues.py" line="184" />
        <source>Double-click to call; right-click for more</source>
        <translation>Двойной щелчок — позвонить; правая кнопка — ещё</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/colleagues.py" line="225" />
        <source>Call %s</source>
        <translation>Позвонить %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/colleagues.py" line="227" />
        <source>Transfer the call here</source>
        <translation>Перевести звонок сюда</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/colleagues.py" line="229" />
        <source>Transfer with consultation</source>
        <translation>Перевести с консультацией</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/colleagues.py" line="234" />
        <source>No call to transfer</source>
        <translation>Нет звонка для перевода</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/colleagues.py" line="235" />
        <source>Pick up the ringing call</source>
        <translation>Перехватить звонок</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="57" />
        <source>Retry now</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="59" />
        <source>Open settings</source>
        <translation>Открыть настройки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="91" />
        <source>Your phone: %s</source>
        <translation>Ваш телефон: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="129" />
        <source>No such phone: %s. Asterisk does not know it, so no call will show here. Check the phone's name in the settings (for example SIP/101 or PJSIP/101).</source>
        <translation>Нет такого телефона: %s. Asterisk его не знает, поэтому звонки здесь не появятся. Проверьте имя телефона в настройках (например, SIP/101 или PJSIP/101).</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="137" />
        <source>The server refused MD5 login; plain-text login is off. Allow it in the settings only on a network you trust: the password would be sent unencrypted.</source>
        <translation>Сервер отказал во входе по MD5; вход открытым текстом выключен. Разрешайте его в настройках только в доверенной сети: пароль будет передан без шифрования.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="140" />
        <source>The AMI user name cannot be sent: correct it in the settings.</source>
        <translation>Имя пользователя AMI нельзя отправить: исправьте его в настройках.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="141" />
        <source>The CA file cannot be read: correct it in the settings.</source>
        <translation>Файл сертификата ЦС не читается: исправьте его в настройках.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="143" />
        <source>The AMI secret cannot be used (not valid text, or too long for a plain-text login): correct it in the settings.</source>
        <translation>Пароль AMI нельзя использовать (недопустимый текст или слишком длинный для входа открытым текстом): исправьте его в настройках.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="154" />
        <source>the server</source>
        <translation>сервер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="156" />
        <source>Connecting to %s…</source>
        <translation>Подключение к %s…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="158" />
        <source>Connected to %s</source>
        <translation>Подключено к %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="162" />
        <source>certificate not checked</source>
        <translation>сертификат не проверяется</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="164" />
        <source>plain-text login allowed</source>
        <translation>разрешён вход открытым текстом</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="170" />
        <source>Trying again in %d s.</source>
        <translation>Новая попытка через %d с.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="171" />
        <source>Trying again…</source>
        <translation>Новая попытка…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="175" />
        <source>No connection to %s, reconnecting in %d s</source>
        <translation>Нет связи с %s, повтор через %d с</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="177" />
        <source>No connection to %s, reconnecting…</source>
        <translation>Нет связи с %s, переподключение…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="150" />
        <source>Check the setting “%s”: %s</source>
        <translation>Проверьте настройку «%s»: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="188" />
        <source>Asterisk at %s refused the login: wrong user name or password. Check them in the settings.</source>
        <translation>Asterisk на %s не принял вход: неверное имя пользователя или пароль. Проверьте их в настройках.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="197" />
        <source>Not connected: %s</source>
        <translation>Не подключено: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/statusbar.py" line="198" />
        <source>Not connected</source>
        <translation>Не подключено</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="60" />
        <source>Edit contact</source>
        <translation>Изменить контакт</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="61" />
        <source>New contact</source>
        <translation>Новый контакт</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="72" />
        <source>One number a line, e.g. mobile: +7 916 123-45-67</source>
        <translation>По номеру в строке, например: мобильный: +7 916 123-45-67</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="87" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="88" />
        <source>Company</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="89" />
        <source>Numbers</source>
        <translation>Номера</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="90" />
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="91" />
        <source>Link</source>
        <translation>Ссылка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="92" />
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="19" />
        <source>a contact needs a name or a company</source>
        <translation>у контакта должно быть имя или организация</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="21" />
        <source>more than %d numbers</source>
        <translation>больше %d номеров</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="23" />
        <source>type at least one number</source>
        <translation>введите хотя бы один номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="27" />
        <source>the number «%1»: %2</source>
        <translation>номер «%1»: %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="36" />
        <source>line %1: %2</source>
        <translation>строка %1: %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="49" />
        <source>the file is larger than %d MB</source>
        <translation>файл больше %d МБ</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="53" />
        <source>the file is empty</source>
        <translation>файл пуст</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="55" />
        <source>no header naming a name (or company) column and a phone column</source>
        <translation>нет строки заголовков со столбцом имени (или организации) и столбцом телефона</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="59" />
        <source>unreadable row (%s)</source>
        <translation>строка не читается (%s)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="61" />
        <source>number skipped: %s</source>
        <translation>номер пропущен: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="65" />
        <source>no usable phone number; skipped</source>
        <translation>нет пригодного номера телефона; пропущено</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="67" />
        <source>%s; skipped</source>
        <translation>%s; пропущено</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="69" />
        <source>card without END:VCARD; skipped</source>
        <translation>карточка без END:VCARD; пропущена</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="71" />
        <source>END:VCARD without BEGIN:VCARD</source>
        <translation>END:VCARD без BEGIN:VCARD</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="73" />
        <source>text outside a card ignored</source>
        <translation>текст вне карточки пропущен</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="76" />
        <source>line %d is not NAME:VALUE; card skipped</source>
        <translation>строка %d не в виде ИМЯ:ЗНАЧЕНИЕ; карточка пропущена</translation>
    </message>
</context>
<context>
    <name>ContactsDialog</name>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="143" />
        <location filename="../../callpanel/ui/contacts_dialog.py" line="252" />
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="148" />
        <source>Search by name, company, number or note</source>
        <translation>Поиск по имени, организации, номеру или заметке</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="158" />
        <source>Call</source>
        <translation>Позвонить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="160" />
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="161" />
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="162" />
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="163" />
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="164" />
        <source>CSV (Excel, Outlook, Google) or vCard files</source>
        <translation>Файлы CSV (Excel, Outlook, Google) или vCard</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="203" />
        <source>%d shown of %d contacts</source>
        <translation>Показано %d из %d контактов</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="252" />
        <location filename="../../callpanel/ui/contacts_dialog.py" line="288" />
        <source>Not saved: %s</source>
        <translation>Не сохранено: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="267" />
        <location filename="../../callpanel/ui/contacts_dialog.py" line="304" />
        <source>Import contacts</source>
        <translation>Импорт контактов</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="270" />
        <source>Contacts (*.csv *.vcf *.vcard *.txt)</source>
        <translation>Контакты (*.csv *.vcf *.vcard *.txt)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="270" />
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="279" />
        <source>the file is too large</source>
        <translation>файл слишком большой</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="282" />
        <source>Cannot read %s: %s</source>
        <translation>Не удалось прочитать %s: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="291" />
        <source>Imported %d contacts from %s.</source>
        <translation>Импортировано контактов: %d из %s.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="295" />
        <source>Read as %s.</source>
        <translation>Прочитано в кодировке %s.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/contacts_dialog.py" line="297" />
        <source>Not imported or changed (%d):</source>
        <translation>Не импортировано или изменено (%d):</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../callpanel/ui/desk.py" line="107" />
        <source>Start at login could not be set: %s</source>
        <translation>Не удалось включить запуск при входе: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk.py" line="120" />
        <source>Global hotkeys: %s</source>
        <translation>Глобальные клавиши: %s</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="39" />
        <source>Settings…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="41" />
        <source>How calls are answered…</source>
        <translation>Как отвечать на звонки…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="44" />
        <source>Help</source>
        <translation>Справка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="46" />
        <source>About callpanel</source>
        <translation>О программе callpanel</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="48" />
        <source>Copy diagnostics</source>
        <translation>Скопировать диагностику</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="51" />
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="53" />
        <source>Contacts…</source>
        <translation>Контакты…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="55" />
        <source>Call history…</source>
        <translation>Журнал звонков…</translation>
    </message>
</context>
<context>
    <name>DeskHelp</name>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="94" />
        <source>Colours: orange rings, blue is being dialled, green is a conversation.</source>
        <translation>Цвета: оранжевый — звонит, синий — идёт вызов, зелёный — разговор.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="97" />
        <source>Violet is on hold by you, grey is on hold by the other side.</source>
        <translation>Фиолетовый — удержание у вас, серый — удержание у собеседника.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="101" />
        <source>Keyboard shortcuts (they act on the marked call):</source>
        <translation>Сочетания клавиш (действуют на отмеченный звонок):</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="106" />
        <source>Right-click a recent call to call back or copy the number.</source>
        <translation>Щёлкните правой кнопкой по недавнему звонку, чтобы перезвонить или скопировать номер.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="109" />
        <source>The ☰ menu opens the settings: server, phone, alerts and hotkeys.</source>
        <translation>Меню ☰ открывает настройки: сервер, телефон, оповещения и горячие клавиши.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="119" />
        <source>callpanel help</source>
        <translation>Справка callpanel</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="132" />
        <source>About callpanel</source>
        <translation>О программе callpanel</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="136" />
        <source>callpanel %s — a call panel for Asterisk operators</source>
        <translation>callpanel %s — панель звонков для операторов Asterisk</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="139" />
        <source>MIT licence. Qt for Python %s, Python %s.</source>
        <translation>Лицензия MIT. Qt for Python %s, Python %s.</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="39" />
        <source>Ring when a call comes in</source>
        <translation>Звонить при входящем звонке</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="44" />
        <location filename="../../callpanel/ui/desk_page.py" line="148" />
        <source>System default</source>
        <translation>Системное по умолчанию</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="56" />
        <location filename="../../callpanel/ui/desk_page.py" line="209" />
        <source>Play</source>
        <translation>Прослушать</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="59" />
        <source>Play the ringtone on this output at this volume</source>
        <translation>Проиграть мелодию звонка на этом устройстве с этой громкостью</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="65" />
        <source>Bring the window to the front when a call rings</source>
        <translation>Выводить окно на передний план при звонке</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="68" />
        <source>Start in the tray</source>
        <translation>Запускать свёрнутым в трей</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="71" />
        <source>Start when I log in</source>
        <translation>Запускать при входе в систему</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="77" />
        <source>Global hotkeys, also while you use another program</source>
        <translation>Глобальные клавиши — работают и в других программах</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="107" />
        <source>Sound output</source>
        <translation>Устройство вывода звука</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="108" />
        <source>Volume</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="116" />
        <source>Answer</source>
        <translation>Ответить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="117" />
        <source>Hang up</source>
        <translation>Завершить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="118" />
        <source>Hold / take back</source>
        <translation>Удержать / вернуть</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="119" />
        <source>Number to call</source>
        <translation>Номер для звонка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="140" />
        <source>No sound library (%s): the system bell rings instead</source>
        <translation>Нет звуковой библиотеки (%s): вместо мелодии — системный сигнал</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="152" />
        <source>%s (not connected)</source>
        <translation>%s (не подключено)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desk_page.py" line="204" />
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <location filename="../../callpanel/ui/diagnostics_action.py" line="45" />
        <location filename="../../callpanel/ui/diagnostics_action.py" line="66" />
        <source>Copy diagnostics</source>
        <translation>Скопировать диагностику</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/diagnostics_action.py" line="46" />
        <source>Replace phone numbers and caller names with stand-ins? (The secret is never included.)</source>
        <translation>Заменить номера телефонов и имена звонящих условными? (Пароль не включается никогда.)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/diagnostics_action.py" line="58" />
        <source>Attach this file to the bug report (log and AMI traffic): %1</source>
        <translation>Приложите этот файл к сообщению об ошибке (журнал и трафик AMI): %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/diagnostics_action.py" line="67" />
        <source>The report is on the clipboard.</source>
        <translation>Отчёт скопирован в буфер обмена.</translation>
    </message>
</context>
<context>
    <name>DialBox</name>
    <message>
        <location filename="../../callpanel/ui/dialbox.py" line="23" />
        <source>Number to call</source>
        <translation>Номер для звонка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialbox.py" line="26" />
        <source>Call</source>
        <translation>Позвонить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialbox.py" line="30" />
        <source>Dial pad</source>
        <translation>Номеронабиратель</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialbox.py" line="33" />
        <source>Show the dial pad</source>
        <translation>Показать клавиатуру</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialbox.py" line="98" />
        <source>Call this number (Enter)</source>
        <translation>Позвонить на этот номер (Enter)</translation>
    </message>
</context>
<context>
    <name>DialRules</name>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="86" />
        <source>a rule is written PREFIX=REPLACEMENT, e.g. +7=8, not «%1»</source>
        <translation>правило пишется как ПРЕФИКС=ЗАМЕНА, например +7=8, а не «%1»</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="90" />
        <source>the rule's prefix «%1» must be digits, * or #, with an optional +</source>
        <translation>префикс «%1» в правиле должен состоять из цифр, * или #, с необязательным +</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="94" />
        <source>the rule's replacement «%1» must be digits, * or #, with an optional +</source>
        <translation>замена «%1» в правиле должна состоять из цифр, * или #, с необязательным +</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="98" />
        <source>at most %d dialling rules</source>
        <translation>не больше %d правил набора</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="100" />
        <source>the outside-line prefix «%1» must be up to 8 digits, * or #</source>
        <translation>префикс выхода в город «%1» — это до 8 цифр, * или #</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="104" />
        <source>extensions have 0 to 16 digits</source>
        <translation>во внутренних номерах от 0 до 16 цифр</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_words.py" line="110" />
        <source>unknown region «%1»: use a two-letter country code such as RU</source>
        <translation>неизвестный регион «%1»: укажите двухбуквенный код страны, например RU</translation>
    </message>
</context>
<context>
    <name>DialRulesPage</name>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="47" />
        <source>From the system: %s</source>
        <translation>Из системы: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="50" />
        <source>The country of numbers written without a country code, e.g. RU, KZ, DE</source>
        <translation>Страна номеров, записанных без кода страны, например RU, KZ, DE</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="57" />
        <source>One rule a line, PREFIX=REPLACEMENT. The longest matching prefix wins; a prefix with + is compared with the number in international form.</source>
        <translation>По одному правилу в строке: ПРЕФИКС=ЗАМЕНА. Действует самый длинный подходящий префикс; префикс с + сравнивается с номером в международном виде.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="64" />
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="70" />
        <source>Numbers with at most this many digits are extensions, dialled as they are</source>
        <translation>Номера не длиннее стольких цифр — внутренние, набираются как есть</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="83" />
        <source>A CRM's search API that answers JSON with a name (and company, url); {number} and {e164} are filled in. Asked after the contacts, 1.5 s at most.</source>
        <translation>Поисковый API CRM, отвечающий JSON с именем (и организацией, url); подставляются {number} и {e164}. Опрашивается после контактов, не дольше 1,5 с.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="95" />
        <source>empty: anonymous</source>
        <translation>пусто: анонимно</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="102" />
        <source>(stored — type to change)</source>
        <translation>(сохранён — введите, чтобы изменить)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="104" />
        <source>for the bind DN</source>
        <translation>для bind DN</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="106" />
        <source>Kept in the system keyring, never in the settings file</source>
        <translation>Хранится в системном хранилище паролей, никогда — в файле настроек</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="108" />
        <source>No system keyring: kept until the panel quits</source>
        <translation>Нет системного хранилища паролей: хранится до выхода из панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="114" />
        <source>forever</source>
        <translation>всегда</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="115" />
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="120" />
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="121" />
        <source>Rules</source>
        <translation>Правила</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="122" />
        <source>Outside-line prefix</source>
        <translation>Префикс выхода в город</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="123" />
        <source>Extension digits</source>
        <translation>Цифр во внутреннем номере</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="124" />
        <source>Try a number</source>
        <translation>Проверить номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="126" />
        <source>Lookup URL</source>
        <translation>URL поиска абонента</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="127" />
        <source>LDAP server</source>
        <translation>Сервер LDAP</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="128" />
        <source>LDAP base</source>
        <translation>База поиска LDAP</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="129" />
        <source>LDAP user (bind DN)</source>
        <translation>Пользователь LDAP (bind DN)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="130" />
        <source>LDAP password</source>
        <translation>Пароль LDAP</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="131" />
        <source>Keep calls</source>
        <translation>Хранить звонки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/dialrules_page.py" line="186" />
        <source>%s will be dialled as %s</source>
        <translation>%s будет набран как %s</translation>
    </message>
</context>
<context>
    <name>Direction</name>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="50" />
        <source>Incoming</source>
        <translation>Входящий</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="51" />
        <source>Outgoing</source>
        <translation>Исходящий</translation>
    </message>
</context>
<context>
    <name>DirectoryGlue</name>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="127" />
        <source>from the address book</source>
        <translation>из адресной книги</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="128" />
        <source>from the CRM</source>
        <translation>из CRM</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="129" />
        <source>from the company directory</source>
        <translation>из справочника компании</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="133" />
        <source>Right-click to open the contact's page: %s</source>
        <translation>Правый щелчок откроет страницу контакта: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="185" />
        <location filename="../../callpanel/ui/directory_glue.py" line="213" />
        <source>Note and outcome…</source>
        <translation>Заметка и итог…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="188" />
        <source>Open the contact's page</source>
        <translation>Открыть страницу контакта</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="192" />
        <location filename="../../callpanel/ui/directory_glue.py" line="209" />
        <source>Copy number</source>
        <translation>Скопировать номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="207" />
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="219" />
        <source>Edit contact…</source>
        <translation>Изменить контакт…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="219" />
        <source>Add to contacts…</source>
        <translation>Добавить в контакты…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="231" />
        <source>Note and outcome</source>
        <translation>Заметка и итог</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="232" />
        <source>Outcome on the first line, then the note:</source>
        <translation>Итог в первой строке, дальше заметка:</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="249" />
        <source>Note not saved: %s</source>
        <translation>Заметка не сохранена: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="277" />
        <source>Contact not saved: %s</source>
        <translation>Контакт не сохранён: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/directory_glue.py" line="287" />
        <source>The address book is unavailable</source>
        <translation>Адресная книга недоступна</translation>
    </message>
</context>
<context>
    <name>EndReason</name>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="56" />
        <source>Completed</source>
        <translation>Завершён</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="57" />
        <source>Missed</source>
        <translation>Пропущен</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="58" />
        <source>Rejected</source>
        <translation>Отклонён</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="59" />
        <source>Answered elsewhere</source>
        <translation>Отвечен другим</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="60" />
        <source>Busy</source>
        <translation>Занято</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="61" />
        <source>No answer</source>
        <translation>Нет ответа</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="62" />
        <source>Transferred</source>
        <translation>Переведён</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="63" />
        <source>Failed</source>
        <translation>Не удался</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="66" />
        <source>Ended</source>
        <translation>Завершён</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="91" />
        <source>Call history</source>
        <translation>Журнал звонков</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="97" />
        <source>Search by number or name</source>
        <translation>Поиск по номеру или имени</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="103" />
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="107" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="107" />
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="107" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="107" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="108" />
        <source>Talk</source>
        <translation>Разговор</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="108" />
        <location filename="../../callpanel/ui/history_view.py" line="155" />
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="108" />
        <source>Queue / line</source>
        <translation>Очередь / линия</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="122" />
        <source>Show more</source>
        <translation>Показать ещё</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="135" />
        <source>Note about this call</source>
        <translation>Заметка о звонке</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="137" />
        <source>Save note</source>
        <translation>Сохранить заметку</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="139" />
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="141" />
        <source>Copy number</source>
        <translation>Скопировать номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="143" />
        <source>Contact…</source>
        <translation>Контакт…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="145" />
        <source>Add the caller to the contacts, or edit them</source>
        <translation>Добавить абонента в контакты или изменить его</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="211" />
        <source>%d of %d calls</source>
        <translation>%d из %d звонков</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="300" />
        <source>Export the call history</source>
        <translation>Экспорт журнала звонков</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="303" />
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="315" />
        <source>Export failed: %s</source>
        <translation>Экспорт не удался: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="317" />
        <source>%d calls exported to %s</source>
        <translation>Звонков экспортировано: %d в %s</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../callpanel/ui/history.py" line="128" />
        <source>Recent calls</source>
        <translation>Последние звонки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history.py" line="137" />
        <source>No calls yet</source>
        <translation>Звонков пока нет</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history.py" line="237" />
        <source>%d missed</source>
        <translation>Пропущенные: %d</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history.py" line="259" />
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history.py" line="262" />
        <source>Copy number</source>
        <translation>Копировать номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history.py" line="266" />
        <source>Copy name</source>
        <translation>Копировать имя</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history.py" line="298" />
        <source>yesterday %s</source>
        <translation>вчера %s</translation>
    </message>
</context>
<context>
    <name>HistoryRow</name>
    <message>
        <location filename="../../callpanel/ui/history.py" line="97" />
        <source>Call</source>
        <translation>Позвонить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history.py" line="99" />
        <source>Call back %s</source>
        <translation>Перезвонить на %s</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="44" />
        <source>All calls</source>
        <translation>Все звонки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="45" />
        <source>Missed</source>
        <translation>Пропущенные</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="46" />
        <source>Incoming</source>
        <translation>Входящие</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="47" />
        <source>Outgoing</source>
        <translation>Исходящие</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="48" />
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="52" />
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="53" />
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="54" />
        <source>Sale</source>
        <translation>Продажа</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="55" />
        <source>Complaint</source>
        <translation>Жалоба</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="56" />
        <source>Wrong number</source>
        <translation>Ошиблись номером</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="57" />
        <source>Voicemail</source>
        <translation>Автоответчик</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="69" />
        <source>Answered</source>
        <translation>Отвечен</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/history_view.py" line="71" />
        <source>In progress</source>
        <translation>Идёт</translation>
    </message>
</context>
<context>
    <name>Hotkeys</name>
    <message>
        <location filename="../../callpanel/ui/hotkeys.py" line="50" />
        <source>Global hotkeys need the python-xlib package</source>
        <translation>Для глобальных клавиш нужен пакет python-xlib</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/hotkeys.py" line="55" />
        <source>Wayland does not let programs take keys for the whole desktop. Set a shortcut in the desktop's keyboard settings that runs: callpanel --do answer (or hangup, hold, dial)</source>
        <translation>Wayland не разрешает программам перехватывать клавиши для всего рабочего стола. Назначьте в настройках клавиатуры рабочего стола сочетание, которое запускает: callpanel --do answer (или hangup, hold, dial)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/hotkeys.py" line="62" />
        <source>Global hotkeys are not supported on macOS yet; the window's shortcuts work</source>
        <translation>Глобальные клавиши на macOS пока не поддерживаются; клавиши окна работают</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/hotkeys.py" line="65" />
        <source>This session has no desktop that could deliver global hotkeys</source>
        <translation>В этом сеансе нет рабочего стола, который мог бы передать глобальные клавиши</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/hotkeys.py" line="90" />
        <source>%s is already used for another action</source>
        <translation>%s уже назначено другому действию</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/hotkeys.py" line="211" />
        <location filename="../../callpanel/ui/hotkeys.py" line="342" />
        <source>%s: this keyboard has no such key</source>
        <translation>%s: на этой клавиатуре нет такой клавиши</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/hotkeys.py" line="223" />
        <location filename="../../callpanel/ui/hotkeys.py" line="346" />
        <source>%s is taken by another program</source>
        <translation>%s уже занято другой программой</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/hotkeys.py" line="348" />
        <source>%s could not be registered (error %d)</source>
        <translation>%s не удалось зарегистрировать (ошибка %d)</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../callpanel/ui/keypad.py" line="76" />
        <source>Sent: %s</source>
        <translation>Отправлено: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/keypad.py" line="76" />
        <source>Type or click digits</source>
        <translation>Наберите или нажмите цифры</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../callpanel/ui/window.py" line="112" />
        <source>No active calls</source>
        <translation>Нет активных звонков</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="128" />
        <source>Number to call (%s)</source>
        <translation>Номер для звонка (%s)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="136" />
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="137" />
        <source>Colleagues</source>
        <translation>Коллеги</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="138" />
        <source>Queues</source>
        <translation>Очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="329" />
        <source>Call to %s: %s</source>
        <translation>Звонок на %s: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="35" />
        <source>Incoming call from queue %s</source>
        <translation>Входящий звонок из очереди «%s»</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="40" />
        <source>Incoming call to %s</source>
        <translation>Входящий звонок на номер %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/centre_words.py" line="43" />
        <source>Incoming call</source>
        <translation>Входящий звонок</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="353" />
        <source>Transfer: there is no call to transfer</source>
        <translation>Перевод: нет звонка для перевода</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="434" />
        <source>answer the ringing call</source>
        <translation>ответить на входящий звонок</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="435" />
        <source>hang up</source>
        <translation>завершить звонок</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="436" />
        <source>hold / take back</source>
        <translation>удержать / вернуть</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="437" />
        <source>type a number to call</source>
        <translation>набрать номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="482" />
        <source>Call: the input is not valid: %s</source>
        <translation>Звонок: неверные данные: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="503" />
        <source>Call this number?</source>
        <translation>Позвонить на этот номер?</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="505" />
        <source>Another program asks to call %s. Call now?</source>
        <translation>Другая программа просит позвонить на %s. Позвонить?</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="506" />
        <source>Call</source>
        <translation>Позвонить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="570" />
        <source>Quit callpanel?</source>
        <translation>Выйти из callpanel?</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="571" />
        <source>Calls in progress: %d. They go on at your phone, unseen. Quit anyway?</source>
        <translation>Идут звонки: %d. Они продолжатся на телефоне, но панель их не покажет. Всё равно выйти?</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/window.py" line="573" />
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
</context>
<context>
    <name>MenuButton</name>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="81" />
        <source>Menu: settings, help, about</source>
        <translation>Меню: настройки, справка, о программе</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/deskmenu.py" line="82" />
        <source>Menu</source>
        <translation>Меню</translation>
    </message>
</context>
<context>
    <name>NotificationBanner</name>
    <message>
        <location filename="../../callpanel/ui/banners.py" line="53" />
        <source>Show</source>
        <translation>Показать</translation>
    </message>
</context>
<context>
    <name>Notify</name>
    <message>
        <location filename="../../callpanel/ui/desktop_notify.py" line="160" />
        <source>Answer</source>
        <translation>Ответить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/desktop_notify.py" line="164" />
        <source>Decline</source>
        <translation>Отклонить</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="74" />
        <source>a line break (%s)</source>
        <translation>перевод строки (%s)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="76" />
        <source>a tab (%s)</source>
        <translation>табуляция (%s)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="78" />
        <source>a control character (%s)</source>
        <translation>управляющий символ (%s)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="87" />
        <source>the number is empty</source>
        <translation>номер пуст</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="89" />
        <source>the number is longer than %d digits</source>
        <translation>номер длиннее %d цифр</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="92" />
        <source>a number has only digits, * and # (and an optional leading +)</source>
        <translation>в номере только цифры, * и # (и, возможно, + в начале)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="96" />
        <source>«+» can only come first: %s</source>
        <translation>«+» может стоять только в начале: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/strings.py" line="98" />
        <source>%1 cannot be dialled: %2</source>
        <translation>%1 нельзя набрать: %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/i18n.py" line="43" />
        <source>number withheld</source>
        <translation>номер скрыт</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="537" />
        <location filename="../../callpanel/ui/controller.py" line="545" />
        <source>Internal error: %s</source>
        <translation>Внутренняя ошибка: %s</translation>
    </message>
</context>
<context>
    <name>PanelController</name>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="221" />
        <source>No system keyring: the LDAP password is kept until the panel quits</source>
        <translation>Нет системного хранилища паролей: пароль LDAP хранится до выхода из панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="225" />
        <source>The LDAP password was not stored: %s</source>
        <translation>Пароль LDAP не сохранён: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="353" />
        <source>A link from another program was refused: %s</source>
        <translation>Ссылка из другой программы отклонена: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="402" />
        <source>Test call</source>
        <translation>Пробный звонок</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="416" />
        <source>Through the hub the panel does not log in to Asterisk itself: the answer method is chosen in the settings, Phone, Answer.</source>
        <translation>Через хаб панель не входит в Asterisk сама: способ ответа выбирается в настройках, Телефон, Ответ.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="420" />
        <source>Type the AMI secret in the settings first.</source>
        <translation>Сначала введите пароль AMI в настройках.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="473" />
        <source>Settings not saved: %s</source>
        <translation>Настройки не сохранены: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="488" />
        <source>Type the AMI secret in the settings</source>
        <translation>Введите пароль AMI в настройках</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/controller.py" line="526" />
        <source>The secret was not stored: %s</source>
        <translation>Пароль не сохранён: %s</translation>
    </message>
</context>
<context>
    <name>PanelTray</name>
    <message>
        <location filename="../../callpanel/ui/tray.py" line="33" />
        <source>Show / hide</source>
        <translation>Показать / скрыть</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/tray.py" line="34" />
        <source>Dial…</source>
        <translation>Набрать номер…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/tray.py" line="35" />
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/tray.py" line="93" />
        <source>%d missed</source>
        <translation>Пропущенные: %d</translation>
    </message>
</context>
<context>
    <name>PauseReasons</name>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="34" />
        <source>Lunch</source>
        <translation>Обед</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="35" />
        <source>Break</source>
        <translation>Перерыв</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="36" />
        <source>After-call work</source>
        <translation>Обработка после звонка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="37" />
        <source>Meeting</source>
        <translation>Совещание</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="38" />
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="13" />
        <source>Nothing answers at %s. Check the host and the port, that AMI is enabled on the PBX (manager.conf: enabled = yes, and its port) and that no firewall rejects this computer.</source>
        <translation>По адресу %s никто не отвечает. Проверьте адрес и порт, что AMI включён на АТС (manager.conf: enabled = yes и порт) и что сетевой экран пропускает этот компьютер.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="19" />
        <source>%s does not answer. Check the host name or address and the port, and that no firewall drops the connection.</source>
        <translation>%s не отвечает. Проверьте имя или адрес сервера и порт, и что сетевой экран не отбрасывает соединение.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="24" />
        <source>The host name of %s is not known. Check the host in the settings.</source>
        <translation>Имя сервера %s не найдено. Проверьте адрес сервера в настройках.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="27" />
        <source>There is no route to %s. Check the network and the host address.</source>
        <translation>Нет маршрута до %s. Проверьте сеть и адрес сервера.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="30" />
        <source>The secure (TLS) connection to %s failed. Check the TLS settings (port, CA file, certificate fingerprint) and the PBX's certificate.</source>
        <translation>Не удалось защищённое (TLS) соединение с %s. Проверьте настройки TLS (порт, файл CA, отпечаток сертификата) и сертификат АТС.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="35" />
        <source>Asterisk at %s refused the login. Check the user name and the secret in the settings; on the PBX, this user in manager.conf and its permit/deny for this computer's address.</source>
        <translation>Asterisk на %s не принял вход. Проверьте имя пользователя и пароль в настройках; на АТС — этого пользователя в manager.conf и его permit/deny для адреса этого компьютера.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="41" />
        <source>Asterisk at %s accepted the login but this AMI user may not do what the panel needs. Check the user's read and write classes in manager.conf.</source>
        <translation>Asterisk на %s принял вход, но этому пользователю AMI не хватает прав для панели. Проверьте его права read и write в manager.conf.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="46" />
        <source>The settings for %s cannot work as they are. Check them in the settings.</source>
        <translation>С такими настройками подключиться к %s нельзя. Проверьте их в настройках.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/problem_text.py" line="49" />
        <source>The connection to %s was lost (the PBX restarted or the network dropped).</source>
        <translation>Связь с %s потеряна (АТС перезапустилась или пропала сеть).</translation>
    </message>
</context>
<context>
    <name>QueuesPage</name>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="34" />
        <source>Your phone, e.g. SIP/101</source>
        <translation>Ваш телефон, например SIP/101</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="37" />
        <source>What the PBX calls when a queue offers you a call: your phone (SIP/101, PJSIP/101) or a Local channel such as Local/101@from-queue/n. Empty: your first phone.</source>
        <translation>Куда АТС звонит, когда очередь предлагает вам звонок: ваш телефон (SIP/101, PJSIP/101) или канал Local, например Local/101@from-queue/n. Пусто — ваш первый телефон.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="45" />
        <source>Empty: the PBX shows the interface</source>
        <translation>Пусто — АТС покажет интерфейс</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="47" />
        <source>The name supervisors see for you in the queue (QueueAdd MemberName)</source>
        <translation>Имя, под которым вас видят в очереди супервизоры (MemberName в QueueAdd)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="53" />
        <source>One reason a line, at most %d; each at most %d bytes</source>
        <translation>По одной причине в строке, не больше %d; каждая не длиннее %d байт</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="58" />
        <source>Logging in to and out of a queue uses this interface and name. A permanent member (queues.conf) can be changed only by the PBX administrator.</source>
        <translation>Вход в очередь и выход из неё используют этот интерфейс и имя. Постоянного участника (queues.conf) может изменить только администратор АТС.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="66" />
        <location filename="../../callpanel/ui/queues_page.py" line="79" />
        <source>Queue interface</source>
        <translation>Интерфейс в очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="67" />
        <location filename="../../callpanel/ui/queues_page.py" line="89" />
        <source>Member name</source>
        <translation>Имя в очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="68" />
        <location filename="../../callpanel/ui/queues_page.py" line="101" />
        <location filename="../../callpanel/ui/queues_page.py" line="109" />
        <source>Pause reasons</source>
        <translation>Причины паузы</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="80" />
        <source>%s is not an interface such as SIP/101 or Local/101@from-queue/n</source>
        <translation>%s — не интерфейс вида SIP/101 или Local/101@from-queue/n</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="90" />
        <source>no control characters, at most %d characters</source>
        <translation>без управляющих символов, не длиннее %d знаков</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="102" />
        <source>line %d: no control characters, at most %d bytes</source>
        <translation>строка %d: без управляющих символов, не длиннее %d байт</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_page.py" line="109" />
        <source>at most %d reasons</source>
        <translation>не больше %d причин</translation>
    </message>
</context>
<context>
    <name>QueuesPanel</name>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="122" />
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="122" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="122" />
        <source>Calls</source>
        <translation>Звонки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="122" />
        <source>Membership</source>
        <translation>Участие</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="125" />
        <source>Log in…</source>
        <translation>Войти…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="126" />
        <source>Log out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="127" />
        <location filename="../../callpanel/ui/queues_panel.py" line="252" />
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="128" />
        <source>Resume</source>
        <translation>Возобновить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="179" />
        <source>No calls taken yet</source>
        <translation>Звонков ещё не было</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="177" />
        <source>Last call at %s</source>
        <translation>Последний звонок в %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="182" />
        <source>Calls taken: %d</source>
        <translation>Принято звонков: %d</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="184" />
        <source>Penalty: %d</source>
        <translation>Штраф (penalty): %d</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="203" />
        <source>Choose a queue</source>
        <translation>Выберите очередь</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="209" />
        <source>Not paused</source>
        <translation>Не на паузе</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="222" />
        <source>Other reason…</source>
        <translation>Другая причина…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="225" />
        <source>Edit the reasons…</source>
        <translation>Изменить причины…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="236" />
        <source>Log in to a queue</source>
        <translation>Вход в очередь</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="236" />
        <source>Queue:</source>
        <translation>Очередь:</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="252" />
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="264" />
        <source>Pause reasons</source>
        <translation>Причины паузы</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="265" />
        <source>One reason a line (at most 79 bytes each):</source>
        <translation>По одной причине в строке (не длиннее 79 байт):</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/queues_panel.py" line="274" />
        <source>Pause reasons: %s</source>
        <translation>Причины паузы: %s</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="16" />
        <source>Only a ringing incoming call can be answered</source>
        <translation>Ответить можно только на входящий звонок, пока он звонит</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="19" />
        <source>Only a call in conversation can be put on hold</source>
        <translation>Удержать можно только звонок, по которому идёт разговор</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="22" />
        <source>Only a call you put on hold can be taken back</source>
        <translation>Вернуть можно только звонок, который удерживаете вы</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="25" />
        <source>This call cannot be hung up now</source>
        <translation>Этот звонок сейчас нельзя завершить</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="26" />
        <location filename="../../callpanel/ui/reasons.py" line="29" />
        <source>Only a call in conversation or on hold can be transferred</source>
        <translation>Перевести можно только звонок в разговоре или на удержании</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="32" />
        <source>This call has already ended</source>
        <translation>Этот звонок уже завершён</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="33" />
        <source>Tones can be sent only during a conversation</source>
        <translation>Тоны можно отправлять только во время разговора</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="38" />
        <source>Not possible in this call's state</source>
        <translation>Невозможно в текущем состоянии звонка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="46" />
        <source>Not connected to Asterisk</source>
        <translation>Нет связи с Asterisk</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="48" />
        <source>No operator phone (endpoint) is configured: open the settings</source>
        <translation>Телефон оператора (endpoint) не настроен: откройте настройки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="52" />
        <source>Pick up the handset to answer. To answer from the panel, choose how in Settings, Phone, Answer</source>
        <translation>Снимите трубку, чтобы ответить. Чтобы отвечать из панели, выберите способ в Настройки, Телефон, Ответ</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="58" />
        <source>Use the phone's hold key. To hold from the panel, choose how in Settings, Phone, Hold</source>
        <translation>Используйте кнопку удержания на телефоне. Чтобы удерживать из панели, выберите способ в Настройки, Телефон, Удержание</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="64" />
        <source>%1 needs Asterisk %2 or later; this server is %3</source>
        <translation>%1 требует Asterisk %2 или новее; на этом сервере %3</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="72" />
        <source>Asterisk %1 has no chan_sip: use PJSIP phones or a pbx-* strategy</source>
        <translation>В Asterisk %1 нет chan_sip: используйте телефоны PJSIP или способ pbx-*</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="76" />
        <source>%1 phones cannot be told to answer or hold</source>
        <translation>Телефонам %1 нельзя дать команду ответить или удержать</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="81" />
        <source>This Asterisk user may not originate calls (permission denied); ask the PBX administrator</source>
        <translation>Этому пользователю Asterisk запрещено совершать вызовы (нет прав); обратитесь к администратору АТС</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="86" />
        <source>This Asterisk user may not do this (%1); ask the PBX administrator</source>
        <translation>Этому пользователю Asterisk это запрещено (%1); обратитесь к администратору АТС</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="90" />
        <source>This call is no longer active</source>
        <translation>Этот звонок уже не активен</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="92" />
        <source>Not available: %1</source>
        <translation>Недоступно: %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="94" />
        <source>The other side put this call on hold; only they can resume it</source>
        <translation>Собеседник поставил звонок на удержание; вернуть его может только он</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="98" />
        <source>You are not in queue %1</source>
        <translation>Вы не в очереди %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="102" />
        <source>You are already in queue %1</source>
        <translation>Вы уже в очереди %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="106" />
        <source>You are a permanent member of queue %1: only the PBX administrator can change that</source>
        <translation>Вы постоянный участник очереди %1: изменить это может только администратор АТС</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="111" />
        <source>You are not in any queue</source>
        <translation>Вы не состоите ни в одной очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="113" />
        <source>No colleague with extension %1</source>
        <translation>Нет коллеги с номером %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="117" />
        <source>Nothing is ringing at %1</source>
        <translation>У %1 сейчас ничего не звонит</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/reasons.py" line="121" />
        <source>Extension %1 has no phone to pick up from</source>
        <translation>У номера %1 нет телефона, с которого можно перехватить звонок</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="93" />
        <source>Pick up the handset (the panel cannot answer)</source>
        <translation>Снимать трубку (панель не отвечает)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="97" />
        <source>The phone answers itself when the panel asks</source>
        <translation>Телефон отвечает сам по команде панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="101" />
        <source>Asterisk answers and connects your phone</source>
        <translation>Asterisk отвечает и соединяет с вашим телефоном</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="105" />
        <source>The phone's own hold key</source>
        <translation>Кнопка удержания на телефоне</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="108" />
        <source>The phone holds when the panel asks</source>
        <translation>Телефон удерживает по команде панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="112" />
        <source>Asterisk plays music on hold</source>
        <translation>Asterisk ставит музыку на удержании</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="114" />
        <source>Asterisk parks the caller</source>
        <translation>Asterisk паркует абонента</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="169" />
        <source>callpanel settings</source>
        <translation>Настройки callpanel</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="180" />
        <source>Asterisk AMI</source>
        <translation>Asterisk AMI</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="181" />
        <source>callpanel hub</source>
        <translation>Сервер callpanel hub</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="185" />
        <source>callpanel hub: the panel connects to the call centre's MQTT broker with its own operator name and password; no AMI secret is kept on this PC</source>
        <translation>callpanel hub: панель подключается к MQTT-брокеру колл-центра под своим именем оператора и паролем; пароль AMI на этом компьютере не хранится</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="193" />
        <source>Use TLS</source>
        <translation>Использовать TLS</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="196" />
        <source>System certificates</source>
        <translation>Системные сертификаты</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="197" />
        <location filename="../../callpanel/ui/settings_dialog.py" line="204" />
        <location filename="../../callpanel/ui/settings_dialog.py" line="206" />
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="201" />
        <source>Optional: when the broker asks for one</source>
        <translation>Необязательно: если брокер его требует</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="203" />
        <source>The certificate's private key</source>
        <translation>Закрытый ключ сертификата</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="210" />
        <source>Optional: SHA-256 fingerprint</source>
        <translation>Необязательно: отпечаток SHA-256</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="213" />
        <source>Pin the server's certificate by its SHA-256 fingerprint (64 hex digits, colons optional), e.g. from: openssl x509 -noout -fingerprint -sha256 -in cert.pem. When set, only that certificate is accepted and the CA, host name and dates are not checked.</source>
        <translation>Закрепить сертификат сервера по его отпечатку SHA-256 (64 шестнадцатеричные цифры, двоеточия необязательны), например из: openssl x509 -noout -fingerprint -sha256 -in cert.pem. Если он задан, принимается только этот сертификат, а CA, имя сервера и сроки действия не проверяются.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="220" />
        <source>Verify the server certificate</source>
        <translation>Проверять сертификат сервера</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="223" />
        <source>Without verification anyone on the network can read the secret.</source>
        <translation>Без проверки любой в сети может прочитать пароль.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="228" />
        <source>Allow plain-text login if the server refuses MD5</source>
        <translation>Разрешить вход открытым текстом, если сервер отказывает в MD5</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="233" />
        <source>The password is then sent unencrypted: anyone on the network, or a fake server, can read it. Use it only on a trusted network or over verified TLS.</source>
        <translation>Тогда пароль передаётся без шифрования: его может прочитать любой в сети или поддельный сервер. Используйте только в доверенной сети или через проверенный TLS.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="247" />
        <source>(stored — type to change)</source>
        <translation>(сохранён — введите, чтобы изменить)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="249" />
        <source>(kept until the panel quits — type to change)</source>
        <translation>(хранится до выхода из панели — введите, чтобы изменить)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="251" />
        <source>AMI secret</source>
        <translation>Пароль AMI</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="252" />
        <source>Store the secret in a file (not encrypted)</source>
        <translation>Хранить пароль в файле (без шифрования)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="257" />
        <source>The secret is kept in the system keyring.</source>
        <translation>Пароль хранится в системной связке ключей.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="262" />
        <source>No system keyring (%s): the secret is asked at each start unless you store it in a file readable by your user only.</source>
        <translation>Нет системной связки ключей (%s): пароль будет запрашиваться при каждом запуске, если не сохранить его в файл, доступный только вашему пользователю.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="272" />
        <source>Test connection</source>
        <translation>Проверить подключение</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="282" />
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="283" />
        <source>Host</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="284" />
        <source>Port</source>
        <translation>Порт</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="289" />
        <source>CA file</source>
        <translation>Файл CA</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="293" />
        <location filename="../../callpanel/ui/settings_dialog.py" line="638" />
        <source>Client certificate</source>
        <translation>Сертификат клиента</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="297" />
        <source>Client key</source>
        <translation>Ключ клиента</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="298" />
        <source>Certificate fingerprint</source>
        <translation>Отпечаток сертификата</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="303" />
        <source>User name</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="304" />
        <source>Secret</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="307" />
        <source>Line ending</source>
        <translation>Конец строки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="321" />
        <source>With panel-transfer (packaging/asterisk/extensions.conf), an outside number you transfer a caller to sees your caller ID, not the caller's own number</source>
        <translation>С panel-transfer (packaging/asterisk/extensions.conf) внешний номер, на который переведён звонящий, видит ваш номер, а не собственный номер звонящего</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="326" />
        <source>The PBX's caller ID for your phone</source>
        <translation>Номер, который АТС показывает для вашего телефона</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="339" />
        <source>Your phone(s)</source>
        <translation>Ваш телефон(ы)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="340" />
        <source>Outgoing context</source>
        <translation>Контекст исходящих</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="341" />
        <source>Transfer context</source>
        <translation>Контекст перевода</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="342" />
        <source>Caller ID</source>
        <translation>Показываемый номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="343" />
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="344" />
        <source>Hold</source>
        <translation>Удержание</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="347" />
        <source>Notify about incoming calls</source>
        <translation>Уведомлять о входящих звонках</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="350" />
        <source>Ask before calling a number from another program</source>
        <translation>Спрашивать перед звонком на номер из другой программы</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="357" />
        <source>Opened for every incoming call. Placeholders: {number}, {e164}, {name}, {contact}, {company}, {contact_id}. A page that needs the contact waits for the CRM or LDAP lookup, 1.5 s at most; the others open at once.</source>
        <translation>Открывается при каждом входящем звонке. Подстановки: {number}, {e164}, {name}, {contact}, {company}, {contact_id}. Страница, которой нужен контакт, ждёт ответа CRM или LDAP не дольше 1,5 с; остальные открываются сразу.</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="363" />
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="371" />
        <source>Screen pop URL</source>
        <translation>URL карточки клиента</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="372" />
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="375" />
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="376" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="377" />
        <source>Panel</source>
        <translation>Панель</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="381" />
        <source>Dialling</source>
        <translation>Набор номера</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="383" />
        <source>Alerts and keys</source>
        <translation>Оповещения и клавиши</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="385" />
        <source>Queues</source>
        <translation>Очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="488" />
        <location filename="../../callpanel/ui/settings_dialog.py" line="498" />
        <source>Please correct %s: %s</source>
        <translation>Исправьте %s: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="501" />
        <location filename="../../callpanel/ui/settings_dialog.py" line="512" />
        <source>Type the secret to test the connection</source>
        <translation>Введите пароль, чтобы проверить подключение</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="516" />
        <source>Connecting to %s:%d…</source>
        <translation>Подключение к %s:%d…</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="530" />
        <source>Connected: Asterisk %s</source>
        <translation>Подключено: Asterisk %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="626" />
        <source>Your operator name at the hub (its broker user name)</source>
        <translation>Ваше имя оператора на сервере hub (имя пользователя брокера)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="628" />
        <source>Your broker password, from the hub's admin</source>
        <translation>Ваш пароль брокера (его выдаёт администратор сервера hub)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/settings_dialog.py" line="644" />
        <source>CA certificate</source>
        <translation>Сертификат CA</translation>
    </message>
</context>
<context>
    <name>SetupCheck</name>
    <message>
        <location filename="../../callpanel/ui/setup_check.py" line="34" />
        <source>Check set-up</source>
        <translation>Проверить настройку АТС</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/setup_check.py" line="38" />
        <source>Log in and list what the panel needs from the PBX (permissions, event filter, queues, phone, dialplan, parking, notify types, caller ID, TLS) and the configuration line that fixes what is missing</source>
        <translation>Войти и перечислить, что панели нужно от АТС (права, фильтр событий, очереди, телефон, диалплан, парковка, типы NOTIFY, номер для клиента, TLS), и строку настройки, которая исправит недостающее</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/setup_check.py" line="77" />
        <source>The check failed: %s</source>
        <translation>Проверка не удалась: %s</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="35" />
        <source>ok</source>
        <translation>в порядке</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="36" />
        <source>missing</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="37" />
        <source>warning</source>
        <translation>внимание</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="38" />
        <source>skipped</source>
        <translation>пропуск</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="44" />
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="45" />
        <source>connection</source>
        <translation>соединение</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="46" />
        <source>login</source>
        <translation>вход</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="47" />
        <source>read class system</source>
        <translation>класс чтения system</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="48" />
        <source>write classes</source>
        <translation>классы записи</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="49" />
        <source>action %1</source>
        <translation>действие %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="50" />
        <source>read class call</source>
        <translation>класс чтения call</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="51" />
        <source>eventfilter</source>
        <translation>eventfilter</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="52" />
        <source>phone %1</source>
        <translation>телефон %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="53" />
        <source>context %1</source>
        <translation>контекст %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="54" />
        <source>queues</source>
        <translation>очереди</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="55" />
        <source>write class agent</source>
        <translation>класс записи agent</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="56" />
        <source>read class agent</source>
        <translation>класс чтения agent</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="57" />
        <source>notify types in %1</source>
        <translation>типы NOTIFY в %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="58" />
        <source>parking</source>
        <translation>парковка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="59" />
        <source>caller ID on click-to-call</source>
        <translation>номер, который видит клиент при звонке из панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="60" />
        <source>caller ID on a transfer out</source>
        <translation>номер при переводе на внешний номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="66" />
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="67" />
        <source>dialplan</source>
        <translation>диалплан</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="76" />
        <source>click-to-call</source>
        <translation>звонок из панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="77" />
        <source>Hang up</source>
        <translation>Положить трубку</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="78" />
        <source>transfer of a held call</source>
        <translation>перевод удерживаемого звонка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="79" />
        <source>blind transfer</source>
        <translation>слепой перевод</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="80" />
        <source>attended transfer</source>
        <translation>перевод с консультацией</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="81" />
        <source>Cancel transfer (Asterisk 16.9+)</source>
        <translation>Отменить перевод (Asterisk 16.9+)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="84" />
        <source>the tones keypad</source>
        <translation>тоновый набор</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="85" />
        <source>the calls already up after a reconnect</source>
        <translation>звонки, уже идущие после переподключения</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="88" />
        <source>call details after a reconnect</source>
        <translation>подробности звонков после переподключения</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="91" />
        <source>phone-notify answer/hold (SIP)</source>
        <translation>ответ/удержание через NOTIFY (SIP)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="94" />
        <source>phone-notify answer/hold (PJSIP)</source>
        <translation>ответ/удержание через NOTIFY (PJSIP)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="97" />
        <source>pbx-moh hold: taking the call back</source>
        <translation>удержание pbx-moh: возврат звонка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="100" />
        <source>pbx-park hold</source>
        <translation>удержание pbx-park</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="101" />
        <source>transfers dial the number here</source>
        <translation>переводы набирают номер здесь</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="104" />
        <source>pbx-bridge answer: rings the phone auto-answered</source>
        <translation>ответ pbx-bridge: звонок на телефон с автоответом</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="107" />
        <source>pbx-moh hold: the caller's music on hold</source>
        <translation>удержание pbx-moh: музыка для звонящего</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="110" />
        <source>pbx-moh hold: where the operator's leg waits</source>
        <translation>удержание pbx-moh: где ждёт плечо оператора</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="113" />
        <source>logging in to and out of queues</source>
        <translation>вход в очереди и выход из них</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="116" />
        <source>pauses</source>
        <translation>паузы</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="122" />
        <source>click-to-call dials the number here</source>
        <translation>звонок из панели набирает номер здесь</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="134" />
        <source>TLS, server certificate pinned by fingerprint</source>
        <translation>TLS, сертификат сервера закреплён по отпечатку</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="138" />
        <source>TLS with the certificate checked</source>
        <translation>TLS с проверкой сертификата</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="140" />
        <source>TLS without certificate checks: anyone in between can read the calls</source>
        <translation>TLS без проверки сертификата: любой посредник может читать звонки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="144" />
        <source>plain TCP on this machine (loopback)</source>
        <translation>обычный TCP на этой машине (loopback)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="147" />
        <source>plain TCP to %1: numbers and names cross the network unencrypted</source>
        <translation>обычный TCP до %1: номера и имена идут по сети без шифрования</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="158" />
        <source>logged in as '%1' (MD5 challenge); Asterisk %2</source>
        <translation>вход как «%1» (MD5-вызов); Asterisk %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="165" />
        <source>logged in as '%1' (plain secret: no MD5 challenge offered); Asterisk %2</source>
        <translation>вход как «%1» (пароль открытым текстом: MD5-вызов не предложен); Asterisk %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="172" />
        <source>FullyBooted arrived after login: restarts will be noticed</source>
        <translation>после входа пришло FullyBooted: перезапуски Asterisk будут замечены</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="176" />
        <source>no FullyBooted after login: the panel will not notice an Asterisk restart (or Asterisk is still starting)</source>
        <translation>после входа не пришло FullyBooted: панель не заметит перезапуск Asterisk (или Asterisk ещё запускается)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="182" />
        <source>ListCommands failed: %1</source>
        <translation>ListCommands не удалось: %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="184" />
        <source>every action the chosen methods need is allowed</source>
        <translation>все действия, нужные выбранным способам, разрешены</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="189" />
        <source>this user may not run %1: write class %2 missing</source>
        <translation>этому пользователю нельзя выполнять %1: нет класса записи %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="197" />
        <source>%1 is not available although write class %2 is granted: its module (%3) is not loaded</source>
        <translation>%1 недоступно, хотя класс записи %2 выдан: его модуль (%3) не загружен</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="208" />
        <source>%1 is not available although write class %2 is granted: this Asterisk has no such action, or the module that provides it is not loaded</source>
        <translation>%1 недоступно, хотя класс записи %2 выдан: в этом Asterisk такого действия нет или модуль, который его даёт, не загружен</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="218" />
        <source>%1 is not available: Asterisk %2 has no chan_sip; use PJSIP/ endpoints</source>
        <translation>%1 недоступно: в Asterisk %2 нет chan_sip; используйте абонентов PJSIP/</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="227" />
        <source>%1 not allowed or not available</source>
        <translation>%1 не разрешено или недоступно</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="231" />
        <source>needs write class originate to provoke a test event</source>
        <translation>нужен класс записи originate, чтобы вызвать тестовое событие</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="236" />
        <source>the test action was refused: %1</source>
        <translation>тестовое действие отклонено: %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="239" />
        <source>no call event arrived for a test call (Newchannel, Hangup, OriginateResponse): the panel would show no calls</source>
        <translation>на тестовый звонок не пришло ни одного события (Newchannel, Hangup, OriginateResponse): панель не покажет звонков</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="245" />
        <source>call events arrive (%1)</source>
        <translation>события звонков приходят (%1)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="248" />
        <location filename="../../callpanel/ui/check_words.py" line="346" />
        <source>the event filter drops %1, which the panel uses</source>
        <translation>фильтр событий отбрасывает %1, а панель их использует</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="255" />
        <source>%1 came through; the panel uses more events that only a real call shows: compare your eventfilter lines with packaging/asterisk/manager.conf</source>
        <translation>%1 прошли; панель использует и другие события, которые видны только на настоящем звонке: сравните свои строки eventfilter с packaging/asterisk/manager.conf</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="264" />
        <source>needs Getvar (write class reporting)</source>
        <translation>нужен Getvar (класс записи reporting)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="269" />
        <source>Asterisk knows no %1 (device state %2)</source>
        <translation>Asterisk не знает %1 (состояние устройства %2)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="275" />
        <source>%1 exists but is not registered (UNAVAILABLE)</source>
        <translation>%1 есть, но не зарегистрирован (UNAVAILABLE)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="281" />
        <source>exists, state %1</source>
        <translation>есть, состояние %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="283" />
        <source>ShowDialPlan needs write class reporting (or config)</source>
        <translation>ShowDialPlan требует класса записи reporting (или config)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="289" />
        <source>no context %1 (%2)</source>
        <translation>нет контекста %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="293" />
        <source>exists (%1)</source>
        <translation>есть (%1)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="295" />
        <source>QueueStatus is not available (app_queue not loaded): no queues to check</source>
        <translation>QueueStatus недоступно (app_queue не загружен): очередей для проверки нет</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="299" />
        <source>this PBX has no queues: the call-centre features have nothing to show</source>
        <translation>на этой АТС нет очередей: функциям колл-центра нечего показывать</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="305" />
        <source>queues %1; this operator is a member of %2</source>
        <translation>очереди %1; оператор состоит в %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="311" />
        <source>queues %1; this operator is a member of none yet</source>
        <translation>очереди %1; оператор пока не состоит ни в одной</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="318" />
        <source>this user may not run %1: the operator cannot log in to queues or pause</source>
        <translation>этому пользователю нельзя выполнять %1: оператор не сможет входить в очереди и ставить паузу</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="326" />
        <source>a test member (paused, never offered a call) was added to %1, paused and removed</source>
        <translation>тестовый участник (на паузе, звонков ему не предлагается) добавлен в %1, поставлен на паузу и удалён</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="333" />
        <source>could not be tested without write class agent; the panel needs it to show queues and pauses</source>
        <translation>не проверить без класса записи agent; панели он нужен, чтобы показывать очереди и паузы</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="339" />
        <source>no queue event arrived for the test member: the panel would not show queues and pauses as they change</source>
        <translation>на тестового участника не пришло ни одного события очереди: панель не покажет изменения очередей и пауз</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="352" />
        <source>queue events arrive (%1)</source>
        <translation>события очередей приходят (%1)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="354" />
        <source>cannot be read without write class system (phone-notify needs it anyway)</source>
        <translation>не прочитать без класса записи system (он всё равно нужен для phone-notify)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="358" />
        <source>the file is not there. The panel sends the NOTIFY's Event header itself, so it works without; the types let you try a phone from the CLI before switching phone-notify on</source>
        <translation>файла нет. Панель сама посылает заголовок Event в NOTIFY, так что работает и без него; эти типы позволяют проверить телефон из CLI, прежде чем включать phone-notify</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="366" />
        <source>%1 not defined. The panel sends the NOTIFY's Event header itself, so it works without; the types let you try a phone from the CLI before switching phone-notify on</source>
        <translation>%1 не определены. Панель сама посылает заголовок Event в NOTIFY, так что работает и без них; эти типы позволяют проверить телефон из CLI, прежде чем включать phone-notify</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="377" />
        <source>panel-talk and panel-hold defined; while a call rings, %1 must answer it on the phone</source>
        <translation>panel-talk и panel-hold определены; пока звонит вызов, команда %1 должна ответить на него на телефоне</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="385" />
        <source>res_parking is not loaded (no Park action): pbx-park hold cannot work</source>
        <translation>res_parking не загружен (нет действия Park): удержание pbx-park не сработает</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="390" />
        <source>no parking lot %1, where pbx-park holds calls</source>
        <translation>нет парковки %1, где pbx-park держит звонки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="397" />
        <source>pbx-park holds calls in lot %1 (spaces %2-%3); a call held longer than %4 s rings the operator back (parkingtime in res_parking.conf)</source>
        <translation>pbx-park держит звонки на парковке %1 (места %2-%3); звонок, удерживаемый дольше %4 с, вернётся к оператору (parkingtime в res_parking.conf)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="407" />
        <source>the customer sees %1 (the panel's Caller ID setting), unless the outbound dialplan or the trunk sets another number</source>
        <translation>клиент видит %1 (настройка панели «Показываемый номер»), если исходящий диалплан или транк не подставят другой номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="417" />
        <source>the customer sees %1, the phone's own caller ID (%2), unless the outbound dialplan or the trunk sets another number</source>
        <translation>клиент видит %1 — собственный номер телефона (%2), если исходящий диалплан или транк не подставят другой номер</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="427" />
        <source>the customer sees %1, the phone's own caller ID (%2), unless the outbound dialplan or the trunk sets another number: an extension, which carriers often reject or replace</source>
        <translation>клиент видит %1 — собственный номер телефона (%2), если исходящий диалплан или транк не подставят другой номер: это внутренний номер, операторы связи часто его отклоняют или заменяют</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="438" />
        <source>the phone has no caller ID of its own (%1): the customer sees whatever the trunk sends by default</source>
        <translation>у телефона нет собственного номера (%1): клиент видит то, что транк посылает по умолчанию</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="447" />
        <source>could not read the phone's caller ID (%1): the customer sees it, or what the trunk sets</source>
        <translation>не удалось прочитать номер телефона (%1): клиент видит его или то, что подставит транк</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="456" />
        <source>an outside number a caller is blind-transferred to sees our caller ID (the transfer context %1 sets it)</source>
        <translation>внешний номер, на который звонок переведён вслепую, видит наш номер (его подставляет контекст перевода %1)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="465" />
        <source>an outside number a caller is blind-transferred to sees the caller's own number: the transfer context %1 does not set ours</source>
        <translation>внешний номер, на который звонок переведён вслепую, видит собственный номер звонящего: контекст перевода %1 не подставляет наш</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="474" />
        <source>could not read the transfer context %1 (%2): an outside number a caller is blind-transferred to may see the caller's own number</source>
        <translation>не удалось прочитать контекст перевода %1 (%2): внешний номер, на который звонок переведён вслепую, может увидеть собственный номер звонящего</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="488" />
        <source>&lt;the secret typed in the panel&gt;</source>
        <translation>&lt;пароль, введённый в панели&gt;</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="491" />
        <source>&lt;this PC's address&gt;</source>
        <translation>&lt;адрес этого компьютера&gt;</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="495" />
        <source>&lt;the company's number&gt;</source>
        <translation>&lt;номер компании&gt;</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="507" />
        <source>the lines of packaging/asterisk/%1 show the whole set-up</source>
        <translation>строки packaging/asterisk/%1 показывают всю настройку</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="513" />
        <source>and eventfilter lines that let the panel's events through</source>
        <translation>и строки eventfilter, которые пропускают события панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="517" />
        <source>or the right phone in the panel's settings (Phone, Your phone(s))</source>
        <translation>или верный телефон в настройках панели (Телефон, Ваш телефон(ы))</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="521" />
        <source>the panel's settings: a CA file or the certificate's fingerprint instead of switching the check off</source>
        <translation>настройки панели: файл ЦС или отпечаток сертификата вместо отключения проверки</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="527" />
        <source>then TLS and port 5039 in the panel</source>
        <translation>затем TLS и порт 5039 в панели</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="529" />
        <source>the panel's settings: Phone, Caller ID, e.g. "Example Ltd" &lt;74951234567&gt; (the operator's phone still shows whom it calls)</source>
        <translation>настройки панели: Телефон, Показываемый номер, например "ООО Пример" &lt;74951234567&gt; (телефон оператора всё равно показывает, кому он звонит)</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="535" />
        <source>the panel's settings: Phone, Transfer context panel-transfer</source>
        <translation>настройки панели: Телефон, Контекст перевода panel-transfer</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="539" />
        <source>or, for every call out, in the outbound route before its Dial() to the trunk</source>
        <translation>или, для всех исходящих звонков, в исходящем маршруте перед его Dial() на транк</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="545" />
        <source>then, while a call rings: %1</source>
        <translation>затем, пока звонит вызов: %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="555" />
        <source>fix: %1</source>
        <translation>исправить: %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="558" />
        <source>fix in %1:</source>
        <translation>исправить в %1:</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="561" />
        <source>fix: add %1</source>
        <translation>исправить: добавить %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="563" />
        <source>then: %1</source>
        <translation>затем: %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="588" />
        <source>missing: %1; warnings: %2</source>
        <translation>не хватает: %1; предупреждений: %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="594" />
        <source>everything the panel needs is there; warnings: %1</source>
        <translation>всё, что нужно панели, есть; предупреждений: %1</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="599" />
        <source>everything the panel needs is there</source>
        <translation>всё, что нужно панели, есть</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="608" />
        <source>no AMI secret for %1: save it in the panel's settings or set %2</source>
        <translation>нет пароля AMI для %1: сохраните его в настройках панели или задайте %2</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/check_words.py" line="618" />
        <source>the settings are not usable: %1</source>
        <translation>настройки непригодны: %1</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="56" />
        <source>Transfer call</source>
        <translation>Перевод звонка</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="60" />
        <source>Transfer %s to:</source>
        <translation>Перевести %s на:</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="66" />
        <source>Number or extension</source>
        <translation>Номер или внутренний</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="72" />
        <source>Blind: hand the call over at once</source>
        <translation>Сразу: передать звонок немедленно</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="73" />
        <source>Attended: talk to the new party first</source>
        <translation>С консультацией: сначала поговорить с получателем</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="90" />
        <source>Transfer</source>
        <translation>Перевести</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="98" />
        <source>Colleagues:</source>
        <translation>Коллеги:</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="99" />
        <source>Recent callers:</source>
        <translation>Недавние абоненты:</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="194" />
        <source>%s will see %s, the caller's own number, not ours: the PBX's transfer context does not set our caller ID (%s).</source>
        <translation>%s увидит %s — собственный номер звонящего, а не наш: контекст переводов АТС не подставляет наш номер (%s).</translation>
    </message>
    <message>
        <location filename="../../callpanel/ui/transfer.py" line="199" />
        <source>packaging/asterisk/extensions.conf, [panel-transfer]</source>
        <translation>packaging/asterisk/extensions.conf, [panel-transfer]</translation>
    </message>
</context>
<context>
    <name>_Bar</name>
    <message>
        <location filename="../../callpanel/ui/banners.py" line="26" />
        <source>Dismiss</source>
        <translation>Закрыть</translation>
    </message>
</context>
</TS>