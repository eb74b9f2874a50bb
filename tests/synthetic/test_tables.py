"""The demo program's fixed tables agree with each other and with the model."""

from __future__ import annotations

from advocacy import SizeBand
from advocacy.synthetic._tables import (
    CONFERENCE_SPEAKERS,
    FIRST,
    INDUSTRIES,
    LAST,
    NAME_HEADS,
    NAME_TAILS,
    OTHER_VOLUMES,
    PERSONAS,
    PLAIN_SOURCES,
    PRODUCT_WEIGHTS,
    PRODUCTS,
    REGIONS,
    SECTOR_WORDS,
    WANTED_PERSONAS,
    WEEK_OF_REQUESTS,
)


def test_weights_are_percentages() -> None:
    for table in (INDUSTRIES, REGIONS, PRODUCT_WEIGHTS, PLAIN_SOURCES):
        assert sum(weight for _, weight in table) == 100
        assert all(weight > 0 for _, weight in table)


def test_every_industry_and_product_has_its_words() -> None:
    assert [name for name, _ in INDUSTRIES] == list(SECTOR_WORDS)
    assert [name for name, _ in PRODUCT_WEIGHTS] == list(PRODUCTS)
    assert all(len(use_cases) == 2 for use_cases in PRODUCTS.values())


def test_personas_by_size_band() -> None:
    assert set(PERSONAS) == {band.value for band in SizeBand}
    every = {persona for people in PERSONAS.values() for persona, _ in people}
    assert {persona for persona, _ in WANTED_PERSONAS} <= every


def test_names_are_distinct() -> None:
    for names in (FIRST, LAST, NAME_HEADS, NAME_TAILS):
        assert len(set(names)) == len(names)


def test_volumes_are_ranges() -> None:
    assert all(0 <= low <= high for low, high in OTHER_VOLUMES.values())
    low, high = CONFERENCE_SPEAKERS
    assert 0 < low <= high
    assert all(count > 0 for _, count in WEEK_OF_REQUESTS)
    assert len({activity for activity, _ in WEEK_OF_REQUESTS}) == len(WEEK_OF_REQUESTS)
