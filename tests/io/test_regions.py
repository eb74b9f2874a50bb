"""The region table: which sales region a country belongs to, however written."""

from __future__ import annotations

import json
import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy._io import regions as module
from advocacy._io.convert import from_dict, to_dict
from advocacy._io.regions import RegionTable
from advocacy.exceptions import AdvocacyError, InvalidTypeError, InvalidValueError
from tests.checks import refused

FOUR = {"North America", "EMEA", "APAC", "LATAM"}
DEFAULT = RegionTable.default()
KEYS = sorted(DEFAULT.regions)

WHITESPACE = st.text(alphabet=" \t\n\u00a0\u3000", min_size=1, max_size=3)
# Letters whose upper case folds back to them (a dotless i would not), as in names.
names = st.text(
    alphabet=string.ascii_letters + string.digits + "àçéíñóöüÿåø .'-()&",
    max_size=12,
)
tables = st.dictionaries(
    names.filter(lambda name: name.strip() != ""),
    st.sampled_from(sorted(FOUR)) | names.filter(lambda name: name.strip() != ""),
    max_size=8,
).map(RegionTable)


def lines() -> list[tuple[str, str, str, list[str]]]:
    """Each line of the default's data: region, alpha-2, alpha-3, names."""
    found = []
    for region, block in module._BLOCKS:
        for line in block.replace(";\n", ";").strip().splitlines():
            alpha2, alpha3, listed = line.split(maxsplit=2)
            found.append((region, alpha2, alpha3, listed.split(";")))
    return found


@st.composite
def respellings(draw: st.DrawFn) -> tuple[str, str]:
    """A default key, and the same key in another case and other whitespace."""
    key = draw(st.sampled_from(KEYS))
    cased = "".join(draw(st.sampled_from((c, c.upper()))) for c in key)
    gaps = [draw(WHITESPACE) for _ in cased.split(" ")]
    words = [w for pair in zip(gaps, cased.split(" "), strict=True) for w in pair]
    outer = draw(st.sampled_from(("", " ", "\t", "  \n")))
    return key, outer + "".join(words[1:]) + draw(WHITESPACE)


class TestWorkedExamples:
    @pytest.mark.parametrize(
        ("country", "region"),
        [
            ("United States", "North America"),
            ("USA", "North America"),
            ("us", "North America"),
            ("Canada", "North America"),
            ("Germany", "EMEA"),
            ("DEU", "EMEA"),
            ("United Kingdom", "EMEA"),
            ("UK", "EMEA"),
            ("South Africa", "EMEA"),
            ("Saudi Arabia", "EMEA"),
            ("Kazakhstan", "EMEA"),
            ("Japan", "APAC"),
            ("jp", "APAC"),
            ("Australia", "APAC"),
            ("India", "APAC"),
            ("Singapore", "APAC"),
            ("Mexico", "LATAM"),
            ("Brazil", "LATAM"),
            ("Puerto Rico", "LATAM"),
            ("Argentina", "LATAM"),
            (" united  states ", "North America"),
            ("UNITED STATES", "North America"),
        ],
    )
    def test_region_of_a_country(self, country: str, region: str) -> None:
        assert DEFAULT.region(country) == region

    @pytest.mark.parametrize(
        ("country", "region"),
        [
            ("Russia", "EMEA"),
            ("Türkiye", "EMEA"),
            ("TURKEY", "EMEA"),
            ("Ivory Coast", "EMEA"),
            ("Côte d'Ivoire", "EMEA"),
            ("Swaziland", "EMEA"),
            ("Eswatini", "EMEA"),
            ("Holland", "EMEA"),
            ("Czech Republic", "EMEA"),
            ("Scotland", "EMEA"),
            ("UAE", "EMEA"),
            ("Uzbekistan", "EMEA"),
            ("Iran", "EMEA"),
            ("Korea", "APAC"),
            ("Republic of Korea", "APAC"),
            ("North Korea", "APAC"),
            ("Burma", "APAC"),
            ("Macau", "APAC"),
            ("Macao", "APAC"),
            ("Hong Kong", "APAC"),
            ("Taiwan", "APAC"),
            ("Guam", "APAC"),
            ("Bermuda", "North America"),
            ("Greenland", "North America"),
            ("US Minor Outlying Islands", "North America"),
            ("U.S. Virgin Islands", "LATAM"),
            ("Cuba", "LATAM"),
            ("Venezuela", "LATAM"),
            ("Namibia", "EMEA"),
            ("NAM", "EMEA"),
        ],
    )
    def test_common_alternates(self, country: str, region: str) -> None:
        assert DEFAULT.region(country) == region

    @pytest.mark.parametrize(
        "country", ["Atlantis", "", "   ", "America", "Antarctica", "AQ", "ATA", "NA"]
    )
    def test_unknown_and_left_out_countries_have_no_region(self, country: str) -> None:
        assert DEFAULT.region(country) is None

    def test_a_country_that_is_not_a_string_is_refused(self) -> None:
        with pytest.raises(InvalidTypeError) as caught:
            DEFAULT.region(840)  # type: ignore[arg-type]
        assert (caught.value.owner, caught.value.field) == (
            "RegionTable.region",
            "country",
        )
        assert caught.value.expected == "a string"

    def test_repr_counts_the_keys_of_each_region(self) -> None:
        table = RegionTable({"France": "EMEA", "fr": "EMEA", "Peru": "LATAM"})
        assert (
            repr(table) == "RegionTable(regions=<3 names and codes: EMEA 2, LATAM 1>)"
        )


class TestDefault:
    def test_its_regions_are_exactly_the_four(self) -> None:
        assert set(DEFAULT.regions.values()) == FOUR

    def test_every_key_finds_its_own_region(self) -> None:
        assert all(DEFAULT.region(k) == v for k, v in DEFAULT.regions.items())

    def test_keys_are_stored_spelled(self) -> None:
        assert all(k == " ".join(k.casefold().split()) for k in DEFAULT.regions)

    def test_every_line_has_iso_codes_and_a_name(self) -> None:
        found = lines()
        assert all(
            len(a2) == 2 and a2.isalpha() and a2.isupper() for _, a2, *_ in found
        )
        assert all(
            len(a3) == 3 and a3.isalpha() and a3.isupper() for *_, a3, _ in found
        )
        assert all(all(n.strip() for n in listed) for *_, listed in found)
        assert len({a2 for _, a2, *_ in found}) == len(found)
        assert len({a3 for _, _, a3, _ in found}) == len(found)

    def test_every_code_and_name_of_a_line_finds_its_region(self) -> None:
        for region, alpha2, alpha3, listed in lines():
            for key in {alpha2, alpha3, *listed} - {"NA"}:
                assert DEFAULT.region(key) == region, key

    def test_no_key_is_on_two_lines(self) -> None:
        keys = [
            " ".join(key.casefold().split())
            for _, alpha2, alpha3, listed in lines()
            for key in (alpha2, alpha3, *listed)
        ]
        assert len(keys) == len(set(keys))

    def test_at_least_240_alpha_2_codes(self) -> None:
        two_letters = [k for k in DEFAULT.regions if len(k) == 2 and k.isalpha()]
        assert len(two_letters) >= 240
        assert len({a2 for _, a2, *_ in lines()} - {"NA"}) >= 240

    def test_default_is_a_fresh_copy_each_time(self) -> None:
        table = RegionTable.default()
        table.regions["mexico"] = "North America"  # type: ignore[index]
        assert RegionTable.default().region("mexico") == "LATAM"

    @given(respellings())
    def test_case_and_whitespace_do_not_matter(self, pair: tuple[str, str]) -> None:
        key, respelled = pair
        assert DEFAULT.region(respelled) == DEFAULT.regions[key]


class TestWithRegions:
    def test_overrides_and_adds(self) -> None:
        table = DEFAULT.with_regions({" MEXICO": "North America", "Atlantis": "EMEA"})
        assert table.region("Mexico") == "North America"
        assert table.region("atlantis") == "EMEA"
        assert table.region("Brazil") == "LATAM"
        assert DEFAULT.region("Mexico") == "LATAM"
        assert DEFAULT.region("Atlantis") is None

    @given(tables, tables)
    def test_later_entries_win_and_the_original_is_unchanged(
        self, base: RegionTable, extra: RegionTable
    ) -> None:
        before = dict(base.regions)
        merged = base.with_regions(extra.regions)
        assert base.regions == before
        assert set(merged.regions) == set(base.regions) | set(extra.regions)
        for key, region in merged.regions.items():
            assert region == extra.regions.get(key, base.regions.get(key))

    @given(tables)
    def test_keys_in_any_spelling_replace_the_spelled_key(
        self, table: RegionTable
    ) -> None:
        shouted = {f" {key.upper()}\t": region for key, region in table.regions.items()}
        merged = DEFAULT.with_regions(shouted)
        assert len(merged.regions) == len({**DEFAULT.regions, **table.regions})
        for key, region in table.regions.items():
            assert merged.regions[key] == region

    def test_region_names_are_stored_as_given(self) -> None:
        table = RegionTable({"Mars": " Off-world  "})
        assert table.region("mars") == " Off-world  "

    def test_bad_entries_are_refused(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            DEFAULT.with_regions({"Mars": ""})
        assert caught.value.field == "regions"
        with pytest.raises(InvalidTypeError):
            DEFAULT.with_regions(["Mars"])  # type: ignore[arg-type]


class TestConstruction:
    @pytest.mark.parametrize("key", ["", "   ", "\t\n"])
    def test_an_empty_country_is_refused(self, key: str) -> None:
        refused(
            InvalidValueError,
            r"RegionTable\.regions",
            lambda: RegionTable({key: "EMEA"}),
        )

    @pytest.mark.parametrize("region", ["", "  "])
    def test_an_empty_region_is_refused_naming_its_country(self, region: str) -> None:
        with pytest.raises(InvalidValueError) as caught:
            RegionTable({"Mexico ": region})
        assert caught.value.field == "regions"
        assert caught.value.value == region
        assert caught.value.hint == "the region of 'mexico'"

    def test_a_region_that_is_not_a_string_is_refused(self) -> None:
        with pytest.raises(
            InvalidTypeError, match=r"^RegionTable\.regions: "
        ) as caught:
            RegionTable({"Mexico": 3})  # type: ignore[dict-item]
        assert "the value of 'mexico' is not a string" in caught.value.expected

    @pytest.mark.parametrize("junk", [None, ["mexico"], "mexico", {3: "LATAM"}])
    def test_what_is_not_a_mapping_of_strings_is_refused(self, junk: Any) -> None:
        with pytest.raises(AdvocacyError, match=r"^RegionTable\.regions: ") as caught:
            RegionTable(junk)
        assert getattr(caught.value, "field", None) == "regions"

    def test_spellings_of_one_country_keep_the_later_region(self) -> None:
        table = RegionTable({"Mexico": "LATAM", " MEXICO ": "North America"})
        assert table.regions == {"mexico": "North America"}


class TestPlainData:
    def test_the_default_round_trips(self) -> None:
        plain = to_dict(DEFAULT)
        assert plain["regions"] == DEFAULT.regions
        assert from_dict(RegionTable, plain) == DEFAULT
        assert from_dict(RegionTable, json.loads(json.dumps(plain))) == DEFAULT

    @given(tables)
    def test_drawn_tables_round_trip(self, table: RegionTable) -> None:
        plain = json.loads(json.dumps(to_dict(table)))
        assert from_dict(RegionTable, plain) == table

    def test_bad_plain_data_is_refused_at_its_path(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"^RegionTable\.regions: "):
            from_dict(RegionTable, {"regions": {"Mexico": 3}})
        with pytest.raises(InvalidValueError, match=r"^RegionTable\.regions: "):
            from_dict(RegionTable, {"regions": {"Mexico": ""}})
