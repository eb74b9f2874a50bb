"""The workflow rules: identification, recognition and re-engagement actions.

Each rule reads the records and returns an [`ActionList`][advocacy.ActionList]
for the host to execute; the library sends nothing.

```text
identification  a contact the IdentificationRule flags (NPS 9-10 and health
                above 80) -> compute score, add to the potential-advocates
                list, notify the program manager, send the qualification
                survey. Skipped: advocates who hold a tier, and anyone opted
                out; the survey waits out a do-not-contact window.
recognition     each activity dated by as_of and not yet recognised ->
                thank-you, increment the count, a milestone gift when the
                count is a multiple of 5, a public thank-you if the advocate
                approved public recognition. The count is the activity's
                position in the advocate's history by (date, id). Opted out
                or in a do-not-contact window: the count only.
re-engagement   an advocate, not opted out and not in a do-not-contact
                window, with no activity in the 6 months up to as_of (one
                exactly 6 months before is outside) -> re-engagement
                message, availability update request, new options. Never
                active: due once their account has been a customer for the
                6 months when accounts are given, else due at once.
```

New options are activity types the advocate's tier may be asked for (a
Supporter's, without a tier) and not done in the 12 months up to `as_of`,
that they opted in to or that the framing catalog frames for one of their
motivations: opted-in first, then in `ActivityType` order, at most 3, each
with its framed ask.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.checks import instance_of, optional
from advocacy._internal.validation import as_date, require, unique_ids
from advocacy._model.checks import ACCOUNT, ACTIVITY, ADVOCATE
from advocacy._model.customers import Account, Advocate, Signals, account_of
from advocacy._model.enums import ActivityType, Tier
from advocacy._model.records import Activity
from advocacy._program.actions import (
    Action,
    ActionKind,
    ActionList,
    ActionPolicy,
    ActionSkip,
    action,
    action_list,
)
from advocacy._program.framing import Framing, FramingCatalog, frame_ask
from advocacy._scoring.identification import (
    IdentificationRule,
    identify_potential_advocates,
)
from advocacy._scoring.model import ScoringModel
from advocacy._scoring.tier_policy import TierPolicy
from advocacy.exceptions import UnknownKeyError

__all__ = ["identification_actions", "re_engagement_actions", "recognition_actions"]


def _policy(owner: str, policy: ActionPolicy | None) -> ActionPolicy:
    chosen: ActionPolicy = require(
        owner,
        "policy",
        ActionPolicy.default() if policy is None else policy,
        instance_of(ActionPolicy, "an ActionPolicy"),
    )
    return chosen


def _in_window(advocate: Advocate, day: pendulum.Date) -> bool:
    until = advocate.do_not_contact_until
    return until is not None and day < until


def identification_actions(
    signals: Mapping[str, Signals],
    *,
    as_of: pendulum.Date,
    advocates: Iterable[Advocate] = (),
    rule: IdentificationRule | None = None,
    model: ScoringModel | None = None,
) -> ActionList:
    """Actions for the contacts the identification rule flags.

    Uses `identify_potential_advocates`. A flagged contact who is an
    advocate with a tier, or who opted out, is skipped; in a do-not-contact
    window the survey is held and the rest goes ahead.

    Args:
        signals: Contact id to signals.
        as_of: The date of the run (scores are computed on it).
        advocates: Known advocates, matched to contacts by id.
        rule: The identification rule; `IdentificationRule.default()` if
            `None`.
        model: The scoring model; `ScoringModel.default()` if `None`.

    Returns:
        Per flagged contact: compute score, add to the potential-advocates
        list, notify the program manager, send the qualification survey.

    Raises:
        InvalidTypeError: An input of the wrong kind (named).
        InvalidValueError: Two advocates share an id.
    """
    owner = "identification_actions"
    day = as_date(owner, "as_of", as_of)
    require(owner, "signals", signals, instance_of(Mapping, "a mapping of signals"))
    require(
        owner,
        "rule",
        rule,
        optional(instance_of(IdentificationRule, "an IdentificationRule")),
    )
    require(
        owner, "model", model, optional(instance_of(ScoringModel, "a ScoringModel"))
    )
    people = unique_ids(owner, "advocates", advocates, ADVOCATE)
    found = identify_potential_advocates(signals, as_of=day, rule=rule, model=model)
    actions: list[Action] = []
    skipped: dict[str, ActionSkip] = {}
    for flagged in found:
        known = people.get(flagged.id)
        if known is not None and known.opted_out:
            skipped[flagged.id] = ActionSkip.OPTED_OUT
            continue
        if known is not None and known.tier is not None:
            skipped[flagged.id] = ActionSkip.HAS_TIER
            continue
        score = flagged.score
        reason = f"{flagged.reason}; score {score.total}/{score.maximum}"
        kinds = [
            ActionKind.COMPUTE_SCORE,
            ActionKind.ADD_TO_POTENTIAL_ADVOCATES,
            ActionKind.NOTIFY_PROGRAM_MANAGER,
        ]
        if known is not None and _in_window(known, day):
            skipped[flagged.id] = ActionSkip.DO_NOT_CONTACT
        else:
            kinds.append(ActionKind.SEND_QUALIFICATION_SURVEY)
        actions += [action(k, flagged.id, reason, score=score) for k in kinds]
    return action_list("identification", day, actions, skipped)


def _histories(
    activities: Iterable[Activity], owner: str, day: pendulum.Date
) -> tuple[dict[str, list[Activity]], list[Activity]]:
    """Each advocate's activities to `as_of` by (date, id), and the later ones."""
    histories: dict[str, list[Activity]] = {}
    later = []
    for activity in unique_ids(owner, "activities", activities, ACTIVITY).values():
        if activity.date > day:
            later.append(activity)
        else:
            histories.setdefault(activity.advocate_id, []).append(activity)
    for history in histories.values():
        history.sort(key=lambda a: (a.date, a.id))
    return histories, later


def _ordinal(n: int) -> str:
    suffix = (
        "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    )
    return f"{n}{suffix}"


def recognition_actions(
    advocates: Iterable[Advocate],
    activities: Iterable[Activity],
    *,
    as_of: pendulum.Date,
    policy: ActionPolicy | None = None,
) -> ActionList:
    """Actions recognising every completed activity not yet recognised.

    Pass each advocate's whole history, recognised activities included: an
    activity's count is its position in the advocate's activities dated by
    `as_of`, ordered by (date, id).

    Args:
        advocates: The advocates who did them.
        activities: Completed activities (later-dated ones are skipped).
        as_of: The date of the run.
        policy: The figures; `ActionPolicy.default()` if `None`.

    Returns:
        Per activity: thank-you, increment the count, a milestone gift at
        every `milestone_every`-th activity, a public thank-you if approved.

    Raises:
        UnknownKeyError: An activity's advocate is not among `advocates`.
        InvalidValueError: Two activities, or two advocates, share an id.
        InvalidTypeError: An input of the wrong kind (named).
    """
    owner = "recognition_actions"
    day = as_date(owner, "as_of", as_of)
    figures = _policy(owner, policy)
    people = unique_ids(owner, "advocates", advocates, ADVOCATE)
    histories, later = _histories(activities, owner, day)
    skipped = dict.fromkeys((a.id for a in later), ActionSkip.AFTER_AS_OF)
    actions: list[Action] = []
    for advocate_id, history in sorted(histories.items()):
        if advocate_id not in people:
            raise UnknownKeyError(
                owner,
                "advocates",
                advocate_id,
                f"the advocate of every activity ({history[0].id} names them)",
            )
        advocate = people[advocate_id]
        for count, activity in enumerate(history, start=1):
            if activity.recognition_sent:
                skipped[activity.id] = ActionSkip.ALREADY_RECOGNISED
                continue
            actions += _recognise(
                advocate, activity, count, day=day, figures=figures, skipped=skipped
            )
    return action_list("recognition", day, actions, skipped)


def _recognise(
    advocate: Advocate,
    activity: Activity,
    count: int,
    *,
    day: pendulum.Date,
    figures: ActionPolicy,
    skipped: dict[str, ActionSkip],
) -> list[Action]:
    what = f"{activity.type.value.replace('_', ' ')} on {activity.date}"
    reason = f"{_ordinal(count)} activity ({activity.id}, {what})"
    kinds = [ActionKind.THANK_YOU, ActionKind.INCREMENT_COUNT]
    if count % figures.milestone_every == 0:
        kinds.append(ActionKind.MILESTONE_GIFT)
    if advocate.public_recognition:
        kinds.append(ActionKind.PUBLIC_THANK_YOU)
    if advocate.opted_out or _in_window(advocate, day):
        skipped[activity.id] = (
            ActionSkip.OPTED_OUT if advocate.opted_out else ActionSkip.DO_NOT_CONTACT
        )
        kinds = [k for k in kinds if not k.contacts_advocate]
    notes = {
        ActionKind.MILESTONE_GIFT: f"; a milestone every {figures.milestone_every}",
        ActionKind.PUBLIC_THANK_YOU: "; public recognition approved",
    }
    return [
        action(
            kind,
            advocate.id,
            reason + notes.get(kind, ""),
            activity.id,
            activity_id=activity.id,
            activity=activity.type,
            count=count,
        )
        for kind in kinds
    ]


def re_engagement_actions(
    advocates: Iterable[Advocate],
    activities: Iterable[Activity] = (),
    *,
    as_of: pendulum.Date,
    accounts: Iterable[Account] | None = None,
    policy: ActionPolicy | None = None,
    framing: FramingCatalog | None = None,
    tier_policy: TierPolicy | None = None,
) -> ActionList:
    """Actions winning back advocates with no activity in the window.

    Args:
        advocates: The advocates.
        activities: Their activities (others' are ignored).
        as_of: The date of the run; the window is the
            `reengage_after_months` months up to it.
        accounts: Their accounts; with them, a never-active advocate is due
            only once their account has been a customer for the window.
        policy: The figures; `ActionPolicy.default()` if `None`.
        framing: The framings of the options; `FramingCatalog.default()` if
            `None`.
        tier_policy: Which types each tier may be asked for;
            `TierPolicy.default()` if `None`.

    Returns:
        Per advocate due: re-engagement message, availability update
        request and (when any fit) new options with their framed asks.

    Raises:
        UnknownKeyError: An advocate's account is not among `accounts`.
        InvalidValueError: Two advocates, activities or accounts share an id.
        InvalidTypeError: An input of the wrong kind (named).
    """
    owner = "re_engagement_actions"
    day = as_date(owner, "as_of", as_of)
    figures = _policy(owner, policy)
    words = require(
        owner,
        "framing",
        FramingCatalog.default() if framing is None else framing,
        instance_of(FramingCatalog, "a FramingCatalog"),
    )
    tiers = require(
        owner,
        "tier_policy",
        TierPolicy.default() if tier_policy is None else tier_policy,
        instance_of(TierPolicy, "a TierPolicy"),
    )
    people = unique_ids(owner, "advocates", advocates, ADVOCATE)
    known = (
        None if accounts is None else unique_ids(owner, "accounts", accounts, ACCOUNT)
    )
    histories, _ = _histories(activities, owner, day)
    run = _Run(day, figures, words, tiers)
    actions: list[Action] = []
    skipped: dict[str, ActionSkip] = {}
    for advocate in people.values():
        history = histories.get(advocate.id, [])
        due = _due(owner, advocate, history, known, run)
        if isinstance(due, ActionSkip):
            skipped[advocate.id] = due
            continue
        last = history[-1] if history else None
        anchor = "never" if last is None else last.id
        more: dict[str, Any] = {
            "activity_id": None if last is None else last.id,
            "activity": None if last is None else last.type,
        }
        kinds = (ActionKind.RE_ENGAGEMENT_MESSAGE, ActionKind.AVAILABILITY_UPDATE)
        actions += [action(k, advocate.id, due, anchor, **more) for k in kinds]
        offered = _options(advocate, history, run)
        if offered:
            listed = ", ".join(o.activity.value for o in offered)
            actions.append(
                action(
                    ActionKind.OFFER_OPTIONS,
                    advocate.id,
                    f"{due}; options: {listed}",
                    anchor,
                    options=offered,
                    **more,
                )
            )
    return action_list("re_engagement", day, actions, skipped)


@attrs.frozen
class _Run:
    """What one re-engagement run reads besides the advocate."""

    day: pendulum.Date
    figures: ActionPolicy
    words: FramingCatalog
    tiers: TierPolicy

    @property
    def cutoff(self) -> pendulum.Date:
        """An activity on or before this is outside the window."""
        return self.day.subtract(months=self.figures.reengage_after_months)


def _due(
    owner: str,
    advocate: Advocate,
    history: list[Activity],
    known: Mapping[str, Account] | None,
    run: _Run,
) -> str | ActionSkip:
    """Why the advocate is due for re-engagement, or why not."""
    if advocate.opted_out or _in_window(advocate, run.day):
        return ActionSkip.OPTED_OUT if advocate.opted_out else ActionSkip.DO_NOT_CONTACT
    window = f"{run.figures.reengage_after_months} months or more"
    if history:
        last = history[-1]
        if last.date > run.cutoff:
            return ActionSkip.ACTIVE
        return f"last activity {last.id} on {last.date}, {window} ago"
    if known is None:
        return "no activity on record"
    since = account_of(advocate, known, owner).customer_since
    if since > run.cutoff:
        return ActionSkip.NEW_CUSTOMER
    return f"never active; a customer since {since}, {window} ago"


_TYPE_RANK: Final = {t: n for n, t in enumerate(ActivityType)}


def _options(
    advocate: Advocate, history: list[Activity], run: _Run
) -> tuple[Framing, ...]:
    """Types new to the advocate that they opted in to or that suit them."""
    since = run.day.subtract(months=run.figures.recent_months)
    recent = {a.type for a in history if a.date > since}
    allowed = run.tiers[advocate.tier or Tier.SUPPORTER].activities
    suited = [
        kind
        for kind in ActivityType
        if kind in allowed
        and kind not in recent
        and (
            kind in advocate.activities
            or any(run.words.suits(kind, m) for m in advocate.motivations)
        )
    ]
    suited.sort(key=lambda k: (k not in advocate.activities, _TYPE_RANK[k]))
    return tuple(
        frame_ask(advocate, kind, catalog=run.words)
        for kind in suited[: run.figures.options_offered]
    )
