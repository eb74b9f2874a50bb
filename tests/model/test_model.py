"""The domain's value objects: construction, derived values, validation."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Account,
    AccountPolicy,
    Activity,
    ActivityType,
    Advocate,
    DealKind,
    DealOutcome,
    Money,
    Motivation,
    Opportunity,
    OpportunitySource,
    ProspectProfile,
    ReferenceRequest,
    Signals,
    SizeBand,
    SizeBands,
    Tier,
    from_dict,
    to_dict,
)
from advocacy.exceptions import InvalidFieldsError, InvalidTypeError, InvalidValueError

DAY = pendulum.date(2026, 9, 30)


def account(**changes: object) -> Account:
    fields: dict[str, object] = {
        "id": "acct-1",
        "name": "Northwind Bank",
        "industry": "Financial Services",
        "employees": 2500,
        "region": "EMEA",
        "customer_since": pendulum.date(2021, 3, 1),
        "products": ["Analytics"],
        "use_cases": {"self-service BI"},
        "arr": Money("250000", "USD"),
        "policy": AccountPolicy(approval_required=True),
    }
    return Account(**{**fields, **changes})  # type: ignore[arg-type]


def advocate(**changes: object) -> Advocate:
    fields: dict[str, object] = {
        "id": "adv-1",
        "account_id": "acct-1",
        "name": "Ana Silva",
        "persona": "CIO",
        "activities": ["reference_call", ActivityType.WEBINAR],
        "motivations": ["peer_connection"],
        "do_not_contact_until": "2026-10-15",
        "tier": "champion",
    }
    return Advocate(**{**fields, **changes})  # type: ignore[arg-type]


def request(**changes: object) -> ReferenceRequest:
    fields: dict[str, object] = {
        "id": "req-1",
        "activity": ActivityType.REFERENCE_CALL,
        "prospect": ProspectProfile(name="Acme", industry="Retail", employees=300),
        "requested_on": DAY,
        "needed_by": DAY.add(days=2),
    }
    return ReferenceRequest(**{**fields, **changes})  # type: ignore[arg-type]


def opportunity(**changes: object) -> Opportunity:
    fields: dict[str, object] = {
        "id": "opp-1",
        "prospect": ProspectProfile(name="Acme", region="EMEA"),
        "amount": Money("120000", "USD"),
        "created": DAY.subtract(months=3),
        "outcome": "won",
        "closed": DAY,
        "source": "referral",
        "kind": "expansion",
        "activity_ids": ["act-1"],
    }
    return Opportunity(**{**fields, **changes})  # type: ignore[arg-type]


class TestSizeBands:
    @pytest.mark.parametrize(
        ("employees", "band"),
        [
            (1, SizeBand.SMB),
            (99, SizeBand.SMB),
            (100, SizeBand.MID_MARKET),
            (999, SizeBand.MID_MARKET),
            (1000, SizeBand.ENTERPRISE),
        ],
    )
    def test_default_bands(self, employees: int, band: SizeBand) -> None:
        assert SizeBands.default().band(employees) is band
        assert account(employees=employees).size_band is band
        assert ProspectProfile(employees=employees).size_band is band

    def test_configurable(self) -> None:
        bands = SizeBands(mid_market_from=50, enterprise_from=500)
        assert bands.band(60) is SizeBand.MID_MARKET
        assert bands.band(500) is SizeBand.ENTERPRISE

    def test_bounds_must_ascend(self) -> None:
        with pytest.raises(InvalidValueError, match="enterprise_from"):
            SizeBands(mid_market_from=500, enterprise_from=500)

    def test_distance(self) -> None:
        assert SizeBand.SMB.distance(SizeBand.SMB) == 0
        assert SizeBand.SMB.distance(SizeBand.MID_MARKET) == 1
        assert SizeBand.ENTERPRISE.distance(SizeBand.SMB) == 2

    def test_unknown_prospect_size(self) -> None:
        assert ProspectProfile().size_band is None


class TestTier:
    def test_order(self) -> None:
        assert [t.rank for t in Tier] == [0, 1, 2]
        assert Tier.CHAMPION.at_least(Tier.ADVOCATE)
        assert Tier.ADVOCATE.at_least(Tier.ADVOCATE)
        assert not Tier.SUPPORTER.at_least(Tier.ADVOCATE)


class TestAccount:
    def test_collections_are_normalised(self) -> None:
        made = account()
        assert made.products == frozenset({"Analytics"})
        assert made.policy.approval_required
        assert made.policy.public_allowed

    def test_several_bad_fields_reported_at_once(self) -> None:
        with pytest.raises(InvalidFieldsError) as caught:
            account(employees=0, region=" ", products="Analytics", arr=250000.0)
        assert [e.field for e in caught.value.errors] == [
            "employees",
            "region",
            "products",
            "arr",
        ]
        assert "wrap it in a list" in str(caught.value)

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("id", "", InvalidValueError),
            ("id", 7, InvalidTypeError),
            ("employees", True, InvalidTypeError),
            ("customer_since", pendulum.datetime(2021, 3, 1), InvalidTypeError),
            ("customer_since", "not a date", InvalidTypeError),
            ("products", [1], InvalidTypeError),
            ("products", [["nested"]], InvalidTypeError),
            ("products", 5, InvalidTypeError),
        ],
    )
    def test_bad_field(self, field: str, value: object, error: type[Exception]) -> None:
        with pytest.raises(error, match=field):
            account(**{field: value})

    def test_bad_nested_field_is_named_at_its_path(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"^Account\.policy: got \{"):
            account(policy={"public_allowed": "yes"})
        plain = {**to_dict(account()), "policy": {"public_allowed": "yes"}}
        with pytest.raises(
            InvalidTypeError, match=r"^Account\.policy\.public_allowed: got 'yes'"
        ):
            from_dict(Account, plain)

    def test_restricted_activities(self) -> None:
        policy = AccountPolicy(restricted=["social_share"])
        assert policy.restricted == {ActivityType.SOCIAL_SHARE}
        with pytest.raises(InvalidTypeError, match="restricted"):
            AccountPolicy(restricted=["tweeting"])


class TestAdvocate:
    def test_plain_values_become_members(self) -> None:
        made = advocate()
        assert made.activities == {ActivityType.REFERENCE_CALL, ActivityType.WEBINAR}
        assert made.motivations == {Motivation.PEER_CONNECTION}
        assert made.tier is Tier.CHAMPION
        assert made.do_not_contact_until == pendulum.date(2026, 10, 15)
        assert not made.opted_out
        assert made.available_for_references

    def test_no_tier(self) -> None:
        assert advocate(tier=None).tier is None

    def test_unknown_motivation(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"motivations.*'fame'"):
            advocate(motivations=["fame"])

    def test_flags_must_be_booleans(self) -> None:
        with pytest.raises(InvalidTypeError, match="opted_out"):
            advocate(opted_out="no")


class TestActivity:
    def test_defaults(self) -> None:
        made = Activity(id="a", advocate_id="adv-1", type="case_study", date=DAY)
        assert made.type is ActivityType.CASE_STUDY
        assert made.minutes is None
        assert made.opportunity_id is None
        assert not made.recognition_sent

    def test_datetime_refused(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"Activity\.date.*value\.date\(\)"):
            Activity(
                id="a", advocate_id="b", type=ActivityType.WEBINAR, date=pendulum.now()
            )

    def test_negative_minutes(self) -> None:
        with pytest.raises(InvalidValueError, match="minutes"):
            Activity(
                id="a", advocate_id="b", type=ActivityType.WEBINAR, date=DAY, minutes=-5
            )


class TestOpportunity:
    def test_nested_values_from_plain_data(self) -> None:
        made = opportunity()
        assert made.amount == Money("120000", "USD")
        assert made.prospect.region == "EMEA"
        assert made.outcome is DealOutcome.WON
        assert made.source is OpportunitySource.REFERRAL
        assert made.kind is DealKind.EXPANSION

    def test_open_opportunity_has_no_close_date(self) -> None:
        assert opportunity(outcome="open", closed=None).closed is None
        with pytest.raises(InvalidValueError, match="None while the outcome is open"):
            opportunity(outcome="open")

    def test_closed_opportunity_needs_a_close_date(self) -> None:
        with pytest.raises(InvalidValueError, match="close date of a lost opportunity"):
            opportunity(outcome="lost", closed=None)

    def test_close_before_creation(self) -> None:
        with pytest.raises(InvalidValueError, match="on or after created"):
            opportunity(closed=DAY.subtract(years=1))


class TestAmountsCannotBeNegative:
    """A deal, ARR and a deal at stake are zero or more (a refund is no deal)."""

    @pytest.mark.parametrize(
        ("build", "where"),
        [
            (lambda m: opportunity(amount=m), r"^Opportunity\.amount"),
            (lambda m: account(arr=m), r"^Account\.arr"),
            (lambda m: request(deal_amount=m), r"^ReferenceRequest\.deal_amount"),
        ],
    )
    def test_a_negative_amount_is_refused_by_name(
        self, build: Callable[[Money], object], where: str
    ) -> None:
        with pytest.raises(
            InvalidValueError, match=where + r": got .*-1.*zero or more"
        ):
            build(Money("-1", "USD"))
        assert build(Money("0", "USD")) is not None


class TestReferenceRequest:
    def test_defaults(self) -> None:
        made = request()
        assert made.advocates_needed == 1
        assert made.priority == 1
        assert made.excluded == frozenset()

    @pytest.mark.parametrize("needed", [0, -1])
    def test_needs_at_least_one_advocate(self, needed: int) -> None:
        with pytest.raises(InvalidValueError, match="advocates_needed"):
            request(advocates_needed=needed)

    def test_needed_by_before_requested(self) -> None:
        with pytest.raises(
            InvalidValueError, match="on or after requested_on"
        ) as caught:
            request(needed_by=DAY.subtract(days=1))
        assert caught.value.field == "needed_by"

    def test_prospect_must_be_a_profile(self) -> None:
        with pytest.raises(InvalidTypeError, match="ProspectProfile"):
            request(prospect="Acme")


class TestRoundTrips:
    @pytest.mark.parametrize(
        "value",
        [
            account(),
            advocate(),
            request(deal_amount=Money("5", "EUR"), excluded={"adv-2", "adv-1"}),
            opportunity(),
            Activity(
                id="a", advocate_id="b", type=ActivityType.WEBINAR, date=DAY, minutes=45
            ),
            Signals(nps=9, customer_since=datetime.date(2020, 1, 1)),
            SizeBands(),
            AccountPolicy(restricted=[ActivityType.PRESS]),
        ],
        ids=lambda v: type(v).__name__,
    )
    def test_through_json(self, value: object) -> None:
        plain = json.loads(json.dumps(to_dict(value)))
        assert from_dict(type(value), plain) == value

    def test_sets_become_sorted_lists(self) -> None:
        plain = to_dict(request(excluded={"b", "a", "c"}))
        assert plain["excluded"] == ["a", "b", "c"]
        assert plain["requested_on"] == "2026-09-30"
        assert plain["activity"] == "reference_call"

    @given(
        st.builds(
            Signals,
            nps=st.none() | st.integers(0, 10),
            feature_adoption=st.none() | st.floats(0, 1),
            health_score=st.none() | st.floats(0, 100),
            positive_mentions=st.none() | st.integers(0, 9),
            responded_to_requests=st.none() | st.booleans(),
        )
    )
    def test_signals_round_trip(self, signals: Signals) -> None:
        assert from_dict(Signals, json.loads(json.dumps(to_dict(signals)))) == signals
