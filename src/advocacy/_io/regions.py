"""Which sales region a country belongs to: the table record ingest reads.

A `RegionTable` maps a country, as people and CRM exports write it, to one
of the library's four sales regions, the four of the demo program:
`"North America"`, `"EMEA"`, `"APAC"` and `"LATAM"`. `RegionTable.default()`
holds every ISO 3166-1 country and territory but Antarctica, each under its
English short name (`"south korea"`, `"vietnam"`), common alternates
(`"uk"`, `"holland"`, `"ivory coast"`) and its alpha-2 and alpha-3 codes
(`"de"`, `"deu"`); `NA`, Namibia's alpha-2 code, is left out, as record
ingest reads it as *no value*.

A country is looked up trimmed, case-folded and with every run of whitespace
collapsed to one space, so `" united  STATES "` finds `"united states"`; the
table stores its keys in that spelling. Region names are stored as given.

To place a country elsewhere, or add one, override it:
`RegionTable.default().with_regions({"mexico": "North America"})`.

Keep this in step with docs/explanation/record-ingest.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, Final

import attrs

from advocacy._internal.checks import any_text
from advocacy._internal.validation import check_fields, require
from advocacy._io import parse
from advocacy.exceptions import InvalidValueError

__all__ = ["RegionTable", "region_parser"]


# One line a country or territory: its alpha-2 code, its alpha-3 code, then
# its names separated by ";", the English short name first. A line ending
# in ";" goes on on the next.
#
# Regions are drawn differently elsewhere; this table takes the common sales
# choices. Mexico is LATAM, with Central and South America, not North
# America. The whole Caribbean is LATAM, the US, British, Dutch and French
# islands there included (Puerto Rico, the Cayman Islands, Aruba). Central
# Asia (the five -stans) is EMEA, covered from Europe as Russia is. The Middle
# East is western Asia, the Caucasus and Iran; Afghanistan and Pakistan are
# South Asia, APAC. US territories in the Pacific (Guam, American Samoa, the
# Northern Marianas) are Pacific islands, APAC, while the US Minor Outlying
# Islands are North America. Uninhabited territories follow the UN
# geoscheme: Bouvet Island and South Georgia LATAM, Heard Island APAC.
# Kosovo is in, under the codes in common use (XK, XKX).

_NORTH_AMERICA: Final = """
BM BMU Bermuda
CA CAN Canada
GL GRL Greenland
PM SPM Saint Pierre and Miquelon; St. Pierre and Miquelon
UM UMI United States Minor Outlying Islands; US Minor Outlying Islands
US USA United States; United States of America; U.S.; U.S.A.
"""

_LATAM: Final = """
AG ATG Antigua and Barbuda; Antigua & Barbuda
AI AIA Anguilla
AR ARG Argentina
AW ABW Aruba
BB BRB Barbados
BL BLM Saint Barthélemy; Saint Barthelemy; St. Barts
BO BOL Bolivia
BQ BES Caribbean Netherlands; Bonaire, Sint Eustatius and Saba; Bonaire
BR BRA Brazil
BS BHS Bahamas; The Bahamas
BV BVT Bouvet Island
BZ BLZ Belize
CL CHL Chile
CO COL Colombia
CR CRI Costa Rica
CU CUB Cuba
CW CUW Curaçao; Curacao
DM DMA Dominica
DO DOM Dominican Republic
EC ECU Ecuador
FK FLK Falkland Islands; Falklands
GD GRD Grenada
GF GUF French Guiana
GP GLP Guadeloupe
GS SGS South Georgia and the South Sandwich Islands; South Georgia
GT GTM Guatemala
GY GUY Guyana
HN HND Honduras
HT HTI Haiti
JM JAM Jamaica
KN KNA Saint Kitts and Nevis; St. Kitts and Nevis; St Kitts and Nevis
KY CYM Cayman Islands
LC LCA Saint Lucia; St. Lucia; St Lucia
MF MAF Saint Martin
MQ MTQ Martinique
MS MSR Montserrat
MX MEX Mexico
NI NIC Nicaragua
PA PAN Panama
PE PER Peru
PR PRI Puerto Rico
PY PRY Paraguay
SR SUR Suriname
SV SLV El Salvador
SX SXM Sint Maarten
TC TCA Turks and Caicos Islands; Turks & Caicos Islands
TT TTO Trinidad and Tobago; Trinidad & Tobago
UY URY Uruguay
VC VCT Saint Vincent and the Grenadines; St. Vincent and the Grenadines
VE VEN Venezuela
VG VGB British Virgin Islands
VI VIR US Virgin Islands; U.S. Virgin Islands; United States Virgin Islands
"""

_EMEA: Final = """
AD AND Andorra
AE ARE United Arab Emirates; UAE
AL ALB Albania
AM ARM Armenia
AO AGO Angola
AT AUT Austria
AX ALA Åland Islands; Aland Islands
AZ AZE Azerbaijan
BA BIH Bosnia and Herzegovina; Bosnia & Herzegovina; Bosnia
BE BEL Belgium
BF BFA Burkina Faso
BG BGR Bulgaria
BH BHR Bahrain
BI BDI Burundi
BJ BEN Benin
BW BWA Botswana
BY BLR Belarus
CD COD DR Congo; Democratic Republic of the Congo; DRC; Congo-Kinshasa
CF CAF Central African Republic
CG COG Republic of the Congo; Congo; Congo-Brazzaville
CH CHE Switzerland
CI CIV Côte d'Ivoire; Cote d'Ivoire; Ivory Coast
CM CMR Cameroon
CV CPV Cape Verde; Cabo Verde
CY CYP Cyprus
CZ CZE Czechia; Czech Republic
DE DEU Germany
DJ DJI Djibouti
DK DNK Denmark
DZ DZA Algeria
EE EST Estonia
EG EGY Egypt
EH ESH Western Sahara
ER ERI Eritrea
ES ESP Spain
ET ETH Ethiopia
FI FIN Finland
FO FRO Faroe Islands
FR FRA France
GA GAB Gabon
GB GBR United Kingdom; UK; U.K.; Great Britain; Britain;
       England; Scotland; Wales; Northern Ireland
GE GEO Georgia
GG GGY Guernsey
GH GHA Ghana
GI GIB Gibraltar
GM GMB Gambia; The Gambia
GN GIN Guinea
GQ GNQ Equatorial Guinea
GR GRC Greece
GW GNB Guinea-Bissau
HR HRV Croatia
HU HUN Hungary
IE IRL Ireland
IL ISR Israel
IM IMN Isle of Man
IO IOT British Indian Ocean Territory
IQ IRQ Iraq
IR IRN Iran
IS ISL Iceland
IT ITA Italy
JE JEY Jersey
JO JOR Jordan
KE KEN Kenya
KG KGZ Kyrgyzstan
KM COM Comoros
KW KWT Kuwait
KZ KAZ Kazakhstan
LB LBN Lebanon
LI LIE Liechtenstein
LR LBR Liberia
LS LSO Lesotho
LT LTU Lithuania
LU LUX Luxembourg
LV LVA Latvia
LY LBY Libya
MA MAR Morocco
MC MCO Monaco
MD MDA Moldova
ME MNE Montenegro
MG MDG Madagascar
MK MKD North Macedonia; Macedonia
ML MLI Mali
MR MRT Mauritania
MT MLT Malta
MU MUS Mauritius
MW MWI Malawi
MZ MOZ Mozambique
NA NAM Namibia
NE NER Niger
NG NGA Nigeria
NL NLD Netherlands; The Netherlands; Holland
NO NOR Norway
OM OMN Oman
PL POL Poland
PS PSE Palestine; State of Palestine
PT PRT Portugal
QA QAT Qatar
RE REU Réunion; Reunion
RO ROU Romania
RS SRB Serbia
RU RUS Russia; Russian Federation
RW RWA Rwanda
SA SAU Saudi Arabia; KSA
SC SYC Seychelles
SD SDN Sudan
SE SWE Sweden
SH SHN Saint Helena, Ascension and Tristan da Cunha; Saint Helena
SI SVN Slovenia
SJ SJM Svalbard and Jan Mayen
SK SVK Slovakia; Slovak Republic
SL SLE Sierra Leone
SM SMR San Marino
SN SEN Senegal
SO SOM Somalia
SS SSD South Sudan
ST STP São Tomé and Príncipe; Sao Tome and Principe
SY SYR Syria
SZ SWZ Eswatini; Swaziland
TD TCD Chad
TF ATF French Southern Territories
TG TGO Togo
TJ TJK Tajikistan
TM TKM Turkmenistan
TN TUN Tunisia
TR TUR Türkiye; Turkiye; Turkey
TZ TZA Tanzania
UA UKR Ukraine
UG UGA Uganda
UZ UZB Uzbekistan
VA VAT Vatican City; Vatican; Holy See
XK XKX Kosovo
YE YEM Yemen
YT MYT Mayotte
ZA ZAF South Africa
ZM ZMB Zambia
ZW ZWE Zimbabwe
"""

_APAC: Final = """
AF AFG Afghanistan
AS ASM American Samoa
AU AUS Australia
BD BGD Bangladesh
BN BRN Brunei; Brunei Darussalam
BT BTN Bhutan
CC CCK Cocos (Keeling) Islands; Cocos Islands
CK COK Cook Islands
CN CHN China; People's Republic of China; PRC
CX CXR Christmas Island
FJ FJI Fiji
FM FSM Micronesia; Federated States of Micronesia
GU GUM Guam
HK HKG Hong Kong; Hong Kong SAR
HM HMD Heard Island and McDonald Islands
ID IDN Indonesia
IN IND India
JP JPN Japan
KH KHM Cambodia
KI KIR Kiribati
KP PRK North Korea; DPRK
KR KOR South Korea; Republic of Korea; Korea
LA LAO Laos; Lao PDR
LK LKA Sri Lanka
MH MHL Marshall Islands
MM MMR Myanmar; Burma
MN MNG Mongolia
MO MAC Macao; Macau; Macao SAR
MP MNP Northern Mariana Islands
MV MDV Maldives
MY MYS Malaysia
NC NCL New Caledonia
NF NFK Norfolk Island
NP NPL Nepal
NR NRU Nauru
NU NIU Niue
NZ NZL New Zealand
PF PYF French Polynesia
PG PNG Papua New Guinea
PH PHL Philippines; The Philippines
PK PAK Pakistan
PN PCN Pitcairn Islands; Pitcairn
PW PLW Palau
SB SLB Solomon Islands
SG SGP Singapore
TH THA Thailand
TK TKL Tokelau
TL TLS Timor-Leste; East Timor
TO TON Tonga
TV TUV Tuvalu
TW TWN Taiwan
VN VNM Vietnam; Viet Nam
VU VUT Vanuatu
WF WLF Wallis and Futuna
WS WSM Samoa
"""

_BLOCKS: Final = (
    ("North America", _NORTH_AMERICA),
    ("EMEA", _EMEA),
    ("APAC", _APAC),
    ("LATAM", _LATAM),
)
"""Each region with its countries, in the order the demo program lists them."""

_LEFT_OUT: Final = frozenset({"na"})
"""Keys the default table leaves out although a line above holds them.

`NA`, Namibia's alpha-2 code, is what record ingest reads as *no value*, and
people write it for North America. Namibia is still there as `nam` and by
name. (`america`, the continent or the country, is on no line at all.)
"""


def _spelled(country: str) -> str:
    """`country` as the table keys it: case-folded, whitespace runs one space."""
    return " ".join(country.casefold().split())


def _parsed(blocks: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """`{key: region}` for every code and name on every line of every block."""
    found: dict[str, str] = {}
    for region, block in blocks:
        for line in block.replace(";\n", ";").strip().splitlines():
            alpha2, alpha3, names = line.split(maxsplit=2)
            for key in (alpha2, alpha3, *names.split(";")):
                found[_spelled(key)] = region
    return {key: region for key, region in found.items() if key not in _LEFT_OUT}


_DEFAULT: Final = _parsed(_BLOCKS)


def _spelled_keys(regions: Mapping[str, str]) -> dict[str, str] | Mapping[str, str]:
    """A new dict of `regions`, its string keys spelled as lookups spell them.

    Anything but a mapping is returned as it is, and a key that is not a
    string is kept as it is, for the field's check to refuse by name. Where
    two keys spell the same, the later one's region is kept.
    """
    given: object = regions
    if not isinstance(given, Mapping):
        return regions
    return {
        _spelled(key) if isinstance(key, str) else key: region
        for key, region in given.items()
    }


def _summary(regions: Mapping[str, str]) -> str:
    """The repr of a table's entries: how many keys each region has."""
    counts = Counter(regions.values())
    listed = ", ".join(f"{region} {counts[region]}" for region in sorted(counts))
    return f"<{len(regions)} names and codes: {listed}>"


@attrs.frozen
class RegionTable:
    """Which sales region a country belongs to.

    Look a country up with `region`;
    `RegionTable.default()` knows every ISO 3166-1 country and territory but
    Antarctica, by name, common alternates and code. Keys are stored trimmed,
    case-folded and with whitespace runs collapsed to one space, whatever
    spelling they were given in.

    Attributes:
        regions: The region of each country, by its spelled key. Where two
            given keys spell the same, the later one's region is kept.
    """

    regions: Mapping[str, str] = attrs.field(converter=_spelled_keys, repr=_summary)

    def __attrs_post_init__(self) -> None:
        """Check the field, then refuse an empty country or region name.

        Raises:
            InvalidTypeError: `regions` is not a mapping, or a region is not
                a string.
            InvalidValueError: A key is not a string, or a country or a
                region name is empty or only whitespace.
        """
        check_fields(self)
        for country, region in self.regions.items():
            if not country:
                raise InvalidValueError(
                    "RegionTable",
                    "regions",
                    country,
                    "country names with at least one non-space character",
                )
            if not region.strip():
                raise InvalidValueError(
                    "RegionTable",
                    "regions",
                    region,
                    "a region name with at least one non-space character",
                    f"the region of {country!r}",
                )

    @classmethod
    def default(cls) -> RegionTable:
        """Every ISO 3166-1 country and territory but Antarctica, by region.

        North America is the United States, Canada, Bermuda, Greenland,
        Saint Pierre and Miquelon and the US Minor Outlying Islands; LATAM
        Mexico, Central and South America and the whole Caribbean; EMEA
        Europe (Russia included), the Middle East, Africa and Central Asia;
        APAC the rest of Asia and Oceania. Each is keyed by its English
        short name, common alternates and its alpha-2 and alpha-3 codes
        (`NA`, Namibia's alpha-2 code, is left out: it reads as *no value*).

        Returns:
            The table.
        """
        return cls(_DEFAULT)

    def region(self, country: str) -> str | None:
        """The region of `country`, looked up as the table spells its keys.

        Args:
            country: A country's name, alternate name or ISO 3166-1 code, in
                any case and with any surrounding or repeated whitespace.

        Returns:
            Its region, or `None` when the table does not know it.

        Raises:
            InvalidTypeError: `country` is not a string.
        """
        require("RegionTable.region", "country", country, any_text)
        return self.regions.get(_spelled(country))

    def with_regions(self, regions: Mapping[str, str]) -> RegionTable:
        """A copy with these entries added, or replacing the ones they spell.

        Args:
            regions: The region of each country, keys in any spelling
                (`{"mexico": "North America"}`).

        Returns:
            The new table; this one is unchanged.

        Raises:
            InvalidTypeError: `regions` is not a mapping, or a region is not
                a string.
            InvalidValueError: A key is not a string, or a country or a
                region name is empty or only whitespace.
        """
        added = RegionTable(regions)
        return RegionTable({**self.regions, **added.regions})


def region_parser(table: RegionTable) -> parse.Parser:
    """A parser of a country's region in `table`; a country it lacks is refused."""

    def read(value: Any) -> str:
        found = table.region(parse.text(value))
        if found is None:
            raise parse.Unparsed(
                "a country the region table knows",
                "extend it: RegionTable.default().with_regions({...})",
            )
        return found

    return read
