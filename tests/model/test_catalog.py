"""The activity catalog: SPEC §1's efforts, tiers, public flags, metrics."""

from __future__ import annotations

import json

import attrs
import pytest

from advocacy import (
    ActivityCatalog,
    ActivitySpec,
    ActivityType,
    ImpactMetric,
    Tier,
    from_dict,
    to_dict,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError

CATALOG = ActivityCatalog.default()


class TestDefaults:
    def test_covers_every_activity_type(self) -> None:
        assert len(CATALOG) == len(ActivityType)
        assert [spec.type for spec in CATALOG] == list(ActivityType)
        assert all(t in CATALOG for t in ActivityType)

    @pytest.mark.parametrize(
        ("activity", "minutes", "participants", "impact"),
        [
            (
                ActivityType.REFERENCE_CALL,
                30,
                (8, 12),
                ImpactMetric.INFLUENCED_PIPELINE,
            ),
            (ActivityType.ONLINE_REVIEW, 15, (10, 15), ImpactMetric.RATING_IMPROVEMENT),
            (ActivityType.CASE_STUDY, 120, (2, 3), ImpactMetric.CONTENT_DOWNLOADS),
            (ActivityType.WEBINAR, 60, (1, 2), ImpactMetric.ATTENDEE_CONVERSION),
            (ActivityType.ADVISORY_BOARD, 120, (10, 15), ImpactMetric.PRODUCT_FEEDBACK),
            (ActivityType.SOCIAL_SHARE, 5, (20, 30), ImpactMetric.ENGAGEMENT_REACH),
        ],
    )
    def test_spec_table(
        self,
        activity: ActivityType,
        minutes: int,
        participants: tuple[int, int],
        impact: ImpactMetric,
    ) -> None:
        spec = CATALOG[activity]
        assert (spec.minutes, spec.quarterly_participants, spec.impact) == (
            minutes,
            participants,
            impact,
        )
        assert CATALOG.minutes(activity) == minutes

    def test_public_activities_need_consent(self) -> None:
        public = {spec.type for spec in CATALOG if spec.public}
        assert {
            ActivityType.CASE_STUDY,
            ActivityType.PRESS,
            ActivityType.SPEAKING,
        } <= public
        assert ActivityType.REFERENCE_CALL not in public

    def test_lowest_tiers(self) -> None:
        assert CATALOG[ActivityType.ADVISORY_BOARD].lowest_tier is Tier.CHAMPION
        assert CATALOG[ActivityType.REFERENCE_CALL].lowest_tier is Tier.ADVOCATE
        assert CATALOG[ActivityType.ONLINE_REVIEW].lowest_tier is Tier.SUPPORTER

    def test_round_trips_through_json(self) -> None:
        plain = json.loads(json.dumps(to_dict(CATALOG)))
        assert from_dict(ActivityCatalog, plain) == CATALOG


class TestValidation:
    def test_unknown_type_lookup(self) -> None:
        small = ActivityCatalog(CATALOG.specs[:1])
        with pytest.raises(UnknownKeyError, match="catalog's types"):
            small[ActivityType.WEBINAR]

    def test_repeated_type(self) -> None:
        with pytest.raises(InvalidValueError, match="repeated: webinar"):
            ActivityCatalog((CATALOG[ActivityType.WEBINAR],) * 2)

    def test_specs_of_wrong_kind(self) -> None:
        with pytest.raises(InvalidTypeError, match="specs"):
            ActivityCatalog(("webinar",))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("participants", "error"),
        [
            ((3, 2), InvalidValueError),
            ((1,), InvalidTypeError),
            (("a", "b"), InvalidTypeError),
        ],
    )
    def test_participants_pair(
        self, participants: object, error: type[Exception]
    ) -> None:
        with pytest.raises(error, match="quarterly_participants"):
            attrs.evolve(
                CATALOG[ActivityType.WEBINAR],
                quarterly_participants=participants,  # type: ignore[arg-type]
            )

    def test_spec_from_plain_values(self) -> None:
        spec = ActivitySpec(
            "webinar", 60, "advocate", True, "attendee_conversion", [1, 2]
        )
        assert spec == attrs.evolve(CATALOG[ActivityType.WEBINAR], description="")
