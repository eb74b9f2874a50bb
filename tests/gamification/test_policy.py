"""Gamification: the policy, and the points, badges and levels activities earn."""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    Badge,
    Challenge,
    GamificationLevel,
    GamificationPolicy,
    LevelReached,
    RedemptionLimits,
    badges_earned,
    from_dict,
    level_reached,
    points_earned,
    to_dict,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.gamification.policy import (
    ACTIVITIES,
    POLICY,
    WON,
    T,
    activity_lists,
)


class TestDefaults:
    def test_challenge_points(self) -> None:
        points = {(c.activity, c.won_deal): c.points for c in POLICY.challenges}
        assert points[T.REFERENCE_CALL, False] == 100
        assert points[T.CASE_STUDY, False] == 250
        assert points[T.ONLINE_REVIEW, False] == 50
        assert points[T.SOCIAL_SHARE, False] == 10
        assert points[T.REFERRAL, False] == 50
        assert points[T.REFERRAL, True] == 500
        assert points[T.AWARD_NOMINATION, False] == 25
        assert len(POLICY.challenges) == 16
        # Every activity type earns something by default.
        assert {c.activity for c in POLICY.challenges} == set(T)

    def test_badges(self) -> None:
        assert [(b.name, b.count, b.activity) for b in POLICY.badges] == [
            ("First Reference", 1, T.REFERENCE_CALL),
            ("Reference Regular", 5, T.REFERENCE_CALL),
            ("Review Pro", 5, T.ONLINE_REVIEW),
            ("Storyteller", 1, T.CASE_STUDY),
            ("On Stage", 1, T.SPEAKING),
            ("Insider", 1, T.ADVISORY_BOARD),
            ("Connector", 3, T.REFERRAL),
            ("Amplifier", 10, T.SOCIAL_SHARE),
            ("Community Helper", 10, T.COMMUNITY_ANSWER),
            ("Dedicated Advocate", 10, None),
        ]

    def test_levels_and_limits(self) -> None:
        assert POLICY.levels == (
            GamificationLevel("Bronze", 0, 0),
            GamificationLevel("Silver", 500, 3),
            GamificationLevel("Gold", 1500, 8),
            GamificationLevel("Platinum", 4000, 20),
        )
        assert POLICY.limits == RedemptionLimits.default()

    def test_challenge_lookup(self) -> None:
        assert POLICY.challenge(T.REFERRAL) == Challenge(
            "referral", "Refer a prospect", "referral", 50
        )
        won = POLICY.challenge(T.REFERRAL, won_deal=True)
        assert won is not None
        assert won.id == "referral-won"
        assert POLICY.challenge(T.WEBINAR, won_deal=True) is None

    def test_round_trip_through_json(self) -> None:
        plain = json.loads(json.dumps(to_dict(POLICY)))
        assert plain["challenges"][0] == {
            "id": "reference-call",
            "name": "Take a reference call",
            "activity": "reference_call",
            "points": 100,
            "won_deal": False,
            "description": "",
        }
        assert plain["badges"][-1]["activity"] is None
        assert plain["limits"] == {
            "per_advocate": 2500,
            "program": 25000,
            "period": "quarter",
        }
        assert from_dict(GamificationPolicy, plain) == POLICY


class TestPolicyChecks:
    def test_bad_parts(self) -> None:
        with pytest.raises(InvalidValueError, match=r"Challenge\.points"):
            Challenge("c", "C", "webinar", 0)
        with pytest.raises(InvalidTypeError, match=r"Challenge\.activity"):
            Challenge("c", "C", "podcast", 5)
        with pytest.raises(InvalidValueError, match=r"Badge\.count"):
            Badge("b", "B", 0)
        with pytest.raises(InvalidTypeError, match=r"Badge\.activity"):
            Badge("b", "B", 1, "podcast")
        with pytest.raises(InvalidValueError, match=r"GamificationLevel\.points"):
            GamificationLevel("L", -1, 0)

    def test_repeated_ids(self) -> None:
        twice = (
            *POLICY.challenges,
            attrs.evolve(POLICY.challenges[0], activity="press"),
        )
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(POLICY, challenges=twice)
        assert caught.value.field == "challenges"
        assert caught.value.hint == "repeated: reference-call"
        with pytest.raises(InvalidValueError, match="repeated: review-pro"):
            attrs.evolve(POLICY, badges=(*POLICY.badges, POLICY.badges[2]))
        with pytest.raises(InvalidValueError, match="repeated: Gold"):
            attrs.evolve(
                POLICY, levels=(*POLICY.levels, GamificationLevel("Gold", 9000, 30))
            )

    def test_one_challenge_and_one_milestone_per_type(self) -> None:
        extra = Challenge("referral-2", "Refer again", "referral", 60)
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(POLICY, challenges=(*POLICY.challenges, extra))
        assert caught.value.hint == "repeated: referral"
        milestone = Challenge("webinar-won", "Won", "webinar", 60, won_deal=True)
        policy = attrs.evolve(POLICY, challenges=(*POLICY.challenges, milestone))
        assert policy.challenge(T.WEBINAR, won_deal=True) == milestone

    @pytest.mark.parametrize(
        ("levels", "words"),
        [
            ((), "a first level needing 0 points and 0 activities"),
            ((GamificationLevel("Bronze", 10, 0),), "a first level needing 0 points"),
            (
                (GamificationLevel("Bronze", 0, 0), GamificationLevel("Silver", 0, 3)),
                "Silver comes after Bronze",
            ),
            (
                (
                    GamificationLevel("Bronze", 0, 0),
                    GamificationLevel("Silver", 100, 5),
                    GamificationLevel("Gold", 200, 3),
                ),
                "Gold comes after Silver",
            ),
        ],
    )
    def test_level_ladder(
        self, levels: tuple[GamificationLevel, ...], words: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=words) as caught:
            attrs.evolve(POLICY, levels=levels)
        assert caught.value.field == "levels"

    def test_wrong_kinds(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"GamificationPolicy\.challenges"):
            GamificationPolicy("reference-call", (), (GamificationLevel("B", 0, 0),))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"GamificationPolicy\.limits"):
            GamificationPolicy((), (), (GamificationLevel("B", 0, 0),), limits=5)  # type: ignore[arg-type]

    def test_a_policy_from_plain_parts(self) -> None:
        policy = from_dict(
            GamificationPolicy,
            {
                "challenges": [
                    {"id": "w", "name": "Webinar", "activity": "webinar", "points": 5}
                ],
                "badges": [],
                "levels": [{"name": "Member", "points": 0, "activities": 0}],
                "limits": {"per_advocate": None, "program": 100, "period": "month"},
            },
        )
        assert policy.challenges[0].activity is T.WEBINAR
        assert policy.limits.program == 100

    def test_constructors_take_values_not_dicts(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"GamificationPolicy\.limits"):
            GamificationPolicy((), (), (GamificationLevel("B", 0, 0),), limits={})  # type: ignore[arg-type]


class TestResultValidation:
    """Levels, points lines and badge rows refuse what the rules never make."""

    EARNED = points_earned(ACTIVITIES, opportunities=[WON], policy=POLICY)
    BADGES = badges_earned(ACTIVITIES, policy=POLICY)

    def test_the_rules_own_results_pass_unchanged(self) -> None:
        for reached in (level_reached(950, 4), level_reached(9000, 40)):
            assert attrs.evolve(reached) == reached
        assert attrs.evolve(self.EARNED) == self.EARNED
        assert [attrs.evolve(x) for x in self.EARNED.lines] == list(self.EARNED.lines)
        assert attrs.evolve(self.BADGES) == self.BADGES
        assert [attrs.evolve(r) for r in self.BADGES.rows] == list(self.BADGES.rows)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"points": -1}, r"points: got -1; expected an integer of at least 0"),
            ({"activities": -1}, r"activities: got -1"),
            (
                {"points": 400},
                (
                    r"level: got 'Silver'; expected a level met by 400 points and 4 "
                    r"activities; Silver needs 500 and 3"
                ),
            ),
            (
                {"next": POLICY.levels[0]},
                (
                    r"next: got 'Bronze'; expected a level above Silver: more than 500 "
                    r"points and at least 3 activities"
                ),
            ),
            (
                {"points": 1600, "activities": 9},
                (
                    r"next: got 'Gold'; expected a level not met yet by 1600 points "
                    r"and 9 activities, or None"
                ),
            ),
        ],
    )
    def test_the_level_is_met_and_the_next_is_above_and_not(
        self, changes: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"LevelReached\.{message}"):
            attrs.evolve(level_reached(950, 4), **changes)

    def test_a_next_level_needing_as_many_activities_is_above(self) -> None:
        level = GamificationLevel("Member", 0, 0)
        more = GamificationLevel("More", 10, 0)
        assert LevelReached(level, 5, 0, more).next == more

    def test_a_line_fits_its_challenge(self) -> None:
        plain, milestone = self.EARNED.lines[2], self.EARNED.lines[4]
        assert milestone.challenge.won_deal
        with pytest.raises(
            InvalidValueError,
            match=r"PointsLine\.activity: got .*; expected referral, the type "
            r"referral rewards",
        ):
            attrs.evolve(plain, activity=T.WEBINAR)
        with pytest.raises(
            InvalidValueError,
            match=r"PointsLine\.opportunity_id: got 'opp-1'; expected None for "
            r"referral, which is not a milestone",
        ):
            attrs.evolve(plain, opportunity_id="opp-1")
        with pytest.raises(
            InvalidValueError,
            match=r"PointsLine\.opportunity_id: got None; expected the won "
            r"opportunity of the milestone referral-won",
        ):
            attrs.evolve(milestone, opportunity_id=None)

    def test_lines_in_order_and_once(self) -> None:
        lines = self.EARNED.lines
        for wrong in ((lines[1], lines[0], *lines[2:]), (lines[0], *lines)):
            with pytest.raises(
                InvalidValueError,
                match=r"PointsEarned\.lines\[1\]: got 'act-1:reference-call'; "
                r"expected a line after .*: by advocate id, date, activity id, "
                r"then challenge id, each activity and challenge once",
            ):
                attrs.evolve(self.EARNED, lines=wrong)

    @pytest.mark.parametrize(
        "totals",
        [
            {"adv-1": 950, "adv-2": 100},
            {"adv-2": 110, "adv-1": 950},
            {"adv-1": 950},
            {"adv-1": 950, "adv-2": 110, "adv-3": 0},
        ],
    )
    def test_totals_are_the_sums_of_the_lines_in_id_order(
        self, totals: dict[str, int]
    ) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"PointsEarned\.totals: got .*; expected the sums of the lines "
            r"per advocate, in id order: \{'adv-1': 950, 'adv-2': 110\}",
        ):
            attrs.evolve(self.EARNED, totals=totals)

    def test_a_badge_is_dated_exactly_once_its_count_is_met(self) -> None:
        earned, going = self.BADGES.rows[0], self.BADGES.rows[1]
        assert (earned.earned, going.earned) == (True, False)
        with pytest.raises(
            InvalidValueError, match=r"BadgeProgress\.count: got -1; expected an"
        ):
            attrs.evolve(going, count=-1)
        with pytest.raises(
            InvalidValueError,
            match=r"BadgeProgress\.on: got None; expected the date the badge was "
            r"earned: 1 of 1 reference_call activities earns it",
        ):
            attrs.evolve(earned, on=None)
        with pytest.raises(
            InvalidValueError,
            match=r"BadgeProgress\.on: got .*; expected None while 1 of 5 "
            r"reference_call activities are done",
        ):
            attrs.evolve(going, on=pendulum.date(2026, 1, 12))

    def test_badge_rows_by_advocate_each_badge_once_with_a_count(self) -> None:
        rows = self.BADGES.rows
        zero = attrs.evolve(rows[1], count=0)
        with pytest.raises(
            InvalidValueError,
            match=r"BadgesEarned\.rows\[1\]\.count: got 0; expected at least 1: a "
            r"badge without an activity counted has no row",
        ):
            attrs.evolve(self.BADGES, rows=(rows[0], zero, *rows[2:]))
        for wrong in ((rows[0], *rows), (*rows[-2:], *rows[:-2])):
            with pytest.raises(
                InvalidValueError,
                match=r"BadgesEarned\.rows\[\d+\]: got .*; expected one row per "
                r"advocate and badge, by advocate id",
            ):
                attrs.evolve(self.BADGES, rows=wrong)


class TestProperties:
    @given(activity_lists, st.randoms(use_true_random=False))
    def test_results_do_not_depend_on_order(
        self, activities: list[Activity], rnd: random.Random
    ) -> None:
        shuffled = list(activities)
        rnd.shuffle(shuffled)
        assert points_earned(activities, opportunities=[WON]) == points_earned(
            shuffled, opportunities=[WON]
        )
        assert badges_earned(activities) == badges_earned(shuffled)

    @given(activity_lists)
    def test_totals_are_sums_of_lines(self, activities: list[Activity]) -> None:
        earned = points_earned(activities, opportunities=[WON])
        for advocate_id, total in earned.totals.items():
            assert total == sum(
                x.points for x in earned.lines if x.advocate_id == advocate_id
            )
        assert len({x.event_id for x in earned.lines}) == len(earned.lines)

    @given(activity_lists)
    def test_badge_counts(self, activities: list[Activity]) -> None:
        for row in badges_earned(activities).rows:
            counted = [
                a
                for a in activities
                if a.advocate_id == row.advocate_id
                and row.badge.activity in (None, a.type)
            ]
            assert row.count == len(counted) >= 1
            assert row.earned == (row.count >= row.badge.count)
