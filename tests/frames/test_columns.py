"""A frame argument's columns read and refused as record ingest reads rows."""

from __future__ import annotations

from collections.abc import Sequence

import narwhals.stable.v2 as nw
import polars as pl
import pytest

from advocacy import ActivityType, ColumnMapping, Tier
from advocacy.exceptions import InvalidFieldsError, InvalidTypeError, InvalidValueError
from advocacy.frames._columns import Columns, check_frames, enum_parser, text_parser
from advocacy.frames._native import frame_of, rows_of
from tests.checks import refused

MAPPING = ColumnMapping()
FIELDS = {
    "id": "id",
    "opted_out": "opted_out",
    "tier": "tier",
    "activities": "activities",
    "industry": "industry",
}


def people(**changes: Sequence[object]) -> Columns:
    """Advocates in a polars frame, every field declared."""
    table: dict[str, Sequence[object]] = {
        "id": ["v1", " v2 ", "v3"],
        "opted_out": [False, None, True],
        "tier": ["Champion", "advocate", None],
        "activities": ["Reference Call;webinar", "webinar", None],
        "industry": [" Retail", "Retail", "Banking"],
    }
    table.update(changes)
    reader = Columns(
        "rule", "advocates", frame_of("rule", pl.DataFrame(table)), FIELDS, MAPPING
    )
    reader.ids("id", unique=True)
    reader.flag("opted_out")
    reader.picklist("tier", enum_parser(Tier, MAPPING), multiple=False, required=False)
    reader.picklist(
        "activities", enum_parser(ActivityType, MAPPING), multiple=True, required=False
    )
    reader.picklist(
        "industry", text_parser("industry", MAPPING), multiple=False, required=True
    )
    return reader


class TestReading:
    def test_picklists_read_by_their_distinct_values(self) -> None:
        reader = people()
        assert check_frames("rule", [reader]) == []
        tiers = reader.picklists["tier"]
        assert tiers.items() == {Tier.CHAMPION, Tier.ADVOCATE}
        activities = reader.picklists["activities"]
        assert activities.items() == {ActivityType.REFERENCE_CALL, ActivityType.WEBINAR}
        calls = activities.has(lambda kind: kind is ActivityType.REFERENCE_CALL)
        industry = reader.picklists["industry"].value()
        read = rows_of(
            reader.frame.select(
                reader.trimmed("id").alias("id"),
                calls.alias("calls"),
                industry.alias("industry"),
            )
        )
        assert read == [
            {"id": "v1", "calls": True, "industry": "Retail"},
            {"id": "v2", "calls": False, "industry": "Retail"},
            {"id": "v3", "calls": False, "industry": "Banking"},
        ]
        assert reader.where("tier") == "advocates['tier']"
        assert isinstance(reader.col("tier"), nw.Expr)


class TestRefusals:
    def test_a_missing_column_is_named_as_the_arguments(self) -> None:
        refused(
            InvalidValueError,
            r"rule\.advocates\['tier'\]",
            lambda: Columns(
                "rule",
                "advocates",
                frame_of("rule", pl.DataFrame({"id": ["v1"]})),
                {"id": "id", "tier": "tier"},
                MAPPING,
            ),
            value="no such column",
            expected="a column for tier, among ['id']",
        )

    def test_a_repeated_id_names_one_and_counts_the_rows(self) -> None:
        refused(
            InvalidValueError,
            r"rule\.advocates\['id'\]",
            lambda: check_frames("rule", [people(id=["v1", "v1 ", "v3"])]),
            value="v1",
            expected="an id no other row has",
            hint="1 row has an earlier row's id",
        )

    def test_a_required_value_missing(self) -> None:
        refused(
            InvalidValueError,
            r"rule\.advocates\['id'\]",
            lambda: check_frames("rule", [people(id=["v1", None, None])]),
            value=None,
            expected="a value in every row (id is required)",
            hint="2 rows have none",
        )

    def test_a_flag_that_is_not_boolean(self) -> None:
        refused(
            InvalidTypeError,
            r"rule\.advocates\['opted_out'\]",
            lambda: check_frames("rule", [people(opted_out=["no", "no", "yes"])]),
            expected="a Boolean column (true, false or null) for opted_out",
        )

    def test_a_picklist_value_ingest_cannot_read(self) -> None:
        refused(
            InvalidValueError,
            r"rule\.advocates\['tier'\]",
            lambda: check_frames("rule", [people(tier=["gold", "Champion", None])]),
            value="gold",
        )

    def test_every_refusal_at_once(self) -> None:
        bad = people(
            id=["v1", "v1", "v3"], tier=["gold", None, None], industry=[None, "x", "y"]
        )
        with pytest.raises(InvalidFieldsError) as caught:
            check_frames("rule", [bad])
        assert sorted(e.field for e in caught.value.errors) == [
            "advocates['id']",
            "advocates['industry']",
            "advocates['tier']",
        ]
