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
    ("ContactEditor", "Edit contact"): "Изменить контакт",
    ("ContactEditor", "New contact"): "Новый контакт",
    ("ContactEditor", "One number a line, e.g. mobile: +7 916 123-45-67"):
        "По номеру в строке, например: мобильный: +7 916 123-45-67",
    ("ContactEditor", "Name"): "Имя",
    ("ContactEditor", "Company"): "Организация",
    ("ContactEditor", "Numbers"): "Номера",
    ("ContactEditor", "E-mail"): "Эл. почта",
    ("ContactEditor", "Link"): "Ссылка",
    ("ContactEditor", "Note"): "Заметка",
    ("ContactsDialog", "Contacts"): "Контакты",
    ("ContactsDialog", "Search by name, company, number or note"):
        "Поиск по имени, организации, номеру или заметке",
    ("ContactsDialog", "Call"): "Позвонить",
    ("ContactsDialog", "Add…"): "Добавить…",
    ("ContactsDialog", "Edit…"): "Изменить…",
    ("ContactsDialog", "Delete"): "Удалить",
    ("ContactsDialog", "Import…"): "Импорт…",
    ("ContactsDialog", "CSV (Excel, Outlook, Google) or vCard files"):
        "Файлы CSV (Excel, Outlook, Google) или vCard",
    ("ContactsDialog", "%d shown of %d contacts"): "Показано %d из %d контактов",
    ("ContactsDialog", "Not saved: %s"): "Не сохранено: %s",
    ("ContactsDialog", "Import contacts"): "Импорт контактов",
    ("ContactsDialog", "Contacts (*.csv *.vcf *.vcard *.txt)"):
        "Контакты (*.csv *.vcf *.vcard *.txt)",
    ("ContactsDialog", "All files (*)"): "Все файлы (*)",
    ("ContactsDialog", "the file is too large"): "файл слишком большой",
    ("ContactsDialog", "Cannot read %s: %s"): "Не удалось прочитать %s: %s",
    ("ContactsDialog", "Imported %d contacts from %s."): "Импортировано контактов: %d из %s.",
    ("ContactsDialog", "Not imported or changed (%d):"): "Не импортировано или изменено (%d):",
    ("ContactsDialog", "Read as %s."): "Прочитано в кодировке %s.",
    ("DialRulesPage", "LDAP password"): "Пароль LDAP",
    ("SettingsDialog", "Opened for every incoming call. Placeholders: {number}, {e164}, {name}, "
                       "{contact}, {company}, {contact_id}. A page that needs the contact waits "
                       "for the CRM or LDAP lookup, 1.5 s at most; the others open at once."):
        "Открывается при каждом входящем звонке. Подстановки: {number}, {e164}, {name}, "
        "{contact}, {company}, {contact_id}. Страница, которой нужен контакт, ждёт ответа "
        "CRM или LDAP не дольше 1,5 с; остальные открываются сразу.",
    ("DialRulesPage", "(stored — type to change)"): "(сохранён — введите, чтобы изменить)",
    ("DialRulesPage", "for the bind DN"): "для bind DN",
    ("DialRulesPage", "Kept in the system keyring, never in the settings file"):
        "Хранится в системном хранилище паролей, никогда — в файле настроек",
    ("DialRulesPage", "No system keyring: kept until the panel quits"):
        "Нет системного хранилища паролей: хранится до выхода из панели",
    ("PanelController", "No system keyring: the LDAP password is kept until the panel quits"):
        "Нет системного хранилища паролей: пароль LDAP хранится до выхода из панели",
    ("PanelController", "The LDAP password was not stored: %s"): "Пароль LDAP не сохранён: %s",
    ("Contacts", "a contact needs a name or a company"): "у контакта должно быть имя или организация",
    ("Contacts", "more than %d numbers"): "больше %d номеров",
    ("Contacts", "type at least one number"): "введите хотя бы один номер",
    ("Contacts", "the number «%1»: %2"): "номер «%1»: %2",
    ("Contacts", "line %1: %2"): "строка %1: %2",
    ("Contacts", "the file is larger than %d MB"): "файл больше %d МБ",
    ("Contacts", "the file is empty"): "файл пуст",
    ("Contacts", "no header naming a name (or company) column and a phone column"):
        "нет строки заголовков со столбцом имени (или организации) и столбцом телефона",
    ("Contacts", "unreadable row (%s)"): "строка не читается (%s)",
    ("Contacts", "number skipped: %s"): "номер пропущен: %s",
    ("Contacts", "no usable phone number; skipped"): "нет пригодного номера телефона; пропущено",
    ("Contacts", "%s; skipped"): "%s; пропущено",
    ("Contacts", "card without END:VCARD; skipped"): "карточка без END:VCARD; пропущена",
    ("Contacts", "END:VCARD without BEGIN:VCARD"): "END:VCARD без BEGIN:VCARD",
    ("Contacts", "text outside a card ignored"): "текст вне карточки пропущен",
    ("Contacts", "line %d is not NAME:VALUE; card skipped"):
        "строка %d не в виде ИМЯ:ЗНАЧЕНИЕ; карточка пропущена",
    ("DeskActions", "Contacts…"): "Контакты…",
    ("DeskActions", "Call history…"): "Журнал звонков…",
    ("DirectoryGlue", "Note and outcome…"): "Заметка и итог…",
    ("DirectoryGlue", "Copy number"): "Скопировать номер",
    ("DirectoryGlue", "Call back"): "Перезвонить",
    ("DirectoryGlue", "Edit contact…"): "Изменить контакт…",
    ("DirectoryGlue", "Add to contacts…"): "Добавить в контакты…",
    ("DirectoryGlue", "from the address book"): "из адресной книги",
    ("Numbers", "number withheld"): "номер скрыт",
    ("DialRules", "a rule is written PREFIX=REPLACEMENT, e.g. +7=8, not «%1»"):
        "правило пишется как ПРЕФИКС=ЗАМЕНА, например +7=8, а не «%1»",
    ("DialRules", "the rule's prefix «%1» must be digits, * or #, with an optional +"):
        "префикс «%1» в правиле должен состоять из цифр, * или #, с необязательным +",
    ("DialRules", "the rule's replacement «%1» must be digits, * or #, with an optional +"):
        "замена «%1» в правиле должна состоять из цифр, * или #, с необязательным +",
    ("DialRules", "at most %d dialling rules"): "не больше %d правил набора",
    ("DialRules", "the outside-line prefix «%1» must be up to 8 digits, * or #"):
        "префикс выхода в город «%1» — это до 8 цифр, * или #",
    ("DialRules", "extensions have 0 to 16 digits"): "во внутренних номерах от 0 до 16 цифр",
    ("DialRules", "unknown region «%1»: use a two-letter country code such as RU"):
        "неизвестный регион «%1»: укажите двухбуквенный код страны, например RU",
    ("DirectoryGlue", "from the CRM"): "из CRM",
    ("DirectoryGlue", "from the company directory"): "из справочника компании",
    ("DirectoryGlue", "Right-click to open the contact's page: %s"):
        "Правый щелчок откроет страницу контакта: %s",
    ("DirectoryGlue", "Open the contact's page"): "Открыть страницу контакта",
    ("DirectoryGlue", "Note and outcome"): "Заметка и итог",
    ("DirectoryGlue", "Outcome on the first line, then the note:"):
        "Итог в первой строке, дальше заметка:",
    ("DirectoryGlue", "Note not saved: %s"): "Заметка не сохранена: %s",
    ("DirectoryGlue", "Contact not saved: %s"): "Контакт не сохранён: %s",
    ("DirectoryGlue", "The address book is unavailable"): "Адресная книга недоступна",
    ("HistoryDialog", "Call history"): "Журнал звонков",
    ("HistoryDialog", "Search by number or name"): "Поиск по номеру или имени",
    ("HistoryDialog", "Export CSV…"): "Экспорт в CSV…",
    ("HistoryDialog", "When"): "Когда",
    ("HistoryDialog", "Call"): "Звонок",
    ("HistoryDialog", "Number"): "Номер",
    ("HistoryDialog", "Name"): "Имя",
    ("HistoryDialog", "Talk"): "Разговор",
    ("HistoryDialog", "Outcome"): "Итог",
    ("HistoryDialog", "Show more"): "Показать ещё",
    ("HistoryDialog", "Call back"): "Перезвонить",
    ("HistoryDialog", "Note about this call"): "Заметка о звонке",
    ("HistoryDialog", "Save note"): "Сохранить заметку",
    ("HistoryDialog", "Copy number"): "Скопировать номер",
    ("HistoryDialog", "Contact…"): "Контакт…",
    ("HistoryDialog", "Add the caller to the contacts, or edit them"):
        "Добавить абонента в контакты или изменить его",
    ("HistoryDialog", "%d of %d calls"): "%d из %d звонков",
    ("HistoryDialog", "Export the call history"): "Экспорт журнала звонков",
    ("HistoryDialog", "CSV files (*.csv)"): "Файлы CSV (*.csv)",
    ("HistoryDialog", "Export failed: %s"): "Экспорт не удался: %s",
    ("HistoryDialog", "%d calls exported to %s"): "Звонков экспортировано: %d в %s",
    ("HistoryView", "All calls"): "Все звонки",
    ("HistoryView", "Missed"): "Пропущенные",
    ("HistoryView", "Incoming"): "Входящие",
    ("HistoryView", "Outgoing"): "Исходящие",
    ("HistoryView", "Today"): "Сегодня",
    ("HistoryView", "Resolved"): "Решено",
    ("HistoryView", "Call back"): "Перезвонить",
    ("HistoryView", "Sale"): "Продажа",
    ("HistoryView", "Complaint"): "Жалоба",
    ("HistoryView", "Wrong number"): "Ошиблись номером",
    ("HistoryView", "Voicemail"): "Автоответчик",
    ("HistoryView", "Answered"): "Отвечен",
    ("HistoryView", "In progress"): "Идёт",
    ("DialRulesPage", "A CRM's search API that answers JSON with a name (and company, url); "
                      "{number} and {e164} are filled in. Asked after the contacts, 1.5 s at most."):
        "Поисковый API CRM, отвечающий JSON с именем (и организацией, url); подставляются "
        "{number} и {e164}. Опрашивается после контактов, не дольше 1,5 с.",
    ("DialRulesPage", "empty: anonymous"): "пусто: анонимно",
    ("DialRulesPage", "forever"): "всегда",
    ("DialRulesPage", " days"): " дн.",
    ("DialRulesPage", "Lookup URL"): "URL поиска абонента",
    ("DialRulesPage", "LDAP server"): "Сервер LDAP",
    ("DialRulesPage", "LDAP base"): "База поиска LDAP",
    ("DialRulesPage", "LDAP user (bind DN)"): "Пользователь LDAP (bind DN)",
    ("DialRulesPage", "Keep calls"): "Хранить звонки",
}
