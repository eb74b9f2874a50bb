"""The three workflows: identification, recognition and re-engagement actions."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from advocacy import (
    ActionPolicy,
    ActionSkip,
    FramingCatalog,
    IdentificationRule,
    Motivation,
    ScoringModel,
    Tier,
    TierPolicy,
    identification_actions,
    re_engagement_actions,
    recognition_actions,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from tests.checks import refused
from tests.program.actions import (
    ACCOUNTS,
    AS_OF,
    CONTACTS,
    DONE,
    HISTORY,
    KNOWN,
    PEOPLE,
    QUIET,
    K,
    T,
    account,
    activity,
    summary,
)


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

    def test_a_custom_model_scores_the_flagged(self) -> None:
        two = ScoringModel(ScoringModel.default().criteria[:2], qualify_above=0)
        result = identification_actions(CONTACTS, as_of=AS_OF, model=two)
        first = result[0]
        assert first.score is not None
        assert (first.score.total, first.score.maximum) == (45, 45)
        assert first.reason == "NPS 10 >= 9 and health 90 > 80; score 45/45"

    def test_refusals_say_what_is_accepted(self) -> None:
        signals = refused(
            InvalidTypeError,
            r"identification_actions\.signals",
            lambda: identification_actions([], as_of=AS_OF),  # type: ignore[arg-type]
            value=[],
        )
        assert signals.expected == "a mapping of signals"
        rule = refused(
            InvalidTypeError,
            r"identification_actions\.rule",
            lambda: identification_actions({}, as_of=AS_OF, rule=9),  # type: ignore[arg-type]
            value=9,
        )
        assert rule.expected == "an IdentificationRule, or None"
        model = refused(
            InvalidTypeError,
            r"identification_actions\.model",
            lambda: identification_actions({}, as_of=AS_OF, model=9),  # type: ignore[arg-type]
            value=9,
        )
        assert model.expected == "a ScoringModel, or None"


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
        [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"),
         (12, "12th"), (13, "13th"), (20, "20th"), (21, "21st"), (22, "22nd"),
         (103, "103rd"), (111, "111th"), (120, "120th"), (121, "121st")],
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
        error = refused(
            UnknownKeyError,
            r"recognition_actions\.advocates",
            lambda: recognition_actions(PEOPLE, stray, as_of=AS_OF),
            value="adv-404",
        )
        assert error.expected == "the advocate of every activity (z1 names them)"

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

    def test_an_activity_on_as_of_is_recognised(self) -> None:
        today = [activity("e1", "adv-2", "2026-09-30")]
        result = recognition_actions(PEOPLE, today, as_of=AS_OF)
        assert summary(result) == [
            ("adv-2", "recognition.thank_you", 1),
            ("adv-2", "recognition.increment_count", 1),
        ]
        assert result[0].reason == "1st activity (e1, reference call on 2026-09-30)"
        assert not result.skipped

    def test_refusals_say_what_is_accepted(self) -> None:
        refused(
            InvalidTypeError,
            r"recognition_actions\.as_of",
            lambda: recognition_actions(
                PEOPLE, DONE, as_of=pendulum.datetime(2026, 9, 30)
            ),
            expected="a date without a time of day",
        )
        people = refused(
            InvalidTypeError,
            r"recognition_actions\.advocates\[0\]",
            lambda: recognition_actions(["adv-1"], DONE, as_of=AS_OF),  # type: ignore[list-item]
            value="adv-1",
        )
        assert people.expected == "an Advocate"
        refused(
            InvalidValueError,
            r"recognition_actions\.advocates",
            lambda: recognition_actions([PEOPLE[0], PEOPLE[0]], DONE, as_of=AS_OF),
            value="adv-1",
            expected="unique ids",
        )
        policy = refused(
            InvalidTypeError,
            r"recognition_actions\.policy",
            lambda: recognition_actions(PEOPLE, DONE, as_of=AS_OF, policy=5),  # type: ignore[arg-type]
            value=5,
        )
        assert policy.expected == "an ActionPolicy"


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

    @pytest.mark.parametrize(
        ("since", "due"),
        [("2026-03-30", True), ("2026-03-31", False)],
    )
    def test_a_customer_exactly_the_window_long_is_due(
        self, since: str, due: bool
    ) -> None:
        result = re_engagement_actions(
            [QUIET[3]], as_of=AS_OF, accounts=[account(since=since)]
        )
        if due:
            assert result[0].reason == (
                "never active; a customer since 2026-03-30, 6 months or more ago"
            )
            assert not result.skipped
        else:
            assert not list(result)
            assert result.skipped == {"adv-4": ActionSkip.NEW_CUSTOMER}

    @pytest.mark.parametrize(
        ("day", "offered"),
        [("2025-09-30", [T.ONLINE_REVIEW]), ("2025-10-01", [])],
    )
    def test_a_type_done_exactly_12_months_ago_is_new_again(
        self, day: str, offered: list[T]
    ) -> None:
        reviewer = attrs.evolve(QUIET[0], activities={T.ONLINE_REVIEW})
        done = [activity("r1", "adv-1", day, T.ONLINE_REVIEW)]
        result = re_engagement_actions(
            [reviewer], done, as_of=AS_OF, framing=FramingCatalog(())
        )
        offers = result.of_kind(K.OFFER_OPTIONS)
        assert [o.activity for offer in offers for o in offer.options] == offered

    def test_the_offer_names_the_last_activity(self) -> None:
        result = re_engagement_actions(QUIET, HISTORY, as_of=AS_OF, accounts=ACCOUNTS)
        (offer,) = result.of_kind(K.OFFER_OPTIONS)
        assert offer.activity_id == "q1"
        assert offer.activity is T.ONLINE_REVIEW

    def test_refusals_say_what_is_accepted(self) -> None:
        refused(
            InvalidTypeError,
            r"re_engagement_actions\.as_of",
            lambda: re_engagement_actions(QUIET, as_of=pendulum.datetime(2026, 9, 30)),
            expected="a date without a time of day",
        )
        policy = refused(
            InvalidTypeError,
            r"re_engagement_actions\.policy",
            lambda: re_engagement_actions(QUIET, as_of=AS_OF, policy=5),  # type: ignore[arg-type]
            value=5,
        )
        assert policy.expected == "an ActionPolicy"
        framing = refused(
            InvalidTypeError,
            r"re_engagement_actions\.framing",
            lambda: re_engagement_actions(QUIET, as_of=AS_OF, framing={}),  # type: ignore[arg-type]
            value={},
        )
        assert framing.expected == "a FramingCatalog"
        tiers = refused(
            InvalidTypeError,
            r"re_engagement_actions\.tier_policy",
            lambda: re_engagement_actions(QUIET, as_of=AS_OF, tier_policy=1),  # type: ignore[arg-type]
            value=1,
        )
        assert tiers.expected == "a TierPolicy"
        people = refused(
            InvalidTypeError,
            r"re_engagement_actions\.advocates\[0\]",
            lambda: re_engagement_actions(["adv-1"], as_of=AS_OF),  # type: ignore[list-item]
            value="adv-1",
        )
        assert people.expected == "an Advocate"
        done = refused(
            InvalidTypeError,
            r"re_engagement_actions\.activities\[0\]",
            lambda: re_engagement_actions(QUIET, ["q1"], as_of=AS_OF),  # type: ignore[list-item]
            value="q1",
        )
        assert done.expected == "an Activity"
