"""Linking activities to deals within the influence window."""

from __future__ import annotations

import pytest

from advocacy import (
    AttributionKind,
    DealOutcome,
    attribute_pipeline,
)
from advocacy._impact.links import deal_currency, link_activities
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidValueError,
    UnknownKeyError,
)
from tests.checks import refused
from tests.impact.attribution import (
    AS_OF,
    CASE,
    REF,
    act,
    opp,
)


class TestWindow:
    @pytest.mark.parametrize(
        ("day", "counts"),
        [
            ("2026-02-13", False),  # 31 days before the close
            ("2026-02-14", True),  # exactly 30 days before
            ("2026-03-16", True),  # on the close date
            ("2026-03-17", False),  # the day after
        ],
    )
    def test_window_bounds_are_inclusive(self, day: str, counts: bool) -> None:
        deal = opp("o-1", outcome="lost", closed="2026-03-16", activity_ids=("a-1",))
        result = attribute_pipeline(
            [deal], [act("a-1", REF, day)], as_of=AS_OF, window_days=30
        )
        expected = (
            AttributionKind.INFLUENCED if counts else AttributionKind.UNATTRIBUTED
        )
        assert result.deals[0].attribution is expected

    def test_open_deals_end_on_as_of(self) -> None:
        deal = opp("o-1", activity_ids=("a-1",))
        inside = attribute_pipeline(
            [deal], [act("a-1", REF, "2026-09-20")], as_of=AS_OF, window_days=10
        )
        assert inside.influenced.opportunities == 1
        future = attribute_pipeline(
            [deal], [act("a-1", REF, "2026-10-01")], as_of=AS_OF
        )
        assert future.influenced.opportunities == 0

    def test_a_sourced_deal_is_sourced_whatever_the_window(self) -> None:
        deal = opp("o-1", source="referral")
        result = attribute_pipeline([deal], as_of=AS_OF, window_days=0)
        assert result.sourced.opportunities == 1
        assert result.by_type == {}


class TestLinkActivities:
    def test_both_link_directions_are_joined(self) -> None:
        deals = [
            opp("o-2", activity_ids=("a-1",)),
            opp("o-1", outcome="won", closed="2026-03-16", activity_ids=("a-3",)),
        ]
        activities = [
            act("a-1", REF, "2026-02-01"),
            act("a-2", CASE, "2026-03-01", opportunity_id="o-1"),
            act("a-3", REF, "2026-02-20"),
            act("a-4", REF, "2026-03-01", opportunity_id="o-elsewhere"),
            act("a-5", REF, "2026-03-01"),
            act("a-6", CASE, "2026-04-01", opportunity_id="o-1"),
            act("a-7", CASE, "2026-01-01", opportunity_id="o-2"),
        ]
        links, later = link_activities(
            "rule", deals, activities, as_of=AS_OF, window_days=None
        )
        assert later == 0
        assert [link.opportunity.id for link in links] == ["o-1", "o-2"]
        won, open_ = links
        assert (won.opportunity, open_.opportunity) == (deals[1], deals[0])
        assert (won.outcome, str(won.end)) == (DealOutcome.WON, "2026-03-16")
        assert [a.id for a in won.counted] == ["a-3", "a-2"]
        assert [a.id for a in won.outside] == ["a-6"]
        assert (open_.outcome, open_.end) == (DealOutcome.OPEN, AS_OF)
        assert [a.id for a in open_.counted] == ["a-7", "a-1"]
        assert open_.outside == ()

    def test_an_activity_linked_both_ways_counts_once(self) -> None:
        deal = opp("o-1", activity_ids=("a-1",))
        activity = act("a-1", REF, "2026-02-01", opportunity_id="o-1")
        links, _ = link_activities(
            "rule", [deal], [activity], as_of=AS_OF, window_days=None
        )
        assert links[0].counted == (activity,)

    def test_deals_created_after_as_of_are_counted_and_left_out(self) -> None:
        deals = [
            opp("o-1", created="2026-10-01"),
            opp("o-2", created="2026-09-30"),  # on as_of: kept
            opp("o-3", created="2026-12-01"),
            opp("o-4"),
        ]
        links, later = link_activities("rule", deals, [], as_of=AS_OF, window_days=None)
        assert [link.opportunity.id for link in links] == ["o-2", "o-4"]
        assert later == 2

    def test_nothing_created_later(self) -> None:
        _, later = link_activities(
            "rule", [opp("o-1")], [], as_of=AS_OF, window_days=None
        )
        assert later == 0

    def test_an_unknown_activity_id_is_refused(self) -> None:
        deals = [opp("o-1", activity_ids=("a-9", "a-1", "a-5"))]
        error = refused(
            UnknownKeyError,
            "rule.activities",
            lambda: link_activities(
                "rule",
                deals,
                [act("a-1", REF, "2026-02-01")],
                as_of=AS_OF,
                window_days=None,
            ),
            value="a-5",
        )
        assert error.expected == "every activity opportunity o-1 links to"
        assert error.hint == "pass all the activities the opportunities link to"

    def test_an_unknown_activity_id_is_refused_on_a_later_deal(self) -> None:
        deals = [opp("o-1", created="2026-12-01", activity_ids=("a-9",))]
        refused(
            UnknownKeyError,
            "rule.activities",
            lambda: link_activities("rule", deals, [], as_of=AS_OF, window_days=None),
            value="a-9",
        )

    def test_duplicate_opportunity_ids_are_refused(self) -> None:
        error = refused(
            InvalidValueError,
            "rule.opportunities",
            lambda: link_activities(
                "rule",
                [opp("o-1"), opp("o-2"), opp("o-1")],
                [],
                as_of=AS_OF,
                window_days=None,
            ),
            value="o-1",
            hint="repeated: o-1",
        )
        assert error.expected == "unique ids"

    def test_duplicate_activity_ids_are_refused(self) -> None:
        error = refused(
            InvalidValueError,
            "rule.activities",
            lambda: link_activities(
                "rule",
                [opp("o-1")],
                [act("a-1", REF, "2026-02-01"), act("a-1", CASE, "2026-03-01")],
                as_of=AS_OF,
                window_days=None,
            ),
            value="a-1",
            hint="repeated: a-1",
        )
        assert error.expected == "unique ids"


class TestDealCurrency:
    def test_the_deals_currency(self) -> None:
        deals = [opp("o-1", currency="EUR"), opp("o-2", currency="EUR")]
        assert deal_currency("rule", deals, None) == "EUR"

    def test_a_given_currency_the_deals_share(self) -> None:
        deals = [opp("o-1", currency="EUR"), opp("o-2", currency="EUR")]
        assert deal_currency("rule", deals, "eur") == "EUR"

    def test_a_given_currency_without_deals(self) -> None:
        assert deal_currency("rule", [], "gbp") == "GBP"

    def test_mixed_currencies_are_refused(self) -> None:
        deals = [opp("o-1", currency="EUR"), opp("o-2"), opp("o-3", currency="EUR")]
        with pytest.raises(
            CurrencyMismatchError, match=r"^rule: amounts in EUR and USD "
        ) as caught:
            deal_currency("rule", deals, None)
        assert caught.value.currencies == ("EUR", "USD")

    def test_deals_not_in_the_given_currency_are_refused(self) -> None:
        deals = [opp("o-1", currency="EUR"), opp("o-2")]
        with pytest.raises(
            CurrencyMismatchError, match=r"^rule: amounts in EUR and USD cannot"
        ) as caught:
            deal_currency("rule", deals, "EUR")
        assert caught.value.currencies == ("EUR", "USD")

    def test_no_deals_and_no_currency_is_refused(self) -> None:
        error = refused(
            InvalidValueError,
            "rule.currency",
            lambda: deal_currency("rule", [], None),
            value=None,
        )
        assert error.expected == (
            "a currency when there are no opportunities to take it from"
        )
        assert error.hint is None
