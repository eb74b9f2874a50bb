"""Load fairness: the busiest advocates' share, the Gini coefficient, the flag."""

from __future__ import annotations

import random
from fractions import Fraction

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    Advocate,
    FairnessPolicy,
    LoadFairness,
    Period,
    from_dict,
    load_fairness,
    to_dict,
)
from advocacy._internal.stats import gini  # the formula, tested on its own
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused
from tests.world import activity, advocate

AS_OF = pendulum.date(2026, 9, 30)


def pool(n: int, **changes: object) -> list[Advocate]:
    return [advocate(f"adv-{i}", f"acct-{i}", **changes) for i in range(n)]


def work(loads: dict[str, int], day: pendulum.Date = AS_OF) -> list[Activity]:
    return [
        activity(f"{advocate_id}-{n}", advocate_id, day)
        for advocate_id, count in loads.items()
        for n in range(count)
    ]


def test_gini_by_hand() -> None:
    # Sorted ascending 0, 0, 1, 3 (n = 4, total 4): sum(i x load) = 3 + 12 = 15,
    # G = 2 x 15 / (4 x 4) - 5/4 = 30/16 - 20/16 = 5/8.
    assert gini([3, 0, 1, 0]) == Fraction(5, 8)
    assert gini([2, 2, 2]) == 0
    assert gini([0, 0, 0]) == 0
    assert gini([7]) == 0
    # One advocate carries everything: (n - 1) / n.
    assert gini([0, 0, 0, 0, 9]) == Fraction(4, 5)


def test_ten_advocates_one_carrying_most_of_the_program() -> None:
    loads = {f"adv-{i}": 1 for i in range(10)} | {"adv-0": 16, "adv-1": 4}
    report = load_fairness(pool(10), work(loads), as_of=AS_OF)
    # Busiest 20% = ceil(0.2 x 10) = 2 advocates: 16 + 4 = 20 of 28 activities.
    assert report.top_count == 2
    assert report.total == 28
    assert report.active == 10
    assert report.top_share == pytest.approx(20 / 28)
    assert report.busiest == (("adv-0", 16), ("adv-1", 4))
    # Ascending 1 x 8, 4, 16: sum(i x load) = 36 + 36 + 160 = 232;
    # G = 2 x 232 / (10 x 28) - 11/10 = 464/280 - 308/280 = 156/280.
    assert report.gini == pytest.approx(156 / 280)
    assert report.concentrated
    assert report.reasons == (
        "the busiest 2 of 10 advocates did 71% of the activities (flag above 60%)",
        "Gini 0.56 (flag above 0.5)",
    )
    assert repr(report) == (
        "LoadFairness(28 activities, top 20% 71%, Gini 0.56, concentrated)"
    )
    assert report.explain().splitlines()[:3] == [
        (
            "28 activities by 10 of 10 advocates (2025-10-01 to 2026-09-30): "
            "busiest 2 did 71%, Gini 0.56"
        ),
        (
            "  concentrated: the busiest 2 of 10 advocates did 71% of the "
            "activities (flag above 60%)"
        ),
        "  concentrated: Gini 0.56 (flag above 0.5)",
    ]
    assert report.to_records()[:2] == [
        {"advocate_id": "adv-0", "activities": 16, "rank": 1},
        {"advocate_id": "adv-1", "activities": 4, "rank": 2},
    ]
    assert "<td>adv-0</td><td>16</td>" in report._repr_html_()


def test_an_evenly_shared_load_is_not_flagged() -> None:
    report = load_fairness(
        pool(5), work({f"adv-{i}": 3 for i in range(5)}), as_of=AS_OF
    )
    assert report.gini == 0
    assert report.top_share == pytest.approx(3 / 15)
    assert not report.concentrated
    assert "the load is shared" in report.explain()
    assert repr(report).endswith("Gini 0.00, shared)")


def test_idle_advocates_count_and_nobody_working_gives_no_share() -> None:
    report = load_fairness(pool(3), [], as_of=AS_OF)
    assert report.loads == {"adv-0": 0, "adv-1": 0, "adv-2": 0}
    assert report.top_share is None
    assert report.gini == 0
    assert not report.concentrated
    assert "busiest 1 did n/a" in report.explain()
    assert "top 20% n/a" in repr(report)


def test_the_period_the_pool_and_as_of_decide_what_counts() -> None:
    advocates = [*pool(2), advocate("gone", "acct-9", opted_out=True)]
    activities = [
        activity("in", "adv-0", AS_OF),
        activity("first-day", "adv-0", pendulum.date(2025, 10, 1)),
        activity("too-early", "adv-0", pendulum.date(2025, 9, 30)),
        activity("future", "adv-1", AS_OF.add(days=1)),
        activity("stranger", "someone-else", AS_OF),
        activity("opted-out", "gone", AS_OF),
    ]
    report = load_fairness(advocates, activities, as_of=AS_OF)
    assert report.loads == {"adv-0": 2, "adv-1": 0}
    quarter = Period.quarter_of(AS_OF)
    assert load_fairness(advocates, activities, as_of=AS_OF, period=quarter).loads == {
        "adv-0": 1,
        "adv-1": 0,
    }


def test_the_thresholds_are_policy() -> None:
    loads = {"adv-0": 3, "adv-1": 1, "adv-2": 1, "adv-3": 1, "adv-4": 1}
    strict = FairnessPolicy(top=0.4, top_share_above=0.5, gini_above=0.9)
    report = load_fairness(pool(5), work(loads), as_of=AS_OF, policy=strict)
    # Busiest ceil(0.4 x 5) = 2: 4 of 7 activities, above a 50% threshold.
    assert report.top_count == 2
    assert report.top_share == pytest.approx(4 / 7)
    assert report.concentrated
    assert len(report.reasons) == 1
    lenient = FairnessPolicy(top_share_above=1, gini_above=1)
    assert not load_fairness(
        pool(5), work(loads), as_of=AS_OF, policy=lenient
    ).concentrated
    assert FairnessPolicy.default() == FairnessPolicy()
    assert from_dict(FairnessPolicy, to_dict(strict)) == strict


def test_bad_input_is_refused_by_name() -> None:
    with pytest.raises(InvalidValueError, match=r"FairnessPolicy\.top_share_above"):
        FairnessPolicy(top_share_above=60)
    with pytest.raises(InvalidValueError, match=r"FairnessPolicy\.top"):
        FairnessPolicy(top=0)
    with pytest.raises(
        InvalidValueError, match=r"load_fairness\.advocates.*at least one"
    ):
        load_fairness([], [], as_of=AS_OF)
    with pytest.raises(InvalidValueError, match=r"load_fairness\.advocates.*opted"):
        load_fairness([advocate("gone", "a", opted_out=True)], [], as_of=AS_OF)
    with pytest.raises(InvalidValueError, match=r"unique advocate ids.*"):
        load_fairness([*pool(2), *pool(1)], [], as_of=AS_OF)
    with pytest.raises(InvalidTypeError, match=r"load_fairness\.activities"):
        load_fairness(pool(1), ["act-1"], as_of=AS_OF)  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match=r"load_fairness\.period"):
        load_fairness(pool(1), [], as_of=AS_OF, period=(AS_OF, AS_OF))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"load_fairness\.policy"):
        load_fairness(pool(1), [], as_of=AS_OF, policy={"top": 0.2})  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"load_fairness\.as_of"):
        load_fairness(pool(1), [], as_of=pendulum.datetime(2026, 9, 30))


loads_lists = st.lists(st.integers(0, 50), min_size=1, max_size=40)


@given(loads_lists)
def test_gini_lies_in_zero_to_one_and_below_one(loads: list[int]) -> None:
    value = gini(loads)
    assert 0 <= value < 1
    assert value <= Fraction(len(loads) - 1, len(loads))


@given(st.integers(0, 50), st.integers(1, 40))
def test_equal_loads_give_exactly_zero(load: int, n: int) -> None:
    assert gini([load] * n) == 0


def report_for(loads: list[int], seed: int) -> LoadFairness:
    ids = [f"adv-{i}" for i in range(len(loads))]
    advocates = pool(len(loads))
    activities = work(dict(zip(ids, loads, strict=True)))
    random.Random(seed).shuffle(advocates)
    random.Random(seed + 1).shuffle(activities)
    return load_fairness(advocates, activities, as_of=AS_OF)


@given(st.lists(st.integers(0, 8), min_size=1, max_size=12), st.integers(0, 99))
def test_the_report_does_not_depend_on_input_order(loads: list[int], seed: int) -> None:
    assert report_for(loads, seed) == report_for(loads, 0)


@given(loads_lists, st.integers(1, 20), st.randoms(use_true_random=False))
def test_scaling_or_reordering_every_count_changes_nothing(
    loads: list[int], factor: int, rng: random.Random
) -> None:
    shuffled = list(loads)
    rng.shuffle(shuffled)
    assert gini(shuffled) == gini(loads)
    assert gini([load * factor for load in loads]) == gini(loads)


@given(st.lists(st.integers(0, 6), min_size=1, max_size=10), st.integers(2, 4))
def test_scaling_leaves_the_top_share_unchanged(loads: list[int], factor: int) -> None:
    one, scaled = report_for(loads, 0), report_for([x * factor for x in loads], 0)
    assert one.top_share == scaled.top_share
    assert one.gini == scaled.gini
    assert one.concentrated == scaled.concentrated


@given(loads_lists)
def test_the_busiest_do_at_least_their_share_of_the_work(loads: list[int]) -> None:
    ids = [f"adv-{i}" for i in range(len(loads))]
    report = load_fairness(
        pool(len(loads)), work(dict(zip(ids, loads, strict=True))), as_of=AS_OF
    )
    if report.top_share is None:
        assert sum(loads) == 0
    else:
        assert report.top_count / len(loads) <= report.top_share + 1e-12
        assert report.top_share <= 1


@given(
    loads_lists,
    st.floats(0, 1, exclude_min=True, allow_subnormal=False),
)
def test_the_bounds_hold_exactly_for_any_share_counted_as_busiest(
    loads: list[int], top: float
) -> None:
    ids = [f"adv-{i}" for i in range(len(loads))]
    report = load_fairness(
        pool(len(loads)),
        work(dict(zip(ids, loads, strict=True))),
        as_of=AS_OF,
        policy=FairnessPolicy(top=top),
    )
    n = len(loads)
    assert 1 <= report.top_count <= n
    assert report.gini <= (n - 1) / n
    if report.top_share is not None:
        assert report.top_count / n <= report.top_share <= 1


class TestResultValidation:
    """A `LoadFairness` refuses measures the rule never gives, naming the field."""

    LOADS = {f"adv-{i}": 1 for i in range(10)} | {"adv-0": 16, "adv-1": 4}
    REPORT = load_fairness(pool(10), work(LOADS), as_of=AS_OF)
    IDLE = load_fairness(pool(3), [], as_of=AS_OF)

    def test_the_rules_own_reports_pass_unchanged(self) -> None:
        assert attrs.evolve(self.REPORT) == self.REPORT
        assert attrs.evolve(self.IDLE) == self.IDLE

    def test_loads_are_counts_of_a_pool_of_one_or_more(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"LoadFairness\.loads\['adv-3'\]: got -1; expected a count of "
            r"at least 0",
        ):
            attrs.evolve(self.REPORT, loads=self.LOADS | {"adv-3": -1})
        with pytest.raises(
            InvalidValueError,
            match=r"LoadFairness\.loads: got \{\}; expected at least one advocate",
        ):
            attrs.evolve(self.IDLE, loads={}, top_count=0)

    def test_the_busiest_are_the_policys_share_of_the_pool(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"LoadFairness\.top_count: got 3; expected ceil\(policy\.top x "
            r"advocates\) = ceil\(0\.2 x 10\) = 2",
        ):
            attrs.evolve(self.REPORT, top_count=3)

    @pytest.mark.parametrize(
        ("share", "message"),
        [
            (1.5, r"got 1\.5; expected a number from 0 to 1"),
            (0.1, r"got 0\.1; expected a share from top_count / advocates \(2/10\)"),
            (None, r"got None; expected a share from top_count / advocates"),
        ],
    )
    def test_the_busiest_do_at_least_their_headcount_share(
        self, share: float | None, message: str
    ) -> None:
        with pytest.raises(
            InvalidValueError, match=rf"LoadFairness\.top_share: {message}"
        ):
            attrs.evolve(self.REPORT, top_share=share)

    def test_nobody_working_gives_no_share_and_no_inequality(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"LoadFairness\.top_share: got 0\.5; expected None when nobody "
            r"did anything",
        ):
            attrs.evolve(self.IDLE, top_share=0.5)
        with pytest.raises(
            InvalidValueError,
            match=r"LoadFairness\.gini: got 0\.1; expected 0 when nobody did anything",
        ):
            attrs.evolve(self.IDLE, gini=0.1)

    def test_the_gini_stays_below_one(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"LoadFairness\.gini: got 0\.95; expected a coefficient from 0 to "
            r"\(n - 1\) / n \(9/10\)",
        ):
            attrs.evolve(self.REPORT, gini=0.95)
        with pytest.raises(InvalidValueError, match=r"LoadFairness\.gini: got -0\.1"):
            attrs.evolve(self.REPORT, gini=-0.1)


class TestPoolRefusals:
    """`load_fairness` refuses a bad pool, naming `load_fairness.advocates`."""

    def test_an_item_that_is_no_advocate_is_refused_by_its_index(self) -> None:
        refused(
            InvalidTypeError,
            r"load_fairness\.advocates\[1\]",
            lambda: load_fairness([*pool(1), "adv-9"], [], as_of=AS_OF),  # type: ignore[list-item]
            value="adv-9",
            expected="an Advocate",
        )

    def test_a_pool_of_only_opted_out_advocates_is_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"load_fairness\.advocates",
            lambda: load_fairness(pool(2, opted_out=True), [], as_of=AS_OF),
            value=[],
        )
        assert error.expected == "at least one advocate who has not opted out"

    def test_repeated_ids_are_refused_naming_each_once(self) -> None:
        error = refused(
            InvalidValueError,
            r"load_fairness\.advocates",
            lambda: load_fairness([*pool(3), *pool(2), *pool(1)], [], as_of=AS_OF),
            value=["adv-0", "adv-1"],
        )
        assert error.expected == "unique advocate ids"


class TestReadouts:
    """What `explain()` and the HTML table show a user."""

    # Loads 6, 5, 4, 3, 2, 1 over six advocates: 21 activities; the busiest
    # ceil(0.2 x 6) = 2 did 11 of 21 = 52%; ascending sum(i x load) =
    # 1x1 + 2x2 + 3x3 + 4x4 + 5x5 + 6x6 = 91, G = 182/126 - 7/6 = 35/126 = 0.28.
    REPORT = load_fairness(
        pool(6), work({f"adv-{i}": 6 - i for i in range(6)}), as_of=AS_OF
    )

    def test_a_shared_load_says_so_and_lists_the_five_busiest(self) -> None:
        assert not self.REPORT.concentrated
        assert self.REPORT.explain().splitlines() == [
            (
                "21 activities by 6 of 6 advocates (2025-10-01 to 2026-09-30): "
                "busiest 2 did 52%, Gini 0.28"
            ),
            "  the load is shared",
            "  adv-0: 6",
            "  adv-1: 5",
            "  adv-2: 4",
            "  adv-3: 3",
            "  adv-4: 2",
        ]

    def test_the_table_has_the_repr_as_caption_and_a_row_per_busiest(self) -> None:
        assert self.REPORT._repr_html_() == (
            "<table><caption>"
            "LoadFairness(21 activities, top 20% 52%, Gini 0.28, shared)"
            "</caption>"
            "<tr><th>advocate</th><th>activities</th></tr>"
            "<tr><td>adv-0</td><td>6</td></tr>"
            "<tr><td>adv-1</td><td>5</td></tr></table>"
        )
