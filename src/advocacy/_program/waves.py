"""Invitation waves: who is invited to the program first, as data.

`InvitationWaves.default()` invites new contracts first, then admins, then
new managers, then key contacts. `plan_invitations` (in
`advocacy._program.recruitment`) places each advocate in the first wave that
takes them.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

import attrs
import pendulum

from advocacy._internal.checks import (
    any_text,
    collection_of,
    distinct_items,
    integer,
    member_of,
    optional,
    text,
)
from advocacy._internal.convert import members, to_strings, to_tuple
from advocacy._internal.text import plural
from advocacy._internal.validation import check_fields, checked
from advocacy._model.customers import Account, Advocate
from advocacy._model.enums import Tier
from advocacy._scoring.score import tenure_months
from advocacy.exceptions import InvalidValueError

__all__ = ["InvitationWave", "InvitationWaves"]


_TEXTS = collection_of(text, "non-empty strings")


def _to_tiers(
    value: Iterable[Tier | str],
) -> frozenset[Tier | str] | Iterable[Tier | str]:
    return members(Tier, value)


def _words(value: str) -> str:
    """Lower-case words separated by single spaces, for whole-word matching."""
    return " ".join(re.findall(r"\w+", value.casefold()))


@attrs.frozen
class InvitationWave:
    """Who one wave of invitations goes to, as data predicates.

    Every predicate given must hold; an empty set or `None` leaves it out, so
    a wave with none matches everyone not invited in an earlier wave.

    Attributes:
        name: The wave's name, unique among the waves.
        personas: Personas it invites (case-insensitive); empty: any.
        title_words: Words or phrases, one of which must appear as whole
            words in the title (case-insensitive); empty: any.
        customer_under_months: Invite only customers of fewer whole months
            than this (needs accounts); `None`: any tenure.
        tiers: Tiers it invites; empty: any, no tier included.
        min_score: The lowest score it invites (needs scores); `None`: any.
        description: Why this wave, for people.
    """

    name: str = attrs.field(metadata=checked(text))
    personas: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_strings, metadata=checked(_TEXTS)
    )
    title_words: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_strings, metadata=checked(_TEXTS)
    )
    customer_under_months: int | None = attrs.field(
        default=None, metadata=checked(optional(integer(1)))
    )
    tiers: frozenset[Tier] = attrs.field(
        factory=frozenset,
        converter=_to_tiers,
        metadata=checked(collection_of(member_of(Tier), "Tier values")),
    )
    min_score: int | None = attrs.field(
        default=None, metadata=checked(optional(integer(0)))
    )
    description: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    def match(
        self,
        advocate: Advocate,
        *,
        as_of: pendulum.Date,
        account: Account | None = None,
        score: int | None = None,
    ) -> tuple[str, ...] | None:
        """Why `advocate` is in this wave, one phrase per predicate; `None` if not.

        Args:
            advocate: The candidate.
            as_of: The date tenure is measured on.
            account: Their account (read by `customer_under_months`).
            score: Their score (read by `min_score`); `None` never matches it.

        Returns:
            One phrase per predicate that held (`("any advocate",)` for a
            wave without predicates), or `None` if one failed.

        Raises:
            InvalidValueError: The wave reads tenure and no account is given.
        """
        reasons = []
        for phrase in self._phrases(advocate, as_of, account, score):
            if phrase is None:
                return None
            reasons.append(phrase)
        return tuple(reasons) or ("any advocate",)

    def _phrases(
        self,
        advocate: Advocate,
        as_of: pendulum.Date,
        account: Account | None,
        score: int | None,
    ) -> Iterator[str | None]:
        """A phrase per predicate given, `None` for one that fails."""
        if self.personas:
            wanted = {p.casefold() for p in self.personas}
            held = advocate.persona.casefold() in wanted
            yield f"persona {advocate.persona!r}" if held else None
        if self.title_words:
            title = f" {_words(advocate.title)} "
            found = sorted(w for w in self.title_words if f" {_words(w)} " in title)
            yield f"title {advocate.title!r} has {found[0]!r}" if found else None
        if (under := self.customer_under_months) is not None:
            yield self._tenure(account, as_of, under)
        if self.tiers:
            held = advocate.tier in self.tiers
            yield f"tier {advocate.tier}" if held else None
        if self.min_score is not None:
            held = score is not None and score >= self.min_score
            yield f"score {score} (at least {self.min_score})" if held else None

    def _tenure(
        self, account: Account | None, as_of: pendulum.Date, under: int
    ) -> str | None:
        if account is None:
            raise InvalidValueError(
                f"InvitationWave({self.name!r}).match",
                "account",
                None,
                "the advocate's Account: this wave reads customer tenure",
            )
        if account.customer_since > as_of:
            return None
        months = tenure_months(account.customer_since, as_of)
        if months >= under:
            return None
        return f"customer for {plural(months, 'month')} (under {under})"


def _to_waves(
    value: Iterable[InvitationWave],
) -> tuple[InvitationWave, ...] | Iterable[InvitationWave]:
    return to_tuple(value)


_check_waves: Final = distinct_items(
    InvitationWave, "a tuple of InvitationWave with unique names", lambda w: w.name
)


_ADMINS: Final = ("admin", "administrator", "system administrator",
                  "systems administrator")  # fmt: skip


@attrs.frozen
class InvitationWaves:
    """Invitation waves in the order they go out.

    `InvitationWaves.default()` holds the usual order: new contracts
    (customers for under 6 months), then system admins, then new managers
    (a title with "manager", "head" or "director"; the records do not say
    who is new in a role, so a host that knows narrows the wave), then key
    contacts (a score of at least 61, qualified under the default model).

    Attributes:
        waves: The waves, first to go out first.
    """

    waves: tuple[InvitationWave, ...] = attrs.field(
        converter=_to_waves, metadata=checked(_check_waves)
    )

    def __attrs_post_init__(self) -> None:
        """Check the waves."""
        check_fields(self)

    @classmethod
    def default(cls) -> InvitationWaves:
        """New contracts, system admins, new managers, then key contacts."""
        return cls(
            (
                InvitationWave(
                    "new contracts",
                    customer_under_months=6,
                    description="customers for under 6 months, fresh from buying",
                ),
                InvitationWave(
                    "system admins",
                    personas=_ADMINS,
                    description="admins, who know the product best",
                ),
                InvitationWave(
                    "new managers",
                    title_words={"manager", "head", "director"},
                    description="managers, keen to show results",
                ),
                InvitationWave(
                    "key contacts",
                    min_score=61,
                    description="everyone else who qualifies (score above 60)",
                ),
            )
        )

    def __iter__(self) -> Iterator[InvitationWave]:
        """The waves, in order."""
        return iter(self.waves)

    def __len__(self) -> int:
        """How many waves."""
        return len(self.waves)
