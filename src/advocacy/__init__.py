"""Rules for B2B customer advocacy programs, as typed values and pure functions.

Everything public is importable from here: `from advocacy import ScoringModel,
Signals, Money`. Errors live in `advocacy.exceptions`; the seeded demo
program in `advocacy.synthetic`.
"""

from importlib.metadata import version as _version

from advocacy._batch import assign_requests
from advocacy._catalog import ActivityCatalog, ActivitySpec, ImpactMetric
from advocacy._eligibility import (
    Eligibility,
    Ineligibility,
    Reason,
    check_eligibility,
    next_eligible,
)
from advocacy._fit import Fit, FitComponent
from advocacy._fulfilment import FulfilmentSummary, fulfilment_summary
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
from advocacy._outcomes import BatchAssignment, Match, RequestOutcome, Unfilled
from advocacy._propensity import LearnedWeight, PropensityFit, fit_propensity
from advocacy._requests import (
    EventKind,
    RequestEvent,
    RequestState,
    RequestStatus,
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

__version__: str = _version("advocacy")
"""The installed distribution's version."""

__all__ = [
    "Account",
    "AccountPolicy",
    "Activity",
    "ActivityCatalog",
    "ActivitySpec",
    "ActivityType",
    "Advocate",
    "BatchAssignment",
    "Candidate",
    "CandidateRanking",
    "Commitment",
    "Comparison",
    "Criterion",
    "CriterionScore",
    "DealKind",
    "Eligibility",
    "EventKind",
    "Fit",
    "FitComponent",
    "FitFactor",
    "FitWeights",
    "FulfilmentSummary",
    "IdentificationRule",
    "ImpactMetric",
    "Ineligibility",
    "LearnedWeight",
    "Match",
    "MatchPolicy",
    "Money",
    "Motivation",
    "Opportunity",
    "OpportunitySource",
    "Outcome",
    "PotentialAdvocate",
    "PropensityFit",
    "ProspectProfile",
    "Reason",
    "ReferenceRequest",
    "RequestEvent",
    "RequestOutcome",
    "RequestState",
    "RequestStatus",
    "Score",
    "ScoringModel",
    "Signal",
    "Signals",
    "SizeBand",
    "SizeBands",
    "Tier",
    "TierAssignment",
    "TierCheck",
    "TierDecision",
    "TierPolicy",
    "TierRule",
    "Unfilled",
    "__version__",
    "assign_requests",
    "assign_tiers",
    "check_eligibility",
    "engagement_counts",
    "fit_propensity",
    "from_dict",
    "fulfilment_summary",
    "identify_potential_advocates",
    "next_eligible",
    "rank_candidates",
    "request_state",
    "request_states",
    "tenure_months",
    "to_dict",
]
