"""Accounts and advocates, their collections, checks and derived values."""

from __future__ import annotations

import pendulum
import pytest

from advocacy import (
    Account,
    AccountPolicy,
    ActivityType,
    Motivation,
    Tier,
    from_dict,
    to_dict,
)
from advocacy.exceptions import InvalidFieldsError, InvalidTypeError, InvalidValueError
from tests.model.makers import account, advocate


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
