"""Workflow actions as values: what the host should do next; nothing is sent.

The workflow rules (`identification_actions`, `recognition_actions`,
`re_engagement_actions`, in `advocacy._workflows`) return an
[`ActionList`][advocacy.ActionList] of [`Action`][advocacy.Action] values.
Each action names its kind, its target, why it fired and a stable key:

```text
key = <kind>:<target>[:<anchor>]
anchor = the activity recognised, or the advocate's last activity ("never"
         without one) for re-engagement; none for identification
```

The same rule on the same records gives the same key, so the host executes
each key once and running a rule again is harmless. Actions are ordered by
target, then count (recognition: the activity's place in the advocate's
history), then anchor, then the kind's position in `ActionKind`.
[`ActionPolicy`][advocacy.ActionPolicy] holds the rules' figures.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

import enum
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.checks import integer, optional
from advocacy._internal.text import headline_repr, plural, table
from advocacy._internal.validation import check_fields, checked
from advocacy._model.enums import ActivityType
from advocacy._program.framing import Framing
from advocacy._scoring.score import Score
from advocacy.exceptions import InvalidValueError

__all__ = [
    "Action",
    "ActionKind",
    "ActionList",
    "ActionPolicy",
    "ActionSkip",
    "action",
    "action_list",
]


class ActionKind(enum.StrEnum):
    """What an action asks the host to do; its value starts with its rule."""

    COMPUTE_SCORE = "identification.compute_score"
    """Store the contact's score (the action carries it)."""

    ADD_TO_POTENTIAL_ADVOCATES = "identification.add_to_potential_advocates"
    """Add the contact to the potential-advocates list."""

    NOTIFY_PROGRAM_MANAGER = "identification.notify_program_manager"
    """Tell the program manager about the contact."""

    SEND_QUALIFICATION_SURVEY = "identification.send_qualification_survey"
    """Send the contact the qualification survey."""

    THANK_YOU = "recognition.thank_you"
    """Thank the advocate for the activity."""

    INCREMENT_COUNT = "recognition.increment_count"
    """Record the advocate's new activity count (the action carries it)."""

    MILESTONE_GIFT = "recognition.milestone_gift"
    """Send a gift for a milestone count (every 5th activity by default)."""

    PUBLIC_THANK_YOU = "recognition.public_thank_you"
    """Thank the advocate publicly (only if they approved it)."""

    RE_ENGAGEMENT_MESSAGE = "re_engagement.message"
    """Send a message to win back an advocate gone quiet."""

    AVAILABILITY_UPDATE = "re_engagement.availability_update"
    """Ask the advocate to update their availability."""

    OFFER_OPTIONS = "re_engagement.offer_options"
    """Offer new activities matched to their preferences (the action carries them)."""

    @property
    def rule(self) -> str:
        """The rule that makes it: identification, recognition or re_engagement."""
        return self.value.split(".")[0]

    @property
    def template(self) -> str | None:
        """The message template the host sends, or `None` for record-keeping."""
        return _TEMPLATES.get(self)

    @property
    def contacts_advocate(self) -> bool:
        """Whether it reaches the advocate (held in a do-not-contact window)."""
        return self in _CONTACT


_TEMPLATES: Final = {
    ActionKind.NOTIFY_PROGRAM_MANAGER: "potential_advocate_alert",
    ActionKind.SEND_QUALIFICATION_SURVEY: "qualification_survey",
    ActionKind.THANK_YOU: "thank_you",
    ActionKind.MILESTONE_GIFT: "milestone_gift",
    ActionKind.PUBLIC_THANK_YOU: "public_thank_you",
    ActionKind.RE_ENGAGEMENT_MESSAGE: "re_engagement",
    ActionKind.AVAILABILITY_UPDATE: "availability_update",
    ActionKind.OFFER_OPTIONS: "new_options",
}
_CONTACT: Final = frozenset(_TEMPLATES) - {ActionKind.NOTIFY_PROGRAM_MANAGER}
_KIND_RANK: Final = {kind: n for n, kind in enumerate(ActionKind)}
_RULES: Final = tuple(dict.fromkeys(kind.rule for kind in ActionKind))
# The field an action of the kind always carries, and what it must hold.
_CARRIES: Final = {
    ActionKind.COMPUTE_SCORE: "score",
    ActionKind.INCREMENT_COUNT: "count",
    ActionKind.MILESTONE_GIFT: "count",
    ActionKind.OFFER_OPTIONS: "options",
}
_CARRIED: Final = {"score": "a Score", "count": "a count", "options": "an option"}


class ActionSkip(enum.StrEnum):
    """Why a rule did not act (or held its outbound actions) for a record."""

    OPTED_OUT = "opted_out"
    """They left the program: never contacted."""

    DO_NOT_CONTACT = "do_not_contact"
    """`as_of` is before their do-not-contact-until date."""

    HAS_TIER = "has_tier"
    """Identification: already an advocate with a tier."""

    ALREADY_RECOGNISED = "already_recognised"
    """Recognition: the activity's recognition was sent."""

    AFTER_AS_OF = "after_as_of"
    """Recognition: the activity is dated after `as_of`."""

    ACTIVE = "active"
    """Re-engagement: active within the window."""

    NEW_CUSTOMER = "new_customer"
    """Re-engagement: never active, a customer for less than the window."""


@headline_repr
@attrs.frozen(repr=False)
class Action:
    """One thing for the host to do, for whom, and why.

    Attributes:
        kind: What to do.
        target: The advocate's (or contact's) id.
        reason: Why the rule fired, in words.
        key: Stable de-duplication key: equal whenever the same rule fires
            on the same records; `<kind>:<target>`, then `:<anchor>` if
            there is one.
        activity_id: The activity recognised, or (re-engagement) the
            advocate's last activity; `None` otherwise.
        activity: That activity's type (`None` exactly when `activity_id` is).
        count: The advocate's activity count, 1 or more (increment and
            milestone carry it).
        score: The contact's score (compute score carries it).
        options: The activities offered, with their framed asks (offer
            options carries at least one).
    """

    kind: ActionKind
    target: str
    reason: str
    key: str
    activity_id: str | None = None
    activity: ActivityType | None = None
    count: int | None = attrs.field(
        default=None, metadata=checked(optional(integer(1)))
    )
    score: Score | None = None
    options: tuple[Framing, ...] = ()

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the key and what the kind carries."""
        check_fields(self)
        owner = "Action"
        head = f"{self.kind.value}:{self.target}"
        if self.key != head and not self.key.startswith(f"{head}:"):
            raise InvalidValueError(
                owner,
                "key",
                self.key,
                f"{head!r}, then ':<anchor>' if there is one",
            )
        if (self.activity_id is None) != (self.activity is None):
            raise InvalidValueError(
                owner,
                "activity",
                self.activity,
                "None without an activity_id"
                if self.activity_id is None
                else f"the type of activity {self.activity_id}",
            )
        carried = _CARRIES.get(self.kind)
        if carried is not None and getattr(self, carried) in (None, ()):
            raise InvalidValueError(
                owner,
                carried,
                getattr(self, carried),
                f"{_CARRIED[carried]}: every {self.kind.value} action carries one",
            )

    @property
    def template(self) -> str | None:
        """The message template to send, or `None` for record-keeping."""
        return self.kind.template

    def explain(self) -> str:
        """`recognition.thank_you adv-7: activity 5 (act-9, webinar on ...)`."""
        return f"{self.kind.value} {self.target}: {self.reason}"


def action(
    kind: ActionKind, target: str, reason: str, anchor: str | None = None, **more: Any
) -> Action:
    """An action with its key: `<kind>:<target>`, then `:<anchor>` if given."""
    key = f"{kind.value}:{target}" + ("" if anchor is None else f":{anchor}")
    return Action(kind, target, reason, key, **more)


def _order(action: Action) -> tuple[str, int, str, int]:
    anchor = action.key[len(action.kind.value) + len(action.target) + 2 :]
    return action.target, action.count or 0, anchor, _KIND_RANK[action.kind]


@attrs.frozen(repr=False)
class ActionList:
    """What one rule asks the host to do, in order, with what it skipped.

    Made by `identification_actions`, `recognition_actions` and
    `re_engagement_actions`.

    Attributes:
        rule: The rule that made it (`identification`, `recognition` or
            `re_engagement`); every action is of one of its kinds.
        as_of: The date it ran for.
        actions: By target, count (recognition), anchor, then kind
            (`ActionKind` order).
        skipped: Record id (the contact, advocate or activity) to why the
            rule did not act or held its outbound actions, by id.
    """

    rule: str
    as_of: pendulum.Date
    actions: tuple[Action, ...]
    skipped: Mapping[str, ActionSkip]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that every action is the rule's, in order."""
        check_fields(self)
        owner = "ActionList"
        if self.rule not in _RULES:
            raise InvalidValueError(
                owner, "rule", self.rule, f"one of {', '.join(_RULES)}"
            )
        for index, item in enumerate(self.actions):
            if item.kind.rule != self.rule:
                raise InvalidValueError(
                    owner,
                    f"actions[{index}].kind",
                    item.kind.value,
                    f"a kind of the {self.rule} rule",
                )
        for index, (before, after) in enumerate(
            itertools.pairwise(self.actions), start=1
        ):
            if _order(after) < _order(before):
                raise InvalidValueError(
                    owner,
                    f"actions[{index}]",
                    after.key,
                    f"an action after {before.key}: by target, count, anchor, "
                    "then kind",
                )

    def __iter__(self) -> Iterator[Action]:
        """The actions, in order."""
        return iter(self.actions)

    def __len__(self) -> int:
        """How many actions."""
        return len(self.actions)

    def __getitem__(self, index: int) -> Action:
        """The action at `index`."""
        return self.actions[index]

    def keys(self) -> tuple[str, ...]:
        """Every action's key, in order (unique)."""
        return tuple(a.key for a in self.actions)

    def of_kind(self, kind: ActionKind | str) -> tuple[Action, ...]:
        """The actions of one kind, in order."""
        return tuple(a for a in self.actions if a.kind == kind)

    def counts(self) -> dict[ActionKind, int]:
        """Actions per kind, for the kinds present, in `ActionKind` order."""
        found = Counter(a.kind for a in self.actions)
        return {kind: found[kind] for kind in ActionKind if found[kind]}

    def explain(self) -> str:
        """A count per kind and per skip reason, then every action."""
        lines = [f"{self.rule} as of {self.as_of}: {plural(len(self), 'action')}"]
        lines += [f"  {kind.value}: {n}" for kind, n in self.counts().items()]
        skips = Counter(self.skipped.values())
        if skips:
            lines.append(
                "skipped: "
                + ", ".join(f"{s.value} {skips[s]}" for s in ActionSkip if skips[s])
            )
        lines += [f"  {a.explain()}" for a in self.actions]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per action, ready for `pandas.DataFrame`."""
        return [
            {
                "key": a.key,
                "kind": a.kind.value,
                "target": a.target,
                "template": a.template,
                "activity_id": a.activity_id,
                "activity": None if a.activity is None else a.activity.value,
                "count": a.count,
                "score": None if a.score is None else a.score.total,
                "options": [o.activity.value for o in a.options],
                "reason": a.reason,
            }
            for a in self.actions
        ]

    def __repr__(self) -> str:
        """`ActionList(recognition, 12 actions: recognition.thank_you 4, ...)`."""
        parts = ", ".join(f"{k.value} {n}" for k, n in self.counts().items())
        return f"ActionList({self.rule}, {plural(len(self), 'action')}: {parts})"

    def _repr_html_(self) -> str:
        return table(
            ("target", "kind", "key", "reason"),
            [(a.target, a.kind.value, a.key, a.reason) for a in self.actions],
        )


def action_list(
    rule: str,
    day: pendulum.Date,
    actions: Iterable[Action],
    skipped: dict[str, ActionSkip],
) -> ActionList:
    """The actions in their documented order, the skips by record id."""
    return ActionList(
        rule=rule,
        as_of=day,
        actions=tuple(sorted(actions, key=_order)),
        skipped=dict(sorted(skipped.items())),
    )


@attrs.frozen
class ActionPolicy:
    """The figures the workflow rules use.

    `ActionPolicy.default()`: a milestone gift every 5 activities,
    re-engagement after 6 months without activity, up to 3 new options of
    types not done in the last 12 months.

    Attributes:
        milestone_every: A gift when the advocate's count is a multiple of
            this.
        reengage_after_months: Re-engage after this many months without
            activity.
        recent_months: A type done within this many months is not new.
        options_offered: The most new options offered at once.
    """

    milestone_every: int = attrs.field(default=5, metadata=checked(integer(1)))
    reengage_after_months: int = attrs.field(default=6, metadata=checked(integer(1)))
    recent_months: int = attrs.field(default=12, metadata=checked(integer(1)))
    options_offered: int = attrs.field(default=3, metadata=checked(integer(1)))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def default(cls) -> ActionPolicy:
        """Milestones every 5, re-engagement after 6 months, 3 options."""
        return cls()
