"""Rules for B2B customer advocacy programs, as typed values and pure functions.

Everything public is importable from here: `from advocacy import ScoringModel,
Signals, Money`. Errors live in `advocacy.exceptions`; the seeded demo
program in `advocacy.synthetic`.
"""

from importlib.metadata import version as _version

from advocacy._catalog import ActivityCatalog, ActivitySpec, ImpactMetric
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
from advocacy._propensity import LearnedWeight, PropensityFit, fit_propensity
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
    "Commitment",
    "Comparison",
    "Criterion",
    "CriterionScore",
    "DealKind",
    "IdentificationRule",
    "ImpactMetric",
    "LearnedWeight",
    "Money",
    "Motivation",
    "Opportunity",
    "OpportunitySource",
    "Outcome",
    "PotentialAdvocate",
    "PropensityFit",
    "ProspectProfile",
    "ReferenceRequest",
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
    "__version__",
    "assign_tiers",
    "engagement_counts",
    "fit_propensity",
    "from_dict",
    "identify_potential_advocates",
    "tenure_months",
    "to_dict",
]
