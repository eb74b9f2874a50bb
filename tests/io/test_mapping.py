"""The column mapping and the alias table: data, checked, round-tripping."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from advocacy import (
    ActivityType,
    Aliases,
    ColumnMapping,
    DealKind,
    DealOutcome,
    Motivation,
    OpportunitySource,
    RegionTable,
    Tier,
    Unit,
    from_dict,
    to_dict,
)
from advocacy._io.mapping import ENUMS
from advocacy._io.parse import MISSING_MARKERS, spelling
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused


class TestUnits:
    def test_scales(self) -> None:
        assert Unit.PERCENT.scale == Decimal("0.01")
        assert Unit.HOURS.scale == 60


class TestAliases:
    def test_the_default_table(self) -> None:
        aliases = Aliases.default()
        assert aliases.activity_types["review"] is ActivityType.ONLINE_REVIEW
        assert aliases.outcomes["closedwon"] is DealOutcome.WON
        assert aliases.kinds["newbusiness"] is DealKind.NEW_BUSINESS
        assert aliases.sources["referrals"] is OpportunitySource.INBOUND
        assert aliases.of(Tier) == {}
        assert aliases.of(Motivation) == {}

    def test_no_alias_is_a_members_own_spelling(self) -> None:
        """An alias that repeats a value would be dead weight (values win)."""
        aliases = Aliases.default()
        for enum_cls in ENUMS:
            own = {spelling(m.value) for m in enum_cls} | {
                spelling(m.name) for m in enum_cls
            }
            assert not {spelling(w) for w in aliases.of(enum_cls)} & own, enum_cls

    def test_with_aliases_files_each_word_under_its_enum(self) -> None:
        aliases = Aliases.default().with_aliases(
            {
                "g2": ActivityType.ONLINE_REVIEW,
                "exec sponsor": Tier.CHAMPION,
                "review": ActivityType.TESTIMONIAL,
            }
        )
        assert aliases.activity_types["g2"] is ActivityType.ONLINE_REVIEW
        assert aliases.activity_types["review"] is ActivityType.TESTIMONIAL
        assert aliases.tiers == {"exec sponsor": Tier.CHAMPION}
        assert Aliases.default().activity_types["review"] is ActivityType.ONLINE_REVIEW

    def test_an_enum_ingest_does_not_read_has_no_table(self) -> None:
        assert Aliases.default().of(Unit) == {}

    def test_refusals(self) -> None:
        refused(
            InvalidTypeError,
            r"Aliases.with_aliases.aliases\['x'\]",
            lambda: Aliases().with_aliases({"x": Unit.HOURS}),
        )
        refused(
            InvalidValueError,
            "Aliases.tiers",
            lambda: Aliases(tiers={" - ": Tier.CHAMPION}),
        )
        with pytest.raises(InvalidTypeError, match=r"^Aliases.kinds: "):
            Aliases(kinds={"x": "renewal"})  # type: ignore[dict-item]  # the slip itself

    def test_round_trips(self) -> None:
        aliases = Aliases.default()
        assert from_dict(Aliases, json.loads(json.dumps(to_dict(aliases)))) == aliases


class TestColumnMapping:
    def test_default(self) -> None:
        mapping = ColumnMapping.default()
        assert mapping.column("prospect.industry") == "prospect.industry"
        assert mapping.missing == MISSING_MARKERS
        assert (mapping.separator, mapping.currency, mapping.row_id) == (
            ";",
            "USD",
            None,
        )
        assert mapping.aliases == Aliases.default()
        assert mapping.regions is None

    def test_columns(self) -> None:
        mapping = ColumnMapping(columns={"employees": "numberofemployees"})
        assert mapping.column("employees") == "numberofemployees"
        assert mapping.column("name") == "name"

    def test_markers_are_kept_trimmed_and_case_folded(self) -> None:
        mapping = ColumnMapping(missing={" Unknown ", "TBD"})
        assert mapping.missing == {"unknown", "tbd"}

    def test_refusals(self) -> None:
        refused(
            InvalidValueError,
            "ColumnMapping.currency",
            lambda: ColumnMapping(currency="usd"),
        )
        refused(
            InvalidTypeError,
            "ColumnMapping.currency",
            lambda: ColumnMapping(currency=1),  # type: ignore[arg-type]  # the slip
        )
        refused(
            InvalidValueError,
            "ColumnMapping.separator",
            lambda: ColumnMapping(separator=" "),
        )
        refused(
            InvalidTypeError,
            "ColumnMapping.missing",
            lambda: ColumnMapping(missing=3),  # type: ignore[arg-type]  # the slip
        )
        refused(
            InvalidTypeError,
            "ColumnMapping.units",
            lambda: ColumnMapping(units={"nps": "percent"}),  # type: ignore[dict-item]  # the slip itself
        )

    def test_round_trips(self) -> None:
        mapping = ColumnMapping(
            columns={"nps": "NPS"},
            units={"feature_adoption": Unit.PERCENT},
            regions=RegionTable.default(),
            row_id="contact_id",
        )
        assert (
            from_dict(ColumnMapping, json.loads(json.dumps(to_dict(mapping))))
            == mapping
        )
