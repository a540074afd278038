"""The provisions tipranking encodes: citation, title, and the report years each was in force.

This table is the single place where a citation string is written. Rule objects refer to
a :class:`Provision` from here; docs tables and the statute timeline are generated from it.

Confidence tags follow the project's reference notes: ``V`` read in a cited text, ``R``
shown by real placements, ``I`` inferred, ``U`` uncertain. Where a date is ``I`` or ``U``
it is also a parameter of the rule that uses it, so a user can change it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from tipranking.errors import StatuteError

__all__ = [
    "ACTION_PLANS",
    "AUTHORITIES",
    "AUTOMATIC_DOWNGRADE",
    "BUDGET_AND_CIVIL_SOCIETY",
    "CHILD_SOLDIER_DEFINITION",
    "CHILD_SOLDIER_POLICE",
    "CONCRETE_ACTIONS",
    "CSPA",
    "CSPA_PEACEKEEPING",
    "CSPA_PEACEKEEPING_EXCEPTION",
    "CSPA_PROFESSIONALIZATION",
    "CSPA_PROFESSIONALIZATION_LIMITED",
    "CSPA_PROHIBITIONS",
    "CSPA_RECRUIT_OR_USE",
    "CSPA_REINSTATEMENT",
    "CSPA_WAIVER",
    "CSPA_WAIVER_CERTIFICATION",
    "DATA_PRESUMPTION",
    "DEFINITIONS_2019",
    "DETERMINATION_NOTICE",
    "EFFORTS_CONSIDERATIONS",
    "FIRST_REPORT_YEAR",
    "INDICIA",
    "INDICIA_2019",
    "INTERIM_ASSESSMENT",
    "LAST_KNOWN_REPORT_YEAR",
    "LISTS",
    "LISTS_REPORT_YEAR",
    "LIST_CHANGE_EXPLANATION",
    "MOVED_UP_FROM_TIER_3",
    "MOVED_UP_TO_TIER_1",
    "MULTILATERAL_LENDING",
    "NO_ASSISTANCE",
    "NO_ASSISTANCE_OR_EXCHANGES",
    "POLICY_OR_PATTERN",
    "POST_WAIVER_LIMIT",
    "PROVISIONS",
    "SPECIAL_CASE",
    "SPECIAL_WATCH_LIST",
    "STANDARDS",
    "STANDARD_1",
    "STANDARD_2",
    "STANDARD_3",
    "STANDARD_4",
    "TIER_1",
    "TIER_2",
    "TIER_3",
    "TIER_3_RESTRICTIONS",
    "TIER_3_WAIVER",
    "TIP_REPORT_RELEASES",
    "TRADE_ACT_ENACTED",
    "TRADE_AGREEMENTS_BEFORE",
    "TRADE_AUTHORITIES_PERIOD",
    "TRADE_BAR",
    "TRADE_DESCRIPTION",
    "TRADE_ENFORCEMENT_ACT",
    "TRADE_LETTER",
    "VULNERABLE_POPULATIONS_WAIVER",
    "WAIVER",
    "WAIVER_NOTICE",
    "WATCH_LIST",
    "Provision",
    "all_provisions",
    "indicium",
    "most_recent_report",
    "provision",
    "provisions_table",
]


FIRST_REPORT_YEAR = 2001
"""The first TIP Report (June 2001)."""

LAST_KNOWN_REPORT_YEAR = 2027
"""The last report year whose law this package states. The statute timeline was reviewed in November 2026;
the next report (2027) is covered because no amendment has been enacted for it. A later year is an error
rather than a silent reuse of the last known law."""

LISTS_REPORT_YEAR = 2023
"""The report whose printed lists (tiers, CSPA, policy or pattern) are bundled (``data/tip_2023_lists.csv``)."""

TRADE_ENFORCEMENT_ACT = dt.date(2016, 2, 24)
"""Enactment of the Trade Facilitation and Trade Enforcement Act of 2015 (Pub. L. 114-125): the 90 days for
describing a 2015 Tier 3 to Watch List move (19 U.S.C. § 4205(b)(6)(C)) run from it [I: that it set the
clock]."""

TRADE_ACT_ENACTED = dt.date(2015, 6, 29)
"""Enactment of the Bipartisan Congressional Trade Priorities and Accountability Act of 2015, Pub. L. 114-26,
which enacted the Tier 3 bar of 19 U.S.C. § 4205(b)(6) [V: the Code's § 4202(a)(3) reads "June 29, 2015" for
the act's date of enactment (codexstanford/markdonw-chunck-of-the-usa-code, chuncks/title-19/chunck-2199.md);
Pub. L. 114-26: lexology.com summary of the 2018 extension, citing section 103(c) of Pub. L. 114-26]."""

TRADE_AGREEMENTS_BEFORE = dt.date(2021, 7, 1)
"""Trade-authorities procedures apply only to agreements entered into before this date: 19 U.S.C.
§ 4202(c)(1) gives agreements entered into before July 1, 2018, extended to agreements entered into before
July 1, 2021 if the President asked for the extension and neither House disapproved it before July 1, 2018
[V: chuncks/title-19/chunck-2201.md]. The President asked on March 20, 2018 and neither House disapproved, so
the procedures were extended to July 1, 2021 [V: lexology.com ("the President's trade promotion authority was
extended to July 1, 2021"); socma.com and strtrade.com (March 2018) for the request]. No later extension is
enacted."""

TIP_REPORT_RELEASES: dict[int, dt.date] = {
    2014: dt.date(2014, 6, 20),
    2015: dt.date(2015, 7, 27),
    2020: dt.date(2020, 6, 25),
    2021: dt.date(2021, 7, 1),
}
"""Release dates of the reports around the trade window, which decide which report was "the most recent"
(19 U.S.C. § 4205(b)(6)(A)) on a given day [V: 2014: vice.com and stopvaw.org ("released on June 20");
2015: just-style.com ("released yesterday (27 July)"), newslines.org (27 Jul, 2015); 2020: State's release
ceremony, June 25, 2020 (ge.usembassy.gov, hopeforjustice.org); 2021: State's release ceremony, July 1, 2021
(uy.usembassy.gov, editorials.voa.gov)]. Only these years are needed: see :func:`most_recent_report`."""


def most_recent_report(on: dt.date) -> int:
    """The report year whose report was the most recent one on day ``on``: the latest report released on or
    before that day, by :data:`TIP_REPORT_RELEASES`. The next report's release date must be known too (else a
    :class:`~tipranking.errors.StatuteError`), so that the answer cannot rest on a missing date."""
    released = [year for year, day in TIP_REPORT_RELEASES.items() if day <= on]
    if not released or max(released) + 1 not in TIP_REPORT_RELEASES:
        raise StatuteError(f"most_recent_report: the release dates around {on.isoformat()} are not recorded "
                           "(TIP_REPORT_RELEASES)")
    return max(released)


@attrs.frozen(slots=True)
class Provision:
    """One provision of the statute, with the report years in which it applied."""

    citation: str
    title: str
    tvpa: str
    first_report_year: int
    enacted_by: str
    confidence: str = attrs.field(validator=attrs.validators.in_({"V", "R", "I", "U"}))
    last_report_year: int | None = None

    def in_force(self, report_year: int) -> bool:
        """Whether the provision applied to the report of ``report_year``."""
        if report_year < self.first_report_year:
            return False
        return self.last_report_year is None or report_year <= self.last_report_year


_TVPA_2000 = "TVPA of 2000, Pub. L. 106-386 (Oct. 28, 2000)"
_TVPRA_2003 = "TVPRA of 2003, Pub. L. 108-193 (Dec. 19, 2003)"
_TVPRA_2005 = "TVPRA of 2005, Pub. L. 109-164 (Jan. 10, 2006)"
_TVPRA_2008 = "William Wilberforce TVPRA of 2008, Pub. L. 110-457 (Dec. 23, 2008)"
_TVPRA_2013 = "TVPRA of 2013, title XII of Pub. L. 113-4 (Mar. 7, 2013)"
_FD_2018 = "Frederick Douglass TVPRA of 2018, Pub. L. 115-425 (Jan. 8, 2019)"
_TVPRA_2017 = "TVPRA of 2017, Pub. L. 115-427 (Jan. 9, 2019)"
_TPA_2015 = ("Bipartisan Congressional Trade Priorities and Accountability Act of 2015, Pub. L. 114-26 "
             "(June 29, 2015)")

_INDICIA_TITLES = (
    "vigorous investigation, prosecution, conviction and sentencing",
    "victim protection and assistance",
    "prevention, including public education",
    "international cooperation in investigations and prosecutions",
    "extradition on the same terms as other serious crimes",
    "monitoring of migration patterns for evidence of trafficking",
    "action against complicit officials",
    "whether the share of non-citizen victims is insignificant",
    "partnerships with measurable outcomes",
    "systematic self-monitoring and public periodic assessment",
    "appreciable progress compared with the previous year",
    "efforts to reduce demand for commercial sex acts and sex tourism",
)


def _indicium_first_year(number: int) -> tuple[int, str, str]:
    # Which act added indicia 8-12 is uncertain in the reference notes: commonly the TVPRA
    # of 2003 for 8-11 and of 2005 for 12. Encoded as such and tagged "U".
    if number <= 7:
        return 2001, _TVPA_2000, "V"
    if number <= 11:
        return 2004, _TVPRA_2003, "U"
    return 2006, _TVPRA_2005, "U"


STANDARD_1 = Provision(
    "22 U.S.C. § 7106(a)(1)",
    "prohibits and punishes severe forms of trafficking",
    "TVPA § 108(a)(1)",
    2001,
    _TVPA_2000,
    "V",
)
STANDARD_2 = Provision(
    "22 U.S.C. § 7106(a)(2)",
    "penalties for grave crimes comparable to forcible sexual assault",
    "TVPA § 108(a)(2)",
    2001,
    _TVPA_2000,
    "V",
)
STANDARD_3 = Provision(
    "22 U.S.C. § 7106(a)(3)", "penalties sufficiently stringent to deter", "TVPA § 108(a)(3)", 2001, _TVPA_2000, "V"
)
STANDARD_4 = Provision(
    "22 U.S.C. § 7106(a)(4)",
    "serious and sustained efforts to eliminate severe forms",
    "TVPA § 108(a)(4)",
    2001,
    _TVPA_2000,
    "V",
)
DATA_PRESUMPTION = Provision(
    "22 U.S.C. § 7106(b)",
    "presumption: no law-enforcement data means no vigorous enforcement",
    "TVPA § 108(b)(1), (7)",
    2004,
    _TVPRA_2003,
    "V",
)
LISTS = Provision(
    "22 U.S.C. § 7107(b)(1)",
    "the tier lists",
    "TVPA § 110(b)(1)",
    2001,
    _TVPA_2000,
    "V",
)
# Special Case is not in the statute: § 7107(b)(1) has three lists and no other category. The reports describe
# some countries without ranking them (conflict, no reliable information; from the 2003 report in the bundled
# record: special_cases_2001_2015.csv, tiers_2016_2025.csv). The package allows it in every report. The
# "citation" says so rather than pointing at a provision that does not contain it.
SPECIAL_CASE = Provision(
    "TIP Report practice: Special Case (not a list of 22 U.S.C. § 7107(b)(1))",
    "Special Case: the report describes the country but places it on none of the statute's lists; the "
    "report's practice, not a statutory category",
    "none",
    2001,
    "no act: the State Department's practice in the reports",
    "R",
)
TIER_1 = Provision(
    "22 U.S.C. § 7107(b)(1)(A)",
    "Tier 1: fully complies with the minimum standards",
    "TVPA § 110(b)(1)(A)",
    2001,
    _TVPA_2000,
    "V",
)
TIER_2 = Provision(
    "22 U.S.C. § 7107(b)(1)(B)",
    "Tier 2: does not fully comply but makes significant efforts",
    "TVPA § 110(b)(1)(B)",
    2001,
    _TVPA_2000,
    "V",
)
TIER_3 = Provision(
    "22 U.S.C. § 7107(b)(1)(C)",
    "Tier 3: does not comply and makes no significant efforts",
    "TVPA § 110(b)(1)(C)",
    2001,
    _TVPA_2000,
    "V",
)
EFFORTS_CONSIDERATIONS = Provision(
    "22 U.S.C. § 7107(b)(3)(A)",
    "considerations in significant-efforts determinations",
    "TVPA § 110(b)(3)(A)",
    2001,
    _TVPA_2000,
    "V",
)
POLICY_OR_PATTERN = Provision(
    "22 U.S.C. § 7107(b)(3)(B)",
    "policy or pattern of trafficking is proof of no significant efforts",
    "TVPA § 110(b)(3)(B)",
    2019,
    _FD_2018,
    "V",
)
MOVED_UP_TO_TIER_1 = Provision(
    "22 U.S.C. § 7107(b)(2)(A)(i)",
    "special watch list: moved up from Tier 2 to Tier 1",
    "TVPA § 110(b)(2)(A)(i)",
    2004,
    _TVPRA_2003,
    "V",
)
MOVED_UP_FROM_TIER_3 = Provision(
    "22 U.S.C. § 7107(b)(2)(A)(ii)",
    "special watch list: moved up from Tier 3 to Tier 2",
    "TVPA § 110(b)(2)(A)(ii)",
    2004,
    _TVPRA_2003,
    "V",
)
WATCH_LIST = Provision(
    "22 U.S.C. § 7107(b)(2)(A)(iii)", "Tier 2 Watch List criteria", "TVPA § 110(b)(2)(A)(iii)", 2004, _TVPRA_2003, "V"
)
INTERIM_ASSESSMENT = Provision(
    "22 U.S.C. § 7107(b)(2)(B)",
    "interim assessment of the special watch list by February 1",
    "TVPA § 110(b)(2)(B)",
    2004,
    _TVPRA_2003,
    "V",
)
AUTOMATIC_DOWNGRADE = Provision(
    "22 U.S.C. § 7107(b)(2)(D)(i)",
    "automatic downgrade after 2 consecutive Watch List years",
    "TVPA § 110(b)(2)(D)(i)",
    2009,
    _TVPRA_2008,
    "V",
)
WAIVER = Provision(
    "22 U.S.C. § 7107(b)(2)(D)(ii)",
    "presidential waiver of the automatic downgrade",
    "TVPA § 110(b)(2)(D)(ii)",
    2009,
    _TVPRA_2008,
    "V",
)
POST_WAIVER_LIMIT = Provision(
    "22 U.S.C. § 7107(b)(2)(F)",
    "one consecutive Watch List year after waiver and Tier 3",
    "TVPA § 110(b)(2)(F)",
    2019,
    _FD_2018,
    "V",
)
ACTION_PLANS = Provision(
    "22 U.S.C. § 7107(b)(4)",
    "action plan for countries upgraded from Tier 3 to the Watch List",
    "TVPA § 110(b)(4)",
    2019,
    _TVPRA_2017,
    "V",
)
# Changes of the January 2019 acts that the package records but does not evaluate (no rule decides on them:
# the facts they shape are inputs, or they are duties of the State Department, not placements). The diff of
# two statute versions lists them as not compared (tipranking.analysis.diff). Sources: the reference notes
# (statute.md §§ 1, 3, 4, 5, 6) and the current U.S. Code text; attributions to Pub. L. 115-427 beyond its § 2
# are inferred there.
CONCRETE_ACTIONS = Provision(
    "22 U.S.C. § 7107(b)(1)(A)-(B) (concrete actions)",
    "Tier 1 and Tier 2 rest only on concrete actions recorded in the reporting period; Tier 2 excludes "
    "commitments to take additional future steps (the substance of the old Watch List criterion (III))",
    "TVPA § 110(b)(1)(A)-(B)",
    2019,
    _TVPRA_2017,
    "I",
)
LIST_CHANGE_EXPLANATION = Provision(
    "22 U.S.C. § 7107(b)(1)(H)",
    "a detailed explanation, linked to concrete actions and the minimum standards, for each country on a "
    "different list than in the previous report",
    "TVPA § 110(b)(1)(H)",
    2019,
    _TVPRA_2017,
    "V",
)
WAIVER_NOTICE = Provision(
    "22 U.S.C. § 7107(b)(2)(E)",
    "after a waiver, the credible information supporting it published within 30 days, and a briefing on the "
    "written plan offered to the committees (2019 text)",
    "TVPA § 110(b)(2)(E)",
    2019,
    _TVPRA_2017,
    "I",
)
BUDGET_AND_CIVIL_SOCIETY = Provision(
    "22 U.S.C. § 7107(b)(3)(D)-(F)",
    "significant-efforts considerations: sufficient budget to investigate, prosecute, convict and sentence and "
    "to obtain restitution; to protect victims and prevent trafficking; consultation with civil society leading "
    "to concrete actions",
    "TVPA § 110(b)(3)(D)-(F)",
    2019,
    _TVPRA_2017,
    "I",
)
DEFINITIONS_2019 = Provision(
    "22 U.S.C. § 7102 (concrete actions, credible information)",
    "definitions of 'concrete actions' and 'credible information'",
    "TVPA § 103",
    2019,
    _TVPRA_2017,
    "V",
)
INDICIA_2019 = Provision(
    "22 U.S.C. § 7106(b)(1), (7) (2019 text)",
    "the data presumption tied to a 'demonstrably increasing capacity' to obtain the data (in (7) instead of "
    "'consistent with its resources'), its grace clauses struck, and officials who 'enable' trafficking in (7)",
    "TVPA § 108(b)(1), (7)",
    2019,
    _FD_2018,
    "V",
)
# (c): one (d) determination per Tier 3 country, notified 45-90 days after the report, for reports
# from Jan. 1, 2003 (reference notes § 7; read in the 2000 text and the current U.S. Code).
DETERMINATION_NOTICE = Provision(
    "22 U.S.C. § 7107(c)",
    "presidential determination notified 45 to 90 days after the report",
    "TVPA § 110(c)",
    2003,
    _TVPA_2000,
    "V",
)
TIER_3_RESTRICTIONS = Provision(
    "22 U.S.C. § 7107(d)", "Tier 3 funding restrictions and their waivers", "TVPA § 110(d)", 2003, _TVPA_2000, "V"
)
# (A)(i) and (A)(ii) are alternatives: (ii) is for a government that received no nonhumanitarian,
# nontrade-related assistance in the previous fiscal year, and then bars that assistance *and*
# exchange funding (current text read in codexstanford/markdonw-chunck-of-the-usa-code,
# chuncks/title-22/chunck-6016.md; the same in the 2000 text per the reference notes).
NO_ASSISTANCE = Provision(
    "22 U.S.C. § 7107(d)(1)(A)(i)",
    "no nonhumanitarian, nontrade-related assistance",
    "TVPA § 110(d)(1)(A)(i)",
    2003,
    _TVPA_2000,
    "V",
)
NO_ASSISTANCE_OR_EXCHANGES = Provision(
    "22 U.S.C. § 7107(d)(1)(A)(ii)",
    "no such assistance in the previous fiscal year: no assistance "
    "and no funding for officials' educational and cultural exchanges",
    "TVPA § 110(d)(1)(A)(ii)",
    2003,
    _TVPA_2000,
    "V",
)
MULTILATERAL_LENDING = Provision(
    "22 U.S.C. § 7107(d)(1)(B)",
    "vote against multilateral development bank and IMF lending",
    "TVPA § 110(d)(1)(B)",
    2003,
    _TVPA_2000,
    "V",
)
TIER_3_WAIVER = Provision(
    "22 U.S.C. § 7107(d)(4)",
    "waiver: promotes the purposes of the Act or the national interest",
    "TVPA § 110(d)(4)",
    2003,
    _TVPA_2000,
    "V",
)
VULNERABLE_POPULATIONS_WAIVER = Provision(
    "22 U.S.C. § 7107(d)(5)(B)",
    "waiver to avoid significant adverse effects on vulnerable populations",
    "TVPA § 110(d)(5)(B)",
    2003,
    _TVPA_2000,
    "V",
)
# CSPA = title IV of Pub. L. 110-457, in effect June 21, 2009. First list: the June 2010 report
# (State cable 09STATE121328, Nov. 2009: "the first list in the June 2010 TIP Report").
# The 2008 text of § 402(2) and § 404(a): Statutes at Large 122 Stat. 5088-5090 (en.wikisource.org,
# "United States Statutes at Large Volume 122.djvu/5111" and /5113) and an older U.S. Code copy
# (laws9.com .../usc_sec_22_00002370---c001-.html): (a) covered §§ 2321j, 2347, 2763 and DCS licenses
# only, "subject to subsections (b), (c), and (d)"; the definition named governmental armed forces only.
CHILD_SOLDIER_DEFINITION = Provision(
    "22 U.S.C. § 2370c(2)", "definition of child soldier", "CSPA § 402(2)", 2010, _TVPRA_2008, "V"
)
# "police, or other security forces" in § 2370c(2)(A)(i)-(iii) and in the list criterion of § 2370c-1(a):
# added by the Child Soldier Prevention Act of 2018, title II, subtitle B of Pub. L. 115-425 (CRS In
# Focus IF10901, Mar. 25, 2020, everycrsreport.com; uscode.house.gov notes to § 2370c: "2019" amendment
# of par. (2)(A)(i) to (iii); the U.S. Code as of 2013 and May 2014 still lacks the words). First list
# governed: 2019 -- State's CSPA § 405(c) report of July 17, 2020 applies the new words to the list for
# April 1, 2018 - March 31, 2019. The year is a parameter: ChildSoldierDefinition.for_report(police_from=).
CHILD_SOLDIER_POLICE = Provision(
    "22 U.S.C. § 2370c(2) (police or other security forces)",
    "CSPA: police and other security forces in the child-soldier definition and the list criterion",
    "CSPA § 402(2), § 404(a)",
    2019,
    _FD_2018,
    "V",
)
CSPA = Provision(
    "22 U.S.C. § 2370c-1", "Child Soldiers Prevention Act list and prohibitions", "CSPA § 404", 2010, _TVPRA_2008, "V"
)
# The list criterion of § 2370c-1(a): governments whose forces "recruit and use child soldiers" in the 2008
# text [V: laws9.com copy above; still so in the U.S. Code as updated to May 24, 2014, uscode.elaws.us; State's
# statement on the 2017 list, watchlist.org/news/child-soldiers-prevention-act-list/], "recruit or use" today
# [V: chuncks/title-22/chunck-2490.md]. State's CSPA § 405(c) report of July 17, 2020 (state.gov) describes the
# 2019 list as governments that "recruited or used" child soldiers. The amending act is inferred: Pub. L.
# 115-425 rewrote the same clause to add "police, or other security forces" (CRS IF10901), and the change falls
# between the 2017 and 2019 lists. Hence "I", first list 2019, and the year is a parameter
# (cspa_text(or_use_from=...), cspa_listing(or_use_from=...)).
CSPA_RECRUIT_OR_USE = Provision(
    "22 U.S.C. § 2370c-1(a) (recruit or use)",
    'CSPA: the list criterion reads "recruit or use child soldiers" (2008 text: "recruit and use")',
    "CSPA § 404(a)",
    2019,
    _FD_2018,
    "I",
)
CSPA_PROHIBITIONS = Provision(
    "22 U.S.C. § 2370c-1(a)",
    "CSPA: prohibited military assistance and licenses",
    "CSPA § 404(a)",
    2010,
    _TVPRA_2008,
    "V",
)
# Peacekeeping Operations (22 U.S.C. § 2348) in § 2370c-1(a), with the (f) exception: not in the 2008
# text (above); S. 1259 (June 22, 2011, govinfo BILLS-112s1259is) proposed adding it; present in the U.S.
# Code as updated to May 24, 2014 (uscode.elaws.us: "2321j, 2347, and 2348", "subsections (b) through
# (f)"). The Sept. 30, 2013 determination on the 2013 list (FY 2014) waived the ban in part so Somalia
# could keep receiving PKO assistance [R: text quoted by rinf.com and impeachobamatoday.blogspot.com].
# The enacting act is inferred: the TVPRA of 2013 is the only reauthorization between the 2011 bill and
# that determination; its section was not read. Hence "I", and the year is a parameter
# (cspa_restrictions(pko_from=...)). Whether the 2012 list (FY 2013) was already governed is not known.
CSPA_PEACEKEEPING = Provision(
    "22 U.S.C. § 2370c-1(a) (peacekeeping operations)",
    "CSPA: Peacekeeping Operations assistance (22 U.S.C. § 2348) added to the prohibition",
    "CSPA § 404(a)",
    2013,
    _TVPRA_2013,
    "I",
)
CSPA_WAIVER = Provision(
    "22 U.S.C. § 2370c-1(c)", "CSPA: national-interest waiver", "CSPA § 404(c)", 2010, _TVPRA_2008, "I"
)
# From 2019 the waiver also needs a certification that the government is taking effective and continuing
# steps against child soldiering (CRS IF10901, Mar. 25, 2020: Pub. L. 115-425; absent from 122 Stat.
# 5090). First list governed: 2019 [I: enacted Jan. 8, 2019, after the FY 2019 waivers]. Recorded, not
# modelled: a waiver in a CspaDetermination is taken as validly made.
CSPA_WAIVER_CERTIFICATION = Provision(
    "22 U.S.C. § 2370c-1(c) (certification)",
    "CSPA: a national-interest waiver needs a certification of effective and continuing steps",
    "CSPA § 404(c)",
    2019,
    _FD_2018,
    "I",
)
CSPA_REINSTATEMENT = Provision(
    "22 U.S.C. § 2370c-1(d)", "CSPA: reinstatement of assistance", "CSPA § 404(d)", 2010, _TVPRA_2008, "I"
)
# (e) as enacted in 2008: the President may provide "international military education, training, and nonlethal
# supplies" otherwise prohibited, on certifying demobilisation steps and that the assistance goes to programs
# that directly support professionalisation of the military [V: 122 Stat. 5090 (en.wikisource.org, "United
# States Statutes at Large Volume 122.djvu/5113") and the older U.S. Code copy at laws9.com cited above]: all
# of IMET, not only some institutes. The time limit of the 2008 text, if any, was not read (the page breaks
# off). First list governed 2010 and the first year of (c)-(e) are "I" as before.
CSPA_PROFESSIONALIZATION = Provision(
    "22 U.S.C. § 2370c-1(e)",
    "CSPA: exception for IMET, training and nonlethal supplies for military professionalisation",
    "CSPA § 404(e)",
    2010,
    _TVPRA_2008,
    "I",
)
# (e) as it reads today: IMET (§ 2347) only "through the Defense Institute for International Legal Studies or
# the Center for Civil-Military Relations at the Naval Post-Graduate School", and nonlethal supplies; (e)(2):
# "may not remain in effect for a country for more than 5 years" [V: current U.S. Code,
# codexstanford/markdonw-chunck-of-the-usa-code, chuncks/title-22/chunck-2494.md]. The amending act was not
# read: the Child Soldier Prevention Act of 2018 (title II, subtitle B of Pub. L. 115-425), the one rewrite of
# the CSPA after 2008 besides the PKO amendment, is the likely one, but the TVPRA of 2013 (which added PKO and
# (f)) cannot be excluded. Hence "U", and the year is a parameter (cspa_text(limited_exception_from=...)).
CSPA_PROFESSIONALIZATION_LIMITED = Provision(
    "22 U.S.C. § 2370c-1(e) (listed institutes)",
    "CSPA: the (e) exception limited to IMET through the Defense Institute of International Legal Studies or "
    "the Center for Civil-Military Relations, and nonlethal supplies; at most 5 years per country",
    "CSPA § 404(e)",
    2019,
    _FD_2018,
    "U",
)
# (f) came with the PKO ban (see § 2370c-1(a) (peacekeeping operations) above): same sources, same "I".
CSPA_PEACEKEEPING_EXCEPTION = Provision(
    "22 U.S.C. § 2370c-1(f)",
    "CSPA: exception for peacekeeping-operations programs",
    "CSPA § 404(f)",
    2013,
    _TVPRA_2013,
    "I",
)
# § 4205(b)(6)(A) bars the procedures for a country on Tier 3 "in the most recent annual report" [V:
# chuncks/title-19/chunck-2216.md]. It governs the reports that were the most recent one while procedures
# could be had: from the act's enactment (June 29, 2015: the 2014 report, until the 2015 report of July 27,
# 2015) to the last day on which an agreement could be entered into (June 30, 2021: the 2020 report; the 2021
# report came out on July 1, 2021). See TRADE_ACT_ENACTED, TRADE_AGREEMENTS_BEFORE and TIP_REPORT_RELEASES.
_TRADE_FIRST = most_recent_report(TRADE_ACT_ENACTED)
_TRADE_LAST = most_recent_report(TRADE_AGREEMENTS_BEFORE - dt.timedelta(days=1))
TRADE_BAR = Provision(
    "19 U.S.C. § 4205(b)(6)",
    "no trade-authorities procedures for Tier 3 countries",
    "TPA 2015 § 106(b)(6)",
    _TRADE_FIRST,
    _TPA_2015,
    "V",
    _TRADE_LAST,
)
TRADE_LETTER = Provision(
    "19 U.S.C. § 4205(b)(6)(B)",
    "exception: public letter on concrete actions",
    "TPA 2015 § 106(b)(6)(B)",
    _TRADE_FIRST,
    _TPA_2015,
    "V",
    _TRADE_LAST,
)
TRADE_AUTHORITIES_PERIOD = Provision(
    "19 U.S.C. § 4202(c)(1)",
    "trade-authorities procedures only for agreements entered into before July 1, 2018, or before July 1, 2021 "
    "once extended",
    "TPA 2015 § 103(c)(1)",
    _TRADE_FIRST,
    _TPA_2015,
    "V",
    _TRADE_LAST,
)
# (C): a country on Tier 3 in a report "submitted in calendar year 2014 or any calendar year thereafter" and on
# the Watch List in the next year's report gets a detailed description of the evidence, within 90 days after
# February 24, 2016 for a change in the 2015 report, else within 90 days after the report [V:
# chuncks/title-19/chunck-2216.md]. Its words have no end date and do not depend on § 4202: the duty is kept for
# every report from 2015 on, also after the procedures ended in 2021 (no last report year).
TRADE_DESCRIPTION = Provision(
    "19 U.S.C. § 4205(b)(6)(C)",
    "description of evidence for a Tier 3 to Watch List move",
    "TPA 2015 § 106(b)(6)(C)",
    2015,
    _TPA_2015,
    "V",
)
SPECIAL_WATCH_LIST = Provision(
    "22 U.S.C. § 7107(b)(2)(A)", "the special watch list", "TVPA § 110(b)(2)(A)", 2004, _TVPRA_2003, "V"
)
INDICIA: tuple[Provision, ...] = tuple(
    Provision(f"22 U.S.C. § 7106(b)({number})", title, f"TVPA § 108(b)({number})", *_indicium_first_year(number))
    for number, title in enumerate(_INDICIA_TITLES, start=1)
)
"""The twelve indicia of § 7106(b)(1)-(12), in order: ``INDICIA[n - 1]`` is indicium ``n``."""


STANDARDS: tuple[Provision, ...] = (STANDARD_1, STANDARD_2, STANDARD_3, STANDARD_4)
"""The four minimum standards of § 7106(a)(1)-(4), in order."""

AUTHORITIES = {"imet": "22 U.S.C. § 2347", "fmf": "22 U.S.C. § 2763", "eda": "22 U.S.C. § 2321j",
               "pko": "22 U.S.C. § 2348"}
"""The assistance authorities the CSPA prohibition names (22 U.S.C. § 2370c-1(a)), by program."""


def indicium(number: int) -> Provision:
    """Indicium ``number`` (1-12) of § 7106(b)."""
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(INDICIA):
        raise StatuteError(f"indicium: § 7106(b) has indicia 1 to {len(INDICIA)} (got {number!r})")
    return INDICIA[number - 1]


_ALL: tuple[Provision, ...] = (
    *(value for value in tuple(globals().values()) if isinstance(value, Provision)),
    *INDICIA,
)
"""Every encoded provision: each module-level name bound to a :class:`Provision`, in definition order, then the
twelve :data:`INDICIA`. Derived rather than listed, so that a constant defined here cannot be left out of
:data:`PROVISIONS` (``tests/test_provisions.py`` checks the result against the source)."""


PROVISIONS: dict[str, Provision] = {p.citation: p for p in _ALL}
"""Every encoded provision, keyed by its citation string. Look one up with :func:`provision`, or use the named
constants (``WATCH_LIST``, ``POST_WAIVER_LIMIT``...)."""


def provision(citation: str) -> Provision:
    """The provision with this exact citation string."""
    try:
        return PROVISIONS[citation]
    except KeyError:
        raise StatuteError(f"citation: no provision {citation!r} is encoded") from None


def all_provisions() -> Iterator[Provision]:
    """Every encoded provision, in citation order."""
    return iter(sorted(PROVISIONS.values(), key=lambda p: _natural(p.citation)))


def _natural(text: str) -> tuple[tuple[int, str], ...]:
    """Sort key that orders (b)(2) before (b)(10)."""
    import re

    return tuple((int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", text))


def provisions_table() -> str:
    """A Markdown table of every encoded provision: citation, what it says, first report, source.

    The docs print this table rather than re-typing it.
    """
    rows = [
        "| citation | provision | TVPA section | first report | enacted by | confidence |",
        "|---|---|---|---|---|---|",
    ]
    for p in all_provisions():
        rows.append(
            f"| {p.citation} | {p.title} | {p.tvpa} | {p.first_report_year} | {p.enacted_by} | {p.confidence} |"
        )
    return "\n".join(rows)
