"""Russian for the set-up check and the diagnostics (kept apart from fill_ru.py so that
engineers working on other parts rarely touch the same lines)."""

from __future__ import annotations

RU: dict[tuple[str, str], str] = {
    ('SetupCheck', 'Check set-up'):
        'Проверить настройку АТС',
    ('SetupCheck', 'The check failed: %s'):
        'Проверка не удалась: %s',
    ('DeskActions', 'Copy diagnostics'):
        'Скопировать диагностику',
    ('Diagnostics', 'Copy diagnostics'):
        'Скопировать диагностику',
    ('Diagnostics', 'Replace phone numbers and caller names with stand-ins? (The secret is '
                   'never included.)'):
        'Заменить номера телефонов и имена звонящих условными? (Пароль не включается никогда.)',
    ('Diagnostics', 'Attach this file to the bug report (log and AMI traffic): %1'):
        'Приложите этот файл к сообщению об ошибке (журнал и трафик AMI): %1',
    ('Diagnostics', 'The report is on the clipboard.'):
        'Отчёт скопирован в буфер обмена.',
    ('SetupCheck', 'Log in and list what the panel needs from the PBX (permissions, event '
                  'filter, queues, phone, dialplan, parking, notify types, caller ID, TLS) and '
                  'the configuration line that fixes what is missing'):
        'Войти и перечислить, что панели нужно от АТС (права, фильтр событий, очереди, '
        'телефон, диалплан, парковка, типы NOTIFY, номер для клиента, TLS), и строку '
        'настройки, которая исправит недостающее',
    ('SetupCheck', 'ok'):
        'в порядке',
    ('SetupCheck', 'missing'):
        'нет',
    ('SetupCheck', 'warning'):
        'внимание',
    ('SetupCheck', 'skipped'):
        'пропуск',
    ('SetupCheck', 'TLS'):
        'TLS',
    ('SetupCheck', 'connection'):
        'соединение',
    ('SetupCheck', 'login'):
        'вход',
    ('SetupCheck', 'read class system'):
        'класс чтения system',
    ('SetupCheck', 'write classes'):
        'классы записи',
    ('SetupCheck', 'action %1'):
        'действие %1',
    ('SetupCheck', 'read class call'):
        'класс чтения call',
    ('SetupCheck', 'eventfilter'):
        'eventfilter',
    ('SetupCheck', 'phone %1'):
        'телефон %1',
    ('SetupCheck', 'context %1'):
        'контекст %1',
    ('SetupCheck', 'queues'):
        'очереди',
    ('SetupCheck', 'write class agent'):
        'класс записи agent',
    ('SetupCheck', 'read class agent'):
        'класс чтения agent',
    ('SetupCheck', 'notify types in %1'):
        'типы NOTIFY в %1',
    ('SetupCheck', 'parking'):
        'парковка',
    ('SetupCheck', 'caller ID on click-to-call'):
        'номер, который видит клиент при звонке из панели',
    ('SetupCheck', 'phone'):
        'телефон',
    ('SetupCheck', 'dialplan'):
        'диалплан',
    ('SetupCheck', 'click-to-call'):
        'звонок из панели',
    ('SetupCheck', 'Hang up'):
        'Положить трубку',
    ('SetupCheck', 'transfer of a held call'):
        'перевод удерживаемого звонка',
    ('SetupCheck', 'blind transfer'):
        'слепой перевод',
    ('SetupCheck', 'attended transfer'):
        'перевод с консультацией',
    ('SetupCheck', 'Cancel transfer (Asterisk 16.9+)'):
        'Отменить перевод (Asterisk 16.9+)',
    ('SetupCheck', 'the tones keypad'):
        'тоновый набор',
    ('SetupCheck', 'the calls already up after a reconnect'):
        'звонки, уже идущие после переподключения',
    ('SetupCheck', 'call details after a reconnect'):
        'подробности звонков после переподключения',
    ('SetupCheck', 'phone-notify answer/hold (SIP)'):
        'ответ/удержание через NOTIFY (SIP)',
    ('SetupCheck', 'phone-notify answer/hold (PJSIP)'):
        'ответ/удержание через NOTIFY (PJSIP)',
    ('SetupCheck', 'pbx-moh hold: taking the call back'):
        'удержание pbx-moh: возврат звонка',
    ('SetupCheck', 'pbx-park hold'):
        'удержание pbx-park',
    ('SetupCheck', 'transfers dial the number here'):
        'переводы набирают номер здесь',
    ('SetupCheck', 'pbx-bridge answer: rings the phone auto-answered'):
        'ответ pbx-bridge: звонок на телефон с автоответом',
    ('SetupCheck', "pbx-moh hold: the caller's music on hold"):
        'удержание pbx-moh: музыка для звонящего',
    ('SetupCheck', "pbx-moh hold: where the operator's leg waits"):
        'удержание pbx-moh: где ждёт плечо оператора',
    ('SetupCheck', 'logging in to and out of queues'):
        'вход в очереди и выход из них',
    ('SetupCheck', 'pauses'):
        'паузы',
    ('SetupCheck', 'click-to-call dials the number here'):
        'звонок из панели набирает номер здесь',
    ('SetupCheck', 'TLS, server certificate pinned by fingerprint'):
        'TLS, сертификат сервера закреплён по отпечатку',
    ('SetupCheck', 'TLS with the certificate checked'):
        'TLS с проверкой сертификата',
    ('SetupCheck', 'TLS without certificate checks: anyone in between can read the calls'):
        'TLS без проверки сертификата: любой посредник может читать звонки',
    ('SetupCheck', 'plain TCP on this machine (loopback)'):
        'обычный TCP на этой машине (loopback)',
    ('SetupCheck', 'plain TCP to %1: numbers and names cross the network unencrypted'):
        'обычный TCP до %1: номера и имена идут по сети без шифрования',
    ('SetupCheck', "logged in as '%1' (MD5 challenge); Asterisk %2"):
        'вход как «%1» (MD5-вызов); Asterisk %2',
    ('SetupCheck', "logged in as '%1' (plain secret: no MD5 challenge offered); Asterisk %2"):
        'вход как «%1» (пароль открытым текстом: MD5-вызов не предложен); Asterisk %2',
    ('SetupCheck', 'FullyBooted arrived after login: restarts will be noticed'):
        'после входа пришло FullyBooted: перезапуски Asterisk будут замечены',
    ('SetupCheck', 'no FullyBooted after login: the panel will not notice an Asterisk restart '
                  '(or Asterisk is still starting)'):
        'после входа не пришло FullyBooted: панель не заметит перезапуск Asterisk (или '
        'Asterisk ещё запускается)',
    ('SetupCheck', 'ListCommands failed: %1'):
        'ListCommands не удалось: %1',
    ('SetupCheck', 'every action the chosen methods need is allowed'):
        'все действия, нужные выбранным способам, разрешены',
    ('SetupCheck', 'this user may not run %1: write class %2 missing'):
        'этому пользователю нельзя выполнять %1: нет класса записи %2',
    ('SetupCheck', '%1 is not available although write class %2 is granted: its module (%3) is '
                  'not loaded'):
        '%1 недоступно, хотя класс записи %2 выдан: его модуль (%3) не загружен',
    ('SetupCheck', '%1 not allowed or not available'):
        '%1 не разрешено или недоступно',
    ('SetupCheck', 'needs write class originate to provoke a test event'):
        'нужен класс записи originate, чтобы вызвать тестовое событие',
    ('SetupCheck', 'the test action was refused: %1'):
        'тестовое действие отклонено: %1',
    ('SetupCheck', 'no call event arrived for a test call (Newchannel, Hangup, '
                  'OriginateResponse): the panel would show no calls'):
        'на тестовый звонок не пришло ни одного события (Newchannel, Hangup, '
        'OriginateResponse): панель не покажет звонков',
    ('SetupCheck', 'call events arrive (%1)'):
        'события звонков приходят (%1)',
    ('SetupCheck', 'the event filter drops %1, which the panel uses'):
        'фильтр событий отбрасывает %1, а панель их использует',
    ('SetupCheck', '%1 came through; the panel uses more events that only a real call shows: '
                  'compare your eventfilter lines with packaging/asterisk/manager.conf'):
        '%1 прошли; панель использует и другие события, которые видны только на настоящем '
        'звонке: сравните свои строки eventfilter с packaging/asterisk/manager.conf',
    ('SetupCheck', 'needs Getvar (write class reporting)'):
        'нужен Getvar (класс записи reporting)',
    ('SetupCheck', 'Asterisk knows no %1 (device state %2)'):
        'Asterisk не знает %1 (состояние устройства %2)',
    ('SetupCheck', '%1 exists but is not registered (UNAVAILABLE)'):
        '%1 есть, но не зарегистрирован (UNAVAILABLE)',
    ('SetupCheck', 'exists, state %1'):
        'есть, состояние %1',
    ('SetupCheck', 'ShowDialPlan needs write class reporting (or config)'):
        'ShowDialPlan требует класса записи reporting (или config)',
    ('SetupCheck', 'no context %1 (%2)'):
        'нет контекста %1 (%2)',
    ('SetupCheck', 'exists (%1)'):
        'есть (%1)',
    ('SetupCheck', 'QueueStatus is not available (app_queue not loaded): no queues to check'):
        'QueueStatus недоступно (app_queue не загружен): очередей для проверки нет',
    ('SetupCheck', 'this PBX has no queues: the call-centre features have nothing to show'):
        'на этой АТС нет очередей: функциям колл-центра нечего показывать',
    ('SetupCheck', 'queues %1; this operator is a member of %2'):
        'очереди %1; оператор состоит в %2',
    ('SetupCheck', 'queues %1; this operator is a member of none yet'):
        'очереди %1; оператор пока не состоит ни в одной',
    ('SetupCheck', 'this user may not run %1: the operator cannot log in to queues or pause'):
        'этому пользователю нельзя выполнять %1: оператор не сможет входить в очереди и '
        'ставить паузу',
    ('SetupCheck', 'a test member (paused, never offered a call) was added to %1, paused and '
                  'removed'):
        'тестовый участник (на паузе, звонков ему не предлагается) добавлен в %1, поставлен на '
        'паузу и удалён',
    ('SetupCheck', 'could not be tested without write class agent; the panel needs it to show '
                  'queues and pauses'):
        'не проверить без класса записи agent; панели он нужен, чтобы показывать очереди и '
        'паузы',
    ('SetupCheck', 'no queue event arrived for the test member: the panel would not show queues '
                  'and pauses as they change'):
        'на тестового участника не пришло ни одного события очереди: панель не покажет '
        'изменения очередей и пауз',
    ('SetupCheck', 'queue events arrive (%1)'):
        'события очередей приходят (%1)',
    ('SetupCheck', 'cannot be read without write class system (phone-notify needs it anyway)'):
        'не прочитать без класса записи system (он всё равно нужен для phone-notify)',
    ('SetupCheck', "the file is not there. The panel sends the NOTIFY's Event header itself, so "
                  'it works without; the types let you try a phone from the CLI before '
                  'switching phone-notify on'):
        'файла нет. Панель сама посылает заголовок Event в NOTIFY, так что работает и без '
        'него; эти типы позволяют проверить телефон из CLI, прежде чем включать phone-notify',
    ('SetupCheck', "%1 not defined. The panel sends the NOTIFY's Event header itself, so it "
                  'works without; the types let you try a phone from the CLI before switching '
                  'phone-notify on'):
        '%1 не определены. Панель сама посылает заголовок Event в NOTIFY, так что работает и '
        'без них; эти типы позволяют проверить телефон из CLI, прежде чем включать phone-notify',
    ('SetupCheck', 'panel-talk and panel-hold defined; while a call rings, %1 must answer it on '
                  'the phone'):
        'panel-talk и panel-hold определены; пока звонит вызов, команда %1 должна ответить на '
        'него на телефоне',
    ('SetupCheck', 'res_parking is not loaded (no Park action): pbx-park hold cannot work'):
        'res_parking не загружен (нет действия Park): удержание pbx-park не сработает',
    ('SetupCheck', 'no parking lot %1, where pbx-park holds calls'):
        'нет парковки %1, где pbx-park держит звонки',
    ('SetupCheck', 'pbx-park holds calls in lot %1 (spaces %2-%3); a call held longer than %4 s '
                  'rings the operator back (parkingtime in res_parking.conf)'):
        'pbx-park держит звонки на парковке %1 (места %2-%3); звонок, удерживаемый дольше %4 '
        'с, вернётся к оператору (parkingtime в res_parking.conf)',
    ('SetupCheck', 'caller ID on a transfer out'): 'номер при переводе на внешний номер',
    ('SetupCheck', 'an outside number a caller is blind-transferred to sees our caller ID '
                  '(the transfer context %1 sets it)'):
        'внешний номер, на который звонок переведён вслепую, видит наш номер (его подставляет '
        'контекст перевода %1)',
    ('SetupCheck', "an outside number a caller is blind-transferred to sees the caller's own "
                  'number: the transfer context %1 does not set ours'):
        'внешний номер, на который звонок переведён вслепую, видит собственный номер '
        'звонящего: контекст перевода %1 не подставляет наш',
    ('SetupCheck', 'could not read the transfer context %1 (%2): an outside number a caller is '
                  "blind-transferred to may see the caller's own number"):
        'не удалось прочитать контекст перевода %1 (%2): внешний номер, на который звонок '
        'переведён вслепую, может увидеть собственный номер звонящего',
    ('SetupCheck', "the panel's settings: Phone, Transfer context panel-transfer"):
        'настройки панели: Телефон, Контекст перевода panel-transfer',
    ('SetupCheck', "the customer sees %1 (the panel's Caller ID setting), unless the outbound "
                  'dialplan or the trunk sets another number'):
        'клиент видит %1 (настройка панели «Показываемый номер»), если исходящий диалплан или '
        'транк не подставят другой номер',
    ('SetupCheck', "the customer sees %1, the phone's own caller ID (%2), unless the outbound "
                  'dialplan or the trunk sets another number'):
        'клиент видит %1 — собственный номер телефона (%2), если исходящий диалплан или транк '
        'не подставят другой номер',
    ('SetupCheck', "the customer sees %1, the phone's own caller ID (%2), unless the outbound "
                  'dialplan or the trunk sets another number: an extension, which carriers '
                  'often reject or replace'):
        'клиент видит %1 — собственный номер телефона (%2), если исходящий диалплан или транк '
        'не подставят другой номер: это внутренний номер, операторы связи часто его отклоняют '
        'или заменяют',
    ('SetupCheck', 'the phone has no caller ID of its own (%1): the customer sees whatever the '
                  'trunk sends by default'):
        'у телефона нет собственного номера (%1): клиент видит то, что транк посылает по '
        'умолчанию',
    ('SetupCheck', "could not read the phone's caller ID (%1): the customer sees it, or what "
                  'the trunk sets'):
        'не удалось прочитать номер телефона (%1): клиент видит его или то, что подставит транк',
    ('SetupCheck', '<the secret typed in the panel>'):
        '<пароль, введённый в панели>',
    ('SetupCheck', "<this PC's address>"):
        '<адрес этого компьютера>',
    ('SetupCheck', "<the company's number>"):
        '<номер компании>',
    ('SetupCheck', 'the lines of packaging/asterisk/%1 show the whole set-up'):
        'строки packaging/asterisk/%1 показывают всю настройку',
    ('SetupCheck', "and eventfilter lines that let the panel's events through"):
        'и строки eventfilter, которые пропускают события панели',
    ('SetupCheck', "or the right phone in the panel's settings (Phone, Your phone(s))"):
        'или верный телефон в настройках панели (Телефон, Ваш телефон(ы))',
    ('SetupCheck', 'the panel\'s settings: Phone, Caller ID, e.g. "Example Ltd" <74951234567> '
                  "(the operator's phone still shows whom it calls)"):
        'настройки панели: Телефон, Показываемый номер, например "ООО Пример" <74951234567> '
        '(телефон оператора всё равно показывает, кому он звонит)',
    ('SetupCheck', "the panel's settings: a CA file or the certificate's fingerprint instead of "
                  'switching the check off'):
        'настройки панели: файл ЦС или отпечаток сертификата вместо отключения проверки',
    ('SetupCheck', 'then TLS and port 5039 in the panel'):
        'затем TLS и порт 5039 в панели',
    ('SetupCheck', 'or, for every call out, in the outbound route before its Dial() to the trunk'):
        'или, для всех исходящих звонков, в исходящем маршруте перед его Dial() на транк',
    ('SetupCheck', 'then, while a call rings: %1'):
        'затем, пока звонит вызов: %1',
    ('SetupCheck', 'fix: %1'):
        'исправить: %1',
    ('SetupCheck', 'fix in %1:'):
        'исправить в %1:',
    ('SetupCheck', 'fix: add %1'):
        'исправить: добавить %1',
    ('SetupCheck', 'then: %1'):
        'затем: %1',
    ('SetupCheck', 'missing: %1; warnings: %2'):
        'не хватает: %1; предупреждений: %2',
    ('SetupCheck', 'everything the panel needs is there; warnings: %1'):
        'всё, что нужно панели, есть; предупреждений: %1',
    ('SetupCheck', 'everything the panel needs is there'):
        'всё, что нужно панели, есть',
    ('SetupCheck', "no AMI secret for %1: save it in the panel's settings or set %2"):
        'нет пароля AMI для %1: сохраните его в настройках панели или задайте %2',
    ('SetupCheck', 'the settings are not usable: %1'):
        'настройки непригодны: %1',
    ('SetupCheck', '%1 is not available although write class %2 is granted: this Asterisk has '
                  'no such action, or the module that provides it is not loaded'):
        '%1 недоступно, хотя класс записи %2 выдан: в этом Asterisk такого действия нет или '
        'модуль, который его даёт, не загружен',
    ('SetupCheck', '%1 is not available: Asterisk %2 has no chan_sip; use PJSIP/ endpoints'):
        '%1 недоступно: в Asterisk %2 нет chan_sip; используйте абонентов PJSIP/',
}  # fmt: skip
