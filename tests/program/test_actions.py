"""Workflow actions: identification, recognition and re-engagement as values."""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Account,
    Action,
    ActionKind,
    ActionList,
    ActionPolicy,
    ActionSkip,
    Activity,
    ActivityType,
    Advocate,
    FramingCatalog,
    IdentificationRule,
    Motivation,
    Signals,
    Tier,
    TierPolicy,
    from_dict,
    identification_actions,
    re_engagement_actions,
    recognition_actions,
    to_dict,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from tests import strategies

AS_OF = pendulum.date(2026, 9, 30)
K = ActionKind
T = ActivityType


def advocate(advocate_id: str, **changes: Any) -> Advocate:
    fields: dict[str, Any] = {
        "id": advocate_id,
        "account_id": "acct-1",
        "name": advocate_id.title(),
    }
    return Advocate(**(fields | changes))


def activity(
    activity_id: str,
    advocate_id: str,
    day: str,
    kind: ActivityType = T.REFERENCE_CALL,
    *,
    sent: bool = False,
) -> Activity:
    return Activity(activity_id, advocate_id, kind, day, recognition_sent=sent)


def account(account_id: str = "acct-1", since: str = "2020-01-01") -> Account:
    return Account(account_id, account_id.upper(), "Retail", 500, "EMEA", since)


def summary(result: ActionList) -> list[tuple[str, str, int | None]]:
    return [(a.target, a.kind.value, a.count) for a in result]


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


# --- identification -----------------------------------------------------------

CONTACTS = {
    # Every criterion: 25 + 20 + 20 + 15 + 10 + 10 = 100.
    "c-1": Signals(
        nps=10,
        feature_adoption=0.8,
        health_score=90,
        customer_since="2024-01-01",
        positive_mentions=2,
        responded_to_requests=True,
    ),
    "c-2": Signals(nps=9, health_score=81),  # Promoter 25 + Healthy 20 = 45
    "c-3": Signals(nps=9, health_score=80),  # health 80 is not above 80
    "c-4": Signals(nps=8, health_score=95),  # NPS 8 is not a promoter
    "c-5": Signals(nps=10, health_score=95),  # already a Champion
    "c-6": Signals(nps=10, health_score=95),  # opted out
    "c-7": Signals(nps=10, health_score=95),  # not to be contacted yet
}
KNOWN = [
    advocate("c-5", tier=Tier.CHAMPION),
    advocate("c-6", opted_out=True),
    advocate("c-7", do_not_contact_until="2026-10-15"),
]


class TestIdentification:
    def test_worked_example(self) -> None:
        result = identification_actions(CONTACTS, as_of=AS_OF, advocates=KNOWN)
        assert [(a.target, a.kind) for a in result] == [
            ("c-1", K.COMPUTE_SCORE),
            ("c-1", K.ADD_TO_POTENTIAL_ADVOCATES),
            ("c-1", K.NOTIFY_PROGRAM_MANAGER),
            ("c-1", K.SEND_QUALIFICATION_SURVEY),
            ("c-2", K.COMPUTE_SCORE),
            ("c-2", K.ADD_TO_POTENTIAL_ADVOCATES),
            ("c-2", K.NOTIFY_PROGRAM_MANAGER),
            ("c-2", K.SEND_QUALIFICATION_SURVEY),
            ("c-7", K.COMPUTE_SCORE),
            ("c-7", K.ADD_TO_POTENTIAL_ADVOCATES),
            ("c-7", K.NOTIFY_PROGRAM_MANAGER),
        ]
        assert result.skipped == {
            "c-5": ActionSkip.HAS_TIER,
            "c-6": ActionSkip.OPTED_OUT,
            "c-7": ActionSkip.DO_NOT_CONTACT,
        }

    def test_actions_carry_the_score_and_the_reason(self) -> None:
        result = identification_actions(CONTACTS, as_of=AS_OF)
        first, second = result.of_kind(K.COMPUTE_SCORE)[:2]
        assert first.score is not None
        assert first.score.total == 100
        assert second.score is not None
        assert second.score.total == 45
        assert first.reason == "NPS 10 >= 9 and health 90 > 80; score 100/100"
        assert first.key == "identification.compute_score:c-1"
        assert first.template is None
        survey = result.of_kind("identification.send_qualification_survey")[0]
        assert survey.template == "qualification_survey"

    def test_without_advocates_everyone_flagged_acts(self) -> None:
        result = identification_actions(CONTACTS, as_of=AS_OF)
        assert {a.target for a in result} == {"c-1", "c-2", "c-5", "c-6", "c-7"}
        assert len(result) == 20
        assert not result.skipped

    def test_a_custom_rule(self) -> None:
        rule = IdentificationRule(nps_at_least=8, health_above=90)
        result = identification_actions(CONTACTS, as_of=AS_OF, rule=rule)
        assert {a.target for a in result} == {"c-4", "c-5", "c-6", "c-7"}

    def test_bad_inputs(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"identification_actions\.signals"):
            identification_actions([], as_of=AS_OF)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"identification_actions\.rule"):
            identification_actions({}, as_of=AS_OF, rule=9)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"identification_actions\.model"):
            identification_actions({}, as_of=AS_OF, model=9)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"identification_actions\.as_of"):
            identification_actions({}, as_of=pendulum.datetime(2026, 9, 30))
        with pytest.raises(
            InvalidValueError, match=r"identification_actions\.advocates.*'c-5'"
        ):
            identification_actions({}, as_of=AS_OF, advocates=[KNOWN[0], KNOWN[0]])
        with pytest.raises(
            InvalidTypeError, match=r"identification_actions\.advocates\[0\]"
        ):
            identification_actions({}, as_of=AS_OF, advocates=["c-5"])  # type: ignore[list-item]


# --- recognition --------------------------------------------------------------

PEOPLE = [
    advocate("adv-1", public_recognition=True),
    advocate("adv-2"),
    advocate("adv-3", opted_out=True, public_recognition=True),
    advocate("adv-4", do_not_contact_until="2026-10-10"),
]
DONE = [
    activity("a1", "adv-1", "2026-01-10", sent=True),
    activity("a2", "adv-1", "2026-02-10", sent=True),
    activity("a3", "adv-1", "2026-03-10", sent=True),
    # Dated before a4 and a5, so it is the 4th despite its id.
    activity("a9", "adv-1", "2026-04-01", T.WEBINAR),
    activity("a4", "adv-1", "2026-05-01"),  # 5th: a milestone
    activity("a5", "adv-1", "2026-05-01"),  # same day, later id: 6th
    activity("a6", "adv-1", "2026-10-05"),  # after as_of: not done yet
    activity("b1", "adv-2", "2026-09-01", T.ONLINE_REVIEW),
    activity("c1", "adv-3", "2026-09-02"),
    activity("d1", "adv-4", "2026-09-03"),
]


class TestRecognition:
    def test_worked_example(self) -> None:
        result = recognition_actions(PEOPLE, DONE, as_of=AS_OF)
        assert summary(result) == [
            ("adv-1", "recognition.thank_you", 4),
            ("adv-1", "recognition.increment_count", 4),
            ("adv-1", "recognition.public_thank_you", 4),
            ("adv-1", "recognition.thank_you", 5),
            ("adv-1", "recognition.increment_count", 5),
            ("adv-1", "recognition.milestone_gift", 5),
            ("adv-1", "recognition.public_thank_you", 5),
            ("adv-1", "recognition.thank_you", 6),
            ("adv-1", "recognition.increment_count", 6),
            ("adv-1", "recognition.public_thank_you", 6),
            ("adv-2", "recognition.thank_you", 1),
            ("adv-2", "recognition.increment_count", 1),
            ("adv-3", "recognition.increment_count", 1),
            ("adv-4", "recognition.increment_count", 1),
        ]
        assert result.skipped == {
            "a1": ActionSkip.ALREADY_RECOGNISED,
            "a2": ActionSkip.ALREADY_RECOGNISED,
            "a3": ActionSkip.ALREADY_RECOGNISED,
            "a6": ActionSkip.AFTER_AS_OF,
            "c1": ActionSkip.OPTED_OUT,
            "d1": ActionSkip.DO_NOT_CONTACT,
        }

    def test_keys_name_the_activity(self) -> None:
        result = recognition_actions(PEOPLE, DONE, as_of=AS_OF)
        gift = result.of_kind(K.MILESTONE_GIFT)[0]
        assert gift.key == "recognition.milestone_gift:adv-1:a4"
        assert gift.activity_id == "a4"
        assert gift.activity is T.REFERENCE_CALL
        assert gift.reason == (
            "5th activity (a4, reference call on 2026-05-01); a milestone every 5"
        )
        assert result.of_kind(K.PUBLIC_THANK_YOU)[0].reason.endswith(
            "public recognition approved"
        )

    def test_after_the_window_the_held_thanks_go_out(self) -> None:
        later = recognition_actions(PEOPLE, DONE, as_of=pendulum.date(2026, 10, 10))
        thanked = {a.activity_id for a in later.of_kind(K.THANK_YOU)}
        assert "d1" in thanked
        assert "a6" in thanked

    def test_a_custom_milestone(self) -> None:
        policy = ActionPolicy(milestone_every=2)
        result = recognition_actions(PEOPLE, DONE, as_of=AS_OF, policy=policy)
        assert [a.count for a in result.of_kind(K.MILESTONE_GIFT)] == [4, 6]

    @pytest.mark.parametrize(
        ("count", "word"),
        [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
         (13, "13th"), (21, "21st"), (22, "22nd"), (103, "103rd"), (111, "111th")],
    )  # fmt: skip
    def test_ordinals(self, count: int, word: str) -> None:
        history = [
            activity(f"x{n:03d}", "adv-2", "2026-01-01", sent=n < count)
            for n in range(1, count + 1)
        ]
        result = recognition_actions(PEOPLE, history, as_of=AS_OF)
        assert result[0].reason.startswith(f"{word} activity")

    def test_unknown_advocate(self) -> None:
        stray = [activity("z1", "adv-404", "2026-09-01")]
        with pytest.raises(UnknownKeyError, match=r"recognition_actions\.advocates"):
            recognition_actions(PEOPLE, stray, as_of=AS_OF)

    def test_duplicate_activity_ids(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"recognition_actions\.activities.*'a1'"
        ):
            recognition_actions(PEOPLE, [DONE[0], DONE[0]], as_of=AS_OF)

    def test_wrong_kinds(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"recognition_actions\.policy"):
            recognition_actions(PEOPLE, DONE, as_of=AS_OF, policy=5)  # type: ignore[arg-type]
        with pytest.raises(
            InvalidTypeError, match=r"recognition_actions\.activities\[0\]"
        ):
            recognition_actions(PEOPLE, ["a1"], as_of=AS_OF)  # type: ignore[list-item]


# --- re-engagement --------------------------------------------------------------

QUIET = [
    advocate(
        "adv-1",
        tier=Tier.ADVOCATE,
        activities={T.REFERENCE_CALL, T.ONLINE_REVIEW, T.WEBINAR},
        motivations={Motivation.PEER_CONNECTION},
    ),
    advocate("adv-2"),
    advocate("adv-3", account_id="acct-new"),
    advocate("adv-4"),
    advocate("adv-5", opted_out=True),
    advocate("adv-6", do_not_contact_until="2026-10-01"),
]
HISTORY = [
    # Exactly 6 months before as_of: outside the window.
    activity("q1", "adv-1", "2026-03-30", T.ONLINE_REVIEW),
    activity("q2", "adv-1", "2026-10-02"),  # after as_of: ignored
    activity("q3", "adv-2", "2026-03-31"),  # inside the window
    activity("q4", "ghost", "2026-01-01"),  # not an advocate given: ignored
]
ACCOUNTS = [account(), account("acct-new", since="2026-05-01")]


class TestReEngagement:
    def test_worked_example(self) -> None:
        result = re_engagement_actions(QUIET, HISTORY, as_of=AS_OF, accounts=ACCOUNTS)
        assert [(a.target, a.kind, a.key) for a in result] == [
            ("adv-1", K.RE_ENGAGEMENT_MESSAGE, "re_engagement.message:adv-1:q1"),
            (
                "adv-1",
                K.AVAILABILITY_UPDATE,
                "re_engagement.availability_update:adv-1:q1",
            ),
            ("adv-1", K.OFFER_OPTIONS, "re_engagement.offer_options:adv-1:q1"),
            ("adv-4", K.RE_ENGAGEMENT_MESSAGE, "re_engagement.message:adv-4:never"),
            (
                "adv-4",
                K.AVAILABILITY_UPDATE,
                "re_engagement.availability_update:adv-4:never",
            ),
        ]
        assert result.skipped == {
            "adv-2": ActionSkip.ACTIVE,
            "adv-3": ActionSkip.NEW_CUSTOMER,
            "adv-5": ActionSkip.OPTED_OUT,
            "adv-6": ActionSkip.DO_NOT_CONTACT,
        }
        assert result[0].reason == (
            "last activity q1 on 2026-03-30, 6 months or more ago"
        )
        assert result[0].activity_id == "q1"
        assert result[0].activity is T.ONLINE_REVIEW
        assert result[3].reason == (
            "never active; a customer since 2020-01-01, 6 months or more ago"
        )

    def test_options_are_new_and_framed(self) -> None:
        result = re_engagement_actions(QUIET, HISTORY, as_of=AS_OF, accounts=ACCOUNTS)
        offer = result.of_kind(K.OFFER_OPTIONS)[0]
        # Opted in and not done in 12 months: reference call, webinar (the
        # review is recent); then suited to peer connection: social share.
        assert [(o.activity, o.motivation) for o in offer.options] == [
            (T.REFERENCE_CALL, Motivation.PEER_CONNECTION),
            (T.WEBINAR, None),
            (T.SOCIAL_SHARE, Motivation.PEER_CONNECTION),
        ]
        assert offer.options[0].text.startswith("Connect with your peers")
        assert offer.reason.endswith("; options: reference_call, webinar, social_share")

    def test_options_respect_the_tier(self) -> None:
        champion = attrs.evolve(QUIET[0], tier=Tier.CHAMPION)
        result = re_engagement_actions([champion], as_of=AS_OF)
        options = [o.activity for o in result.of_kind(K.OFFER_OPTIONS)[0].options]
        assert options == [T.REFERENCE_CALL, T.ONLINE_REVIEW, T.WEBINAR]
        policy = ActionPolicy(options_offered=6)
        wider = re_engagement_actions([champion], as_of=AS_OF, policy=policy)
        options = [o.activity for o in wider.of_kind(K.OFFER_OPTIONS)[0].options]
        assert options[3:] == [T.SPEAKING, T.ADVISORY_BOARD, T.SOCIAL_SHARE]

    def test_without_accounts_never_active_is_due(self) -> None:
        result = re_engagement_actions(QUIET, HISTORY, as_of=AS_OF)
        assert {a.target for a in result} == {"adv-1", "adv-3", "adv-4"}
        assert result.of_kind(K.RE_ENGAGEMENT_MESSAGE)[1].reason == (
            "no activity on record"
        )

    def test_a_custom_window(self) -> None:
        policy = ActionPolicy(reengage_after_months=12)
        result = re_engagement_actions(
            QUIET, HISTORY, as_of=AS_OF, accounts=ACCOUNTS, policy=policy
        )
        assert {a.target for a in result} == {"adv-4"}

    def test_custom_catalogs(self) -> None:
        only_reviews = TierPolicy(
            tuple(
                attrs.evolve(rule, activities={T.ONLINE_REVIEW})
                for rule in TierPolicy.default().rules
            )
        )
        result = re_engagement_actions(
            [QUIET[0]],
            as_of=AS_OF,
            tier_policy=only_reviews,
            framing=FramingCatalog(()),
        )
        (offer,) = result.of_kind(K.OFFER_OPTIONS)
        assert [o.text for o in offer.options] == [
            "Would you help us with this: online review?"
        ]

    def test_unknown_account(self) -> None:
        with pytest.raises(UnknownKeyError, match=r"re_engagement_actions\.accounts"):
            re_engagement_actions(QUIET, as_of=AS_OF, accounts=[account()])

    def test_wrong_kinds(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"re_engagement_actions\.framing"):
            re_engagement_actions(QUIET, as_of=AS_OF, framing={})  # type: ignore[arg-type]
        with pytest.raises(
            InvalidTypeError, match=r"re_engagement_actions\.tier_policy"
        ):
            re_engagement_actions(QUIET, as_of=AS_OF, tier_policy=1)  # type: ignore[arg-type]
        with pytest.raises(
            InvalidValueError, match=r"re_engagement_actions\.accounts.*'acct-1'"
        ):
            re_engagement_actions(QUIET, as_of=AS_OF, accounts=[account(), account()])


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


# --- properties -----------------------------------------------------------------

IDS = [f"adv-{n}" for n in range(6)]


@st.composite
def programs(draw: st.DrawFn) -> tuple[list[Advocate], list[Activity]]:
    """A few advocates with random flags and activities around as_of."""
    people = [
        advocate(
            i,
            tier=draw(st.none() | st.sampled_from(Tier)),
            opted_out=draw(st.booleans()),
            public_recognition=draw(st.booleans()),
            activities=draw(st.frozensets(st.sampled_from(T), max_size=4)),
            motivations=draw(st.frozensets(st.sampled_from(Motivation), max_size=3)),
            do_not_contact_until=draw(
                st.none()
                | strategies.dates(AS_OF.subtract(days=30), AS_OF.add(days=30))
            ),
        )
        for i in IDS
    ]
    done = [
        attrs.evolve(a, recognition_sent=draw(st.booleans()))
        for a in draw(strategies.activities_for(IDS, AS_OF))
    ]
    return people, done


def shuffled(items: list[Any], seed: int) -> list[Any]:
    copy = list(items)
    random.Random(seed).shuffle(copy)
    return copy


def every_rule(people: list[Advocate], done: list[Activity]) -> list[ActionList]:
    contacts = {p.id: Signals(nps=10, health_score=95) for p in people}
    return [
        identification_actions(contacts, as_of=AS_OF, advocates=people),
        recognition_actions(people, done, as_of=AS_OF),
        re_engagement_actions(people, done, as_of=AS_OF),
    ]


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
