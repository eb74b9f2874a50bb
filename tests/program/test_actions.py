"""Workflow actions: identification, recognition and re-engagement as values."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Action,
    ActionKind,
    ActionPolicy,
    Activity,
    Advocate,
    from_dict,
    identification_actions,
    re_engagement_actions,
    recognition_actions,
    to_dict,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.program.actions import (
    AS_OF,
    CONTACTS,
    DONE,
    HISTORY,
    IDS,
    PEOPLE,
    QUIET,
    K,
    every_rule,
    programs,
    shuffled,
)


class TestActionPolicy:
    def test_defaults(self) -> None:
        policy = ActionPolicy.default()
        assert (
            policy.milestone_every,
            policy.reengage_after_months,
            policy.recent_months,
            policy.options_offered,
        ) == (5, 6, 12, 3)

    def test_round_trips_through_json(self) -> None:
        policy = ActionPolicy(milestone_every=10)
        assert from_dict(ActionPolicy, json.loads(json.dumps(to_dict(policy)))) == (
            policy
        )

    @pytest.mark.parametrize(
        "field",
        [
            "milestone_every",
            "reengage_after_months",
            "recent_months",
            "options_offered",
        ],
    )
    def test_zero_refused(self, field: str) -> None:
        with pytest.raises(InvalidValueError, match=rf"ActionPolicy\.{field}"):
            ActionPolicy(**{field: 0})

    def test_non_integer_refused(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"ActionPolicy\.milestone_every"):
            ActionPolicy(milestone_every="5")  # type: ignore[arg-type]


class TestActionKind:
    def test_rule_is_the_prefix(self) -> None:
        assert K.COMPUTE_SCORE.rule == "identification"
        assert K.MILESTONE_GIFT.rule == "recognition"
        assert K.OFFER_OPTIONS.rule == "re_engagement"

    def test_templates_for_messages_only(self) -> None:
        assert K.THANK_YOU.template == "thank_you"
        assert K.SEND_QUALIFICATION_SURVEY.template == "qualification_survey"
        assert K.INCREMENT_COUNT.template is None
        assert K.COMPUTE_SCORE.template is None

    def test_which_kinds_reach_the_advocate(self) -> None:
        reaching = {k for k in ActionKind if k.contacts_advocate}
        assert reaching == {
            K.SEND_QUALIFICATION_SURVEY,
            K.THANK_YOU,
            K.MILESTONE_GIFT,
            K.PUBLIC_THANK_YOU,
            K.RE_ENGAGEMENT_MESSAGE,
            K.AVAILABILITY_UPDATE,
            K.OFFER_OPTIONS,
        }


class TestActionList:
    RESULT = recognition_actions(PEOPLE, DONE, as_of=AS_OF)

    def test_sequence(self) -> None:
        assert len(self.RESULT) == 14
        assert isinstance(self.RESULT[0], Action)
        assert list(self.RESULT) == list(self.RESULT.actions)
        assert len(set(self.RESULT.keys())) == 14

    def test_counts(self) -> None:
        assert self.RESULT.counts() == {
            K.THANK_YOU: 4,
            K.INCREMENT_COUNT: 6,
            K.MILESTONE_GIFT: 1,
            K.PUBLIC_THANK_YOU: 3,
        }

    def test_explain(self) -> None:
        lines = self.RESULT.explain().splitlines()
        assert lines[:6] == [
            "recognition as of 2026-09-30: 14 actions",
            "  recognition.thank_you: 4",
            "  recognition.increment_count: 6",
            "  recognition.milestone_gift: 1",
            "  recognition.public_thank_you: 3",
            (
                "skipped: opted_out 1, do_not_contact 1, already_recognised 3, "
                "after_as_of 1"
            ),
        ]
        assert lines[6] == (
            "  recognition.thank_you adv-1: 4th activity (a9, webinar on 2026-04-01)"
        )

    def test_explain_without_skips(self) -> None:
        result = recognition_actions([], [], as_of=AS_OF)
        assert result.explain() == "recognition as of 2026-09-30: 0 actions"
        assert repr(result) == "ActionList(recognition, 0 actions: )"

    def test_records(self) -> None:
        records = self.RESULT.to_records()
        assert records[5] == {
            "key": "recognition.milestone_gift:adv-1:a4",
            "kind": "recognition.milestone_gift",
            "target": "adv-1",
            "template": "milestone_gift",
            "activity_id": "a4",
            "activity": "reference_call",
            "count": 5,
            "score": None,
            "options": [],
            "reason": "5th activity (a4, reference call on 2026-05-01); "
            "a milestone every 5",
        }
        offers = re_engagement_actions(QUIET, HISTORY, as_of=AS_OF).to_records()
        assert offers[2]["options"] == ["reference_call", "webinar", "social_share"]
        scored = identification_actions(CONTACTS, as_of=AS_OF).to_records()
        assert scored[0]["score"] == 100
        assert scored[0]["activity"] is None

    def test_repr_and_html(self) -> None:
        assert repr(self.RESULT) == (
            "ActionList(recognition, 14 actions: recognition.thank_you 4, "
            "recognition.increment_count 6, recognition.milestone_gift 1, "
            "recognition.public_thank_you 3)"
        )
        page = self.RESULT._repr_html_()
        assert page.startswith("<table><tr><th>target</th>")
        assert "recognition.milestone_gift:adv-1:a4" in page


class TestResultValidation:
    """Actions and lists refuse what the rules never make, naming the field."""

    RECOGNITION = recognition_actions(PEOPLE, DONE, as_of=AS_OF)
    IDENTIFICATION = identification_actions(CONTACTS, as_of=AS_OF)
    RE_ENGAGEMENT = re_engagement_actions(QUIET, HISTORY, as_of=AS_OF)

    def test_the_rules_own_lists_pass_unchanged(self) -> None:
        for result in (self.RECOGNITION, self.IDENTIFICATION, self.RE_ENGAGEMENT):
            assert attrs.evolve(result) == result
            assert [attrs.evolve(a) for a in result] == list(result)

    @pytest.mark.parametrize(
        "key",
        [
            "recognition.thank_you:adv-2:a9",
            "recognition.thank_you:adv-1x:a9",
            "recognition.thank_you",
            "thank_you:adv-1:a9",
        ],
    )
    def test_the_key_starts_with_the_kind_and_target(self, key: str) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"Action\.key: got .*; expected 'recognition\.thank_you:adv-1', "
            r"then ':<anchor>' if there is one",
        ):
            attrs.evolve(self.RECOGNITION[0], key=key)

    def test_a_key_without_an_anchor(self) -> None:
        first = self.IDENTIFICATION[0]
        assert first.key == "identification.compute_score:c-1"
        with pytest.raises(InvalidValueError, match=r"Action\.key: got 'c-1'"):
            attrs.evolve(first, key="c-1")

    def test_an_activity_and_its_type_come_together(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"Action\.activity: got None; expected the type of activity a9",
        ):
            attrs.evolve(self.RECOGNITION[0], activity=None)
        with pytest.raises(
            InvalidValueError,
            match=r"Action\.activity: got .*; expected None without an activity_id",
        ):
            attrs.evolve(self.RECOGNITION[0], activity_id=None)

    def test_a_count_is_one_or_more(self) -> None:
        with pytest.raises(InvalidValueError, match=r"Action\.count: got 0"):
            attrs.evolve(self.RECOGNITION[0], count=0)

    @pytest.mark.parametrize(
        ("result", "index", "field", "words"),
        [
            (
                "IDENTIFICATION",
                0,
                "score",
                "a Score: every identification.compute_score",
            ),
            ("RECOGNITION", 1, "count", "a count: every recognition.increment_count"),
            ("RECOGNITION", 5, "count", "a count: every recognition.milestone_gift"),
            (
                "RE_ENGAGEMENT",
                2,
                "options",
                "an option: every re_engagement.offer_options",
            ),
        ],
    )
    def test_a_kind_carries_what_it_says(
        self, result: str, index: int, field: str, words: str
    ) -> None:
        found = getattr(self, result)[index]
        empty = () if field == "options" else None
        with pytest.raises(InvalidValueError, match=rf"Action\.{field}: .*{words}"):
            attrs.evolve(found, **{field: empty})

    def test_the_rule_is_one_of_the_three(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"ActionList\.rule: got 'marketing'; expected one of "
            r"identification, recognition, re_engagement",
        ):
            attrs.evolve(self.RECOGNITION, rule="marketing", actions=())

    def test_every_action_is_of_the_rules_kinds(self) -> None:
        mixed = (*self.IDENTIFICATION.actions, *self.RECOGNITION.actions)
        with pytest.raises(
            InvalidValueError,
            match=r"ActionList\.actions\[0\]\.kind: got "
            r"'identification\.compute_score'; expected a kind of the "
            r"recognition rule",
        ):
            attrs.evolve(self.RECOGNITION, actions=mixed)

    def test_actions_are_in_the_documented_order(self) -> None:
        backwards = tuple(reversed(self.RECOGNITION.actions))
        with pytest.raises(
            InvalidValueError,
            match=r"ActionList\.actions\[1\]: got .*; expected an action after "
            r".*: by target, count, anchor, then kind",
        ):
            attrs.evolve(self.RECOGNITION, actions=backwards)


class TestProperties:
    @given(programs())
    def test_running_twice_gives_equal_actions(
        self, program: tuple[list[Advocate], list[Activity]]
    ) -> None:
        assert every_rule(*program) == every_rule(*program)

    @given(programs(), st.integers(0, 1000))
    def test_input_order_does_not_matter(
        self, program: tuple[list[Advocate], list[Activity]], seed: int
    ) -> None:
        people, done = program
        assert every_rule(people, done) == every_rule(
            shuffled(people, seed), shuffled(done, seed)
        )

    @given(programs())
    def test_keys_are_unique(
        self, program: tuple[list[Advocate], list[Activity]]
    ) -> None:
        for result in every_rule(*program):
            assert len(set(result.keys())) == len(result)

    @given(programs(), st.integers(1, 7))
    def test_milestones_exactly_at_multiples(
        self, program: tuple[list[Advocate], list[Activity]], every: int
    ) -> None:
        people, done = program
        policy = ActionPolicy(milestone_every=every)
        result = recognition_actions(people, done, as_of=AS_OF, policy=policy)
        gifts = {a.activity_id for a in result.of_kind(K.MILESTONE_GIFT)}
        counted = {
            str(a.activity_id): a.count for a in result.of_kind(K.INCREMENT_COUNT)
        }
        reachable = {p.id for p in people if not p.opted_out} - {
            p.id
            for p in people
            if p.do_not_contact_until is not None and p.do_not_contact_until > AS_OF
        }
        by_id = {a.id: a for a in done}
        for activity_id, count in counted.items():
            assert count is not None
            due = count % every == 0 and by_id[activity_id].advocate_id in reachable
            assert (activity_id in gifts) is due
        for advocate_id in IDS:
            mine = sorted(
                (a for a in done if a.advocate_id == advocate_id and a.date <= AS_OF),
                key=lambda a: (a.date, a.id),
            )
            for position, item in enumerate(mine, start=1):
                if item.id in counted:
                    assert counted[item.id] == position

    @given(programs())
    def test_nobody_opted_out_is_contacted(
        self, program: tuple[list[Advocate], list[Activity]]
    ) -> None:
        people, _ = program
        quiet = {
            p.id
            for p in people
            if p.opted_out
            or (p.do_not_contact_until is not None and p.do_not_contact_until > AS_OF)
        }
        for result in every_rule(*program):
            for item in result:
                if item.kind.contacts_advocate:
                    assert item.target not in quiet

    @given(programs())
    def test_re_engagement_only_for_the_quiet(
        self, program: tuple[list[Advocate], list[Activity]]
    ) -> None:
        people, done = program
        result = re_engagement_actions(people, done, as_of=AS_OF)
        cutoff = AS_OF.subtract(months=6)
        for item in result.of_kind(K.RE_ENGAGEMENT_MESSAGE):
            assert not any(
                cutoff < a.date <= AS_OF for a in done if a.advocate_id == item.target
            )
