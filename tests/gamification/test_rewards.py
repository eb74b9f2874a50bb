"""Points, badges and levels earned from activities: the rules and their results."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    Advocate,
    Badge,
    GamificationLevel,
    LevelReached,
    Opportunity,
    PointsEvent,
    badges_earned,
    level_reached,
    points_earned,
    points_ledger,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.gamification.policy import (
    ACTIVITIES,
    POLICY,
    WON,
    T,
    opportunity,
)


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
        error = refused(
            InvalidValueError,
            r"PointsEarned\.events\.tz",
            lambda: earned.events(tz="Mars/Olympus"),
            value="Mars/Olympus",
        )
        assert (error.owner, error.field) == ("PointsEarned.events", "tz")
        assert error.expected == "an IANA time zone name such as 'UTC'"
        with pytest.raises(InvalidTypeError, match=r"PointsEarned\.events\.tz"):
            earned.events(tz=5)  # type: ignore[arg-type]

    def test_html_table(self) -> None:
        html = points_earned(
            [Activity("act-1", "a<b&c", "reference_call", "2026-01-12")]
        )._repr_html_()
        assert html.startswith(
            "<table><tr><th>advocate</th><th>date</th><th>activity</th>"
            "<th>challenge</th><th>points</th></tr>"
        )
        assert (
            "<tr><td>a&lt;b&amp;c</td><td>2026-01-12</td><td>act-1</td>"
            "<td>reference-call</td><td>100</td></tr>"
        ) in html

    def test_refused_totals_and_lines_show_the_value(self) -> None:
        earned = points_earned(ACTIVITIES, opportunities=[WON])
        refused(
            InvalidValueError,
            r"PointsEarned\.totals",
            lambda: attrs.evolve(earned, totals={"adv-1": 950}),
            value={"adv-1": 950},
            expected="the sums of the lines per advocate, in id order",
        )
        line = earned.lines[0]
        refused(
            InvalidValueError,
            r"PointsLine\.activity",
            lambda: attrs.evolve(line, activity=T.WEBINAR),
            value=T.WEBINAR,
            expected="reference_call, the type reference-call rewards",
        )

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
        error = refused(
            InvalidTypeError,
            r"badges_earned\.policy",
            lambda: badges_earned(ACTIVITIES, policy="default"),  # type: ignore[arg-type]
            value="default",
        )
        assert error.owner == "badges_earned"

    # One badge of two activities: adv-1 earns it, adv-2 is half way there.
    TWO = attrs.evolve(POLICY, badges=[Badge("two", "Tom & <Jerry>", 2)])
    DONE = (
        Activity("a-1", "adv-1", "webinar", "2026-03-01"),
        Activity("a-2", "adv-1", "referral", "2026-03-02"),
        Activity("b-1", "adv-2", "webinar", "2026-03-03"),
    )

    def test_explain_says_none_when_nothing_is_earned_or_in_progress(self) -> None:
        assert badges_earned(self.DONE, policy=self.TWO).explain() == (
            "adv-1: earned Tom & <Jerry> (2026-03-02); in progress none\n"
            "adv-2: earned none; in progress Tom & <Jerry> 1/2 activities"
        )

    def test_html_table(self) -> None:
        html = badges_earned(self.DONE, policy=self.TWO)._repr_html_()
        assert html.startswith(
            "<table><tr><th>advocate</th><th>badge</th><th>count</th>"
            "<th>needed</th><th>earned on</th></tr>"
        )
        assert (
            "<tr><td>adv-1</td><td>Tom &amp; &lt;Jerry&gt;</td><td>2</td><td>2</td>"
            "<td>2026-03-02</td></tr>"
        ) in html
        assert (
            "<tr><td>adv-2</td><td>Tom &amp; &lt;Jerry&gt;</td><td>1</td><td>2</td>"
            "<td></td></tr>"
        ) in html

    def test_refused_rows_show_the_value(self) -> None:
        badges = badges_earned(ACTIVITIES)
        going = badges.rows[1]
        day = pendulum.date(2026, 1, 12)
        refused(
            InvalidValueError,
            r"BadgeProgress\.on",
            lambda: attrs.evolve(going, on=day),
            value=day,
            expected="None while 1 of 5 reference_call activities are done",
        )
        refused(
            InvalidValueError,
            r"BadgesEarned\.rows\[1\]",
            lambda: attrs.evolve(badges, rows=(badges.rows[0], *badges.rows)),
            value="adv-1 first-reference",
            expected="one row per advocate and badge, by advocate id",
        )


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
