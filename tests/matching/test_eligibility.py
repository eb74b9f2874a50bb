"""Eligibility: every hard rule by name, and the exact date it clears."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    AccountPolicy,
    ActivityType,
    Commitment,
    Eligibility,
    FitFactor,
    Ineligibility,
    MatchPolicy,
    Policies,
    ProspectProfile,
    Tier,
    check_eligibility,
    next_eligible,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused
from tests.world import AS_OF, account, activity, advocate, request

ACCOUNT = account("a1")
Q3 = pendulum.date(2026, 7, 1)  # the quarter after AS_OF's


def check(**changes: Any) -> Eligibility:
    """Eligibility of a default advocate for a default request, with changes."""
    who = changes.pop("advocate", advocate("v1", "a1"))
    what = changes.pop("request", request("r1"))
    return check_eligibility(
        who, what, account=changes.pop("account", ACCOUNT), as_of=AS_OF, **changes
    )


def kinds(eligibility: Eligibility) -> list[Ineligibility]:
    return [reason.kind for reason in eligibility.reasons]


class TestEligible:
    def test_the_default_advocate_is_eligible_now(self) -> None:
        result = check()
        assert result.eligible
        assert result.next_eligible == AS_OF
        assert result.explain() == "v1 is eligible for r1"


class TestRulesTimeDoesNotClear:
    @pytest.mark.parametrize(
        ("changes", "kind", "detail"),
        [
            (
                {"advocate": advocate("v1", "a1", opted_out=True)},
                Ineligibility.OPTED_OUT,
                "opted out of the program",
            ),
            (
                {"advocate": advocate("v1", "a1", activities={ActivityType.WEBINAR})},
                Ineligibility.NOT_OPTED_IN,
                "not opted in to reference_call",
            ),
            (
                {"advocate": advocate("v1", "a1", available_for_references=False)},
                Ineligibility.UNAVAILABLE,
                "not available for reference calls",
            ),
            (
                {"advocate": advocate("v1", "a1", tier=None)},
                Ineligibility.NO_TIER,
                "holds no tier",
            ),
            (
                {"advocate": advocate("v1", "a1", tier=Tier.SUPPORTER)},
                Ineligibility.TIER_NOT_ALLOWED,
                "supporter may not be asked for reference_call",
            ),
            (
                {"request": request("r1", prospect=ProspectProfile(account_id="a1"))},
                Ineligibility.SAME_COMPANY,
                "works at the prospect's company",
            ),
            (
                {"request": request("r1", excluded={"v1"})},
                Ineligibility.EXCLUDED,
                "excluded by the request",
            ),
            (
                {
                    "account": account(
                        "a1", policy=AccountPolicy(approval_required=True)
                    )
                },
                Ineligibility.APPROVAL_NEEDED,
                "a1 Inc's owner has not approved this request",
            ),
            (
                {
                    "account": account(
                        "a1", policy=AccountPolicy(public_allowed=False)
                    ),
                    "request": request("r1", activity=ActivityType.CASE_STUDY),
                },
                Ineligibility.PUBLIC_NOT_ALLOWED,
                "a1 Inc does not allow public activities",
            ),
            (
                {
                    "account": account(
                        "a1",
                        policy=AccountPolicy(restricted={ActivityType.REFERENCE_CALL}),
                    )
                },
                Ineligibility.RESTRICTED,
                "a1 Inc forbids reference_call",
            ),
        ],
    )
    def test_rule_is_named_and_never_clears_by_time(
        self, changes: dict[str, Any], kind: Ineligibility, detail: str
    ) -> None:
        result = check(**changes)
        assert kinds(result) == [kind]
        assert result.reasons[0].detail == detail
        assert result.reasons[0].clears_on is None
        assert result.next_eligible is None
        assert result.explain() == (
            "v1 is not eligible for r1 (not eligible again by time alone):\n"
            f"  - {kind.value}: {detail}"
        )

    def test_approval_given_for_the_account(self) -> None:
        approving = account("a1", policy=AccountPolicy(approval_required=True))
        assert check(
            account=approving, request=request("r1", approved_accounts={"a1"})
        ).eligible

    def test_every_reason_is_listed(self) -> None:
        result = check(advocate=advocate("v1", "a1", opted_out=True, tier=None))
        assert kinds(result) == [Ineligibility.OPTED_OUT, Ineligibility.NO_TIER]


class TestRulesTimeClears:
    def test_do_not_contact_window(self) -> None:
        until = AS_OF.add(days=10)
        result = check(advocate=advocate("v1", "a1", do_not_contact_until=until))
        assert kinds(result) == [Ineligibility.DO_NOT_CONTACT]
        assert result.next_eligible == until
        assert check(
            advocate=advocate("v1", "a1", do_not_contact_until=AS_OF)
        ).eligible  # the window's last day is the first contactable one

    def test_rest_period(self) -> None:
        last = AS_OF.subtract(days=3)
        result = check(activities=[activity("x", "v1", last)])
        assert kinds(result) == [Ineligibility.RESTING]
        assert result.next_eligible == last.add(days=14)
        rested = check(activities=[activity("x", "v1", AS_OF.subtract(days=14))])
        assert rested.eligible

    def test_other_advocates_activity_is_ignored(self) -> None:
        assert check(activities=[activity("x", "someone-else", AS_OF)]).eligible

    def test_reference_call_cap_resets_next_quarter(self) -> None:
        calls = [
            activity(f"c{n}", "v1", pendulum.date(2026, 4, 1 + n)) for n in range(3)
        ]
        result = check(activities=calls)
        assert kinds(result) == [Ineligibility.REFERENCE_CALL_CAP]
        assert result.reasons[0].detail == "3 of 3 reference calls this quarter"
        assert result.next_eligible == Q3

    def test_calls_over_the_cap_are_counted_as_taken(self) -> None:
        # Four calls against a cap of three: one call left is -1, so 3 - -1 = 4.
        calls = [
            activity(f"c{n}", "v1", pendulum.date(2026, 4, 1 + n)) for n in range(4)
        ]
        result = check(activities=calls)
        assert result.reasons[0].detail == "4 of 3 reference calls this quarter"

    def test_commitments_count_against_the_cap(self) -> None:
        asks = [
            Commitment(
                "v1",
                f"q{n}",
                ActivityType.REFERENCE_CALL,
                pendulum.date(2026, 4, 1 + n),
            )
            for n in range(3)
        ]
        assert kinds(check(commitments=asks)) == [Ineligibility.REFERENCE_CALL_CAP]

    def test_an_ask_in_flight_rests_them_from_its_date(self) -> None:
        asked = Commitment("v1", "q0", ActivityType.REFERENCE_CALL, AS_OF)
        result = check(commitments=[asked])
        assert kinds(result) == [Ineligibility.RESTING]
        assert result.reasons[0].clears_on == AS_OF.add(days=14)
        assert result.next_eligible == AS_OF.add(days=14)
        # One dated after the day checked rests them from then on, not before.
        later = Commitment("v1", "q0", ActivityType.REFERENCE_CALL, AS_OF.add(days=3))
        assert check(commitments=[later]).eligible

    def test_a_zero_cap_never_clears(self) -> None:
        policy = MatchPolicy(reference_calls_per_quarter=0)
        result = check(policies=Policies(match=policy))
        assert kinds(result) == [Ineligibility.REFERENCE_CALL_CAP]
        assert result.next_eligible is None

    def test_time_budget(self) -> None:
        # An advocate-tier member has 120 minutes a quarter; a case study
        # takes 120, so 15 minutes already spent leaves too little.
        member = advocate("v1", "a1", tier=Tier.ADVOCATE)
        review = activity(
            "x", "v1", pendulum.date(2026, 4, 2), type=ActivityType.ONLINE_REVIEW
        )
        result = check(
            advocate=member,
            request=request("r1", activity=ActivityType.CASE_STUDY),
            activities=[review],
        )
        assert kinds(result) == [Ineligibility.TIME_BUDGET]
        assert "15 of 120 minutes" in result.reasons[0].detail
        assert result.next_eligible == Q3

    def test_an_ask_longer_than_the_budget_never_fits(self) -> None:
        supporter = advocate("v1", "a1", tier=Tier.SUPPORTER)
        result = check(
            advocate=supporter,
            request=request("r1", activity=ActivityType.ONLINE_REVIEW),
        )
        assert result.eligible  # 15 minutes of a 30-minute budget
        long_review = check(
            advocate=supporter,
            request=request("r1", activity=ActivityType.ONLINE_REVIEW),
            activities=[
                activity(
                    "x",
                    "v1",
                    AS_OF.subtract(days=20),
                    type=ActivityType.ONLINE_REVIEW,
                    minutes=20,
                )
            ],
        )
        assert kinds(long_review) == [Ineligibility.TIME_BUDGET]
        assert long_review.next_eligible == Q3

    def test_an_ask_longer_than_a_whole_budget_never_clears(self) -> None:
        # Speaking takes 240 minutes; an advocate-tier budget is 120 a quarter.
        member = advocate("v1", "a1", tier=Tier.ADVOCATE)
        result = check(
            advocate=member, request=request("r1", activity=ActivityType.SPEAKING)
        )
        assert kinds(result) == [
            Ineligibility.TIER_NOT_ALLOWED,
            Ineligibility.TIME_BUDGET,
        ]
        budget = result.reasons[1]
        assert budget.detail == (
            "0 of 120 minutes used this quarter; speaking takes 240"
        )
        assert budget.clears_on is None

    def test_the_latest_clearing_date_wins(self) -> None:
        until = AS_OF.add(days=30)
        result = check(
            advocate=advocate("v1", "a1", do_not_contact_until=until),
            activities=[activity("x", "v1", AS_OF.subtract(days=1))],
        )
        assert kinds(result) == [Ineligibility.DO_NOT_CONTACT, Ineligibility.RESTING]
        assert result.next_eligible == until

    def test_clearing_one_rule_can_meet_another(self) -> None:
        # Out of calls this quarter; a call is booked for the first days of
        # next quarter, so on 1 July the advocate is resting until 15 July.
        calls = [
            activity(f"c{n}", "v1", pendulum.date(2026, 4, 1 + n)) for n in range(3)
        ]
        booked = activity("next", "v1", Q3)
        result = check(activities=[*calls, booked])
        assert kinds(result) == [Ineligibility.REFERENCE_CALL_CAP]
        assert result.next_eligible == Q3.add(days=14)

    def test_a_rule_that_never_clears_ends_the_search(self) -> None:
        result = check(
            advocate=advocate("v1", "a1", do_not_contact_until=AS_OF.add(days=3)),
            policies=Policies(match=MatchPolicy(reference_calls_per_quarter=0)),
        )
        assert result.next_eligible is None

    def test_next_eligible_shortcut(self) -> None:
        last = AS_OF.subtract(days=1)
        assert next_eligible(
            advocate("v1", "a1"),
            request("r1"),
            account=ACCOUNT,
            as_of=AS_OF,
            activities=[activity("x", "v1", last)],
        ) == last.add(days=14)

    def test_next_eligible_reads_commitments_and_policies(self) -> None:
        asked = Commitment("v1", "q0", ActivityType.REFERENCE_CALL, AS_OF)
        short_rest = Policies(match=MatchPolicy(rest_days=5))
        assert next_eligible(
            advocate("v1", "a1"),
            request("r1"),
            account=ACCOUNT,
            as_of=AS_OF,
            commitments=[asked],
        ) == AS_OF.add(days=14)
        assert next_eligible(
            advocate("v1", "a1"),
            request("r1"),
            account=ACCOUNT,
            as_of=AS_OF,
            commitments=[asked],
            policies=short_rest,
        ) == AS_OF.add(days=5)

    def test_explain_lists_reasons_and_date(self) -> None:
        result = check(activities=[activity("x", "v1", AS_OF)])
        assert result.explain() == (
            "v1 is not eligible for r1 (eligible again on 2026-05-29):\n"
            "  - resting: last activity or ask on 2026-05-15; resting 14 days"
        )


class TestRequiredFactors:
    def test_a_required_factor_must_match_fully(self) -> None:
        policy = MatchPolicy(required={FitFactor.INDUSTRY, FitFactor.REGION})
        banking = account("a1", industry="Banking")
        result = check(account=banking, policies=Policies(match=policy))
        assert kinds(result) == [Ineligibility.MISMATCH]
        # Only the missed factor is named; the region matches fully.
        assert result.reasons[0].detail == (
            "the policy requires a full match on industry"
        )
        assert check(policies=Policies(match=policy)).eligible

    def test_every_missed_factor_is_named_in_order(self) -> None:
        policy = MatchPolicy(required={FitFactor.REGION, FitFactor.INDUSTRY})
        elsewhere = account("a1", industry="Banking", region="APAC")
        result = check(account=elsewhere, policies=Policies(match=policy))
        assert result.reasons[0].detail == (
            "the policy requires a full match on industry, region"
        )

    def test_an_unspecified_factor_constrains_nothing(self) -> None:
        policy = MatchPolicy(required={FitFactor.PERSONA})
        vague = request("r1", prospect=ProspectProfile(industry="Retail"))
        assert check(request=vague, policies=Policies(match=policy)).eligible


class TestBadInput:
    def test_the_account_must_be_the_advocates(self) -> None:
        refused(
            InvalidValueError,
            r"check_eligibility\.account",
            lambda: check(account=account("a2")),
            value="a2",
            expected="the advocate's account (a1)",
        )

    @pytest.mark.parametrize(
        ("changes", "field", "value", "expected"),
        [
            ({"advocate": "v1"}, r"advocate", "v1", "an Advocate"),
            ({"request": "r1"}, r"request", "r1", "a ReferenceRequest"),
            ({"account": "a1"}, r"account", "a1", "an Account"),
            ({"activities": ["x"]}, r"activities\[0\]", "x", "an Activity"),
            ({"commitments": ["q"]}, r"commitments\[0\]", "q", "a Commitment"),
        ],
    )
    def test_an_argument_of_the_wrong_kind_is_refused_by_name(
        self, changes: dict[str, Any], field: str, value: object, expected: str
    ) -> None:
        refused(
            InvalidTypeError,
            rf"check_eligibility\.{field}",
            lambda: check(**changes),
            value=value,
            expected=expected,
        )

    @pytest.mark.parametrize("value", ["strict", 3, MatchPolicy()])
    def test_policies_of_the_wrong_kind(self, value: object) -> None:
        with pytest.raises(InvalidTypeError, match=r"check_eligibility\.policies"):
            check(policies=value)

    @pytest.mark.parametrize(
        ("field", "value"), [("match", "strict"), ("tiers", 3), ("catalog", ())]
    )
    def test_policy_bundle_fields_of_the_wrong_kind(
        self, field: str, value: object
    ) -> None:
        with pytest.raises(InvalidTypeError, match=rf"Policies\.{field}"):
            Policies(**{field: value})  # type: ignore[arg-type]

    def test_as_of_must_be_a_date(self) -> None:
        refused(
            InvalidTypeError,
            r"check_eligibility\.as_of",
            lambda: check_eligibility(
                advocate("v1", "a1"),
                request("r1"),
                account=ACCOUNT,
                as_of="soon",  # type: ignore[arg-type]
            ),
            value="soon",
            expected="a date",
        )
        with pytest.raises(InvalidTypeError, match=r"^check_eligibility\.as_of: "):
            check_eligibility(
                advocate("v1", "a1"),
                request("r1"),
                account=ACCOUNT,
                as_of=pendulum.now(),
            )


ELIGIBLE = check()
RESTING = check(activities=[activity("x", "v1", AS_OF.subtract(days=3))])
NEVER = check(advocate=advocate("v1", "a1", opted_out=True))


class TestEligibilityValidation:
    """An `Eligibility`'s reasons and next date agree, as the rules make them."""

    @given(
        st.integers(-5, 40),
        st.lists(st.integers(0, 60), max_size=4),
        st.sampled_from([*Tier, None]),
        st.integers(0, 3),
        st.integers(0, 30),
    )
    def test_every_result_passes_unchanged(
        self,
        window: int,
        days_ago: list[int],
        tier: Tier | None,
        calls: int,
        rest_days: int,
    ) -> None:
        who = advocate(
            "v1", "a1", tier=tier, do_not_contact_until=AS_OF.add(days=window)
        )
        done = [
            activity(f"x{n}", "v1", AS_OF.subtract(days=ago))
            for n, ago in enumerate(days_ago)
        ]
        policy = MatchPolicy(rest_days=rest_days, reference_calls_per_quarter=calls)
        result = check(advocate=who, activities=done, policies=Policies(match=policy))
        rebuilt = attrs.evolve(
            result, reasons=tuple(attrs.evolve(r) for r in result.reasons)
        )
        assert rebuilt == result
        assert result.next_eligible is None or result.next_eligible >= AS_OF

    def test_the_results_used_here(self) -> None:
        assert ELIGIBLE.eligible
        assert kinds(RESTING) == [Ineligibility.RESTING]
        assert RESTING.next_eligible == AS_OF.add(days=11)
        assert kinds(NEVER) == [Ineligibility.OPTED_OUT]
        assert NEVER.next_eligible is None

    def test_a_reason_needs_its_detail(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"^IneligibilityReason\.detail: got"
        ):
            attrs.evolve(RESTING.reasons[0], detail="")

    @pytest.mark.parametrize(
        ("result", "changes", "field"),
        [
            (ELIGIBLE, {"advocate_id": ""}, "advocate_id"),
            (ELIGIBLE, {"request_id": " "}, "request_id"),
            (RESTING, {"reasons": RESTING.reasons * 2}, "reasons"),
            (
                RESTING,
                {"reasons": (attrs.evolve(RESTING.reasons[0], clears_on=AS_OF),)},
                r"reasons\[0\]\.clears_on",
            ),
            (ELIGIBLE, {"next_eligible": AS_OF.subtract(days=1)}, "next_eligible"),
            (ELIGIBLE, {"next_eligible": AS_OF.add(days=1)}, "next_eligible"),
            (ELIGIBLE, {"next_eligible": None}, "next_eligible"),
            (RESTING, {"next_eligible": AS_OF.add(days=10)}, "next_eligible"),
            (NEVER, {"next_eligible": AS_OF.add(days=30)}, "next_eligible"),
        ],
    )
    def test_a_result_is_refused_by_name(
        self, result: Eligibility, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^Eligibility\.{field}: got"):
            attrs.evolve(result, **changes)

    def test_the_message_names_the_rule(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(NEVER, next_eligible=AS_OF.add(days=30))
        assert caught.value.expected == (
            "None, since opted_out does not clear with time"
        )
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(RESTING, next_eligible=AS_OF.add(days=10))
        assert caught.value.expected == (
            "None or a date on or after 2026-05-26, when resting clears"
        )

    def test_a_rule_listed_twice_is_named(self) -> None:
        error = refused(
            InvalidValueError,
            r"Eligibility\.reasons",
            lambda: attrs.evolve(RESTING, reasons=RESTING.reasons * 2),
            value=("resting", "resting"),
            expected="each rule at most once",
            hint="repeated: resting",
        )
        assert error.expected == "each rule at most once"

    def test_a_reason_clearing_on_as_of_is_refused(self) -> None:
        refused(
            InvalidValueError,
            r"Eligibility\.reasons\[0\]\.clears_on",
            lambda: attrs.evolve(
                RESTING,
                reasons=(attrs.evolve(RESTING.reasons[0], clears_on=AS_OF),),
            ),
            value=AS_OF,
            expected=(
                "None or a date after as_of (2026-05-15), since the rule "
                "applies on as_of"
            ),
        )

    def test_no_reasons_means_eligible_on_as_of(self) -> None:
        refused(
            InvalidValueError,
            r"Eligibility\.next_eligible",
            lambda: attrs.evolve(ELIGIBLE, next_eligible=AS_OF.add(days=1)),
            value=AS_OF.add(days=1),
            expected="as_of (2026-05-15), since no rule excludes them",
        )

    def test_a_date_before_a_reason_clears_is_refused(self) -> None:
        refused(
            InvalidValueError,
            r"Eligibility\.next_eligible",
            lambda: attrs.evolve(RESTING, next_eligible=AS_OF.add(days=10)),
            value=AS_OF.add(days=10),
            expected="None or a date on or after 2026-05-26, when resting clears",
        )
        refused(
            InvalidValueError,
            r"Eligibility\.next_eligible",
            lambda: attrs.evolve(NEVER, next_eligible=AS_OF.add(days=30)),
            value=AS_OF.add(days=30),
            expected="None, since opted_out does not clear with time",
        )

    def test_time_alone_may_not_be_enough_after_a_dated_reason(self) -> None:
        assert attrs.evolve(RESTING, next_eligible=None).next_eligible is None


class TestEligibilityHtml:
    def test_each_reason_is_a_row_with_its_clearing_date(self) -> None:
        result = check(
            advocate=advocate("v1", "a1", opted_out=True),
            activities=[activity("x", "v1", AS_OF.subtract(days=3))],
        )
        assert result._repr_html_() == (
            "<table><tr><th>rule</th><th>why</th><th>clears on</th></tr>"
            "<tr><td>opted_out</td><td>opted out of the program</td><td></td></tr>"
            "<tr><td>resting</td>"
            "<td>last activity or ask on 2026-05-12; resting 14 days</td>"
            "<td>2026-05-26</td></tr></table>"
        )

    def test_an_eligible_advocate_is_one_row(self) -> None:
        assert ELIGIBLE._repr_html_() == (
            "<table><tr><th>rule</th><th>why</th><th>clears on</th></tr>"
            "<tr><td>eligible</td><td>v1 for r1</td><td></td></tr></table>"
        )
