"""The gazetteer: lookups, how two named places relate, the matcher, and the data's integrity."""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from factcheck.extract.places import Gazetteer, KnownPlace, Relation, gazetteer


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return gazetteer()


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    text = importlib.resources.files("factcheck").joinpath("data/places.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


RELATIONS: list[tuple[str, str, Relation]] = [
    # the same place, by any of its names
    ("US", "United States", "same"),
    ("the United States", "U.S.", "same"),
    ("St. Petersburg", "Saint Petersburg", "same"),
    ("Mumbai", "Bombay", "same"),
    ("Kyiv", "Kiev", "same"),
    ("Zürich", "Zurich", "same"),
    ("São Paulo", "Sao Paulo", "same"),
    ("Ft. Lauderdale", "Fort Lauderdale", "same"),
    ("Washington, D.C.", "Washington DC", "same"),
    ("The Hague", "Hague", "same"),
    ("boston", "Boston", "same"),
    ("Birmingham", "Birmingham", "same"),  # the same words, even for an ambiguous name
    # containment: country > division > city
    ("United States", "Boston", "contains"),
    ("Massachusetts", "Boston", "contains"),
    ("Boston", "Massachusetts", "inside"),
    ("Boston", "United States", "inside"),
    ("Kansas", "United States", "inside"),
    ("Bavaria", "Munich", "contains"),
    ("Busan", "South Korea", "inside"),
    ("Hanoi", "Vietnam", "inside"),
    ("Hong Kong", "China", "inside"),
    ("New York City", "New York", "inside"),
    ("Osaka", "Japan", "inside"),
    # a city named like the place around it is that place (the safe, larger reading)
    ("New York", "Buffalo", "contains"),
    ("Delhi", "New Delhi", "contains"),
    # provably disjoint
    ("France", "Germany", "disjoint"),
    ("Boston", "Chicago", "disjoint"),
    ("Boston", "Texas", "disjoint"),
    ("Texas", "Oklahoma", "disjoint"),
    ("Kansas", "Missouri", "disjoint"),
    ("Japan", "Busan", "disjoint"),
    ("Berlin", "Munich", "disjoint"),
    ("Tokyo", "Osaka", "disjoint"),
    ("Hong Kong", "Shenzhen", "disjoint"),
    ("New York", "Newark", "disjoint"),
    ("Mumbai", "Gujarat", "disjoint"),
    ("India", "Pakistan", "disjoint"),
    ("Lahore", "India", "disjoint"),
    ("Washington, D.C.", "Virginia", "disjoint"),
    ("Fort Lauderdale", "Miami", "disjoint"),
    ("Quebec City", "Toronto", "disjoint"),
    ("Dublin", "United Kingdom", "disjoint"),
    # unknown: a name the gazetteer does not know
    ("Gimhae", "Busan", "unknown"),
    ("Busan", "Gimhae", "unknown"),
    ("Gimhae", "Gimhae", "unknown"),
    ("Atlantis", "France", "unknown"),
    ("American", "Boston", "unknown"),  # a demonym is not a place
    # a city and a division of its country, when the city's division is not listed
    ("Osaka", "Tokyo Prefecture", "unknown"),
    # ambiguous names keep every reading and never prove "disjoint"
    ("Birmingham", "England", "unknown"),
    ("Birmingham", "Tokyo", "unknown"),
    ("Portland", "Oregon", "unknown"),
    ("Portland", "Maine", "unknown"),
    ("Portland", "France", "unknown"),
    ("Portland", "United States", "inside"),  # every reading agrees
    ("Cambridge", "England", "unknown"),
    ("Cambridge", "Boston", "unknown"),
    ("London", "England", "unknown"),
    ("London", "Paris", "unknown"),
    ("Paris", "France", "unknown"),
    ("Paris", "Texas", "unknown"),
    ("Naples", "Italy", "unknown"),
    ("Naples", "Florida", "unknown"),
    ("Georgia", "Atlanta", "unknown"),
    ("Georgia", "Tbilisi", "unknown"),
    ("Georgia", "Russia", "unknown"),
    ("Victoria", "Australia", "unknown"),
    ("Victoria", "Canada", "unknown"),
    ("Melbourne", "Victoria", "unknown"),
    ("Hyderabad", "India", "unknown"),
    ("Hyderabad", "Pakistan", "unknown"),
    ("Valencia", "Spain", "unknown"),
    ("Valencia", "Venezuela", "unknown"),
    ("Córdoba", "Spain", "unknown"),
    ("Cordoba", "Argentina", "unknown"),
    ("San José", "Costa Rica", "unknown"),
    ("San Jose", "California", "unknown"),
    ("St. Petersburg", "Russia", "unknown"),
    ("Washington", "Virginia", "unknown"),
    ("Kansas City", "Kansas", "unknown"),
    ("Korea", "Pyongyang", "unknown"),
    ("Congo", "Kinshasa", "unknown"),
    ("Punjab", "Pakistan", "unknown"),
    ("Moscow", "United States", "unknown"),
    ("Odessa", "Ukraine", "unknown"),
    # "City, Division" and "City, Country" name one place, narrowed by the later parts
    ("Boston, Massachusetts", "Boston", "same"),
    ("Boston, Massachusetts", "Chicago", "disjoint"),
    ("Naples, Italy", "Rome", "disjoint"),
    ("Naples, Italy", "Italy", "inside"),
    ("Naples, Florida", "Miami", "disjoint"),
    ("Naples, Florida", "Italy", "disjoint"),
    ("Paris, Texas", "France", "disjoint"),
    ("Paris, France", "Paris, Texas", "disjoint"),
    ("Birmingham, England", "Manchester, England", "disjoint"),
    ("Birmingham, Alabama", "Alabama", "inside"),
    ("Birmingham, UK", "Alabama", "disjoint"),
    ("London, Ontario", "England", "disjoint"),
    ("London, England", "Canada", "disjoint"),
    ("Portland, Oregon", "Maine", "disjoint"),
    ("Portland, Ore.", "Oregon", "inside"),
    ("Portland, ME", "Oregon", "disjoint"),
    ("Cambridge, Massachusetts", "Cambridge, England", "disjoint"),
    ("Georgia, United States", "Atlanta", "contains"),
    ("Victoria, British Columbia", "Canada", "inside"),
    ("Hyderabad, Pakistan", "India", "disjoint"),
    ("Valencia, Spain", "Venezuela", "disjoint"),
    ("Córdoba, Argentina", "Buenos Aires", "disjoint"),
    ("San Jose, California", "San Francisco", "disjoint"),
    ("San José, Costa Rica", "California", "disjoint"),
    ("Boston, Massachusetts, United States", "Massachusetts", "inside"),
    ("Washington, D.C., United States", "Virginia", "disjoint"),
    # an unknown place inside known ones lies inside them
    ("Lawton, Oklahoma", "Oklahoma", "inside"),
    ("Lawton, Oklahoma, United States", "Kansas", "disjoint"),
    ("Lawton, Oklahoma", "Tulsa", "unknown"),
    # parts that contradict each other, or an unknown container, name nothing
    ("Hanoi, Thailand", "Thailand", "unknown"),
    ("Hanoi, Thailand", "Vietnam", "unknown"),
    ("Boston, Lincolnshire", "Texas", "unknown"),
    # disputed land and metropolitan names are never disjoint
    ("Taiwan", "China", "unknown"),
    ("Taipei", "China", "unknown"),
    ("Beijing", "Taipei", "disjoint"),
    ("Srinagar", "Pakistan", "unknown"),
    ("Belfast", "Ireland", "unknown"),
    ("San Juan, Puerto Rico", "United States", "unknown"),
    ("Quezon City", "Manila", "unknown"),
    ("Giza", "Cairo", "unknown"),
    ("Giza", "Luxor", "disjoint"),
    ("Vatican City", "Rome", "unknown"),
    # regions: known by where they lie
    ("New England", "United States", "inside"),
    ("New England", "England", "disjoint"),
    ("New England", "Boston", "unknown"),
]


@pytest.mark.parametrize(("a", "b", "expected"), RELATIONS)
def test_relation(places: Gazetteer, a: str, b: str, expected: Relation) -> None:
    assert places.relation(a, b) == expected


@pytest.mark.parametrize(("a", "b", "expected"), RELATIONS)
def test_relation_is_symmetric(places: Gazetteer, a: str, b: str, expected: Relation) -> None:
    converse = {"contains": "inside", "inside": "contains"}.get(expected, expected)
    assert places.relation(b, a) == converse


LOOKUPS = [
    ("Boston", KnownPlace("Boston", "United States", "city", "Massachusetts")),
    ("boston", KnownPlace("Boston", "United States", "city", "Massachusetts")),
    ("Bombay", KnownPlace("Mumbai", "India", "city", "Maharashtra")),
    ("Sao Paulo", KnownPlace("São Paulo", "Brazil", "city")),
    ("Ft. Lauderdale", KnownPlace("Fort Lauderdale", "United States", "city", "Florida")),
    ("St Louis", KnownPlace("St. Louis", "United States", "city", "Missouri")),
    ("Kiev", KnownPlace("Kyiv", "Ukraine", "city")),
    ("Massachusetts", KnownPlace("Massachusetts", "United States", "division")),
    ("Bayern", KnownPlace("Bavaria", "Germany", "division")),
    ("New York", KnownPlace("New York", "United States", "division")),
    ("Berlin", KnownPlace("Berlin", "Germany", "division")),
    ("US", KnownPlace("United States", "United States")),
    ("the Netherlands", KnownPlace("Netherlands", "Netherlands")),
    ("Ivory Coast", KnownPlace("Côte d'Ivoire", "Côte d'Ivoire")),
    ("Singapore", KnownPlace("Singapore", "Singapore")),
    ("French", KnownPlace("France", "France", demonym=True)),
    ("Georgian", KnownPlace("Georgia", "Georgia", demonym=True)),
    ("New England", KnownPlace("New England", "United States", "place")),
    # ambiguous or unknown names are no one place
    ("Georgia", None),
    ("Birmingham", None),
    ("Korea", None),
    ("Congolese", None),
    ("Gimhae", None),
    ("Boston, Massachusetts", None),  # lookup takes whole names; relation() reads the parts
]


@pytest.mark.parametrize(("name", "expected"), LOOKUPS)
def test_lookup(places: Gazetteer, name: str, expected: KnownPlace | None) -> None:
    assert places.lookup(name) == expected


def test_country_flags(places: Gazetteer) -> None:
    france, french, paris = places.lookup("France"), places.lookup("French"), places.lookup("Lyon")
    assert france is not None and france.is_country and not france.demonym
    assert french is not None and french.is_country and french.demonym
    assert paris is not None and not paris.is_country
    assert places.same_country("US", "United States")
    assert not places.same_country("Boston", "Boston")


def test_readings_keep_every_place_of_a_name(places: Gazetteer) -> None:
    assert {(p.country, p.division) for p in places.readings("Portland")} == {
        ("United States", "Oregon"),
        ("United States", "Maine"),
    }
    assert {p.country for p in places.readings("Victoria")} == {
        "Seychelles",
        "Canada",
        "Australia",
    }
    assert places.readings("Paris, Texas") == (
        KnownPlace("Paris", "United States", "place", "Texas"),
    )
    assert places.readings("Hanoi, Thailand") == ()


def found(places: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.span.text(text), m.payloads[0].name) for m in places.matcher.finditer(text)]


MATCHES = [
    ("They met in Boston and Sao Paulo.", [("Boston", "Boston"), ("Sao Paulo", "São Paulo")]),
    ("Flights to Ft. Lauderdale resumed.", [("Ft. Lauderdale", "Fort Lauderdale")]),
    ("Talks in Hanoi, Vietnam ended.", [("Hanoi", "Hanoi"), ("Vietnam", "Vietnam")]),
    ("French officials agreed.", [("French", "France")]),
    # an ambiguous name is no place, and hides the shorter names inside it
    ("She lives in Georgia.", []),
    ("The game in Kansas City drew fans.", []),
    ("He was born in Port-of-Spain.", [("Port-of-Spain", "Port of Spain")]),
    ("Winters in New England are long.", [("New England", "New England")]),
    ("They sailed to New Guinea.", []),
    (
        "Tijuana lies in Baja California.",
        [("Tijuana", "Tijuana"), ("Baja California", "Baja California")],
    ),
    # a place name that names a street, a park or a county is not the place
    ("The rally on Pennsylvania Avenue ended.", []),
    ("The concert in Phoenix Park was sold out.", []),
    ("He lives in Montgomery County.", []),
]


@pytest.mark.parametrize(("text", "expected"), MATCHES)
def test_matcher(places: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(places, text) == expected


def _entries(items: list[Any]) -> Iterator[tuple[str, list[str]]]:
    for item in items:
        if isinstance(item, dict):
            ((name, others),) = item.items()
            yield name, others
        else:
            yield item, []


def _cities(data: dict[str, Any]) -> Iterator[tuple[str, str, str | None]]:
    """Yield every city of the data: its name, its country and its division (if listed)."""
    for country, info in data["countries"].items():
        for name, _ in _entries(info.get("cities", [])):
            yield name, country, None
    for country, divisions in data["divisions"].items():
        for division, info in divisions.items():
            cities = info["cities"] if isinstance(info, dict) else info
            for name, _ in _entries(cities):
                yield name, country, division


def test_every_city_lies_in_a_listed_country_and_division(
    places: Gazetteer, data: dict[str, Any]
) -> None:
    countries = data["countries"]
    for country in data["divisions"]:
        assert country in countries
    for name, country, division in _cities(data):
        assert country in countries, name
        if division is not None:
            assert division in data["divisions"][country], name
        # the name reads as this city, or as the same-named place around it
        around = KnownPlace(division, country, "division") if division else None
        city = KnownPlace(name, country, "city", division)
        readings = places.readings(name)
        assert city in readings or around in readings or KnownPlace(country, country) in readings, (
            name
        )


def test_every_country_has_its_capital(places: Gazetteer, data: dict[str, Any]) -> None:
    for country, info in data["countries"].items():
        if country == "Nauru":  # no official capital
            assert "capital" not in info
            continue
        ((name, _),) = _entries([info["capital"]])
        mine = [p for p in places.readings(name) if p.country == country]
        assert mine, country
        if country in data["divisions"]:  # a capital of a country with divisions has one
            assert all(p.level == "division" or p.division for p in mine), country


def test_names_round_trip(places: Gazetteer, data: dict[str, Any]) -> None:
    """Every place a name finds is found again by its canonical name: callers rely on it."""
    names = list(data["countries"]) + [n for n, _, _ in _cities(data)]
    for info in data["countries"].values():
        names += info.get("names", [])
    for name in names:
        place = places.lookup(name)
        if place is not None:
            assert places.lookup(place.name) == place, name


def test_ambiguous_names_are_ambiguous(places: Gazetteer) -> None:
    """Each ambiguous example keeps more than one reading."""
    for name in [
        "Birmingham", "Portland", "Cambridge", "London", "Paris", "Naples", "Georgia",
        "Victoria", "Hyderabad", "Valencia", "Córdoba", "San José", "St. Petersburg",
    ]:  # fmt: skip
        assert len(places.readings(name)) > 1, name
        assert places.lookup(name) is None, name


def test_overlapping_places_resolve(places: Gazetteer, data: dict[str, Any]) -> None:
    for part, name in data["overlaps"]:
        assert len(places.readings(part)) == 1, part
        assert len(places.readings(name)) == 1, name
