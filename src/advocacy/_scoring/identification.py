"""The identification rule: which signals mark a contact as a potential advocate.

By default an NPS response of 9-10 together with a health score above 80
(docs/explanation/tier-policy.md). `identify_potential_advocates` scores the
contacts it flags, best first; the workflow that turns them into actions is
`advocacy._program.workflows.identification_actions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs
import pendulum

from advocacy._internal.checks import instance_of, integer, number, text
from advocacy._internal.convert import to_float
from advocacy._internal.validation import as_date, check_fields, checked, require
from advocacy._model.checks import SIGNALS
from advocacy._model.customers import Signals
from advocacy._scoring.model import ScoringModel
from advocacy._scoring.score import Score

__all__ = ["IdentificationRule", "PotentialAdvocate", "identify_potential_advocates"]


@attrs.frozen
class IdentificationRule:
    """Which signals mark a contact as a potential advocate.

    Default (docs/explanation/tier-policy.md): an NPS response of 9-10
    together with a health score above 80.

    Attributes:
        nps_at_least: The lowest NPS response that counts.
        health_above: Health must be strictly above this.
    """

    nps_at_least: int = attrs.field(default=9, metadata=checked(integer(0, 10)))
    health_above: float = attrs.field(
        converter=to_float, default=80, metadata=checked(number(0, 100))
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def default(cls) -> IdentificationRule:
        """NPS 9-10 and health above 80."""
        return cls()

    def matches(self, signals: Signals) -> bool:
        """Whether `signals` mark a potential advocate (missing signals do not)."""
        return (
            signals.nps is not None
            and signals.health_score is not None
            and signals.nps >= self.nps_at_least
            and signals.health_score > self.health_above
        )


@attrs.frozen
class PotentialAdvocate:
    """A contact the identification rule flagged, with their score.

    Attributes:
        id: The contact's id.
        score: Their score under the model, with its breakdown.
        reason: Why they were flagged (non-empty).
    """

    id: str
    score: Score
    reason: str = attrs.field(metadata=checked(text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


def identify_potential_advocates(
    signals: Mapping[str, Signals],
    *,
    as_of: pendulum.Date,
    rule: IdentificationRule | None = None,
    model: ScoringModel | None = None,
) -> tuple[PotentialAdvocate, ...]:
    """The contacts the identification rule flags, best score first.

    Args:
        signals: Contact id to signals.
        as_of: The scoring date.
        rule: The identification rule; `IdentificationRule.default()` if
            `None`.
        model: The scoring model; `ScoringModel.default()` if `None`.

    Returns:
        The flagged contacts, by score (high first) then id.
    """
    owner = "identify_potential_advocates"
    day = as_date(owner, "as_of", as_of)
    applied = IdentificationRule.default() if rule is None else rule
    scorer = ScoringModel.default() if model is None else model
    require(owner, "signals", signals, _SIGNALS_BY_ID)
    for contact_id, contact in signals.items():
        require(owner, f"signals[{contact_id!r}]", contact, SIGNALS)
    found = [
        PotentialAdvocate(
            id=contact_id,
            score=scorer.score(contact, as_of=day),
            reason=(
                f"NPS {contact.nps} >= {applied.nps_at_least} and health "
                f"{contact.health_score:g} > {applied.health_above:g}"
            ),
        )
        for contact_id, contact in signals.items()
        if applied.matches(contact)
    ]
    return tuple(sorted(found, key=lambda p: (-p.score.total, p.id)))


_SIGNALS_BY_ID: Final = instance_of(Mapping, "a mapping of contact id to Signals")
