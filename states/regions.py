"""UN M49 regions (Statistics Division's 'Standard country or area codes for
statistical use') for every ISO 3166-1 alpha-3 code. Used to give each State its
region without typing it by hand.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

AFRICA = "africa"
AMERICAS = "americas"
ASIA = "asia"
EUROPE = "europe"
OCEANIA = "oceania"

REGION_CHOICES = [
    (AFRICA, _("Africa")),
    (AMERICAS, _("Americas")),
    (ASIA, _("Asia")),
    (EUROPE, _("Europe")),
    (OCEANIA, _("Oceania")),
]

# Every ISO 3166-1 alpha-3 code, grouped by its M49 region (sub-regions in the
# comments). Antarctica (ATA) has no M49 region and is deliberately left out.
_CODES_BY_REGION: dict[str, str] = {
    AFRICA: (
        # Northern Africa
        "DZA EGY LBY MAR SDN TUN ESH "
        # Eastern Africa
        "IOT BDI COM DJI ERI ETH ATF KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD "
        "UGA TZA ZMB ZWE "
        # Middle Africa
        "AGO CMR CAF TCD COG COD GNQ GAB STP "
        # Southern Africa
        "BWA SWZ LSO NAM ZAF "
        # Western Africa
        "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SHN SEN SLE TGO"
    ),
    AMERICAS: (
        # Caribbean
        "AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR "
        "PRI BLM KNA LCA MAF VCT SXM TTO TCA VIR "
        # Central America
        "BLZ CRI SLV GTM HND MEX NIC PAN "
        # South America
        "ARG BOL BVT BRA CHL COL ECU FLK GUF GUY PRY PER SGS SUR URY VEN "
        # Northern America
        "BMU CAN GRL SPM USA"
    ),
    ASIA: (
        # Central Asia
        "KAZ KGZ TJK TKM UZB "
        # Eastern Asia (Taiwan, TWN, is in ISO 3166-1 but not listed separately
        # in M49, where it falls under China; it is placed in Eastern Asia here)
        "CHN HKG MAC PRK JPN MNG KOR TWN "
        # South-eastern Asia
        "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM "
        # Southern Asia
        "AFG BGD BTN IND IRN MDV NPL PAK LKA "
        # Western Asia
        "ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU PSE SYR TUR ARE YEM"
    ),
    EUROPE: (
        # Eastern Europe
        "BLR BGR CZE HUN POL MDA ROU RUS SVK UKR "
        # Northern Europe
        "ALA DNK EST FRO FIN GGY ISL IRL IMN JEY LVA LTU NOR SJM SWE GBR "
        # Southern Europe
        "ALB AND BIH HRV GIB GRC VAT ITA MLT MNE MKD PRT SMR SRB SVN ESP "
        # Western Europe
        "AUT BEL FRA DEU LIE LUX MCO NLD CHE "
        # Kosovo is not in ISO 3166-1 (nor listed in M49); "XKX" is a user-assigned
        # code that some treaty datasets use, so it is mapped here as well.
        "XKX"
    ),
    OCEANIA: (
        # Australia and New Zealand
        "AUS CXR CCK HMD NZL NFK "
        # Melanesia
        "FJI NCL PNG SLB VUT "
        # Micronesia
        "GUM KIR MHL FSM NRU MNP PLW UMI "
        # Polynesia
        "ASM COK PYF NIU PCN WSM TKL TON TUV WLF"
    ),
}

REGION_BY_ISO3: dict[str, str] = {code: region for region, codes in _CODES_BY_REGION.items() for code in codes.split()}


def region_for(iso3: str) -> str:
    """Return the M49 region constant for an ISO 3166-1 alpha-3 code."""
    try:
        return REGION_BY_ISO3[iso3.upper()]
    except KeyError:
        raise KeyError(f"No M49 region known for ISO 3166-1 alpha-3 code {iso3!r}") from None
