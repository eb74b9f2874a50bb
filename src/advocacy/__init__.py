"""Rules for B2B customer advocacy programs, as typed values and pure functions.

Everything public is importable from here: `from advocacy import ScoringModel,
Signals, Money`. Errors live in `advocacy.exceptions`; the seeded demo
program in `advocacy.synthetic`.
"""

from importlib.metadata import version as _version

from advocacy._actions import (
    Action,
    ActionKind,
    ActionList,
    ActionPolicy,
    ActionSkip,
)
from advocacy._attribution import (
    AttributedDeal,
    AttributionKind,
    PipelineAttribution,
    PipelineFigures,
    attribute_pipeline,
)
from advocacy._batch import assign_requests
from advocacy._catalog import ActivityCatalog, ActivitySpec, ImpactMetric
from advocacy._eligibility import (
    Eligibility,
    Ineligibility,
    Reason,
    check_eligibility,
    next_eligible,
)
from advocacy._fairness import FairnessPolicy, LoadFairness, load_fairness
from advocacy._fit import Fit, FitComponent
from advocacy._framing import Framing, FramingCatalog, frame_ask
from advocacy._fulfilment import FulfilmentSummary, fulfilment_summary
from advocacy._gamification import (
    Badge,
    Challenge,
    GamificationPolicy,
    Level,
    LevelReached,
    level_reached,
)
from advocacy._gap_report import GapReport, GapRow, RecruitCandidate
from advocacy._gaps import reference_gaps
from advocacy._goal_report import GoalProgress, GoalReport, GoalStatus
from advocacy._goals import GoalMetric, NpsResponse, ProgramGoal, goal_progress
from advocacy._health import (
    Funnel,
    HealthReport,
    Overuse,
    PlanAttainment,
    program_health,
)
from advocacy._impact import ImpactPolicy, reference_impact
from advocacy._impact_report import (
    CycleStats,
    DealSizes,
    ReferenceImpact,
    SalesCycles,
    WinRates,
)
from advocacy._intervals import newcombe_interval, wilson_interval
from advocacy._ledger import PointsLedger, points_ledger
from advocacy._lifecycle import request_state, request_states
from advocacy._match_policy import FitFactor, FitWeights, MatchPolicy
from advocacy._matching import Candidate, CandidateRanking, rank_candidates
from advocacy._model import (
    Account,
    AccountPolicy,
    Activity,
    ActivityType,
    Advocate,
    Commitment,
    DealKind,
    Motivation,
    Opportunity,
    OpportunitySource,
    Outcome,
    ProspectProfile,
    ReferenceRequest,
    Signals,
    SizeBand,
    SizeBands,
    Tier,
)
from advocacy._money import Money
from advocacy._nps import NetPromoterScore, net_promoter_score
from advocacy._outcomes import BatchAssignment, Match, RequestOutcome, Unfilled
from advocacy._period import Period
from advocacy._plan import DemandPlan, Dimension, MarketingAsk, PlanLine, Segment
from advocacy._points import (
    LimitPeriod,
    PointsBalance,
    PointsEvent,
    PointsEventKind,
    RedemptionLimits,
    Reversal,
)
from advocacy._propensity import LearnedWeight, PropensityFit, fit_propensity
from advocacy._rating_display import RatingDisplay, RatingRounding
from advocacy._recruitment import (
    Invitation,
    InvitationPlan,
    InvitationWave,
    InvitationWaves,
    NotInvited,
    plan_invitations,
)
from advocacy._requests import (
    EventKind,
    RequestEvent,
    RequestState,
    RequestStatus,
)
from advocacy._review_campaign import ReviewCampaign, review_campaign
from advocacy._reviews import (
    EarlierReviews,
    RatingForecast,
    ReviewsNeeded,
    implied_earlier_reviews,
    rating_after,
    reviews_needed,
)
from advocacy._rewards import (
    BadgeProgress,
    BadgesEarned,
    PointsEarned,
    PointsLine,
    badges_earned,
    points_earned,
)
from advocacy._roi import (
    ProgramRoi,
    RoiComponent,
    RoiCosts,
    RoiReturns,
    RoiRole,
    RoiRow,
    program_roi,
)
from advocacy._scoring import (
    Comparison,
    Criterion,
    CriterionScore,
    Score,
    ScoringModel,
    Signal,
    tenure_months,
)
from advocacy._serde import from_dict, to_dict
from advocacy._stories import StoryCheck, StoryFigure, SuccessStory
from advocacy._tiers import (
    IdentificationRule,
    PotentialAdvocate,
    TierAssignment,
    TierCheck,
    TierDecision,
    TierPolicy,
    TierRule,
    assign_tiers,
    engagement_counts,
    identify_potential_advocates,
)
from advocacy._what_if import Scenario, SegmentChange, WhatIf, what_if
from advocacy._workflows import (
    identification_actions,
    re_engagement_actions,
    recognition_actions,
)

__version__: str = _version("advocacy")
"""The installed distribution's version."""

__all__ = [
    "Account",
    "AccountPolicy",
    "Action",
    "ActionKind",
    "ActionList",
    "ActionPolicy",
    "ActionSkip",
    "Activity",
    "ActivityCatalog",
    "ActivitySpec",
    "ActivityType",
    "Advocate",
    "AttributedDeal",
    "AttributionKind",
    "Badge",
    "BadgeProgress",
    "BadgesEarned",
    "BatchAssignment",
    "Candidate",
    "CandidateRanking",
    "Challenge",
    "Commitment",
    "Comparison",
    "Criterion",
    "CriterionScore",
    "CycleStats",
    "DealKind",
    "DealSizes",
    "DemandPlan",
    "Dimension",
    "EarlierReviews",
    "Eligibility",
    "EventKind",
    "FairnessPolicy",
    "Fit",
    "FitComponent",
    "FitFactor",
    "FitWeights",
    "Framing",
    "FramingCatalog",
    "FulfilmentSummary",
    "Funnel",
    "GamificationPolicy",
    "GapReport",
    "GapRow",
    "GoalMetric",
    "GoalProgress",
    "GoalReport",
    "GoalStatus",
    "HealthReport",
    "IdentificationRule",
    "ImpactMetric",
    "ImpactPolicy",
    "Ineligibility",
    "Invitation",
    "InvitationPlan",
    "InvitationWave",
    "InvitationWaves",
    "LearnedWeight",
    "Level",
    "LevelReached",
    "LimitPeriod",
    "LoadFairness",
    "MarketingAsk",
    "Match",
    "MatchPolicy",
    "Money",
    "Motivation",
    "NetPromoterScore",
    "NotInvited",
    "NpsResponse",
    "Opportunity",
    "OpportunitySource",
    "Outcome",
    "Overuse",
    "Period",
    "PipelineAttribution",
    "PipelineFigures",
    "PlanAttainment",
    "PlanLine",
    "PointsBalance",
    "PointsEarned",
    "PointsEvent",
    "PointsEventKind",
    "PointsLedger",
    "PointsLine",
    "PotentialAdvocate",
    "ProgramGoal",
    "ProgramRoi",
    "PropensityFit",
    "ProspectProfile",
    "RatingDisplay",
    "RatingForecast",
    "RatingRounding",
    "Reason",
    "RecruitCandidate",
    "RedemptionLimits",
    "ReferenceImpact",
    "ReferenceRequest",
    "RequestEvent",
    "RequestOutcome",
    "RequestState",
    "RequestStatus",
    "Reversal",
    "ReviewCampaign",
    "ReviewsNeeded",
    "RoiComponent",
    "RoiCosts",
    "RoiReturns",
    "RoiRole",
    "RoiRow",
    "SalesCycles",
    "Scenario",
    "Score",
    "ScoringModel",
    "Segment",
    "SegmentChange",
    "Signal",
    "Signals",
    "SizeBand",
    "SizeBands",
    "StoryCheck",
    "StoryFigure",
    "SuccessStory",
    "Tier",
    "TierAssignment",
    "TierCheck",
    "TierDecision",
    "TierPolicy",
    "TierRule",
    "Unfilled",
    "WhatIf",
    "WinRates",
    "__version__",
    "assign_requests",
    "assign_tiers",
    "attribute_pipeline",
    "badges_earned",
    "check_eligibility",
    "engagement_counts",
    "fit_propensity",
    "frame_ask",
    "from_dict",
    "fulfilment_summary",
    "goal_progress",
    "identification_actions",
    "identify_potential_advocates",
    "implied_earlier_reviews",
    "level_reached",
    "load_fairness",
    "net_promoter_score",
    "newcombe_interval",
    "next_eligible",
    "plan_invitations",
    "points_earned",
    "points_ledger",
    "program_health",
    "program_roi",
    "rank_candidates",
    "rating_after",
    "re_engagement_actions",
    "recognition_actions",
    "reference_gaps",
    "reference_impact",
    "request_state",
    "request_states",
    "review_campaign",
    "reviews_needed",
    "tenure_months",
    "to_dict",
    "what_if",
    "wilson_interval",
]
