"""The demo program's fixed tables: industries, regions, products, names, volumes."""

from __future__ import annotations

from typing import Final

from advocacy._model.enums import (
    ActivityType,
    OpportunitySource,
)

__all__ = [
    "CONFERENCE_SPEAKERS",
    "FIRST",
    "INDUSTRIES",
    "LAST",
    "NAME_HEADS",
    "NAME_TAILS",
    "OTHER_VOLUMES",
    "PERSONAS",
    "PLAIN_SOURCES",
    "PRODUCTS",
    "PRODUCT_WEIGHTS",
    "REGIONS",
    "SECTOR_WORDS",
    "WANTED_PERSONAS",
    "WEEK_OF_REQUESTS",
]

INDUSTRIES: Final = (
    ("Technology", 22),
    ("Financial Services", 18),
    ("Manufacturing", 15),
    ("Healthcare", 14),
    ("Retail", 12),
    ("Public Sector", 7),
    ("Education", 6),
    ("Media", 6),
)
REGIONS: Final = (
    ("North America", 45),
    ("EMEA", 32),
    ("APAC", 16),
    ("LATAM", 7),
)
PRODUCTS: Final = {
    "Data Platform": ("data integration", "data governance"),
    "Analytics": ("executive dashboards", "self-service BI"),
    "Automation": ("workflow automation", "IT service management"),
    "Security": ("threat detection", "compliance reporting"),
}
PRODUCT_WEIGHTS: Final = (("Data Platform", 40), ("Analytics", 30),
                           ("Automation", 20), ("Security", 10))  # fmt: skip

# (persona, title) by company size: who a vendor's champion usually is.
PERSONAS: Final = {
    "smb": (("Founder", "Co-founder & CEO"), ("IT Manager", "IT Manager"),
            ("Admin", "Systems Administrator"), ("Operations", "Head of Operations")),
    "mid_market": (("IT Director", "Director of IT"), ("Admin", "Platform Admin"),
                   ("Data Lead", "Head of Data"), ("VP Engineering", "VP Engineering")),
    "enterprise": (("CIO", "Chief Information Officer"), ("VP Engineering",
                   "VP Engineering"), ("Data Lead", "Director, Data & Analytics"),
                   ("Admin", "Senior Platform Administrator"),
                   ("IT Director", "Director, Enterprise Applications")),
}  # fmt: skip

NAME_HEADS: Final = (
    "North", "Blue", "Silver", "Iron", "Bright", "Clear", "Summit", "Harbor",
    "Cedar", "Granite", "Red", "Pine", "Crest", "Stone", "River", "Sun",
    "Maple", "Falcon", "Oak", "Lake", "Beacon", "Atlas", "Nova", "Vertex",
)  # fmt: skip
NAME_TAILS: Final = (
    "wind", "peak", "field", "gate", "point", "bridge", "line", "works",
    "view", "stone", "haven", "ridge", "light", "path", "core", "wave",
)  # fmt: skip
SECTOR_WORDS: Final = {
    "Technology": ("Software", "Systems", "Labs", "Cloud"),
    "Financial Services": ("Bank", "Capital", "Insurance", "Credit Union"),
    "Manufacturing": ("Industries", "Manufacturing", "Components", "Motors"),
    "Healthcare": ("Health", "Medical", "Clinics", "Pharma"),
    "Retail": ("Retail", "Stores", "Outfitters", "Markets"),
    "Public Sector": ("County", "Transit Authority", "Agency", "City Services"),
    "Education": ("University", "College", "Schools", "Learning"),
    "Media": ("Media", "Studios", "Publishing", "Broadcasting"),
}
FIRST: Final = (
    "Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines",
    "James", "Kavya", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa",
    "Sam", "Tariq", "Uma", "Victor", "Wen", "Yusuf", "Zoe", "Marta", "Lars",
)  # fmt: skip
LAST: Final = (
    "Silva", "Chen", "Okafor", "Müller", "Novak", "Haddad", "Kim", "Rossi",
    "Patel", "García", "Johansson", "Nguyen", "Walsh", "Kowalski", "Tanaka",
    "Dubois", "Mensah", "Larsen", "Costa", "Ibrahim", "Fischer", "Moreau",
)  # fmt: skip

# Extra activity volumes a quarter for types the catalog gives no typical
# participation for: (low, high) contributions.
OTHER_VOLUMES: Final = {
    ActivityType.TESTIMONIAL: (2, 4),
    ActivityType.REFERRAL: (2, 5),
    ActivityType.SPEAKING: (1, 2),
    ActivityType.ANALYST_BRIEFING: (1, 2),
    ActivityType.PRESS: (0, 2),
    ActivityType.USER_GENERATED_CONTENT: (2, 5),
    ActivityType.COMMUNITY_ANSWER: (10, 20),
    ActivityType.AWARD_NOMINATION: (0, 3),
    ActivityType.SITE_VISIT: (0, 1),
}
CONFERENCE_SPEAKERS: Final = (15, 18)  # the annual customer conference

PLAIN_SOURCES: Final = (
    (OpportunitySource.INBOUND, 45),
    (OpportunitySource.OUTBOUND, 35),
    (OpportunitySource.PARTNER, 12),
    (OpportunitySource.EVENT, 8),
)

# A week's requests from sales and marketing: (activity, how many).
WEEK_OF_REQUESTS: Final = (
    (ActivityType.REFERENCE_CALL, 14),
    (ActivityType.ONLINE_REVIEW, 4),
    (ActivityType.CASE_STUDY, 2),
    (ActivityType.WEBINAR, 2),
    (ActivityType.ANALYST_BRIEFING, 1),
    (ActivityType.SPEAKING, 1),
)
WANTED_PERSONAS: Final = (
    ("CIO", 3), ("VP Engineering", 3), ("IT Director", 2), ("Data Lead", 2),
    ("Admin", 1),
)  # fmt: skip
