"""What program ROI reads: the returns and the costs, as data.

`RoiReturns` holds what the program brought in (closed revenue attributed,
savings, retained revenue) and the pipeline it generated; `RoiCosts` what it
cost (staff, events, recognition, tools, other). Each amount is optional
`Money` of zero or more; `RoiComponent` names each line and `RoiRole` says
whether it counts as a return, pipeline or a cost. `program_roi` (in
`advocacy._impact.roi`) turns them into the report.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from advocacy._internal.validation import check_fields, checked
from advocacy._model.money import (
    OPTIONAL_AMOUNT,
    Money,
    one_currency,
)

__all__ = ["RoiComponent", "RoiCosts", "RoiReturns", "RoiRole"]


class RoiRole(enum.StrEnum):
    """What an ROI component feeds."""

    RETURN = "return"
    """Closed, realised value: counts in the return multiple and net return."""

    PIPELINE = "pipeline"
    """Opportunities, not revenue: counts in the projection only."""

    COST = "cost"
    """What the program cost: the denominator of every ratio."""


class RoiComponent(enum.StrEnum):
    """The components of a program's ROI, in report order."""

    INFLUENCED_CLOSED = "influenced_closed"
    """Closed-won revenue of deals advocates sourced or influenced."""

    RETAINED_REVENUE = "retained_revenue"
    """Revenue of renewals advocates influenced."""

    COST_SAVINGS = "cost_savings"
    """Costs averted, e.g. support tickets answered in the community."""

    REFERRAL_PIPELINE = "referral_pipeline"
    """Pipeline of deals advocates sourced by referral."""

    CONTENT_PIPELINE = "content_pipeline"
    """Pipeline attributed to advocate content such as case studies."""

    STAFF = "staff"
    """People running the program."""

    EVENTS = "events"
    """Advisory boards, customer conferences, dinners."""

    RECOGNITION = "recognition"
    """Gifts, donations, awards and swag for advocates."""

    TOOLS = "tools"
    """Advocacy and review platform licences."""

    @property
    def role(self) -> RoiRole:
        """Whether it is a return, pipeline or a cost."""
        return _ROLES[self]

    @property
    def label(self) -> str:
        """Its name in reports."""
        return _LABELS[self]


_ROLES: Final = {
    RoiComponent.INFLUENCED_CLOSED: RoiRole.RETURN,
    RoiComponent.RETAINED_REVENUE: RoiRole.RETURN,
    RoiComponent.COST_SAVINGS: RoiRole.RETURN,
    RoiComponent.REFERRAL_PIPELINE: RoiRole.PIPELINE,
    RoiComponent.CONTENT_PIPELINE: RoiRole.PIPELINE,
    RoiComponent.STAFF: RoiRole.COST,
    RoiComponent.EVENTS: RoiRole.COST,
    RoiComponent.RECOGNITION: RoiRole.COST,
    RoiComponent.TOOLS: RoiRole.COST,
}
_LABELS: Final = {
    RoiComponent.INFLUENCED_CLOSED: "influenced closed-won revenue",
    RoiComponent.RETAINED_REVENUE: "retained revenue (renewals)",
    RoiComponent.COST_SAVINGS: "cost savings",
    RoiComponent.REFERRAL_PIPELINE: "referral (sourced) pipeline",
    RoiComponent.CONTENT_PIPELINE: "content (case study) pipeline",
    RoiComponent.STAFF: "staff",
    RoiComponent.EVENTS: "events",
    RoiComponent.RECOGNITION: "recognition",
    RoiComponent.TOOLS: "tools",
}


# --- inputs ------------------------------------------------------------------

_AMOUNT: Final = checked(OPTIONAL_AMOUNT)


@attrs.frozen
class RoiReturns:
    """What the program returned, by component; `None` means not measured.

    The first three count as closed, realised value in the return multiple;
    the two pipelines feed only the projection. All given amounts must be in
    one currency, zero or more.

    Attributes:
        influenced_closed: Closed-won revenue of deals advocates sourced or
            influenced (new business and expansion).
        retained_revenue: Revenue of renewals advocates influenced.
        cost_savings: Costs averted, e.g. support costs saved by community
            answers.
        referral_pipeline: Pipeline of deals advocates sourced by referral.
        content_pipeline: Pipeline attributed to advocate content such as
            case studies.
    """

    influenced_closed: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    retained_revenue: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    cost_savings: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    referral_pipeline: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    content_pipeline: Money | None = attrs.field(default=None, metadata=_AMOUNT)

    def __attrs_post_init__(self) -> None:
        """Check each amount, then that they share one currency."""
        check_fields(self)
        one_currency("RoiReturns", attrs.astuple(self, recurse=False))


@attrs.frozen
class RoiCosts:
    """What the program cost, by component; `None` means not counted.

    All given amounts must be in one currency, zero or more.

    Attributes:
        staff: People running the program.
        events: Advisory boards, conferences, dinners.
        recognition: Gifts, donations, awards and swag for advocates.
        tools: Advocacy and review platform licences.
    """

    staff: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    events: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    recognition: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    tools: Money | None = attrs.field(default=None, metadata=_AMOUNT)

    def __attrs_post_init__(self) -> None:
        """Check each amount, then that they share one currency."""
        check_fields(self)
        one_currency("RoiCosts", attrs.astuple(self, recurse=False))
