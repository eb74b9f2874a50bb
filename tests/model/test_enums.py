"""Size bands and tiers, their order and distances."""

from __future__ import annotations

import pytest

from advocacy import (
    ProspectProfile,
    SizeBand,
    SizeBands,
    Tier,
)
from advocacy.exceptions import InvalidValueError
from tests.model.makers import account


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
