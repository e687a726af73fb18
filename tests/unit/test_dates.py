import pytest

from blogbib.dates import DateError, parse_date
from blogbib.model import Date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jul 15, 2022", Date(2022, 7, 15)),
        ("July 15, 2022", Date(2022, 7, 15)),
        ("Jul. 15, 2022", Date(2022, 7, 15)),
        ("Sept 3 2020", Date(2020, 9, 3)),
        ("15 July 2022", Date(2022, 7, 15)),
        ("July 2022", Date(2022, 7)),
        ("2022-07-15", Date(2022, 7, 15)),
        ("2022-07", Date(2022, 7)),
        ("2022", Date(2022)),
        ("2024/01/02", Date(2024, 1, 2)),
        ("Feb 29, 2020", Date(2020, 2, 29)),
        ("2017-07-19T08:00:00-0700", Date(2017, 7, 19, "08:00:00-07:00")),
        ("2017-07-19T15:00:00Z", Date(2017, 7, 19, "15:00:00+00:00")),
    ],
)
def test_parse(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("Feb 30, 2021", "February 2021 has no day 30"),
    ("Feb 29, 2021", "February 2021 has no day 29"),
    ("Jul 45, 2019", "July 2019 has no day 45"),
    ("2021-13-01", "month out of range: 13"),
    ("Foo 3, 2020", "not a date"),
    ("yesterday", "not a date"),
])
def test_impossible_dates_are_errors_not_guesses(text, reason):
    with pytest.raises(DateError, match=reason):
        parse_date(text)


def test_date_parts_and_iso():
    assert Date(2022, 7, 15).parts() == [2022, 7, 15]
    assert Date(2022, 7).iso() == "2022-07"
    assert Date(2022).sort_key() < Date(2022, 1).sort_key() < Date(2022, 1, 1).sort_key()
