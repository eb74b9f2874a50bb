"""Recruitment: invitation waves, and asks framed by motivation."""

from __future__ import annotations

import random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Account,
    Advocate,
    Invitation,
    InvitationWave,
    InvitationWaves,
    NotInvited,
    ScoringModel,
    Signals,
    Tier,
    plan_invitations,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from tests.checks import refused
from tests.program.recruitment import (
    ACCOUNTS,
    AS_OF,
    CANDIDATES,
    advocate,
    candidates,
    plan,
)


class TestPlanInvitations:
    def test_worked_example(self) -> None:
        result = plan()
        assert [(i.advocate_id, i.wave_number) for i in result] == [
            ("a-newadmin", 1),  # new contract and admin: the first wave only
            ("a-new", 1),  # by score within the wave: 70 before 40
            ("a-admin", 2),
            ("a-mgr", 3),
            ("a-key", 4),
        ]
        assert result.not_invited == {
            "a-dnc": NotInvited.DO_NOT_CONTACT,
            "a-future": NotInvited.NO_WAVE,
            "a-inv": NotInvited.ALREADY_INVITED,
            "a-low": NotInvited.NO_WAVE,
            "a-out": NotInvited.OPTED_OUT,
        }

    def test_each_invitation_says_which_rule_matched(self) -> None:
        why = {i.advocate_id: i.explain() for i in plan()}
        assert why == {
            "a-newadmin": "a-newadmin: wave 1 'new contracts' "
            "(customer for 3 months (under 6))",
            "a-new": "a-new: wave 1 'new contracts' (customer for 3 months (under 6))",
            "a-admin": "a-admin: wave 2 'system admins' (persona 'admin')",
            "a-mgr": "a-mgr: wave 3 'new managers' (title 'IT Manager' has 'manager')",
            "a-key": "a-key: wave 4 'key contacts' (score 75 (at least 61))",
        }

    def test_scores_may_be_score_values(self) -> None:
        model = ScoringModel.default()
        scores = {
            "a-key": model.score(Signals(nps=10, health_score=90), as_of=AS_OF),
        }
        result = plan(scores=scores)
        assert [i.advocate_id for i in result.wave("key contacts")] == []
        scores["a-key"] = model.score(
            Signals(nps=10, health_score=90, feature_adoption=0.9), as_of=AS_OF
        )
        invited = plan(scores=scores).wave("key contacts")
        assert invited == (
            Invitation("a-key", "key contacts", 4, ("score 65 (at least 61)",), 65),
        )

    def test_a_wave_with_every_predicate(self) -> None:
        wave = InvitationWave(
            "strict",
            personas={"cio"},
            title_words={"chief information"},
            customer_under_months=120,
            tiers={Tier.CHAMPION},
            min_score=70,
        )
        person = advocate(
            "p", persona="CIO", title="Chief Information Officer", tier="champion"
        )
        old = ACCOUNTS[1]
        assert wave.match(person, as_of=AS_OF, account=old, score=70) == (
            "persona 'CIO'",
            "title 'Chief Information Officer' has 'chief information'",
            "customer for 80 months (under 120)",
            "tier champion",
            "score 70 (at least 70)",
        )
        assert wave.match(person, as_of=AS_OF, account=old, score=69) is None
        assert wave.match(person, as_of=AS_OF, account=old, score=None) is None
        other_tier = advocate(
            "q", persona="CIO", title="Chief Information Officer", tier="advocate"
        )
        assert wave.match(other_tier, as_of=AS_OF, account=old, score=90) is None
        wrong_title = advocate("r", persona="CIO", title="Chief Informant")
        assert wave.match(wrong_title, as_of=AS_OF, account=old, score=90) is None

    def test_a_wave_without_predicates_takes_everyone_left(self) -> None:
        waves = InvitationWaves(
            (InvitationWave("admins", personas={"Admin"}), InvitationWave("everyone"))
        )
        result = plan(waves=waves, accounts=None, scores=None)
        assert result.counts() == {"admins": 2, "everyone": 5}
        assert result.wave("everyone")[0].reasons == ("any advocate",)
        assert result.wave("everyone")[0].score is None

    def test_unscored_candidates_come_after_the_scored(self) -> None:
        waves = InvitationWaves((InvitationWave("everyone"),))
        result = plan(waves=waves, scores={"a-low": 50, "a-mgr": 60})
        assert [i.advocate_id for i in result][:3] == ["a-mgr", "a-low", "a-admin"]

    def test_report(self) -> None:
        result = plan()
        assert repr(result) == (
            "InvitationPlan(5 invited: new contracts 2, system admins 1, "
            "new managers 1, key contacts 1)"
        )
        assert result.explain() == (
            "5 invitations as of 2026-09-30\n"
            "  wave 1 'new contracts': 2\n"
            "  wave 2 'system admins': 1\n"
            "  wave 3 'new managers': 1\n"
            "  wave 4 'key contacts': 1\n"
            "not invited: opted_out 1, do_not_contact 1, already_invited 1, no_wave 2"
        )
        assert len(result) == 5
        assert result.to_records()[0] == {
            "advocate_id": "a-newadmin",
            "wave": "new contracts",
            "wave_number": 1,
            "score": 70,
            "why": "customer for 3 months (under 6)",
        }
        page = result._repr_html_()
        assert page.startswith("<table><tr><th>advocate</th>")
        assert "1. new contracts" in page

    def test_explain_with_everyone_invited(self) -> None:
        waves = InvitationWaves((InvitationWave("everyone"),))
        result = plan_invitations(CANDIDATES[:2], as_of=AS_OF, waves=waves)
        assert result.explain() == (
            "2 invitations as of 2026-09-30\n  wave 1 'everyone': 2"
        )

    def test_unknown_wave_name(self) -> None:
        with pytest.raises(UnknownKeyError, match=r"InvitationPlan\.name.*'nobody'"):
            plan().wave("nobody")
        error = refused(
            UnknownKeyError, r"InvitationPlan\.name", lambda: plan().wave("nobody")
        )
        assert error.expected == "the name of one of the plan's waves"

    def test_do_not_contact_ends_on_its_date(self) -> None:
        waves = InvitationWaves((InvitationWave("everyone"),))
        people = [
            advocate("a-until-today", do_not_contact_until=AS_OF),
            advocate("a-until-tomorrow", do_not_contact_until=AS_OF.add(days=1)),
        ]
        result = plan_invitations(people, as_of=AS_OF, waves=waves)
        assert [i.advocate_id for i in result] == ["a-until-today"]
        assert result.not_invited == {"a-until-tomorrow": NotInvited.DO_NOT_CONTACT}

    def test_several_reasons_are_joined(self) -> None:
        waves = InvitationWaves(
            (InvitationWave("admins", personas={"admin"}, title_words={"lead"}),)
        )
        person = advocate("a-lead", persona="Admin", title="Admin Lead")
        result = plan_invitations([person], as_of=AS_OF, waves=waves)
        why = "persona 'Admin'; title 'Admin Lead' has 'lead'"
        assert result.invitations[0].explain() == f"a-lead: wave 1 'admins' ({why})"
        assert result.to_records() == [
            {
                "advocate_id": "a-lead",
                "wave": "admins",
                "wave_number": 1,
                "score": None,
                "why": why,
            }
        ]
        page = result._repr_html_()
        assert "<tr><th>advocate</th><th>wave</th><th>why</th></tr>" in page
        assert (
            "<tr><td>a-lead</td><td>1. admins</td>"
            "<td>persona &#x27;Admin&#x27;; title &#x27;Admin Lead&#x27; has "
            "&#x27;lead&#x27;</td></tr>"
        ) in page


class TestBadInput:
    def test_tenure_wave_needs_accounts(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"plan_invitations\.accounts.*'new contracts'"
        ):
            plan(accounts=None)

    def test_score_wave_needs_scores(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"plan_invitations\.scores.*'key contacts'"
        ):
            plan(scores=None)

    def test_match_needs_the_account_for_tenure(self) -> None:
        wave = InvitationWaves.default().waves[0]
        with pytest.raises(InvalidValueError, match=r"\.account: got None"):
            wave.match(CANDIDATES[0], as_of=AS_OF)

    def test_unknown_account(self) -> None:
        with pytest.raises(
            UnknownKeyError, match=r"plan_invitations\.accounts.*'acct-new'"
        ):
            plan(accounts=ACCOUNTS[1:])

    def test_bad_score(self) -> None:
        error = refused(
            InvalidTypeError,
            r"plan_invitations\.scores\['a-key'\]",
            lambda: plan(scores={"a-key": 7.5}),
            value=7.5,
        )
        assert error.expected == "an int total or a Score"
        negative = refused(
            InvalidValueError,
            r"plan_invitations\.scores\['a-key'\]",
            lambda: plan(scores={"a-key": -1}),
            value=-1,
        )
        assert negative.expected == "an int total of 0 or more"
        assert (
            plan(scores={"a-key": 0}).not_invited["a-key"]
            == plan(scores={"a-key": 1}).not_invited["a-key"]
        )
        error = refused(
            InvalidTypeError,
            r"plan_invitations\.scores",
            lambda: plan(scores=[1, 2]),
            value=[1, 2],
        )
        assert error.expected == "a mapping of id to score"

    def test_bad_as_of(self) -> None:
        refused(
            InvalidTypeError,
            r"plan_invitations\.as_of",
            lambda: plan(as_of="next week"),
            value="next week",
        )

    def test_duplicate_advocates(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"plan_invitations\.advocates.*'a-new'"
        ):
            plan_invitations(
                [CANDIDATES[0], CANDIDATES[0]], as_of=AS_OF, waves=InvitationWaves(())
            )

    def test_wrong_kinds(self) -> None:
        error = refused(
            InvalidTypeError,
            r"plan_invitations\.waves",
            lambda: plan(waves=[InvitationWave("x")]),
        )
        assert error.expected == "an InvitationWaves"
        with pytest.raises(
            InvalidTypeError, match=r"plan_invitations\.already_invited"
        ):
            plan(already_invited=[7])
        with pytest.raises(InvalidTypeError, match=r"plan_invitations\.accounts\[0\]"):
            plan(accounts=["acct-new"])

    def test_repeated_wave_names(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"InvitationWaves\.waves"
        ) as caught:
            InvitationWaves((InvitationWave("a"), InvitationWave("a")))
        assert caught.value.hint == "repeated: a"

    def test_waves_of_the_wrong_kind(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"InvitationWaves\.waves"):
            InvitationWaves(("a",))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"customer_under_months": 0}, "customer_under_months"),
            ({"min_score": -1}, "min_score"),
            ({"personas": "admin"}, "personas"),
            ({"tiers": ["gold"]}, "tiers"),
            ({"name": " "}, "name"),
        ],
    )
    def test_wave_fields(self, changes: dict[str, Any], field: str) -> None:
        fields = {"name": "w"} | changes
        with pytest.raises((InvalidValueError, InvalidTypeError), match=field):
            InvitationWave(**fields)


class TestResultValidation:
    """Invitations and plans refuse what the rule never makes, naming the field."""

    PLAN = plan()

    def test_the_rules_own_plan_passes_unchanged(self) -> None:
        assert attrs.evolve(self.PLAN) == self.PLAN
        assert [attrs.evolve(i) for i in self.PLAN] == list(self.PLAN)

    def test_an_invitation_has_a_wave_number_and_a_reason(self) -> None:
        first = self.PLAN.invitations[0]
        with pytest.raises(
            InvalidValueError,
            match=r"Invitation\.wave_number: got 0; expected an integer of at least 1",
        ):
            attrs.evolve(first, wave_number=0)
        with pytest.raises(
            InvalidValueError,
            match=r"Invitation\.reasons: got \(\); expected at least one reason",
        ):
            attrs.evolve(first, reasons=())

    @pytest.mark.parametrize(
        ("changes", "shown"),
        [
            ({"wave_number": 5}, r"\(5, 'new contracts'\)"),
            ({"wave": "system admins"}, r"\(1, 'system admins'\)"),
        ],
    )
    def test_an_invitation_names_a_wave_of_the_plan(
        self, changes: dict[str, Any], shown: str
    ) -> None:
        invitations = self.PLAN.invitations
        wrong = (attrs.evolve(invitations[0], **changes), *invitations[1:])
        with pytest.raises(
            InvalidValueError,
            match=rf"InvitationPlan\.invitations\[0\]\.wave: got {shown}; "
            r"expected a wave of the plan by its place and name \(1 'new contracts', "
            r"2 'system admins', 3 'new managers', 4 'key contacts'\)",
        ):
            attrs.evolve(self.PLAN, invitations=wrong)

    def test_each_advocate_has_one_place(self) -> None:
        invitations = self.PLAN.invitations
        with pytest.raises(
            InvalidValueError,
            match=r"InvitationPlan\.invitations\[1\]\.advocate_id: got "
            r"'a-newadmin'; expected an advocate not invited before nor listed",
        ):
            attrs.evolve(self.PLAN, invitations=(invitations[0], *invitations))
        skipped = dict(self.PLAN.not_invited) | {"a-key": NotInvited.NO_WAVE}
        with pytest.raises(
            InvalidValueError,
            match=r"InvitationPlan\.invitations\[4\]\.advocate_id: got 'a-key'",
        ):
            attrs.evolve(self.PLAN, not_invited=skipped)

    def test_invitations_by_wave_then_score_then_id(self) -> None:
        first, second, *rest = self.PLAN.invitations
        with pytest.raises(
            InvalidValueError,
            match=r"InvitationPlan\.invitations\[1\]: got 'a-newadmin'; expected "
            r"an invitation after a-new's: by wave, then score",
        ):
            attrs.evolve(self.PLAN, invitations=(second, first, *rest))
        unscored = attrs.evolve(first, score=None)
        with pytest.raises(
            InvalidValueError, match=r"InvitationPlan\.invitations\[1\]: got 'a-new'"
        ):
            attrs.evolve(self.PLAN, invitations=(unscored, second, *rest))
        last = (second, unscored, *rest)
        assert attrs.evolve(self.PLAN, invitations=last).invitations == last


class TestProperties:
    @given(candidates(), st.integers(0, 100))
    def test_nobody_twice_or_opted_out(
        self, drawn: tuple[list[Advocate], list[Account], set[str]], seed: int
    ) -> None:
        people, accounts, invited = drawn
        scores = {
            p.id: random.Random(seed + n).randint(0, 100) for n, p in enumerate(people)
        }
        result = plan_invitations(
            people,
            as_of=AS_OF,
            accounts=accounts,
            scores=scores,
            already_invited=invited,
        )
        ids = [i.advocate_id for i in result]
        assert len(ids) == len(set(ids))
        by_id = {p.id: p for p in people}
        for advocate_id in ids:
            person = by_id[advocate_id]
            assert not person.opted_out
            assert advocate_id not in invited
            until = person.do_not_contact_until
            assert until is None or until <= AS_OF
        assert set(ids) | set(result.not_invited) == set(by_id)
        assert not set(ids) & set(result.not_invited)

    @given(candidates())
    def test_first_matching_wave(
        self, drawn: tuple[list[Advocate], list[Account], set[str]]
    ) -> None:
        people, accounts, _ = drawn
        waves = InvitationWaves.default()
        scores = dict.fromkeys((p.id for p in people), 70)
        result = plan_invitations(people, as_of=AS_OF, accounts=accounts, scores=scores)
        owners = {a.id: a for a in accounts}
        by_id = {p.id: p for p in people}
        for invitation in result:
            person = by_id[invitation.advocate_id]
            matches = [
                w.match(
                    person, as_of=AS_OF, account=owners[person.account_id], score=70
                )
                for w in waves
            ]
            first = next(n for n, m in enumerate(matches, start=1) if m is not None)
            assert first == invitation.wave_number

    @given(candidates(), st.randoms(use_true_random=False))
    def test_input_order_does_not_matter(
        self,
        drawn: tuple[list[Advocate], list[Account], set[str]],
        rng: random.Random,
    ) -> None:
        people, accounts, invited = drawn
        scores = dict.fromkeys((p.id for p in people), 50)
        before = plan_invitations(
            people,
            as_of=AS_OF,
            accounts=accounts,
            scores=scores,
            already_invited=invited,
        )
        rng.shuffle(people)
        rng.shuffle(accounts)
        after = plan_invitations(
            people,
            as_of=AS_OF,
            accounts=accounts,
            scores=scores,
            already_invited=invited,
        )
        assert before == after
