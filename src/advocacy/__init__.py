"""Rules for B2B customer advocacy programs, as typed values and pure functions.

Everything public is importable from here: `from advocacy import ScoringModel,
Signals, Money`. The names are grouped below as the documentation groups them
(one API reference page per group); errors live in `advocacy.exceptions`, the
seeded demo program in `advocacy.synthetic`.
"""

from __future__ import annotations

# isort: split
# Values: money, customers, records, vocabularies, the catalog.
from advocacy._internal.calendar import Period
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

# isort: split
# Scoring and tiers: the scoring model, propensity, the tier policy, identification.
from advocacy._scoring.criteria import Comparison, Criterion, Signal
from advocacy._scoring.identification import (
    IdentificationRule,
    PotentialAdvocate,
    identify_potential_advocates,
)
from advocacy._scoring.model import ScoringModel
from advocacy._scoring.propensity import fit_propensity
from advocacy._scoring.propensity_fit import LearnedWeight, PropensityFit
from advocacy._scoring.score import CriterionScore, Score, tenure_months
from advocacy._scoring.tier_decisions import TierCheck, TierDecision
from advocacy._scoring.tier_policy import TierPolicy, TierRule
from advocacy._scoring.tiers import TierAssignment, assign_tiers, engagement_counts

# isort: split
# Matching: policies, eligibility, fit, ranking, optimal batches.
from advocacy._matching.batch import assign_requests
from advocacy._matching.capacity import (
    ActivityCapacity,
    Capacity,
    CapacityLimit,
    advocate_capacity,
)
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
    Placement,
    RequestOutcome,
    Tradeoff,
    Unfilled,
    Verdict,
    WhyNot,
)
from advocacy._matching.policy import FitFactor, FitWeights, MatchPolicy, Policies
from advocacy._matching.ranking import Candidate, CandidateRanking, rank_candidates

# isort: split
# Requests: the request lifecycle and time to fulfil.
from advocacy._requests.events import (
    RequestEvent,
    RequestEventKind,
    RequestState,
    RequestStatus,
)
from advocacy._requests.fulfilment import FulfilmentSummary, fulfilment_summary
from advocacy._requests.lifecycle import request_state, request_states

# isort: split
# Gap analysis: demand plans, segments, gaps and recruits.
from advocacy._gaps.analysis import reference_gaps
from advocacy._gaps.plan import (
    DemandPlan,
    MarketingAsk,
    PlanLine,
    Segment,
    SegmentDimension,
)
from advocacy._gaps.report import GapReport, GapRow, RecruitCandidate

# isort: split
# Impact: ROI, attribution, reference impact, NPS, reviews.
from advocacy._impact.attribution import attribute_pipeline
from advocacy._impact.attribution_report import (
    AttributedDeal,
    AttributionKind,
    PipelineAttribution,
    PipelineFigures,
)
from advocacy._impact.impact import reference_impact
from advocacy._impact.impact_figures import CycleStats, DealSizes, SalesCycles, WinRates
from advocacy._impact.impact_policy import ImpactPolicy
from advocacy._impact.impact_report import ReferenceImpact
from advocacy._impact.nps import NetPromoterScore, net_promoter_score
from advocacy._impact.rating_display import RatingDisplay, RatingRounding
from advocacy._impact.review_campaign import ReviewCampaign, review_campaign
from advocacy._impact.review_results import (
    EarlierReviews,
    RatingForecast,
    ReviewsNeeded,
)
from advocacy._impact.reviews import (
    implied_earlier_reviews,
    rating_after,
    reviews_needed,
)
from advocacy._impact.roi import ProgramRoi, RoiRow, program_roi
from advocacy._impact.roi_inputs import RoiComponent, RoiCosts, RoiReturns, RoiRole
from advocacy._internal.stats import newcombe_interval, wilson_interval

# isort: split
# Program operations: health, fairness, goals, workflows, recruitment, what-if, stories.
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

# isort: split
# Gamification: points, badges, levels and the ledger.
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

# isort: split
# Data in and out: plain dicts, record ingest, CRM adapters.
from advocacy._io.convert import from_dict, to_dict
from advocacy._io.crm import CrmRecords
from advocacy._io.hubspot import HubSpotSchema, hubspot_profile_updates, load_hubspot
from advocacy._io.ingest import LoadedRecords, RejectedRow, RowError, load_records
from advocacy._io.mapping import Aliases, ColumnMapping, Unit
from advocacy._io.regions import RegionTable
from advocacy._io.salesforce import (
    SalesforceSchema,
    load_salesforce,
    salesforce_contact_updates,
)


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata when first asked for.

    Lazily, so the package imports from a source tree too (then the version
    is `"0+unknown"`).
    """
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("advocacy")
        except PackageNotFoundError:
            return "0+unknown"
    raise AttributeError(f"module 'advocacy' has no attribute {name!r}")


# Each group's comment names its API reference page; tests/test_api.py checks
# that the pages list exactly these names.
__all__ = [  # noqa: RUF022  # grouped by section, not sorted
    "__version__",
    # Values, documented in docs/reference/values.md
    "Money",
    "Account",
    "AccountPolicy",
    "Advocate",
    "Signals",
    "SizeBands",
    "Activity",
    "Commitment",
    "NpsResponse",
    "Opportunity",
    "ProspectProfile",
    "ReferenceRequest",
    "ActivityType",
    "DealKind",
    "DealOutcome",
    "Motivation",
    "OpportunitySource",
    "SizeBand",
    "Tier",
    "ActivityCatalog",
    "ActivitySpec",
    "ImpactMetric",
    "Period",
    # Data in and out, documented in docs/reference/data.md
    "to_dict",
    "from_dict",
    "load_records",
    "LoadedRecords",
    "RejectedRow",
    "RowError",
    "ColumnMapping",
    "Unit",
    "Aliases",
    "RegionTable",
    "CrmRecords",
    "load_hubspot",
    "hubspot_profile_updates",
    "HubSpotSchema",
    "load_salesforce",
    "salesforce_contact_updates",
    "SalesforceSchema",
    # Scoring and tiers, documented in docs/reference/scoring.md
    "Signal",
    "Comparison",
    "Criterion",
    "ScoringModel",
    "Score",
    "CriterionScore",
    "tenure_months",
    "fit_propensity",
    "PropensityFit",
    "LearnedWeight",
    "TierPolicy",
    "TierRule",
    "assign_tiers",
    "TierAssignment",
    "TierDecision",
    "TierCheck",
    "engagement_counts",
    "IdentificationRule",
    "identify_potential_advocates",
    "PotentialAdvocate",
    # Matching, documented in docs/reference/matching.md
    "Policies",
    "MatchPolicy",
    "FitWeights",
    "FitFactor",
    "check_eligibility",
    "next_eligible",
    "Eligibility",
    "Ineligibility",
    "IneligibilityReason",
    "Fit",
    "FitComponent",
    "rank_candidates",
    "CandidateRanking",
    "Candidate",
    "assign_requests",
    "BatchAssignment",
    "RequestOutcome",
    "AssignedAdvocate",
    "Unfilled",
    "WhyNot",
    "Verdict",
    "Placement",
    "Tradeoff",
    "advocate_capacity",
    "Capacity",
    "ActivityCapacity",
    "CapacityLimit",
    # Requests, documented in docs/reference/requests.md
    "RequestEvent",
    "RequestEventKind",
    "RequestStatus",
    "RequestState",
    "request_state",
    "request_states",
    "fulfilment_summary",
    "FulfilmentSummary",
    # Gap analysis, documented in docs/reference/gaps.md
    "DemandPlan",
    "PlanLine",
    "MarketingAsk",
    "Segment",
    "SegmentDimension",
    "reference_gaps",
    "GapReport",
    "GapRow",
    "RecruitCandidate",
    # Impact, documented in docs/reference/impact.md
    "program_roi",
    "ProgramRoi",
    "RoiReturns",
    "RoiCosts",
    "RoiRow",
    "RoiRole",
    "RoiComponent",
    "attribute_pipeline",
    "PipelineAttribution",
    "PipelineFigures",
    "AttributedDeal",
    "AttributionKind",
    "reference_impact",
    "ImpactPolicy",
    "ReferenceImpact",
    "WinRates",
    "SalesCycles",
    "CycleStats",
    "DealSizes",
    "wilson_interval",
    "newcombe_interval",
    "net_promoter_score",
    "NetPromoterScore",
    "rating_after",
    "RatingForecast",
    "reviews_needed",
    "ReviewsNeeded",
    "implied_earlier_reviews",
    "EarlierReviews",
    "RatingDisplay",
    "RatingRounding",
    "review_campaign",
    "ReviewCampaign",
    # Program operations, documented in docs/reference/program.md
    "program_health",
    "HealthReport",
    "RecruitmentFunnel",
    "Overuse",
    "PlanAttainment",
    "load_fairness",
    "LoadFairness",
    "FairnessPolicy",
    "goal_progress",
    "ProgramGoal",
    "GoalMetric",
    "GoalReport",
    "GoalProgress",
    "GoalStatus",
    "identification_actions",
    "recognition_actions",
    "re_engagement_actions",
    "ActionList",
    "Action",
    "ActionKind",
    "ActionSkip",
    "ActionPolicy",
    "plan_invitations",
    "InvitationPlan",
    "Invitation",
    "NotInvited",
    "InvitationWaves",
    "InvitationWave",
    "frame_ask",
    "Framing",
    "FramingCatalog",
    "what_if",
    "Scenario",
    "WhatIf",
    "SegmentChange",
    "SuccessStory",
    "StoryFigure",
    "StoryCheck",
    # Gamification, documented in docs/reference/gamification.md
    "GamificationPolicy",
    "Challenge",
    "Badge",
    "GamificationLevel",
    "level_reached",
    "LevelReached",
    "points_earned",
    "PointsEarned",
    "PointsLine",
    "badges_earned",
    "BadgesEarned",
    "BadgeProgress",
    "points_ledger",
    "PointsLedger",
    "PointsEvent",
    "PointsEventKind",
    "PointsBalance",
    "Reversal",
    "RedemptionLimits",
    "LimitPeriod",
]
