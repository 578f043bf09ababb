"""Claims and verdicts, one row per real phrasing: what is claimed, where, and the verdict."""

from __future__ import annotations

import pytest

from tests.conftest import Run


def verdicts(report: object) -> list[tuple[str, str, str]]:
    from factcheck.check import FileReport

    assert isinstance(report, FileReport)
    text = report.document.text
    return [(r.claim.attribute, r.claim.span.text(text), r.verdict.value) for r in report.results]


EVENTS = [
    (
        "Their first historic summit in Singapore in July set the agenda.",
        [
            ("ordinal", "first", "supported"),
            ("place", "Singapore", "supported"),
            ("date", "July", "contradicted"),
        ],
    ),
    ("The leaders met at the Singapore summit in June.", [("date", "June", "supported")]),
    ("Details for the Feb. 27-28 summit were settled.", [("date", "Feb. 27-28", "supported")]),
    # a trigger whose only cue fits no candidate cannot say which summit is meant
    ("Details for the Feb. 26-27 summit were settled.", [("date", "Feb. 26-27", "unverifiable")]),
    (
        "Details for the Feb. 26-27 Hanoi summit were settled.",
        [("date", "Feb. 26-27", "contradicted")],
    ),
    (
        "They prepared for the second summit late this month.",
        [("ordinal", "second", "supported"), ("date", "late this month", "supported")],
    ),
    (
        "They prepared for the second summit early next month.",
        [("ordinal", "second", "supported"), ("date", "early next month", "contradicted")],
    ),
    ("It ended the 1950-53 Korean War.", [("date", "1950-53", "supported")]),
    ("It ended the 1950–53 Korean War.", [("date", "1950–53", "supported")]),
    ("It ended the 1950-55 Korean War.", [("date", "1950-55", "contradicted")]),
    (
        "The third summit in Hanoi was tense.",
        [("ordinal", "third", "contradicted"), ("place", "Hanoi", "supported")],
    ),
    # ordinal points at one summit, place at the other: a tie is never guessed
    (
        "The second summit in Singapore was tense.",
        [("ordinal", "second", "unverifiable"), ("place", "Singapore", "unverifiable")],
    ),
    # a date elsewhere in the clause is not the summit's date
    ("Biegun returned on Friday evening after preparing the summit.", []),
    ("Summit preparations continued.", []),
]


@pytest.mark.parametrize(("text", "expected"), EVENTS)
def test_event_claims(korea: Run, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert verdicts(korea(text)) == expected


TITLES = [
    (
        "South Korean Foreign Minister Kang Kyung-wha spoke.",
        [("title", "South Korean Foreign Minister", "supported")],
    ),
    ("Secretary of State Kang Kyung-wha spoke.", [("title", "Secretary of State", "contradicted")]),
    ("Kang Kyung-wha, the foreign minister, spoke.", [("title", "foreign minister", "supported")]),
    (
        "He met Kim Hyok-chol, a former ambassador to Spain, in Pyongyang.",
        [("title", "ambassador to Spain", "supported")],
    ),
    (
        "He met Kim Hyok-chol, the ambassador to Spain, in Pyongyang.",
        [("title", "ambassador to Spain", "contradicted")],
    ),
    # an office he held, but for another country
    (
        "He met Kim Hyok-chol, a former ambassador to Italy, in Pyongyang.",
        [("title", "ambassador to Italy", "contradicted")],
    ),
    ("He met Kim Hyok-chol, a former ambassador to the country, in Pyongyang.", []),
    ("President Park Geun-hye visited.", [("title", "President", "contradicted")]),
    ("Former President Park Geun-hye visited.", [("title", "President", "supported")]),
    ("Ousted President Park Geun-hye visited.", [("title", "President", "supported")]),
    ("Park Geun-hye, the ousted president, visited.", [("title", "president", "supported")]),
    # "impeached" does not say whether she still held office: only a clause date can
    ("Impeached President Park Geun-hye visited.", [("title", "President", "unverifiable")]),
    (
        "Former Foreign Minister Kang Kyung-wha spoke.",
        [("title", "Foreign Minister", "contradicted")],
    ),
    ("CIA Director Mike Pompeo spoke on April 1, 2018.", [("title", "CIA Director", "supported")]),
    ("CIA Director Mike Pompeo spoke.", [("title", "CIA Director", "contradicted")]),
    # a surname alone resolves to the most recent full mention of the person
    (
        "Stephen Biegun met Kang Kyung-wha. Secretary of State Kang thanked him.",
        [("title", "Secretary of State", "contradicted")],
    ),
    ("Kang thanked him.", []),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_title_claims(korea: Run, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert verdicts(korea(text)) == expected


def test_title_without_a_date_is_unverifiable(korea_undated: Run) -> None:
    assert verdicts(korea_undated("President Park Geun-hye visited.")) == [
        ("title", "President", "unverifiable")
    ]


PLACES = [
    ("The talks in Hanoi, Vietnam went well.", [("country", "Vietnam", "supported")]),
    ("The talks in Hanoi, Thailand went well.", [("country", "Thailand", "contradicted")]),
    # a list of countries is not a place followed by its country
    ("Singapore, Japan and China sent envoys.", []),
]


NAMES = [
    ("Stephen Beigun met officials.", [("name", "Stephen Beigun", "contradicted")]),
    (
        "US Special Representative for North Korea Stephen Beigun spoke.",
        [("name", "Stephen Beigun", "contradicted")],
    ),
    ("They met Kang Kyung-hwa.", [("name", "Kang Kyung-hwa", "contradicted")]),
    ("Stephen Biegun met officials.", []),
    # a real, different person two edits away is not a typo of a short word
    ("Kim Jong-il ruled before him.", []),
    ("Steven Spielberg met officials.", []),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_misspelt_names(korea: Run, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert verdicts(korea(text)) == expected


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_country_claims(korea: Run, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert verdicts(korea(text)) == expected


LIVES = [
    ("Ada Park was born on May 4, 1931.", [("born", "May 4, 1931", "supported")]),
    ("Ada Park was born on May 14, 1931.", [("born", "May 14, 1931", "contradicted")]),
    ("Ada Park was born in May of 1931.", [("born", "May of 1931", "supported")]),
    ("In 1931, Ada Park was born.", [("born", "1931", "supported")]),
    ("1932 was the year of birth of Ada Park.", [("born", "1932", "contradicted")]),
    ("Ada Park died in November.", [("died", "November", "supported")]),
    (
        "Ada Park was born in 1931 and died in 1998.",
        [("born", "1931", "supported"), ("died", "1998", "contradicted")],
    ),
    ("Tomas Weber was born in 1970.", [("born", "1970", "supported")]),
    ("Tomas Weber was born on March 3, 1970.", [("born", "March 3, 1970", "unverifiable")]),
    ("Lena Hart was born in 1983.", [("born", "1983", "unverifiable")]),
    ("Lena Hart was born in 1990.", [("born", "1990", "contradicted")]),
    ("Ada Park was born in Busan.", [("birthplace", "Busan", "supported")]),
    ("Ada Park was born in South Korea.", [("birthplace", "South Korea", "supported")]),
    ("Ada Park was born in Japan.", [("birthplace", "Japan", "contradicted")]),
    ("Ada Park was born in Gimhae.", [("birthplace", "Gimhae", "unverifiable")]),
    ("Tomas Weber was born in Kansas.", [("birthplace", "Kansas", "contradicted")]),
    ("Ada Park was born in a hospital.", []),
    ("Ada Park was not born in Japan.", []),
    ("Ada Park's cat died in 1998.", []),
    ("Tomas Weber is 47 years old.", [("age", "47", "supported")]),
    ("Lena Hart is 34 years old.", [("age", "34", "unverifiable")]),
    ("Tomas Weber is 40 years old.", [("age", "40", "contradicted")]),
    ("Ada Park died at age 68.", [("age", "68", "supported")]),
    ("Ada Park died at age 70.", [("age", "70", "contradicted")]),
    # a dead person cannot act after death; undated deeds are history, never judged
    ("Omar Reyes said on Saturday that the fair would go on.", [("alive", "said", "contradicted")]),
    (
        "Omar Reyes said on May 5, 2005, that the fair would go on.",
        [("alive", "said", "supported")],
    ),
    ("Omar Reyes said the fair would go on.", []),
    ("Omar Reyes met Ada Park in 2009.", [("alive", "met", "supported")]),
    # a dead person cannot hold office "now"; "the late" or "former" can
    ("Mayor Omar Reyes opened the fair.", [("title", "Mayor", "contradicted")]),
    ("The late Mayor Omar Reyes opened the fair.", [("title", "Mayor", "supported")]),
    ("Omar Reyes, the former mayor, opened the fair.", [("title", "mayor", "supported")]),
    ("Mayor Omar Reyes opened the fair on May 5, 2005.", [("title", "Mayor", "supported")]),
]


@pytest.mark.parametrize(("text", "expected"), LIVES)
def test_life_claims(lives: Run, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert verdicts(lives(text)) == expected


def test_age_appositive(korea: Run) -> None:
    report = korea("South Korean President Moon Jae-in, 66, spoke.")
    assert ("age", "66", "supported") in verdicts(report)
    report = korea("South Korean President Moon Jae-in, 60, spoke.")
    assert ("age", "60", "contradicted") in verdicts(report)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("The 66-year-old President Moon Jae-in spoke.", ("age", "66", "supported")),
        (
            "The 70-year-old South Korean President Moon Jae-in spoke.",
            ("age", "70", "contradicted"),
        ),
        ("A 70-year-old Moon Jae-in spoke.", ("age", "70", "contradicted")),
        ("A 70-year-old man met Moon Jae-in.", None),
    ],
)
def test_age_before_the_name(korea: Run, text: str, age: tuple[str, str, str] | None) -> None:
    ages = [v for v in verdicts(korea(text)) if v[0] == "age"]
    assert ages == ([age] if age else [])


WEEKDAYS = [
    # a claim that needs no named entity: a weekday written before a date
    ("The talks resume on Tuesday, Feb. 26.", [("weekday", "Tuesday", "supported")]),
    ("The talks resume on Wednesday, Feb. 26.", [("weekday", "Wednesday", "contradicted")]),
    ("The talks resume on Tues., Feb. 26.", [("weekday", "Tues.", "supported")]),
    ("The talks resume on Friday, Feb. 26, 2021.", [("weekday", "Friday", "supported")]),
    ("Talks resumed on Monday, March 2, 2015.", [("weekday", "Monday", "supported")]),
    ("The talks resume on Friday.", []),  # a bare weekday is the date, not a claim about one
    ("The talks resume on Feb. 26.", []),
]


@pytest.mark.parametrize(("text", "expected"), WEEKDAYS)
def test_weekday_claims(korea: Run, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert verdicts(korea(text)) == expected


def test_finding_points_at_the_wrong_words(korea: Run) -> None:
    text = "Their first summit in Singapore in July set the agenda."
    (finding,) = korea(text).findings
    assert (finding.span.start, finding.span.end) == (35, 39)
    assert text[35:39] == "July"
    assert finding.rule == "event-date"
    assert finding.expected == "June 12, 2018"
    assert finding.message == "Singapore summit was held June 12, 2018, not July"
