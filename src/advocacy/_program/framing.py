"""Asks framed by what motivates an advocate, not by what the vendor needs.

A [`FramingCatalog`][advocacy.FramingCatalog] maps (activity type,
motivation) to the words of an ask: "connect with your peers" rather than
"take a reference call". `frame_ask` picks, in this order:

```text
1. the first framing in catalog order for the activity whose motivation
   the advocate holds
2. the activity's neutral framing (motivation None)
3. a generic neutral sentence naming the activity
```

The default catalog has a neutral ask for every activity type and framings
for the motivations each type suits; a pair it does not list falls back to
the neutral ask.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, cast

import attrs

from advocacy._internal.checks import (
    distinct_items,
    instance_of,
    member_of,
    optional,
    text,
)
from advocacy._internal.convert import member, to_tuple
from advocacy._internal.validation import check_fields, checked, require
from advocacy._model.checks import ADVOCATE
from advocacy._model.customers import Advocate
from advocacy._model.enums import ActivityType, Motivation, to_activity_type

__all__ = ["Framing", "FramingCatalog", "frame_ask"]


def _to_optional_motivation(value: Motivation | str | None) -> Motivation | str | None:
    return None if value is None else member(Motivation, value)


@attrs.frozen
class Framing:
    """The words of an ask for one activity type, for one motivation.

    Attributes:
        activity: The activity asked for.
        motivation: The motivation the words speak to; `None` for the
            activity's neutral words.
        text: The ask, as the advocate reads it.
    """

    activity: ActivityType = attrs.field(
        converter=to_activity_type, metadata=checked(member_of(ActivityType))
    )
    motivation: Motivation | None = attrs.field(
        converter=_to_optional_motivation,
        metadata=checked(optional(member_of(Motivation))),
    )
    text: str = attrs.field(metadata=checked(text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def neutral(self) -> bool:
        """Whether these are neutral words, not framed by a motivation."""
        return self.motivation is None


_PEER, _IMPACT, _LEADER = (
    Motivation.PEER_CONNECTION,
    Motivation.INDUSTRY_IMPACT,
    Motivation.THOUGHT_LEADERSHIP,
)
_CREDIT, _PRODUCT, _CAREER, _GIVE = (
    Motivation.RECOGNITION,
    Motivation.PRODUCT_INFLUENCE,
    Motivation.CAREER_GROWTH,
    Motivation.GIVING_BACK,
)

# Per activity type: its neutral ask (None), then framings, best fit first;
# catalog order is the precedence `frame_ask` applies. A pair not listed
# (speaking, for someone who wants to give back) falls back to the neutral
# ask on purpose: a forced framing reads worse than a plain ask.
_DEFAULT_FRAMINGS: Final[
    tuple[tuple[ActivityType, tuple[tuple[Motivation | None, str], ...]], ...]
] = (
    (ActivityType.REFERENCE_CALL, (
        (None, "Would you take a 30-minute reference call with a prospect?"),
        (_PEER, "Connect with your peers: spend 30 minutes with a team like yours."),
        (_GIVE, "Help another team succeed as you did: share what you learned."),
        (_IMPACT, "Raise the bar in your industry: tell a peer how you got results."),
    )),
    (ActivityType.ONLINE_REVIEW, (
        (None, "Would you write a short review of the product on a site like G2?"),
        (_GIVE, "Help teams like yours choose well: share an honest review."),
        (_PRODUCT, "Tell us and the market what works and what should change."),
        (_PEER, "Tell your peers what it is really like, where they research tools."),
    )),
    (ActivityType.TESTIMONIAL, (
        (None, "Would you give us a short quote about your experience?"),
        (_CREDIT, "Get credit for your team's results: a quote with your name on it."),
        (_CAREER, "Put your results on record: a short quote attributed to you."),
    )),
    (ActivityType.CASE_STUDY, (
        (None, "Would you take part in a customer case study?"),
        (_CREDIT, "Have your team's success featured in a published story."),
        (_LEADER, "Show how your team solved a hard problem, for others to learn."),
        (_CAREER, "Showcase what you achieved, in a story you can point to."),
        (_IMPACT, "Show your industry what is possible, with your team's story."),
    )),
    (ActivityType.SPEAKING, (
        (None, "Would you speak at one of our events?"),
        (_LEADER, "Share your expertise from the stage, with a room of practitioners."),
        (_CAREER, "Raise your profile: speak at our customer conference."),
        (_IMPACT, "Shape the conversation in your industry with a conference talk."),
        (_CREDIT, "Take the stage and be recognised for what your team built."),
        (_PEER, "Meet peers from across the industry as one of our speakers."),
    )),
    (ActivityType.WEBINAR, (
        (None, "Would you join us for a one-hour webinar?"),
        (_LEADER, "Share your approach with hundreds of practitioners in a webinar."),
        (_CAREER, "Build your profile as an expert: co-host a one-hour webinar."),
        (_GIVE, "Teach what you learned the hard way, in a one-hour webinar."),
    )),
    (ActivityType.ADVISORY_BOARD, (
        (None, "Would you join our customer advisory board?"),
        (_PRODUCT, "Shape the roadmap: tell the product team what comes next."),
        (_PEER, "Join a small circle of peers who compare notes with our leaders."),
        (_IMPACT, "Help set the direction of tools your whole industry uses."),
    )),
    (ActivityType.SOCIAL_SHARE, (
        (None, "Would you share one of our posts with your network?"),
        (_PEER, "Pass something useful on to your network: a 5-minute share."),
        (_LEADER, "Add your take to a post your network will want to read."),
    )),
    (ActivityType.REFERRAL, (
        (None, "Do you know a company that could use the product?"),
        (_GIVE, "Know a team facing the problem you solved? Introduce them."),
        (_PEER, "Introduce a peer who would get as much from it as your team."),
    )),
    (ActivityType.ANALYST_BRIEFING, (
        (None, "Would you brief an industry analyst on your experience?"),
        (_IMPACT, "Shape how analysts see your market: tell them what works."),
        (_LEADER, "Share your expertise with the analysts who advise your industry."),
        (_PRODUCT, "Tell the analysts, and us, where the product should go next."),
    )),
    (ActivityType.PRESS, (
        (None, "Would you speak with the press about your experience?"),
        (_CREDIT, "Be featured in the news for what your team achieved."),
        (_LEADER, "Be the expert voice in a story about your field."),
        (_CAREER, "Raise your profile: a quote or interview in the press."),
    )),
    (ActivityType.USER_GENERATED_CONTENT, (
        (None, "Would you write a post or record a video on how you use it?"),
        (_LEADER, "Publish your approach: a post or video others will learn from."),
        (_GIVE, "Share a template or guide that saves the next team weeks."),
        (_CAREER, "Build a portfolio of your work: a post or video in your name."),
    )),
    (ActivityType.COMMUNITY_ANSWER, (
        (None, "Would you answer a question in our customer community?"),
        (_GIVE, "Help a fellow customer get unstuck: answer a community question."),
        (_PEER, "Meet peers who use the product as you do, in the community."),
        (_CREDIT, "Earn community recognition for your answers."),
    )),
    (ActivityType.AWARD_NOMINATION, (
        (None, "Would you nominate the product for an industry award?"),
        (_GIVE, "Recognise the team that helped you succeed: nominate them."),
        (_IMPACT, "Help your industry find tools that work: nominate one."),
    )),
    (ActivityType.SITE_VISIT, (
        (None, "Would you host a prospect at your site?"),
        (_PEER, "Host peers at your site and compare how your teams work."),
        (_CREDIT, "Show off what your team built, to visitors who came to see it."),
        (_IMPACT, "Show your industry what good looks like, at your own site."),
    )),
)  # fmt: skip


def _to_framings(
    value: Iterable[Framing],
) -> tuple[Framing, ...] | Iterable[Framing]:
    return to_tuple(value)


def _pair(framing: Framing) -> str:
    motivation = framing.motivation
    return f"{framing.activity.value}/{motivation.value if motivation else 'neutral'}"


_check_framings: Final = distinct_items(
    Framing, "a tuple of Framing, one per (activity, motivation) pair", _pair
)


@attrs.frozen
class FramingCatalog:
    """The words of asks by activity type and motivation, in precedence order.

    `FramingCatalog.default()` has a neutral ask for every activity type and
    framings for the motivations each type suits ("connect with your peers"
    rather than "take a reference call"); a pair it does not list falls
    back to the neutral ask.

    Attributes:
        framings: The framings; for one activity, earlier ones win.
    """

    framings: tuple[Framing, ...] = attrs.field(
        converter=_to_framings, metadata=checked(_check_framings)
    )

    def __attrs_post_init__(self) -> None:
        """Check the framings."""
        check_fields(self)

    @classmethod
    def default(cls) -> FramingCatalog:
        """A neutral ask per activity type and framings for suited motivations."""
        return cls(
            tuple(
                Framing(activity, motivation, words)
                for activity, framings in _DEFAULT_FRAMINGS
                for motivation, words in framings
            )
        )

    def suits(self, activity: ActivityType, motivation: Motivation) -> bool:
        """Whether the catalog frames `activity` for `motivation`."""
        return any(
            f.activity is activity and f.motivation is motivation for f in self.framings
        )


def frame_ask(
    advocate: Advocate,
    activity: ActivityType | str,
    *,
    catalog: FramingCatalog | None = None,
) -> Framing:
    """The words to ask `advocate` for `activity`, framed by their motivations.

    Precedence: the first framing in catalog order for `activity` whose
    motivation the advocate holds; else the activity's neutral framing;
    else a generic neutral sentence naming the activity.

    Args:
        advocate: Who is asked.
        activity: What for (an `ActivityType` or its value).
        catalog: The framings; `FramingCatalog.default()` if `None`.

    Returns:
        The framing used; its `motivation` is `None` when it is neutral.

    Raises:
        InvalidTypeError: An argument of the wrong kind (named).
    """
    owner = "frame_ask"
    require(owner, "advocate", advocate, ADVOCATE)
    kind = cast(
        "ActivityType",  # member_of accepts nothing else
        require(owner, "activity", to_activity_type(activity), member_of(ActivityType)),
    )
    words = require(
        owner,
        "catalog",
        FramingCatalog.default() if catalog is None else catalog,
        instance_of(FramingCatalog, "a FramingCatalog"),
    )
    neutral = None
    for framing in words.framings:
        if framing.activity is not kind:
            continue
        if framing.motivation is None:
            neutral = framing
        elif framing.motivation in advocate.motivations:
            return framing
    if neutral is not None:
        return neutral
    plain = kind.value.replace("_", " ")
    return Framing(kind, None, f"Would you help us with this: {plain}?")
