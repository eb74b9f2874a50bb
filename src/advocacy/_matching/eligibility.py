"""Who may be asked: the match policy and the hard eligibility rules.

An advocate is eligible for a request when no rule excludes them. Each rule
that does is a named [`IneligibilityReason`][advocacy.Reason] with the date it stops
applying, if time alone will clear it: the end of a do-not-contact window,
the end of the rest period, the start of the quarter in which the caps
reset. `Eligibility.next_eligible` is the first date
on which no rule applies, found by checking again on each clearing date
until nothing is left (or something that time does not clear).

Quarters are calendar quarters. Caps count the activities done in the
quarter and the asks in flight ([`Commitment`][advocacy.Commitment]) dated
in it; the rest period counts from the last activity or ask in flight dated
on or before the date checked (a commitment's `on`: the day they were asked,
or the day it is scheduled), so an advocate given a request rests from that
day as if they had done it.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import pendulum

from advocacy._internal.calendar import next_quarter, quarter_start
from advocacy._internal.checks import repeated_hint, text
from advocacy._internal.text import headline_repr, table
from advocacy._internal.validation import (
    as_date,
    check_fields,
    checked,
    in_order,
    require,
    require_each,
)
from advocacy._matching.capacity import History, ask_cost, tier_budget
from advocacy._matching.fit import Offer, Want, match_values
from advocacy._matching.policy import FitFactor, Policies, policies_for
from advocacy._model.checks import ACCOUNT, ACTIVITY, ADVOCATE, COMMITMENT, REQUEST
from advocacy._model.customers import Account, Advocate
from advocacy._model.enums import ActivityType
from advocacy._model.records import Activity, Commitment, ReferenceRequest
from advocacy.exceptions import InvalidValueError

__all__ = [
    "Eligibility",
    "Ineligibility",
    "IneligibilityReason",
    "check_eligibility",
    "evaluate",
    "next_eligible",
    "pair_reasons",
    "timed_reasons",
    "type_reasons",
]


class Ineligibility(enum.StrEnum):
    """The rules that can exclude an advocate from a request."""

    OPTED_OUT = "opted_out"
    """They left the program."""

    DO_NOT_CONTACT = "do_not_contact"
    """Inside their do-not-contact window."""

    NOT_OPTED_IN = "not_opted_in"
    """They did not opt in to this activity type."""

    UNAVAILABLE = "unavailable"
    """Not available for reference calls at the moment."""

    NO_TIER = "no_tier"
    """They hold no tier, so no activity may be asked of them."""

    TIER_NOT_ALLOWED = "tier_not_allowed"
    """Their tier may not be asked for this activity type."""

    PUBLIC_NOT_ALLOWED = "public_not_allowed"
    """Their employer forbids public activities."""

    RESTRICTED = "restricted"
    """Their employer forbids this activity type."""

    APPROVAL_NEEDED = "approval_needed"
    """Their account owner must approve the ask first."""

    SAME_COMPANY = "same_company"
    """They work at the prospect's own company."""

    EXCLUDED = "excluded"
    """The request excludes them."""

    RESTING = "resting"
    """Inside the rest period after their last activity."""

    REFERENCE_CALL_CAP = "reference_call_cap"
    """They have taken this quarter's reference calls."""

    TIME_BUDGET = "time_budget"
    """The ask would exceed their tier's time budget for the quarter."""

    MISMATCH = "mismatch"
    """A factor the policy requires does not match the request."""


@attrs.frozen
class IneligibilityReason:
    """One rule excluding an advocate, and when it stops applying.

    Attributes:
        kind: The rule.
        detail: The rule in words, with the figures that tripped it
            (non-empty).
        clears_on: The first date it no longer applies, if time alone clears
            it; `None` if something must change first (an opt-in, an
            approval, a tier) or it never clears.
    """

    kind: Ineligibility
    detail: str = attrs.field(metadata=checked(text))
    clears_on: pendulum.Date | None = None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@headline_repr
@attrs.frozen(repr=False)
class Eligibility:
    """Whether an advocate may be asked for a request, and if not why.

    Attributes:
        advocate_id: The advocate.
        request_id: The request.
        as_of: The date checked.
        reasons: Every rule that excludes them, each rule once, each
            `clears_on` after `as_of` (empty: eligible).
        next_eligible: The first date on or after `as_of` when no rule
            applies: `as_of` itself exactly when there are no reasons, else
            on or after every reason's `clears_on`; `None` if time alone
            will not get there (always so when a reason has no `clears_on`).
    """

    advocate_id: str = attrs.field(metadata=checked(text))
    request_id: str = attrs.field(metadata=checked(text))
    as_of: pendulum.Date
    reasons: tuple[IneligibilityReason, ...]
    next_eligible: pendulum.Date | None

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the reasons and `next_eligible` agree."""
        check_fields(self)
        twice = repeated_hint(reason.kind.value for reason in self.reasons)
        if twice is not None:
            raise InvalidValueError(
                "Eligibility",
                "reasons",
                tuple(reason.kind.value for reason in self.reasons),
                "each rule at most once",
                twice,
            )
        for index, reason in enumerate(self.reasons):
            if reason.clears_on is not None and reason.clears_on <= self.as_of:
                raise InvalidValueError(
                    "Eligibility",
                    f"reasons[{index}].clears_on",
                    reason.clears_on,
                    f"None or a date after as_of ({self.as_of}), since the rule "
                    "applies on as_of",
                )
        in_order(self, "as_of", "next_eligible")
        if not self.reasons and self.next_eligible != self.as_of:
            raise InvalidValueError(
                "Eligibility",
                "next_eligible",
                self.next_eligible,
                f"as_of ({self.as_of}), since no rule excludes them",
            )
        if self.next_eligible is None:
            return
        for reason in self.reasons:
            if reason.clears_on is None or self.next_eligible < reason.clears_on:
                raise InvalidValueError(
                    "Eligibility",
                    "next_eligible",
                    self.next_eligible,
                    f"None, since {reason.kind.value} does not clear with time"
                    if reason.clears_on is None
                    else f"None or a date on or after {reason.clears_on}, when "
                    f"{reason.kind.value} clears",
                )

    @property
    def eligible(self) -> bool:
        """Whether no rule excludes them."""
        return not self.reasons

    def explain(self) -> str:
        """One line per reason, or that they are eligible."""
        if self.eligible:
            return f"{self.advocate_id} is eligible for {self.request_id}"
        when = (
            f"eligible again on {self.next_eligible}"
            if self.next_eligible
            else "not eligible again by time alone"
        )
        lines = [f"{self.advocate_id} is not eligible for {self.request_id} ({when}):"]
        lines += [
            f"  - {reason.kind.value}: {reason.detail}" for reason in self.reasons
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return table(
            ("rule", "why", "clears on"),
            [
                (r.kind.value, r.detail, "" if r.clears_on is None else r.clears_on)
                for r in self.reasons
            ]
            or [("eligible", f"{self.advocate_id} for {self.request_id}", "")],
        )


def type_reasons(
    advocate: Advocate, account: Account, activity: ActivityType, policies: Policies
) -> list[IneligibilityReason]:
    """The rules that depend only on the activity type, not the request."""
    spec = policies.catalog[activity]
    found = []
    if advocate.opted_out:
        found.append(
            IneligibilityReason(Ineligibility.OPTED_OUT, "opted out of the program")
        )
    if activity not in advocate.activities:
        found.append(
            IneligibilityReason(
                Ineligibility.NOT_OPTED_IN, f"not opted in to {activity.value}"
            )
        )
    if (
        activity is ActivityType.REFERENCE_CALL
        and not advocate.available_for_references
    ):
        found.append(
            IneligibilityReason(
                Ineligibility.UNAVAILABLE, "not available for reference calls"
            )
        )
    if advocate.tier is None:
        found.append(IneligibilityReason(Ineligibility.NO_TIER, "holds no tier"))
    elif not policies.tiers.allows(advocate.tier, activity):
        found.append(
            IneligibilityReason(
                Ineligibility.TIER_NOT_ALLOWED,
                f"{advocate.tier.value} may not be asked for {activity.value}",
            )
        )
    if spec.public and not account.policy.public_allowed:
        found.append(
            IneligibilityReason(
                Ineligibility.PUBLIC_NOT_ALLOWED,
                f"{account.name} does not allow public activities",
            )
        )
    if activity in account.policy.restricted:
        found.append(
            IneligibilityReason(
                Ineligibility.RESTRICTED, f"{account.name} forbids {activity.value}"
            )
        )
    return found


def pair_reasons(
    advocate: Advocate,
    account: Account,
    request: ReferenceRequest,
    *,
    matched: Sequence[float | None],
    policies: Policies,
) -> list[IneligibilityReason]:
    """The rules that depend on this request: approval, company, exclusion, fit.

    `matched` holds the matchable factors' values (`advocacy._fit.match_values`,
    or the first six of `values`), computed once per pair by the caller.
    """
    found = []
    if account.policy.approval_required and account.id not in request.approved_accounts:
        found.append(
            IneligibilityReason(
                Ineligibility.APPROVAL_NEEDED,
                f"{account.name}'s owner has not approved this request",
            )
        )
    if request.prospect.account_id == account.id:
        found.append(
            IneligibilityReason(
                Ineligibility.SAME_COMPANY, "works at the prospect's company"
            )
        )
    if advocate.id in request.excluded:
        found.append(
            IneligibilityReason(Ineligibility.EXCLUDED, "excluded by the request")
        )
    required = policies.match.required
    if required and any(
        matched[_POSITION[factor]] not in (None, 1.0) for factor in required
    ):
        missed = sorted(
            factor.value
            for factor in required
            if matched[_POSITION[factor]] not in (None, 1.0)
        )
        found.append(
            IneligibilityReason(
                Ineligibility.MISMATCH,
                f"the policy requires a full match on {', '.join(missed)}",
            )
        )
    return found


_POSITION: Final = {factor: n for n, factor in enumerate(FitFactor)}


def timed_reasons(
    advocate: Advocate,
    activity: ActivityType,
    history: History,
    day: pendulum.Date,
    policies: Policies,
) -> list[IneligibilityReason]:
    """The rules that time clears, checked on `day`."""
    policy = policies.match
    found = []
    if (
        advocate.do_not_contact_until is not None
        and day < advocate.do_not_contact_until
    ):
        found.append(
            IneligibilityReason(
                Ineligibility.DO_NOT_CONTACT,
                f"do not contact until {advocate.do_not_contact_until}",
                advocate.do_not_contact_until,
            )
        )
    last = history.last_on_or_before(day)
    # By day numbers: a date is made only for an advocate who is resting.
    if last is not None and last.toordinal() + policy.rest_days > day.toordinal():
        found.append(
            IneligibilityReason(
                Ineligibility.RESTING,
                f"last activity or ask on {last}; resting {policy.rest_days} days",
                last.add(days=policy.rest_days),
            )
        )
    # The caps are the capacity rule's "no ask left" (advocacy._matching.capacity).
    quarter = quarter_start(day)
    cap = policy.reference_calls_per_quarter
    budget = tier_budget(advocate.tier, policies)
    minutes, calls = history.left(quarter, budget=budget, cap=cap)
    if activity is ActivityType.REFERENCE_CALL and calls <= 0:
        found.append(
            IneligibilityReason(
                Ineligibility.REFERENCE_CALL_CAP,
                f"{cap - calls} of {cap} reference calls this quarter",
                next_quarter(day) if cap else None,
            )
        )
    cost = ask_cost(policies.catalog, activity)
    if advocate.tier is not None and minutes < cost:
        found.append(
            IneligibilityReason(
                Ineligibility.TIME_BUDGET,
                f"{budget - minutes} of {budget} minutes used this quarter; "
                f"{activity.value} takes {cost}",
                next_quarter(day) if cost <= budget else None,
            )
        )
    return found


def evaluate(
    advocate: Advocate,
    account: Account,
    request: ReferenceRequest,
    *,
    history: History,
    as_of: pendulum.Date,
    policies: Policies,
) -> Eligibility:
    """Apply every rule on `as_of`, then find the next eligible date."""
    want = Want.of(request, policies.match)
    offer = Offer.of(
        advocate, account, score=None, last_activity=None, policy=policies.match
    )
    matched = match_values(offer, want, policies.match)
    reasons = [
        *type_reasons(advocate, account, request.activity, policies),
        *pair_reasons(advocate, account, request, matched=matched, policies=policies),
        *timed_reasons(advocate, request.activity, history, as_of, policies),
    ]
    # Move to the latest clearing date and check again there, until nothing
    # applies or something time does not clear. Each step moves strictly
    # forward past finitely many record dates and quarter starts, so it ends.
    day, pending = as_of, reasons
    eligible_on: pendulum.Date | None = as_of
    while pending:
        dates = [reason.clears_on for reason in pending]
        if None in dates:
            eligible_on = None
            break
        day = max(d for d in dates if d is not None)
        eligible_on = day
        pending = timed_reasons(advocate, request.activity, history, day, policies)
    return Eligibility(
        advocate_id=advocate.id,
        request_id=request.id,
        as_of=as_of,
        reasons=tuple(reasons),
        next_eligible=eligible_on,
    )


def check_eligibility(
    advocate: Advocate,
    request: ReferenceRequest,
    *,
    account: Account,
    as_of: pendulum.Date,
    activities: Iterable[Activity] = (),
    commitments: Iterable[Commitment] = (),
    policies: Policies | None = None,
) -> Eligibility:
    """Whether `advocate` may be asked for `request` on `as_of`, and if not why.

    Args:
        advocate: The advocate.
        request: The request.
        account: The advocate's account (its policy and company).
        as_of: The date of the ask.
        activities: Activity records; only the advocate's own are read.
        commitments: Asks in flight; only the advocate's own are read.
        policies: The match policy, activity catalog and tier policy;
            `Policies.default()` if `None`.

    Returns:
        The named reasons that exclude them (none if eligible) and the first
        date on which none applies.

    Raises:
        InvalidValueError: `account` is not the advocate's account.
    """
    owner = "check_eligibility"
    require(owner, "advocate", advocate, ADVOCATE)
    require(owner, "request", request, REQUEST)
    require(owner, "account", account, ACCOUNT)
    day = as_date(owner, "as_of", as_of)
    policies = policies_for(owner, policies)
    done = require_each(owner, "activities", activities, ACTIVITY)
    asked = require_each(owner, "commitments", commitments, COMMITMENT)
    if account.id != advocate.account_id:
        raise InvalidValueError(
            owner,
            "account",
            account.id,
            f"the advocate's account ({advocate.account_id})",
        )
    history = History.build(
        (a for a in done if a.advocate_id == advocate.id),
        (c for c in asked if c.advocate_id == advocate.id),
        policies.catalog,
    )
    return evaluate(
        advocate, account, request, history=history, as_of=day, policies=policies
    )


def next_eligible(
    advocate: Advocate,
    request: ReferenceRequest,
    *,
    account: Account,
    as_of: pendulum.Date,
    activities: Sequence[Activity] = (),
    commitments: Sequence[Commitment] = (),
    policies: Policies | None = None,
) -> pendulum.Date | None:
    """The first date on or after `as_of` when `advocate` may be asked.

    `as_of` itself if they are eligible now; `None` if time alone will not
    make them eligible (opted out, not opted in, awaiting approval, ...).
    Arguments as for [`check_eligibility`][advocacy.check_eligibility].
    """
    return check_eligibility(
        advocate,
        request,
        account=account,
        as_of=as_of,
        activities=activities,
        commitments=commitments,
        policies=policies,
    ).next_eligible
