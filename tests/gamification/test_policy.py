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
    ActivityType,
    Advocate,
    Badge,
    Challenge,
    GamificationLevel,
    GamificationPolicy,
    LevelReached,
    Money,
    Opportunity,
    PointsEvent,
    ProspectProfile,
    RedemptionLimits,
    badges_earned,
    from_dict,
    level_reached,
    points_earned,
    points_ledger,
    to_dict,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)

T = ActivityType
POLICY = GamificationPolicy.default()


def opportunity(
    opportunity_id: str,
    outcome: str = "won",
    closed: str | None = "2026-02-16",
    **kw: Any,
) -> Opportunity:
    return Opportunity(
        opportunity_id,
        ProspectProfile(name="Globex"),
        Money("48000", "USD"),
        "2026-01-28",
        outcome,
        closed if outcome != "open" else None,
        **kw,
    )


# The worked example of docs/explanation/ledger.md.
ACTIVITIES = [
    Activity("act-1", "adv-1", "reference_call", "2026-01-12"),
    Activity("act-2", "adv-1", "online_review", "2026-01-20"),
    Activity("act-3", "adv-1", "referral", "2026-01-28", opportunity_id="opp-1"),
    Activity("act-4", "adv-1", "case_study", "2026-02-10"),
    Activity("act-5", "adv-2", "social_share", "2026-02-02"),
    Activity("act-6", "adv-2", "reference_call", "2026-02-05"),
]
WON = opportunity("opp-1", source="referral")


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


class TestPointsEarned:
    def test_worked_example(self) -> None:
        earned = points_earned(ACTIVITIES, opportunities=[WON], policy=POLICY)
        # Ana: 100 + 50 + 50 + 250 + 500 (the referral's deal was won); Ben: 10 + 100.
        assert earned.totals == {"adv-1": 950, "adv-2": 110}
        assert earned.total("adv-3") == 0
        assert [(x.event_id, x.points, str(x.on)) for x in earned.lines] == [
            ("act-1:reference-call", 100, "2026-01-12"),
            ("act-2:online-review", 50, "2026-01-20"),
            ("act-3:referral", 50, "2026-01-28"),
            ("act-4:case-study", 250, "2026-02-10"),
            ("act-3:referral-won", 500, "2026-02-16"),
            ("act-5:social-share", 10, "2026-02-02"),
            ("act-6:reference-call", 100, "2026-02-05"),
        ]
        assert earned.lines[4].opportunity_id == "opp-1"
        assert earned.explain() == (
            "adv-1: 950 points\n"
            "  2026-01-12 act-1 reference_call +100 (reference-call)\n"
            "  2026-01-20 act-2 online_review +50 (online-review)\n"
            "  2026-01-28 act-3 referral +50 (referral)\n"
            "  2026-02-10 act-4 case_study +250 (case-study)\n"
            "  2026-02-16 act-3 referral +500 (referral-won, opp-1 won)\n"
            "adv-2: 110 points\n"
            "  2026-02-02 act-5 social_share +10 (social-share)\n"
            "  2026-02-05 act-6 reference_call +100 (reference-call)"
        )
        assert repr(earned) == "PointsEarned(7 lines, 2 advocates, 1,060 points)"

    def test_records_and_html(self) -> None:
        earned = points_earned(ACTIVITIES, opportunities=[WON])
        assert earned.to_records()[4] == {
            "advocate_id": "adv-1",
            "activity_id": "act-3",
            "activity": "referral",
            "challenge_id": "referral-won",
            "points": 500,
            "on": pendulum.date(2026, 2, 16),
            "opportunity_id": "opp-1",
            "event_id": "act-3:referral-won",
        }
        assert earned._repr_html_().count("<tr>") == 8

    @pytest.mark.parametrize(
        "deal",
        [
            opportunity("opp-1", "lost"),
            opportunity("opp-1", "open"),
            opportunity("opp-2"),
        ],
    )
    def test_no_milestone_without_a_won_linked_deal(self, deal: Opportunity) -> None:
        earned = points_earned(ACTIVITIES, opportunities=[deal])
        assert earned.total("adv-1") == 450
        assert points_earned(ACTIVITIES).total("adv-1") == 450

    def test_milestone_linked_from_the_opportunity(self) -> None:
        activities = [Activity("act-3", "adv-1", "referral", "2026-01-28")]
        deals = [
            opportunity("opp-2", closed="2026-03-01", activity_ids={"act-3"}),
            opportunity("opp-1", closed="2026-02-20", activity_ids={"act-3"}),
        ]
        earned = points_earned(activities, opportunities=deals)
        milestone = earned.lines[-1]
        assert (milestone.opportunity_id, str(milestone.on)) == ("opp-1", "2026-02-20")
        assert earned.total("adv-1") == 550  # the milestone counts once

    def test_a_type_without_a_challenge_earns_nothing(self) -> None:
        policy = attrs.evolve(
            POLICY,
            challenges=[c for c in POLICY.challenges if c.activity is not T.REFERRAL],
        )
        earned = points_earned(ACTIVITIES, opportunities=[WON], policy=policy)
        assert earned.totals == {"adv-1": 400, "adv-2": 110}

    def test_nothing(self) -> None:
        earned = points_earned([])
        assert earned.explain() == "no points earned"
        assert earned.events() == ()

    def test_events_for_the_ledger(self) -> None:
        earned = points_earned(ACTIVITIES, opportunities=[WON])
        events = earned.events()
        assert [e.id for e in events] == [
            "act-1:reference-call",
            "act-2:online-review",
            "act-3:referral",
            "act-5:social-share",
            "act-6:reference-call",
            "act-4:case-study",
            "act-3:referral-won",
        ]
        assert events[0] == PointsEvent(
            "act-1:reference-call",
            "adv-1",
            "earn",
            100,
            "2026-01-12T00:00:00+00:00",
            note="Take a reference call",
        )
        paris = earned.events(tz="Europe/Paris")
        assert paris[0].at.isoformat() == "2026-01-12T00:00:00+01:00"

    def test_recomputed_events_count_once_in_the_ledger(self) -> None:
        advocates = {
            "adv-1": Advocate("adv-1", "acct-1", "Ana"),
            "adv-2": Advocate("adv-2", "acct-1", "Ben"),
        }
        events = points_earned(ACTIVITIES, opportunities=[WON]).events()
        again = points_earned(list(reversed(ACTIVITIES)), opportunities=[WON]).events()
        log = sorted([*events, *again], key=lambda e: (e.at, e.id))
        ledger = points_ledger(log, advocates=advocates)
        assert ledger.balance("adv-1").earned == 950
        assert len(ledger.repeats) == 7

    def test_bad_time_zone(self) -> None:
        earned = points_earned(ACTIVITIES)
        with pytest.raises(InvalidValueError, match="an IANA time zone name"):
            earned.events(tz="Mars/Olympus")
        with pytest.raises(InvalidTypeError, match=r"PointsEarned\.events\.tz"):
            earned.events(tz=5)  # type: ignore[arg-type]

    def test_repeated_ids(self) -> None:
        with pytest.raises(InvalidValueError, match="unique ids") as caught:
            points_earned([*ACTIVITIES, ACTIVITIES[0]])
        assert caught.value.value == "act-1"
        with pytest.raises(InvalidValueError, match=r"\.opportunities: .*unique ids"):
            points_earned(ACTIVITIES, opportunities=[WON, WON])

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ({"activities": 5}, "activities"),
            ({"activities": ["act-1"]}, r"activities\[0\]"),
            ({"opportunities": 5}, "opportunities"),
            ({"opportunities": ["opp-1"]}, r"opportunities\[0\]"),
            ({"policy": "default"}, "policy"),
        ],
    )
    def test_wrong_kinds(self, arguments: dict[str, Any], field: str) -> None:
        given: dict[str, Any] = {"activities": ACTIVITIES, **arguments}
        with pytest.raises(InvalidTypeError, match=rf"points_earned\.{field}"):
            points_earned(**given)


class TestBadges:
    def test_worked_example(self) -> None:
        badges = badges_earned(ACTIVITIES)
        assert [(r.advocate_id, r.badge.id, str(r.on)) for r in badges.earned] == [
            ("adv-1", "first-reference", "2026-01-12"),
            ("adv-1", "storyteller", "2026-02-10"),
            ("adv-2", "first-reference", "2026-02-05"),
        ]
        assert badges.explain() == (
            "adv-1: earned First Reference (2026-01-12), Storyteller (2026-02-10); "
            "in progress Reference Regular 1/5 reference_call activities, Review Pro "
            "1/5 online_review activities, Connector 1/3 referral activities, "
            "Dedicated Advocate 4/10 activities\n"
            "adv-2: earned First Reference (2026-02-05); in progress Reference "
            "Regular 1/5 reference_call activities, Amplifier 1/10 social_share "
            "activities, Dedicated Advocate 2/10 activities"
        )
        assert repr(badges) == "BadgesEarned(3 earned, 7 in progress)"

    def test_earned_on_the_activity_reaching_the_count(self) -> None:
        reviews = [
            Activity(f"r-{n}", "adv-1", "online_review", f"2026-03-{n:02d}")
            for n in (9, 1, 5, 3, 7, 8)
        ]
        (pro,) = [
            r for r in badges_earned(reviews).of("adv-1") if r.badge.id == "review-pro"
        ]
        assert (pro.count, pro.earned, str(pro.on)) == (6, True, "2026-03-08")
        assert pro.explain() == "Review Pro (2026-03-08)"

    def test_same_day_ties_go_by_id(self) -> None:
        calls = [
            Activity("b", "adv-1", "reference_call", "2026-03-02"),
            Activity("a", "adv-1", "webinar", "2026-03-02"),
        ]
        policy = attrs.evolve(POLICY, badges=[Badge("two", "Two", 2)])
        (row,) = badges_earned(calls, policy=policy).rows
        assert str(row.on) == "2026-03-02"

    def test_records_html_and_nothing(self) -> None:
        badges = badges_earned(ACTIVITIES)
        assert badges.to_records()[0] == {
            "advocate_id": "adv-1",
            "badge_id": "first-reference",
            "badge": "First Reference",
            "count": 1,
            "needed": 1,
            "earned": True,
            "on": pendulum.date(2026, 1, 12),
        }
        assert badges._repr_html_().count("<tr>") == 11
        assert badges.of("adv-9") == ()
        assert badges_earned([]).explain() == "no badges in progress"

    def test_wrong_kinds(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"badges_earned\.activities\[0\]"):
            badges_earned([{"id": "act-1"}])  # type: ignore[list-item]


class TestLevels:
    @pytest.mark.parametrize(
        ("points", "activities", "level"),
        [
            (0, 0, "Bronze"),
            (499, 3, "Bronze"),
            (500, 2, "Bronze"),
            (500, 3, "Silver"),
            (5000, 2, "Bronze"),  # points alone unlock nothing
            (1500, 8, "Gold"),
            (1499, 30, "Silver"),
            (4000, 20, "Platinum"),
        ],
    )
    def test_both_thresholds_must_be_met(
        self, points: int, activities: int, level: str
    ) -> None:
        assert level_reached(points, activities).level.name == level

    def test_explain(self) -> None:
        gold = level_reached(1620, 9)
        assert gold.explain() == (
            "Gold: 1,620 points (needs 1,500) and 9 activities (needs 8); next "
            "Platinum needs 2,380 more points and 11 more activities"
        )
        assert (
            level_reached(950, 4)
            .explain()
            .endswith("next Gold needs 550 more points and 4 more activities")
        )
        assert (
            level_reached(5000, 2)
            .explain()
            .endswith("next Silver needs 1 more activities")
        )
        assert (
            level_reached(450, 4).explain().endswith("next Silver needs 50 more points")
        )
        top = level_reached(9000, 40)
        assert top.explain() == (
            "Platinum: 9,000 points (needs 4,000) and 40 activities (needs 20); "
            "the highest level"
        )
        assert (top.next, top.points_to_next, top.activities_to_next) == (None, 0, 0)

    def test_records(self) -> None:
        assert level_reached(1620, 9).to_records() == [
            {
                "level": "Gold",
                "points": 1620,
                "activities": 9,
                "next": "Platinum",
                "points_to_next": 2380,
                "activities_to_next": 11,
            }
        ]
        assert level_reached(9000, 40).to_records()[0]["next"] is None

    def test_a_policy_of_one_level(self) -> None:
        policy = attrs.evolve(POLICY, levels=[GamificationLevel("Member", 0, 0)])
        assert level_reached(10, 1, policy=policy) == LevelReached(
            GamificationLevel("Member", 0, 0), 10, 1, None
        )

    @pytest.mark.parametrize(
        ("points", "activities", "error"),
        [
            (-1, 0, InvalidValueError),
            (0, -2, InvalidValueError),
            (True, 0, InvalidTypeError),
            (0, "3", InvalidTypeError),
        ],
    )
    def test_bad_counts(
        self, points: Any, activities: Any, error: type[Exception]
    ) -> None:
        with pytest.raises(error, match=r"level_reached\."):
            level_reached(points, activities)

    @given(
        st.integers(0, 6000), st.integers(0, 40), st.integers(0, 500), st.integers(0, 5)
    )
    def test_more_never_lowers_the_level(
        self, points: int, activities: int, more_points: int, more_activities: int
    ) -> None:
        names = [level.name for level in POLICY.levels]
        low = level_reached(points, activities)
        high = level_reached(points + more_points, activities + more_activities)
        assert names.index(high.level.name) >= names.index(low.level.name)
        assert low.points >= low.level.points
        assert low.activities >= low.level.activities


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


activity_lists = st.lists(
    st.builds(
        Activity,
        id=st.text("abcdef", min_size=1, max_size=4),
        advocate_id=st.sampled_from(["adv-1", "adv-2", "adv-3"]),
        type=st.sampled_from(T),
        date=st.dates(
            min_value=pendulum.date(2026, 1, 1), max_value=pendulum.date(2026, 3, 31)
        ),
        opportunity_id=st.sampled_from([None, "opp-1"]),
    ),
    unique_by=lambda a: a.id,
    max_size=25,
)


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
