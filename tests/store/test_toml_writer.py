from __future__ import annotations

import math
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.store.toml_writer import dumps, format_value

# Same examples every run: no flaky CI, no timing deadline on slow machines.
DETERMINISTIC = settings(derandomize=True, deadline=None, database=None)

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
scalars = st.one_of(text, st.integers(-(2**63), 2**63 - 1), st.booleans(), st.floats())
values = st.one_of(scalars, st.lists(text, max_size=5), st.lists(st.integers(), max_size=5))


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == b and type(a) is type(b)


@DETERMINISTIC
@given(st.dictionaries(text, values, max_size=8))
def test_tomllib_reads_back_what_we_write(table: dict[str, object]) -> None:
    parsed = tomllib.loads(dumps(table, header="a comment\nsecond line"))  # type: ignore[arg-type]
    assert parsed.keys() == table.keys()
    for key, value in table.items():
        assert _same(parsed[key], value) or (isinstance(value, list) and parsed[key] == value), key


def test_escapes_quotes_backslashes_and_controls() -> None:
    assert format_value('a"b\\c\n\x00\x7f') == '"a\\"b\\\\c\\n\\u0000\\u007F"'
    assert tomllib.loads('k = "a\\"b\\\\c\\n\\u0000\\u007F"')["k"] == 'a"b\\c\n\x00\x7f'


def test_unicode_names_kept() -> None:
    assert tomllib.loads(dumps({"name": "Иван Петров"}))["name"] == "Иван Петров"


def test_refuses_what_it_cannot_write() -> None:
    with pytest.raises(TypeError):
        format_value({"nested": 1})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_value("\ud800")
