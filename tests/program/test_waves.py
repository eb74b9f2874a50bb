"""The invitation waves: the default waves, their checks and order."""

from __future__ import annotations

import json

from advocacy import (
    InvitationWave,
    InvitationWaves,
    from_dict,
    to_dict,
)


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

    def test_round_trips_through_json(self) -> None:
        waves = InvitationWaves(
            (
                *InvitationWaves.default().waves,
                InvitationWave("tiered", tiers={"advocate"}),
            )
        )
        plain = json.loads(json.dumps(to_dict(waves)))
        assert from_dict(InvitationWaves, plain) == waves
