"""Rules for B2B customer advocacy programs, as typed values and pure functions.

Everything public is importable from here: `from advocacy import ScoringModel,
Signals, Money`. Errors live in `advocacy.exceptions`; the seeded demo
program in `advocacy.synthetic`.
"""

from importlib.metadata import version as _version

from advocacy._gamification.ledger import PointsLedger, points_ledger
from advocacy._gamification.points import (
    LimitPeriod,
    PointsBalance,
    PointsEvent,
    PointsEventKind,
    RedemptionLimits,
    Reversal,
)
from advocacy._gamification.policy import (
    Badge,
    Challenge,
    GamificationLevel,
    GamificationPolicy,
    LevelReached,
    level_reached,
)
from advocacy._gamification.rewards import (
    BadgeProgress,
    BadgesEarned,
    PointsEarned,
    PointsLine,
    badges_earned,
    points_earned,
)
from advocacy._gaps.analysis import reference_gaps
from advocacy._gaps.plan import (
    DemandPlan,
    MarketingAsk,
    PlanLine,
    Segment,
    SegmentDimension,
)
from advocacy._gaps.report import GapReport, GapRow, RecruitCandidate
from advocacy._impact.attribution import (
    AttributedDeal,
    AttributionKind,
    PipelineAttribution,
    PipelineFigures,
    attribute_pipeline,
)
from advocacy._impact.impact import reference_impact
from advocacy._impact.impact_policy import ImpactPolicy
from advocacy._impact.impact_report import (
    CycleStats,
    DealSizes,
    ReferenceImpact,
    SalesCycles,
    WinRates,
)
from advocacy._impact.nps import NetPromoterScore, net_promoter_score
from advocacy._impact.rating_display import RatingDisplay, RatingRounding
from advocacy._impact.review_campaign import ReviewCampaign, review_campaign
from advocacy._impact.reviews import (
    EarlierReviews,
    RatingForecast,
    ReviewsNeeded,
    implied_earlier_reviews,
    rating_after,
    reviews_needed,
)
from advocacy._impact.roi import (
    ProgramRoi,
    RoiComponent,
    RoiCosts,
    RoiReturns,
    RoiRole,
    RoiRow,
    program_roi,
)
from advocacy._internal.calendar import Period
from advocacy._internal.serde import from_dict, to_dict
from advocacy._internal.stats import newcombe_interval, wilson_interval
from advocacy._matching.batch import assign_requests
from advocacy._matching.eligibility import (
    Eligibility,
    Ineligibility,
    IneligibilityReason,
    check_eligibility,
    next_eligible,
)
from advocacy._matching.fit import Fit, FitComponent
from advocacy._matching.outcomes import (
    AssignedAdvocate,
    BatchAssignment,
    RequestOutcome,
    Unfilled,
)
from advocacy._matching.policy import FitFactor, FitWeights, MatchPolicy, Policies
from advocacy._matching.ranking import Candidate, CandidateRanking, rank_candidates
from advocacy._model.catalog import ActivityCatalog, ActivitySpec, ImpactMetric
from advocacy._model.customers import (
    Account,
    AccountPolicy,
    Advocate,
    Signals,
    SizeBands,
)
from advocacy._model.enums import (
    ActivityType,
    DealKind,
    DealOutcome,
    Motivation,
    OpportunitySource,
    SizeBand,
    Tier,
)
from advocacy._model.money import Money
from advocacy._model.records import (
    Activity,
    Commitment,
    NpsResponse,
    Opportunity,
    ProspectProfile,
    ReferenceRequest,
)
from advocacy._program.actions import (
    Action,
    ActionKind,
    ActionList,
    ActionPolicy,
    ActionSkip,
)
from advocacy._program.fairness import FairnessPolicy, LoadFairness, load_fairness
from advocacy._program.framing import Framing, FramingCatalog, frame_ask
from advocacy._program.goal import GoalMetric, ProgramGoal
from advocacy._program.goal_report import GoalProgress, GoalReport, GoalStatus
from advocacy._program.goals import goal_progress
from advocacy._program.health import program_health
from advocacy._program.health_report import (
    HealthReport,
    Overuse,
    PlanAttainment,
    RecruitmentFunnel,
)
from advocacy._program.recruitment import (
    Invitation,
    InvitationPlan,
    NotInvited,
    plan_invitations,
)
from advocacy._program.stories import StoryCheck, StoryFigure, SuccessStory
from advocacy._program.waves import InvitationWave, InvitationWaves
from advocacy._program.what_if import Scenario, SegmentChange, WhatIf, what_if
from advocacy._program.workflows import (
    identification_actions,
    re_engagement_actions,
    recognition_actions,
)
from advocacy._requests.events import (
    RequestEvent,
    RequestEventKind,
    RequestState,
    RequestStatus,
)
from advocacy._requests.fulfilment import FulfilmentSummary, fulfilment_summary
from advocacy._requests.lifecycle import request_state, request_states
from advocacy._scoring.criteria import Comparison, Criterion, Signal
from advocacy._scoring.identification import (
    IdentificationRule,
    PotentialAdvocate,
    identify_potential_advocates,
)
from advocacy._scoring.model import ScoringModel
from advocacy._scoring.propensity import LearnedWeight, PropensityFit, fit_propensity
from advocacy._scoring.score import CriterionScore, Score, tenure_months
from advocacy._scoring.tier_policy import TierPolicy, TierRule
from advocacy._scoring.tiers import (
    TierAssignment,
    TierCheck,
    TierDecision,
    assign_tiers,
    engagement_counts,
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
    "AssignedAdvocate",
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
    "DealOutcome",
    "DealSizes",
    "DemandPlan",
    "EarlierReviews",
    "Eligibility",
    "FairnessPolicy",
    "Fit",
    "FitComponent",
    "FitFactor",
    "FitWeights",
    "Framing",
    "FramingCatalog",
    "FulfilmentSummary",
    "GamificationLevel",
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
    "IneligibilityReason",
    "Invitation",
    "InvitationPlan",
    "InvitationWave",
    "InvitationWaves",
    "LearnedWeight",
    "LevelReached",
    "LimitPeriod",
    "LoadFairness",
    "MarketingAsk",
    "MatchPolicy",
    "Money",
    "Motivation",
    "NetPromoterScore",
    "NotInvited",
    "NpsResponse",
    "Opportunity",
    "OpportunitySource",
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
    "Policies",
    "PotentialAdvocate",
    "ProgramGoal",
    "ProgramRoi",
    "PropensityFit",
    "ProspectProfile",
    "RatingDisplay",
    "RatingForecast",
    "RatingRounding",
    "RecruitCandidate",
    "RecruitmentFunnel",
    "RedemptionLimits",
    "ReferenceImpact",
    "ReferenceRequest",
    "RequestEvent",
    "RequestEventKind",
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
    "SegmentDimension",
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
