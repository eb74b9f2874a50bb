"""Recruitment: who is invited to the program, in which wave, and why.

An [`InvitationWave`][advocacy.InvitationWave] says who it invites with
simple data predicates, every one given must hold:

```text
personas              the advocate's persona is one of these (case-insensitive)
title_words           one of these words or phrases is in their title
customer_under_months their account has been a customer for fewer whole
                      months than this (and has started)
tiers                 their tier is one of these
min_score             their score is at least this
```

`plan_invitations` walks the waves in order and puts each candidate in the
first wave that matches, so nobody is invited twice; opted-out advocates,
those inside a do-not-contact window and those already invited are never
invited. Within a wave, invitations are ordered by score (high first) when
scores are given, then id.

How to word the ask itself, by the advocate's motivation, is in
`advocacy._framing`.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

import enum
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol, TypeVar

import attrs
import pendulum

from advocacy._internal.checks import instance_of, integer, text
from advocacy._internal.text import headline_repr, plural, table
from advocacy._internal.validation import (
    as_date,
    check_fields,
    checked,
    require,
    require_each,
    unique_ids,
)
from advocacy._model.checks import ACCOUNT, ADVOCATE
from advocacy._model.customers import Account, Advocate, account_of
from advocacy._program.waves import InvitationWaves
from advocacy._scoring.score import Score
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError

__all__ = ["Invitation", "InvitationPlan", "NotInvited", "plan_invitations"]


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_Identified)


class NotInvited(enum.StrEnum):
    """Why a candidate was not invited."""

    OPTED_OUT = "opted_out"
    """They left the program: never contacted."""

    DO_NOT_CONTACT = "do_not_contact"
    """`as_of` is before their do-not-contact-until date."""

    ALREADY_INVITED = "already_invited"
    """They were invited before (`already_invited`)."""

    NO_WAVE = "no_wave"
    """No wave matches them."""


@headline_repr
@attrs.frozen(repr=False)
class Invitation:
    """One advocate invited in one wave, and why.

    Attributes:
        advocate_id: Who is invited.
        wave: The wave's name.
        wave_number: Its position, 1 for the first wave.
        reasons: One phrase per predicate of the wave that held (at least
            one).
        score: Their score, when scores were given.
    """

    advocate_id: str
    wave: str
    wave_number: int = attrs.field(metadata=checked(integer(1)))
    reasons: tuple[str, ...]
    score: int | None = None

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that a reason is given."""
        check_fields(self)
        if not self.reasons:
            raise InvalidValueError(
                "Invitation", "reasons", self.reasons, "at least one reason"
            )

    def explain(self) -> str:
        """`adv-7: wave 2 'system admins' (persona 'Admin')`."""
        return (
            f"{self.advocate_id}: wave {self.wave_number} {self.wave!r} "
            f"({'; '.join(self.reasons)})"
        )


@attrs.frozen(repr=False)
class InvitationPlan:
    """Who is invited in which wave, and why the rest are not.

    Made by `plan_invitations`.

    Attributes:
        as_of: The planning date.
        waves: The waves applied.
        invitations: By wave, then score (high first, when scores are
            given), then advocate id; each names its wave by its place and
            name among `waves`.
        not_invited: Advocate id to why they were not invited, by id.

    Each advocate appears once: invited in one wave, or not invited.
    """

    as_of: pendulum.Date
    waves: InvitationWaves
    invitations: tuple[Invitation, ...]
    not_invited: Mapping[str, NotInvited]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the waves, the order and one place each."""
        check_fields(self)
        owner = "InvitationPlan"
        names = [wave.name for wave in self.waves]
        seen = set(self.not_invited)
        for index, invite in enumerate(self.invitations):
            number = invite.wave_number
            if number > len(names) or names[number - 1] != invite.wave:
                raise InvalidValueError(
                    owner,
                    f"invitations[{index}].wave",
                    (number, invite.wave),
                    f"a wave of the plan by its place and name ({_listed(names)})",
                )
            if invite.advocate_id in seen:
                raise InvalidValueError(
                    owner,
                    f"invitations[{index}].advocate_id",
                    invite.advocate_id,
                    "an advocate not invited before nor listed in not_invited",
                )
            seen.add(invite.advocate_id)
        for index, (before, after) in enumerate(
            itertools.pairwise(self.invitations), start=1
        ):
            if _rank(after) < _rank(before):
                raise InvalidValueError(
                    owner,
                    f"invitations[{index}]",
                    after.advocate_id,
                    f"an invitation after {before.advocate_id}'s: by wave, then "
                    "score (high first, the unscored last), then advocate id",
                )

    def __iter__(self) -> Iterator[Invitation]:
        """The invitations, in order."""
        return iter(self.invitations)

    def __len__(self) -> int:
        """How many are invited."""
        return len(self.invitations)

    def wave(self, name: str) -> tuple[Invitation, ...]:
        """The invitations of the wave called `name`.

        Raises:
            UnknownKeyError: No wave has that name.
        """
        if name not in {w.name for w in self.waves}:
            raise UnknownKeyError(
                "InvitationPlan", "name", name, "the name of one of the plan's waves"
            )
        return tuple(i for i in self.invitations if i.wave == name)

    def counts(self) -> dict[str, int]:
        """Invitations per wave, every wave present, in wave order."""
        found = Counter(i.wave for i in self.invitations)
        return {w.name: found[w.name] for w in self.waves}

    def explain(self) -> str:
        """Invitations per wave, then why the others were not invited."""
        lines = [f"{plural(len(self), 'invitation')} as of {self.as_of}"]
        lines += [
            f"  wave {n} {name!r}: {count}"
            for n, (name, count) in enumerate(self.counts().items(), start=1)
        ]
        skipped = Counter(self.not_invited.values())
        if skipped:
            lines.append(
                "not invited: "
                + ", ".join(f"{r.value} {skipped[r]}" for r in NotInvited if skipped[r])
            )
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per invitation, ready for `pandas.DataFrame`."""
        return [
            {
                "advocate_id": i.advocate_id,
                "wave": i.wave,
                "wave_number": i.wave_number,
                "score": i.score,
                "why": "; ".join(i.reasons),
            }
            for i in self.invitations
        ]

    def __repr__(self) -> str:
        """`InvitationPlan(42 invited: new contracts 5, system admins 9, ...)`."""
        parts = ", ".join(f"{name} {n}" for name, n in self.counts().items())
        return f"InvitationPlan({len(self)} invited: {parts})"

    def _repr_html_(self) -> str:
        return table(
            ("advocate", "wave", "why"),
            [
                (i.advocate_id, f"{i.wave_number}. {i.wave}", "; ".join(i.reasons))
                for i in self.invitations
            ],
        )


def _listed(names: list[str]) -> str:
    return ", ".join(f"{n} {name!r}" for n, name in enumerate(names, start=1))


def _rank(invite: Invitation) -> tuple[int, int, str]:
    """Where an invitation goes: wave, score (high first, unscored last), id."""
    score = 1 if invite.score is None else -invite.score
    return invite.wave_number, score, invite.advocate_id


def _score_totals(owner: str, scores: Mapping[str, int | Score]) -> dict[str, int]:
    require(owner, "scores", scores, instance_of(Mapping, "a mapping of id to score"))
    totals = {}
    for key, value in scores.items():
        given: object = value  # at run time anything may come; name it
        if isinstance(given, Score):
            totals[key] = given.total
        elif type(given) is not int:
            raise InvalidTypeError(
                owner, f"scores[{key!r}]", value, "an int total or a Score"
            )
        elif given < 0:
            raise InvalidValueError(
                owner, f"scores[{key!r}]", value, "an int total of 0 or more"
            )
        else:
            totals[key] = given
    return totals


def plan_invitations(
    advocates: Iterable[Advocate],
    *,
    as_of: pendulum.Date,
    waves: InvitationWaves | None = None,
    accounts: Iterable[Account] | None = None,
    scores: Mapping[str, int | Score] | None = None,
    already_invited: Iterable[str] = (),
) -> InvitationPlan:
    """Put each candidate in the first wave that matches them, once.

    Opted-out advocates, those whose do-not-contact-until date is after
    `as_of` and those in `already_invited` are never invited; each of the
    rest goes to the first matching wave, or to none.

    Args:
        advocates: The candidates.
        as_of: The planning date.
        waves: The waves in order; `InvitationWaves.default()` if `None`.
        accounts: The candidates' accounts; needed when a wave reads tenure.
        scores: Advocate id to score (an int or a `Score`); needed when a
            wave has a minimum score. A candidate without one matches no
            such wave.
        already_invited: Advocate ids invited before.

    Returns:
        The invitations by wave, each with the predicates that matched, and
        why the others were not invited.

    Raises:
        InvalidValueError: A wave reads tenure or scores and `accounts` or
            `scores` is not given; two advocates share an id; or a score
            total is negative.
        UnknownKeyError: An advocate's account is not among `accounts`.
        InvalidTypeError: An input of the wrong kind (named).
    """
    owner = "plan_invitations"
    day = as_date(owner, "as_of", as_of)
    plan = require(
        owner,
        "waves",
        InvitationWaves.default() if waves is None else waves,
        instance_of(InvitationWaves, "an InvitationWaves"),
    )
    people = unique_ids(owner, "advocates", advocates, ADVOCATE)
    known = (
        None if accounts is None else unique_ids(owner, "accounts", accounts, ACCOUNT)
    )
    totals = None if scores is None else _score_totals(owner, scores)
    invited_before = frozenset(
        require_each(owner, "already_invited", already_invited, text)
    )
    for wave in plan:
        if wave.customer_under_months is not None and known is None:
            raise InvalidValueError(
                owner,
                "accounts",
                None,
                f"the accounts: wave {wave.name!r} reads tenure",
            )
        if wave.min_score is not None and totals is None:
            raise InvalidValueError(
                owner, "scores", None, f"the scores: wave {wave.name!r} has min_score"
            )

    invitations: list[Invitation] = []
    not_invited: dict[str, NotInvited] = {}
    for advocate_id in sorted(people):
        advocate = people[advocate_id]
        skip = _skip(advocate, day, invited_before)
        if skip is not None:
            not_invited[advocate_id] = skip
            continue
        account = None if known is None else account_of(advocate, known, owner)
        score = None if totals is None else totals.get(advocate_id)
        for number, wave in enumerate(plan, start=1):
            reasons = wave.match(advocate, as_of=day, account=account, score=score)
            if reasons is not None:
                invitations.append(
                    Invitation(advocate_id, wave.name, number, reasons, score)
                )
                break
        else:
            not_invited[advocate_id] = NotInvited.NO_WAVE
    return InvitationPlan(
        as_of=day,
        waves=plan,
        invitations=tuple(sorted(invitations, key=_rank)),
        not_invited=not_invited,
    )


def _skip(
    advocate: Advocate, day: pendulum.Date, invited_before: frozenset[str]
) -> NotInvited | None:
    if advocate.opted_out:
        return NotInvited.OPTED_OUT
    if (
        advocate.do_not_contact_until is not None
        and day < advocate.do_not_contact_until
    ):
        return NotInvited.DO_NOT_CONTACT
    if advocate.id in invited_before:
        return NotInvited.ALREADY_INVITED
    return None
