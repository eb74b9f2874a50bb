"""The invitation waves: the default waves, their checks and order."""

from __future__ import annotations

import json

from advocacy import (
    InvitationWave,
    InvitationWaves,
    from_dict,
    to_dict,
)
from advocacy.exceptions import InvalidValueError
from tests.checks import refused
from tests.program.recruitment import AS_OF, account, advocate


class TestDefaultWaves:
    def test_order_and_predicates(self) -> None:
        waves = InvitationWaves.default()
        assert [w.name for w in waves] == [
            "new contracts",
            "system admins",
            "new managers",
            "key contacts",
        ]
        assert len(waves) == 4
        new, admins, managers, key = waves
        assert new.customer_under_months == 6
        assert "admin" in admins.personas
        assert managers.title_words == {"manager", "head", "director"}
        assert key.min_score == 61

    def test_descriptions(self) -> None:
        assert [w.description for w in InvitationWaves.default()] == [
            "customers for under 6 months, fresh from buying",
            "admins, who know the product best",
            "managers, keen to show results",
            "everyone else who qualifies (score above 60)",
        ]

    def test_round_trips_through_json(self) -> None:
        waves = InvitationWaves(
            (
                *InvitationWaves.default().waves,
                InvitationWave("tiered", tiers={"advocate"}),
            )
        )
        plain = json.loads(json.dumps(to_dict(waves)))
        assert from_dict(InvitationWaves, plain) == waves


class TestTenure:
    WAVE = InvitationWave("fresh", customer_under_months=6)
    PERSON = advocate("p")

    def reason(self, since: str) -> tuple[str, ...] | None:
        return self.WAVE.match(self.PERSON, as_of=AS_OF, account=account("a", since))

    def test_under_the_limit_only(self) -> None:
        assert self.reason("2026-04-30") == ("customer for 5 months (under 6)",)
        assert self.reason("2026-03-30") is None  # exactly 6 whole months

    def test_a_customer_from_today_matches(self) -> None:
        assert self.reason(str(AS_OF)) == ("customer for 0 months (under 6)",)
        assert self.reason(str(AS_OF.add(days=1))) is None  # not started

    def test_needs_the_account(self) -> None:
        error = refused(
            InvalidValueError,
            r"InvitationWave\('fresh'\)\.match\.account",
            lambda: self.WAVE.match(self.PERSON, as_of=AS_OF),
            value=None,
        )
        assert error.owner == "InvitationWave('fresh').match"
        assert error.expected == (
            "the advocate's Account: this wave reads customer tenure"
        )
