"""The points ledger: events, limits, replay rules and their invariants."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from advocacy import (
    LimitPeriod,
    PointsBalance,
    PointsEvent,
    PointsLedger,
    RedemptionLimits,
    Reversal,
    points_ledger,
)
from advocacy._gamification.ledger import _start
from advocacy.exceptions import (
    AdvocacyError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from tests.gamification.ledger import (
    ADVOCATES,
    IDS,
    STORY,
    T0,
    K,
    earn,
    gaps,
    limit_values,
    redeem,
    refused,
    replay,
    reverse,
)


class TestWorkedExample:
    def test_figures(self) -> None:
        ledger = replay(STORY)
        ana = ledger.balance("adv-1")
        # earned 100 + 50 + 50 + 500 = 700; 600 redeemed leaves 100; the
        # reversal of 500 claws back those 100 and writes off 400.
        assert ana == PointsBalance("adv-1", 700, 100, 400, 600, 0)
        assert ana.lifetime == 200
        assert ledger.balance("adv-2") == PointsBalance("adv-2", 100, 0, 0, 0, 100)
        assert ledger.reversals == (
            Reversal("rev-1", "act-3:referral-won", "adv-1", 500, 100, 400),
        )
        assert ledger.redeemed_in("2026-Q1") == 600
        assert ledger.redeemed_in("2026-Q1", "adv-1") == 600
        assert ledger.redeemed_in("2026-Q1", "adv-2") == 0
        assert ledger.redeemed_in("2026-Q2") == 0

    def test_a_reversal_with_balance_enough_claws_back_all(self) -> None:
        ledger = replay([*STORY[:5], STORY[6]])
        assert ledger.balance("adv-1") == PointsBalance("adv-1", 700, 500, 0, 0, 200)
        assert ledger.reversals[0].explain() == (
            "rev-1 reverses act-3:referral-won of adv-1 (500 points): clawed back "
            "500, written off 0"
        )

    def test_balances_and_reversals_repr_as_their_headlines(self) -> None:
        ledger = replay(STORY)
        assert repr(ledger.balance("adv-2")) == (
            "PointsBalance(adv-2: lifetime 100, balance 100 (earned 100, reversed "
            "0, written off 0, redeemed 0))"
        )
        assert repr(ledger.reversals[0]) == (
            "Reversal(rev-1 reverses act-3:referral-won of adv-1 (500 points): "
            "clawed back 100, written off 400)"
        )

    def test_explain_repr_records_html(self) -> None:
        ledger = replay([*STORY, STORY[0]], per_advocate=1000, program=None)
        assert ledger.explain() == (
            "points ledger: 7 events, 1 repeat ignored, 2 advocates with points\n"
            "redemption limits: 1,000 points per advocate per quarter\n"
            "adv-1: lifetime 200, balance 0 (earned 700, reversed 100, written off "
            "400, redeemed 600)\n"
            "adv-2: lifetime 100, balance 100 (earned 100, reversed 0, written off "
            "0, redeemed 0)\n"
            "rev-1 reverses act-3:referral-won of adv-1 (500 points): clawed back "
            "100, written off 400"
        )
        assert (
            repr(ledger) == "PointsLedger(7 events, 2 advocates, 100 points spendable)"
        )
        assert ledger.to_records() == [
            {
                "advocate_id": "adv-1",
                "earned": 700,
                "reversed": 100,
                "written_off": 400,
                "redeemed": 600,
                "balance": 0,
                "lifetime": 200,
            },
            {
                "advocate_id": "adv-2",
                "earned": 100,
                "reversed": 0,
                "written_off": 0,
                "redeemed": 0,
                "balance": 100,
                "lifetime": 100,
            },
        ]
        page = ledger._repr_html_()
        assert page.count("<tr>") == 3
        assert "<td>adv-1</td><td>200</td><td>0</td>" in page


class TestRepeats:
    def test_the_same_event_twice_counts_once(self) -> None:
        once = replay(STORY)
        twice = replay([*STORY, *STORY])
        assert twice.balances == once.balances
        assert twice.events == once.events
        assert twice.repeats == tuple(e.id for e in STORY)

    def test_a_repeat_may_carry_its_original_earlier_time(self) -> None:
        ledger = replay([earn("e-1", 5, 0), earn("e-2", 5, 10), earn("e-1", 5, 0)])
        assert ledger.balance("adv-1").earned == 10

    def test_a_different_event_reusing_an_id(self) -> None:
        error = refused([earn("e-1", 5), earn("e-1", 6, 1)])
        assert isinstance(error, InvalidValueError)
        assert str(error) == (
            "points_ledger.events[1].id: got 'e-1'; expected an id not used by another "
            "event (an earlier 'earn' event has this id; a repeat must be the same "
            "event)"
        )

    def test_a_reversal_or_redemption_repeated(self) -> None:
        events = [earn("e-1", 50), redeem("r-1", 20, 1), reverse("v-1", "e-1", 50, 2)]
        ledger = replay([*events, events[1], events[2]])
        assert ledger.balance("adv-1") == PointsBalance("adv-1", 50, 30, 20, 20, 0)
        assert ledger.repeats == ("r-1", "v-1")


class TestOrderAndLookups:
    def test_events_out_of_time_order(self) -> None:
        error = refused([earn("e-1", 5, 2), earn("e-2", 5, 1)])
        assert str(error) == (
            "points_ledger.events[1].at: got DateTime(2026, 3, 2, 10, 0, 0, "
            "tzinfo=Timezone('UTC')); expected a time on or after 2026-03-02 11:00 "
            "+00:00, the time of e-1 before it; events must be in time order"
        )

    def test_equal_times_are_in_order_and_order_is_by_instant(self) -> None:
        first = PointsEvent("e-1", "adv-1", "earn", 5, "2026-03-02T10:00:00+01:00")
        second = PointsEvent("e-2", "adv-1", "earn", 5, "2026-03-02T09:30:00+00:00")
        assert replay([first, earn("e-0", 1), second]).balance("adv-1").earned == 11

    def test_unknown_advocate(self) -> None:
        error = refused([earn("e-1", 5, who="adv-9")])
        assert isinstance(error, UnknownKeyError)
        assert isinstance(error, KeyError)
        assert str(error) == (
            "points_ledger.events[0].advocate_id: got 'adv-9'; expected the id of "
            "an advocate in advocates"
        )

    def test_advocate_of_the_wrong_kind(self) -> None:
        with pytest.raises(
            InvalidTypeError, match=r"^points_ledger\.advocates\['adv-1'\]: got 'Ana'"
        ):
            points_ledger([earn("e-1", 5)], advocates={"adv-1": "Ana"})  # type: ignore[dict-item]

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ({"events": 7}, "events"),
            ({"events": ["earn"]}, r"events\[0\]"),
            ({"advocates": ["adv-1"]}, "advocates"),
            ({"limits": {"program": 5}}, "limits"),
        ],
    )
    def test_wrong_kinds(self, arguments: dict[str, Any], field: str) -> None:
        given: dict[str, Any] = {"events": [], "advocates": ADVOCATES, **arguments}
        with pytest.raises(InvalidTypeError, match=rf"points_ledger\.{field}"):
            points_ledger(**given)

    def test_balance_of_a_known_advocate_without_events(self) -> None:
        ledger = replay(STORY)
        assert ledger.balance("adv-3") == PointsBalance("adv-3")
        assert ledger.balance("adv-3").lifetime == 0
        with pytest.raises(UnknownKeyError) as caught:
            ledger.balance("adv-9")
        assert caught.value.value == "adv-9"
        assert caught.value.expected == "the id of a known advocate"
        assert str(caught.value) == (
            "PointsLedger.advocate_id: got 'adv-9'; expected the id of a known advocate"
        )

    def test_default_limits(self) -> None:
        ledger = points_ledger([], advocates=ADVOCATES)
        assert ledger.limits == RedemptionLimits.default()
        assert ledger.balances == {}
        assert repr(ledger) == "PointsLedger(0 events, 0 advocates, 0 points spendable)"


class TestReversals:
    def test_everything_spent_is_all_written_off(self) -> None:
        events = [earn("e-1", 80), redeem("r-1", 80, 1), reverse("v-1", "e-1", 80, 2)]
        ledger = replay(events)
        assert ledger.balance("adv-1") == PointsBalance("adv-1", 80, 0, 80, 80, 0)
        assert ledger.balance("adv-1").lifetime == 0

    def test_an_earn_after_a_write_off_is_not_taken(self) -> None:
        """A shortfall is written off for good: later earns stay spendable."""
        events = [
            earn("e-1", 80),
            redeem("r-1", 50, 1),
            reverse("v-1", "e-1", 80, 2),
            earn("e-2", 40, 3),
        ]
        assert replay(events).balance("adv-1") == PointsBalance(
            "adv-1", 120, 30, 50, 50, 40
        )

    def test_written_off_adds_up_over_several_reversals(self) -> None:
        """Each partly spent reversal writes off its own shortfall; they add up."""
        events = [
            earn("e-1", 100),
            earn("e-2", 100, 1),
            redeem("r-1", 150, 2),
            reverse("v-1", "e-1", 100, 3),
            earn("e-3", 30, 4),
            reverse("v-2", "e-2", 100, 5),
        ]
        ledger = replay(events)
        assert ledger.reversals == (
            Reversal("v-1", "e-1", "adv-1", 100, 50, 50),
            Reversal("v-2", "e-2", "adv-1", 100, 30, 70),
        )
        ana = ledger.balance("adv-1")
        assert ana == PointsBalance("adv-1", 230, 80, 120, 150, 0)
        assert ana.lifetime == 30

    def test_unknown_earn(self) -> None:
        error = refused([earn("e-1", 5), reverse("v-1", "e-9", 5, 1)])
        assert isinstance(error, UnknownKeyError)
        assert str(error) == (
            "points_ledger.events[1].reverses: got 'e-9'; expected the id of an earn "
            "event applied before it"
        )

    def test_reversing_something_not_an_earn(self) -> None:
        error = refused(
            [earn("e-1", 5), redeem("r-1", 5, 1), reverse("v", "r-1", 5, 2)]
        )
        assert str(error) == (
            "points_ledger.events[2].reverses: got 'r-1'; expected the id of an earn "
            "event; r-1 is a 'redeem'"
        )

    def test_reversing_twice(self) -> None:
        events = [
            earn("e-1", 5),
            reverse("v-1", "e-1", 5, 1),
            reverse("v-2", "e-1", 5, 2),
        ]
        error = refused(events)
        assert str(error) == (
            "points_ledger.events[2].reverses: got 'e-1'; expected an earn not "
            "reversed yet; e-1 was reversed by v-1"
        )

    def test_reversing_another_advocates_earn(self) -> None:
        error = refused([earn("e-1", 5), reverse("v-1", "e-1", 5, 1, who="adv-2")])
        assert str(error) == (
            "points_ledger.events[1].advocate_id: got 'adv-2'; expected 'adv-1', who "
            "earned e-1"
        )

    def test_reversing_with_other_points(self) -> None:
        error = refused([earn("e-1", 5), reverse("v-1", "e-1", 4, 1)])
        assert str(error) == (
            "points_ledger.events[1].points: got 4; expected 5, the points of e-1"
        )


class TestRedemptions:
    def test_beyond_the_balance(self) -> None:
        error = refused([earn("e-1", 120), redeem("r-1", 500, 1)])
        assert isinstance(error, InvalidValueError)
        assert str(error) == (
            "points_ledger.events[1].points: got 500; expected at most adv-1's "
            "spendable balance of 120 points"
        )

    def test_the_whole_balance(self) -> None:
        ledger = replay([earn("e-1", 120), redeem("r-1", 120, 1)])
        assert ledger.balance("adv-1").balance == 0

    def test_per_advocate_limit(self) -> None:
        events = [earn("e-1", 900), redeem("r-1", 300, 1), redeem("r-2", 250, 2)]
        error = refused(events, per_advocate=500, program=None)
        assert str(error) == (
            "points_ledger.events[2].points: got 250; expected at most 200 points: "
            "adv-1 may redeem 500 a quarter and redeemed 300 in 2026-Q1"
        )
        exact = [*events[:2], redeem("r-2", 200, 2)]
        assert replay(exact, per_advocate=500).redeemed_in("2026-Q1", "adv-1") == 500

    def test_program_limit_counts_everyone(self) -> None:
        events = [
            earn("e-1", 900),
            earn("e-2", 900, 0, "adv-2"),
            redeem("r-1", 300, 1),
            redeem("r-2", 150, 2, "adv-2"),
        ]
        error = refused(events, per_advocate=None, program=400, period="month")
        assert str(error) == (
            "points_ledger.events[3].points: got 150; expected at most 100 points: "
            "the program may redeem 400 a month in all and redeemed 300 in 2026-03"
        )

    def test_a_redemption_exactly_reaching_the_program_limit(self) -> None:
        events = [
            earn("e-1", 900),
            earn("e-2", 900, 0, "adv-2"),
            redeem("r-1", 300, 1),
            redeem("r-2", 100, 2, "adv-2"),
        ]
        ledger = replay(events, per_advocate=None, program=400)
        assert ledger.redemptions == {"2026-Q1": {"adv-1": 300, "adv-2": 100}}
        assert ledger.redeemed_in("2026-Q1") == 400

    def test_limits_start_again_each_period(self) -> None:
        month = 24 * 31
        events = [
            earn("e-1", 900),
            redeem("r-1", 300, 1),
            redeem("r-2", 300, month),
            redeem("r-3", 300, 3 * month),
        ]
        by_month = replay(events, per_advocate=300, period="month")
        assert by_month.redemptions == {
            "2026-03": {"adv-1": 300},
            "2026-04": {"adv-1": 300},
            "2026-06": {"adv-1": 300},
        }
        error = refused(events, per_advocate=300, period="quarter")
        assert "redeemed 300 in 2026-Q2" in str(error)
        assert error.field == "events[3].points"  # type: ignore[attr-defined]

    def test_balance_is_checked_before_limits(self) -> None:
        error = refused([earn("e-1", 10), redeem("r-1", 50, 1)], per_advocate=20)
        assert "spendable balance of 10 points" in str(error)


class TestApply:
    def test_apply_continues_and_leaves_the_ledger_as_it_was(self) -> None:
        ledger = replay(STORY[:5])
        before = attrs.evolve(ledger)
        after = ledger.apply(STORY[5:])
        assert ledger == before
        assert after == replay(STORY)

    def test_apply_keeps_the_repeats_and_names_new_events(self) -> None:
        ledger = replay([earn("e-1", 5), earn("e-1", 5)])
        assert ledger.apply([earn("e-1", 5)]).repeats == ("e-1", "e-1")
        with pytest.raises(InvalidValueError) as caught:
            ledger.apply([earn("e-2", 1, 1), redeem("r-1", 50, 2)])
        assert str(caught.value).startswith(
            "PointsLedger.apply.events[1].points: got 50; expected at most adv-1's "
            "spendable balance of 6 points"
        )

    def test_apply_names_a_stored_event_that_does_not_replay_as_events(self) -> None:
        """A hand-made ledger whose stored events break a rule is refused."""
        events = (redeem("r-1", 50), earn("e-1", 50, 1))
        ledger = PointsLedger(
            limits=RedemptionLimits.unlimited(),
            advocates=ADVOCATES,
            events=events,
            repeats=(),
            balances={"adv-1": PointsBalance("adv-1", 50, 0, 0, 50, 0)},
            reversals=(),
            redemptions={"2026-Q1": {"adv-1": 50}},
        )
        with pytest.raises(InvalidValueError) as caught:
            ledger.apply([])
        assert caught.value.field == "events.points"
        assert str(caught.value) == (
            "PointsLedger.apply.events.points: got 50; expected at most adv-1's "
            "spendable balance of 0 points"
        )

    def test_a_refused_event_changes_nothing_in_the_fold(self) -> None:
        fold = _start("t", [], ADVOCATES, RedemptionLimits(per_advocate=30))
        for index, event in enumerate(STORY[:3]):
            fold.apply(f"events[{index}]", event)
        before = fold.ledger()
        for bad in (
            redeem("r-9", 201, 50),
            redeem("r-9", 31, 50),
            reverse("v-9", "act-3:referral", 49, 50),
            earn("e-9", 5, 50, "adv-9"),
            earn("act-1:reference-call", 5, 50),
        ):
            with pytest.raises(AdvocacyError):
                fold.apply("event", bad)
            assert fold.ledger() == before


class TestResultValidation:
    """Ledger figures refuse what a replay never gives, naming the field."""

    LEDGER = replay(STORY)

    def test_the_replays_own_ledger_passes_unchanged(self) -> None:
        assert attrs.evolve(self.LEDGER) == self.LEDGER
        for figures in self.LEDGER.balances.values():
            assert attrs.evolve(figures) == figures
        assert [attrs.evolve(r) for r in self.LEDGER.reversals] == list(
            self.LEDGER.reversals
        )
        limited = replay([*STORY, STORY[0]], per_advocate=600, program=700)
        assert attrs.evolve(limited) == limited

    @pytest.mark.parametrize(
        ("figures", "message"),
        [
            ((-1, 0, 0, 0, 0), r"earned: got -1; expected an integer of at least 0"),
            ((10, 0, 0, 20, -10), r"balance: got -10; expected an integer of at"),
            (
                (700, 100, 400, 600, 1),
                (
                    r"balance: got 1; expected earned - reversed - redeemed = 700 - "
                    r"100 - 600 = 0"
                ),
            ),
            (
                (700, 100, 400, 300, 300),
                (
                    r"written_off: got 400; expected at most redeemed \(300\): only "
                    r"points spent are written off, so lifetime is never below the "
                    r"balance"
                ),
            ),
        ],
    )
    def test_a_balance_adds_up_and_never_falls_below_zero(
        self, figures: tuple[int, ...], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"PointsBalance\.{message}"):
            PointsBalance("adv-1", *figures)

    @pytest.mark.parametrize(
        ("figures", "message"),
        [
            ((0, 0, 0), r"points: got 0; expected an integer of at least 1"),
            ((500, -1, 501), r"clawed_back: got -1"),
            (
                (500, 100, 300),
                (
                    r"written_off: got 300; expected points - clawed_back = 500 - "
                    r"100 = 400"
                ),
            ),
        ],
    )
    def test_a_reversal_claws_back_or_writes_off_every_point(
        self, figures: tuple[int, int, int], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"Reversal\.{message}"):
            Reversal("rev-1", "act-3:referral-won", "adv-1", *figures)

    def bad(self, message: str, **changes: Any) -> None:
        with pytest.raises(InvalidValueError, match=rf"PointsLedger\.{message}"):
            attrs.evolve(self.LEDGER, **changes)

    def test_events_have_distinct_ids_in_time_order_of_known_advocates(self) -> None:
        events = self.LEDGER.events
        self.bad(
            r"events\[7\]\.id: got 'act-1:reference-call'; expected an id not "
            r"used before",
            events=(*events, events[0]),
        )
        self.bad(
            r"events\[1\]\.at: got .*; expected a time on or after "
            r".*2026-03-03.* \(act-2:online-review\)",
            events=(events[1], events[0], *events[2:]),
        )
        self.bad(
            r"events\[4\]\.advocate_id: got 'adv-2'; expected the id of an "
            r"advocate in advocates",
            advocates={"adv-1": ADVOCATES["adv-1"]},
        )
        self.bad(
            r"repeats\[0\]: got 'red-9'; expected the id of an event applied",
            repeats=("red-9",),
        )

    def test_one_reversal_per_reverse_event_with_its_figures(self) -> None:
        (done,) = self.LEDGER.reversals
        words = (
            r"reversals: got .*; expected one reversal per reverse event, in "
            r"order, with its event id, earn id, advocate and points"
        )
        self.bad(words, reversals=())
        self.bad(words, reversals=(done, done))
        self.bad(words, reversals=(attrs.evolve(done, earn_id="act-3:referral"),))
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(self.LEDGER, reversals=(done, done))
        assert caught.value.value == (done, done)

    def test_each_advocates_figures_are_the_sums_of_their_events(self) -> None:
        balances = dict(self.LEDGER.balances)
        ana, ben = balances["adv-1"], balances["adv-2"]
        self.bad(
            r"balances\['adv-2'\]: got None; expected adv-2's figures from the "
            r"events: earned 100, reversed 0, written off 0, redeemed 0",
            balances={"adv-1": ana},
        )
        self.bad(
            r"balances\['adv-3'\]: got .*; expected no figures: no event is theirs",
            balances=balances | {"adv-3": PointsBalance("adv-3")},
        )
        self.bad(
            r"balances\['adv-2'\]: got .*; expected adv-2's figures",
            balances=balances | {"adv-2": PointsBalance("adv-2", 90, 0, 0, 0, 90)},
        )
        self.bad(
            r"balances\['adv-2'\]: got .*adv-1.*; expected adv-2's figures",
            balances={"adv-1": ana, "adv-2": attrs.evolve(ben, advocate_id="adv-1")},
        )
        self.bad(
            r"balances\['adv-1'\]: got .*; expected adv-1's figures from the "
            r"events: earned 700, reversed 100, written off 400, redeemed 600",
            balances=balances
            | {"adv-1": PointsBalance("adv-1", 700, 0, 500, 600, 100)},
        )

    def test_written_off_is_checked_as_the_sum_of_the_reversals(self) -> None:
        ledger = replay(
            [
                earn("e-1", 100),
                earn("e-2", 100, 1),
                redeem("r-1", 150, 2),
                reverse("v-1", "e-1", 100, 3),
                earn("e-3", 30, 4),
                reverse("v-2", "e-2", 100, 5),
            ]
        )
        assert attrs.evolve(ledger) == ledger
        last_only = PointsBalance("adv-1", 230, 80, 70, 150, 0)
        with pytest.raises(
            InvalidValueError,
            match=(
                r"^PointsLedger\.balances\['adv-1'\]: got .*; expected adv-1's "
                r"figures from the events: earned 230, reversed 80, written off "
                r"120, redeemed 150"
            ),
        ):
            attrs.evolve(ledger, balances={"adv-1": last_only})

    def test_the_per_advocate_limit_names_who_redeemed_most(self) -> None:
        ledger = replay(
            [
                earn("e-1", 900),
                earn("e-2", 900, 0, "adv-2"),
                redeem("r-1", 600, 1),
                redeem("r-2", 50, 2, "adv-2"),
            ]
        )
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(
                ledger, limits=RedemptionLimits(per_advocate=500, program=None)
            )
        assert caught.value.field == "redemptions['2026-Q1']['adv-1']"
        assert caught.value.value == 600
        assert caught.value.expected == "at most the per-advocate limit (500)"

    def test_redemptions_are_the_redeem_events_within_the_limits(self) -> None:
        self.bad(
            r"redemptions: got \{\}; expected the points of the redeem events "
            r"per quarter and advocate: \{'2026-Q1': \{'adv-1': 600\}\}",
            redemptions={},
        )
        self.bad(
            r"redemptions: got .*2026-Q1.*; expected the points of the redeem "
            r"events per month and advocate: \{'2026-03': \{'adv-1': 600\}\}",
            limits=RedemptionLimits(None, None, LimitPeriod.MONTH),
        )
        self.bad(
            r"redemptions\['2026-Q1'\]\['adv-1'\]: got 600; expected at most the "
            r"per-advocate limit \(500\)",
            limits=RedemptionLimits(per_advocate=500, program=None),
        )
        self.bad(
            r"redemptions\['2026-Q1'\]: got 600; expected at most the program "
            r"limit \(599\)",
            limits=RedemptionLimits(per_advocate=None, program=599),
        )


@attrs.define
class Model:
    """The ledger's rules read literally, kept apart from the implementation."""

    limits: RedemptionLimits
    seen: dict[str, PointsEvent] = attrs.Factory(dict)
    last: pendulum.DateTime | None = None
    figures: dict[str, Counter[str]] = attrs.Factory(dict)
    reversed: set[str] = attrs.Factory(set)
    used: Counter[tuple[str, str]] = attrs.Factory(Counter)

    def of(self, who: str) -> Counter[str]:
        return self.figures.setdefault(who, Counter())

    def verdict(self, event: PointsEvent) -> str | None:
        """Why the ledger must refuse `event` (words of its message), or None."""
        if event.id in self.seen:
            return None if self.seen[event.id] == event else "an id not used"
        if self.last is not None and event.at < self.last:
            return "time order"
        if event.advocate_id not in ADVOCATES:
            return "an advocate in advocates"
        if event.kind is K.REVERSE:
            return self.reverse_verdict(event)
        if event.kind is K.REDEEM:
            return self.redeem_verdict(event)
        return None

    def reverse_verdict(self, event: PointsEvent) -> str | None:
        target = self.seen.get(str(event.reverses))
        checks = [
            (target is None, "an earn event applied before"),
            (target is not None and target.kind is not K.EARN, "an earn event;"),
            (str(event.reverses) in self.reversed, "not reversed yet"),
            (
                target is not None and target.advocate_id != event.advocate_id,
                "who earned",
            ),
            (target is not None and target.points != event.points, "the points of"),
        ]
        return next((words for failed, words in checks if failed), None)

    def redeem_verdict(self, event: PointsEvent) -> str | None:
        mine = self.of(event.advocate_id)
        spendable = mine["earned"] - mine["clawed"] - mine["redeemed"]
        period = self.limits.period.of(event.at)
        own = self.used[period, event.advocate_id] + event.points
        everyone = sum(n for (p, _), n in self.used.items() if p == period)
        per_advocate, program = self.limits.per_advocate, self.limits.program
        checks = [
            (event.points > spendable, "spendable balance"),
            (per_advocate is not None and own > per_advocate, "may redeem"),
            (
                program is not None and everyone + event.points > program,
                "the program may redeem",
            ),
        ]
        return next((words for failed, words in checks if failed), None)

    def apply(self, event: PointsEvent) -> None:
        if event.id in self.seen:
            return
        self.seen[event.id] = event
        self.last = event.at
        mine = self.of(event.advocate_id)
        if event.kind is K.EARN:
            mine["earned"] += event.points
        elif event.kind is K.REDEEM:
            mine["redeemed"] += event.points
            self.used[self.limits.period.of(event.at), event.advocate_id] += (
                event.points
            )
        else:
            spendable = mine["earned"] - mine["clawed"] - mine["redeemed"]
            mine["clawed"] += min(spendable, event.points)
            mine["written"] += event.points - min(spendable, event.points)
            self.reversed.add(str(event.reverses))


class LedgerMachine(RuleBasedStateMachine):
    """Any sequence of earn, reverse, redeem, repeated and refused events."""

    def __init__(self) -> None:
        super().__init__()
        self.limits = RedemptionLimits.unlimited()
        self.model = Model(self.limits)
        self.ledger = points_ledger([], advocates=ADVOCATES, limits=self.limits)
        self.offered: list[PointsEvent] = []
        self.hours = 0
        self.made = 0

    @initialize(
        per_advocate=limit_values,
        program=limit_values,
        period=st.sampled_from(LimitPeriod),
    )
    def choose_limits(
        self, per_advocate: int | None, program: int | None, period: LimitPeriod
    ) -> None:
        self.limits = RedemptionLimits(per_advocate, program, period)
        self.model = Model(self.limits)
        self.ledger = points_ledger([], advocates=ADVOCATES, limits=self.limits)

    def new_id(self) -> str:
        self.made += 1
        return f"e-{self.made}"

    def later(self, gap: int) -> pendulum.DateTime:
        self.hours += gap
        return T0.add(hours=self.hours)

    def offer(self, event: PointsEvent) -> None:
        """Apply `event` and check the ledger refuses exactly what the model does."""
        expected = self.model.verdict(event)
        before = self.ledger
        if expected is None:
            self.ledger = self.ledger.apply([event])
            self.model.apply(event)
            self.offered.append(event)
            return
        with pytest.raises(AdvocacyError) as caught:
            self.ledger.apply([event])
        assert expected in str(caught.value)
        assert self.ledger == before

    @rule(who=st.sampled_from(IDS), points=st.integers(1, 300), gap=gaps)
    def earn(self, who: str, points: int, gap: int) -> None:
        self.offer(PointsEvent(self.new_id(), who, "earn", points, self.later(gap)))

    def spendable(self, who: str) -> int:
        mine = self.model.of(who)
        return mine["earned"] - mine["clawed"] - mine["redeemed"]

    @rule(data=st.data(), gap=gaps)
    def redeem(self, data: st.DataObject, gap: int) -> None:
        """Mostly by someone with points, mostly within their balance."""
        rich = [who for who in IDS if self.spendable(who)]
        who = data.draw(st.sampled_from(rich or IDS), label="who")
        spendable = self.spendable(who)
        within = spendable and data.draw(st.sampled_from([True, True, True, False]))
        low, high = (1, spendable) if within else (spendable + 1, spendable + 50)
        points = data.draw(st.integers(low, high), label="points")
        at = self.later(gap)
        self.offer(PointsEvent(self.new_id(), who, "redeem", points, at, reward="r"))

    @precondition(lambda self: bool(self.offered))
    @rule(data=st.data(), gap=gaps, slip=st.sampled_from(["", "", "", "who", "+1"]))
    def reverse(self, data: st.DataObject, gap: int, slip: str) -> None:
        target = data.draw(st.sampled_from(self.offered))
        who = data.draw(st.sampled_from(IDS)) if slip == "who" else target.advocate_id
        points = target.points + (slip == "+1")
        at = self.later(gap)
        event = PointsEvent(
            self.new_id(), who, "reverse", points, at, reverses=target.id
        )
        self.offer(event)

    @precondition(lambda self: bool(self.offered))
    @rule(data=st.data())
    def repeat(self, data: st.DataObject) -> None:
        event = data.draw(st.sampled_from(self.offered))
        before = self.ledger
        self.offer(event)
        assert self.ledger.balances == before.balances
        assert self.ledger.events == before.events
        assert self.ledger.repeats == (*before.repeats, event.id)

    @precondition(lambda self: bool(self.offered))
    @rule(data=st.data())
    def reuse_an_id(self, data: st.DataObject) -> None:
        event = data.draw(st.sampled_from(self.offered))
        self.offer(attrs.evolve(event, note=f"{event.note}!"))

    @precondition(lambda self: self.hours > 0)
    @rule()
    def backwards(self) -> None:
        at = T0.add(hours=self.hours - 1)
        self.offer(PointsEvent(self.new_id(), "adv-1", "earn", 5, at))

    @rule(gap=gaps, reverse=st.booleans())
    def unknown_advocate_or_earn(self, gap: int, reverse: bool) -> None:
        at = self.later(gap)
        if reverse:
            event = PointsEvent(self.new_id(), "adv-1", "reverse", 1, at, reverses="x")
        else:
            event = PointsEvent(self.new_id(), "adv-9", "earn", 5, at)
        self.offer(event)

    @invariant()
    def figures_add_up(self) -> None:
        for who, figures in self.ledger.balances.items():
            assert (
                figures.balance == figures.earned - figures.reversed - figures.redeemed
            )
            assert figures.balance >= 0
            assert figures.lifetime >= figures.balance
            model = self.model.figures[who]
            assert (
                figures.earned,
                figures.reversed,
                figures.written_off,
                figures.redeemed,
            ) == (model["earned"], model["clawed"], model["written"], model["redeemed"])

    @invariant()
    def limits_hold(self) -> None:
        for used in self.ledger.redemptions.values():
            if self.limits.per_advocate is not None:
                assert max(used.values()) <= self.limits.per_advocate
            if self.limits.program is not None:
                assert sum(used.values()) <= self.limits.program

    @invariant()
    def replaying_what_was_applied_gives_the_same_ledger(self) -> None:
        replayed = points_ledger(self.offered, advocates=ADVOCATES, limits=self.limits)
        assert replayed == self.ledger


def test_ledger_state_machine() -> None:
    run_state_machine_as_test(LedgerMachine, settings=settings(stateful_step_count=50))
