"""Framing an ask by the advocate's motivation: the catalog and the neutral ask."""

from __future__ import annotations

import json
from typing import Any

import pytest

from advocacy import (
    ActivityType,
    Advocate,
    Framing,
    FramingCatalog,
    Motivation,
    frame_ask,
    from_dict,
    to_dict,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError

T = ActivityType
M = Motivation


def advocate(advocate_id: str, **changes: Any) -> Advocate:
    return Advocate(advocate_id, "acct-old", advocate_id.title(), **changes)


def motivated(*motivations: Motivation) -> Advocate:
    return advocate("m", motivations=set(motivations))


CATALOG = FramingCatalog.default()


class TestFraming:
    def test_peers_not_reference_calls(self) -> None:
        framing = frame_ask(motivated(M.PEER_CONNECTION), T.REFERENCE_CALL)
        assert framing == Framing(
            T.REFERENCE_CALL,
            M.PEER_CONNECTION,
            "Connect with your peers: spend 30 minutes with a team like yours.",
        )
        assert "reference call" not in framing.text
        assert not framing.neutral

    def test_catalog_order_decides_between_motivations(self) -> None:
        both = motivated(M.GIVING_BACK, M.PEER_CONNECTION)
        assert frame_ask(both, "reference_call").motivation is M.PEER_CONNECTION
        assert frame_ask(both, T.ONLINE_REVIEW).motivation is M.GIVING_BACK

    def test_neutral_without_a_suited_motivation(self) -> None:
        framing = frame_ask(motivated(M.CAREER_GROWTH), T.REFERENCE_CALL)
        assert framing.neutral
        assert framing.text == (
            "Would you take a 30-minute reference call with a prospect?"
        )

    @pytest.mark.parametrize("kind", list(ActivityType))
    @pytest.mark.parametrize("motivation", list(Motivation))
    def test_every_pair_is_framed_or_neutral(
        self, kind: ActivityType, motivation: Motivation
    ) -> None:
        framing = frame_ask(motivated(motivation), kind)
        assert framing.activity is kind
        assert framing.motivation in {motivation, None}
        assert framing.neutral is not CATALOG.suits(kind, motivation)
        assert framing.text.strip()

    def test_default_coverage(self) -> None:
        neutral = {f.activity for f in CATALOG.framings if f.neutral}
        assert neutral == set(ActivityType)
        motivations = {f.motivation for f in CATALOG.framings} - {None}
        assert motivations == set(Motivation)
        # 15 neutral asks and 44 of the 105 pairs framed.
        assert len(CATALOG.framings) == 15 + 44

    def test_generic_fallback(self) -> None:
        empty = FramingCatalog(())
        framing = frame_ask(motivated(M.RECOGNITION), T.SITE_VISIT, catalog=empty)
        assert framing == Framing(
            T.SITE_VISIT, None, "Would you help us with this: site visit?"
        )

    def test_round_trips_through_json(self) -> None:
        plain = json.loads(json.dumps(to_dict(CATALOG)))
        assert from_dict(FramingCatalog, plain) == CATALOG

    def test_repeated_pair(self) -> None:
        twice = (Framing(T.WEBINAR, None, "a"), Framing("webinar", None, "b"))
        with pytest.raises(InvalidValueError, match=r"FramingCatalog\.framings") as got:
            FramingCatalog(twice)
        assert got.value.hint == "repeated: webinar/neutral"
        framed = (
            Framing(T.WEBINAR, M.RECOGNITION, "a"),
            Framing(T.WEBINAR, "recognition", "b"),
        )
        with pytest.raises(InvalidValueError, match="repeated: webinar/recognition"):
            FramingCatalog(framed)

    def test_bad_input(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"frame_ask\.activity.*'podcast'"):
            frame_ask(motivated(), "podcast")
        with pytest.raises(InvalidTypeError, match=r"frame_ask\.advocate"):
            frame_ask("m", T.WEBINAR)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"frame_ask\.catalog"):
            frame_ask(motivated(), T.WEBINAR, catalog=())  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"Framing\.motivation"):
            Framing(T.WEBINAR, "fame", "x")
        with pytest.raises(InvalidValueError, match=r"Framing\.text"):
            Framing(T.WEBINAR, None, " ")
        with pytest.raises(InvalidTypeError, match=r"FramingCatalog\.framings"):
            FramingCatalog(("x",))  # type: ignore[arg-type]
