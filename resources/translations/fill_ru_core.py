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
}
