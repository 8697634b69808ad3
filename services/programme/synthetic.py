"""A synthetic federation and its three years of the plan (2021-09 to 2023-12), drawn from one seed.

Everything here is SYNTHETIC: every name says 示例 (example), and no count is a real figure. What
is drawn from sources (domain brief §6) is only the shape:

* enterprises per league follow the 2023 economic census's shares of legal-person units for the
  three leagues it names (Hohhot 19.5 %, Baotou 14 %, Ordos 13 %); the rest is spread over the
  other nine leagues by their number of banner/county units (an assumption);
* industries follow the census's top sections (wholesale & retail 28.6 %, leasing & business
  services 13.8 %, construction 11.5 %); the remaining 46.1 % is spread with assumed weights;
* 92.1 % of enterprises are private (the national share of private enterprises, end-2021).

The programme's course is a modelling choice, labelled as such: each league aims at its own share
of private enterprises at two-star or above by the end of 2023, half of them above the plan's
10 % target and half below, so the result differs per league. The same seed gives the same
programme, date for date.
"""
from __future__ import annotations

import functools
import itertools
import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from fedstd.registry.v1 import events_pb2 as registry
from fedstd.type.v1 import plan_pb2 as plan
from services.common import divisions
from services.demo import synthetic_uscc
from services.reporting.policy import ReportingPolicy

REGION = divisions.REGION_CODE
LAUNCH = date(2021, 9, 1)
#: When the region, the league and the banner/county federations enter the registry (工作启动阶段).
FEDERATIONS_REGISTERED = (LAUNCH, date(2021, 9, 6), date(2021, 9, 13))
PLAN_END = date(2023, 12, 31)
#: The last day the programme acts on (the summary phase closes the year).
LAST_ACTIVITY = date(2023, 12, 20)
PLAN_YEARS = (2021, 2022, 2023)
TARGET_SHARE = 0.10
SYNTHETIC = "（示例）"

# ---------------------------------------------------------------------------------------------
# Proportions (domain brief §6) and the assumptions beside them.

#: Legal-person units per league, end-2023 census: the three leagues the census names (FACT).
CENSUS_LEAGUE_SHARES = {"150100": 0.195, "150200": 0.14, "150600": 0.13}
#: Legal-person units per GB/T 4754 section, end-2023 census: the three sections it names (FACT).
CENSUS_SECTION_SHARES = {"F": 0.286, "L": 0.138, "E": 0.115}
#: The other sections' relative weights (ASSUMPTION), scaled to the census's remaining share.
OTHER_SECTION_WEIGHTS = {"C": 9, "A": 5, "H": 5, "G": 4, "K": 3, "M": 3, "O": 3, "I": 2.5, "R": 2, "N": 1.5,
                         "P": 1.5, "Q": 1.5, "D": 1.2, "B": 1, "J": 0.8, "S": 0.3}
#: Share of private enterprises among all enterprises, China end-2021 (FACT, SAMR).
PRIVATE_SHARE = 0.921
#: Size classes of the synthetic enterprises (ASSUMPTION: mostly micro and small).
SIZE_WEIGHTS = {registry.SIZE_CLASS_MICRO: 60, registry.SIZE_CLASS_SMALL: 28, registry.SIZE_CLASS_MEDIUM: 10,
                registry.SIZE_CLASS_LARGE: 2}
#: When enterprises enter the registry: most at the launch, the rest as the plan goes on (ASSUMPTION).
REGISTRATION_WAVES = ((date(2021, 9, 1), date(2021, 12, 31), 70), (date(2022, 1, 1), date(2022, 12, 31), 20),
                      (date(2023, 1, 1), date(2023, 9, 30), 10))
#: Each league's share at two-star or above at the end of 2023, dealt to the leagues by the seed:
#: six reach the 10 % target, six do not (ASSUMPTION, synthetic).
LEAGUE_TARGETS = (0.16, 0.145, 0.13, 0.12, 0.112, 0.104, 0.094, 0.085, 0.075, 0.065, 0.055, 0.045)
#: When the enterprises that end at two-star or above got there: share reaching it in each year.
TRAJECTORY = {2021: 12, 2022: 38, 2023: 50}
#: Relative to the enterprises that end at two-star or above (ASSUMPTION):
EVALUATED_BELOW = 0.6      # evaluated, and below 700 points at the end
REVOKED = 0.05             # reached two-star, and the level was revoked
PILOT_ONLY = 0.4           # enrolled in the brand pilot, not evaluated by the end
IMPROVED = 0.3             # of those ending at two-star or above: evaluated below 700 first
UPGRADED = 0.1             # ... or at two-star first, then higher
MEMBERSHIP = 0.3           # enterprises of a chamber's industry that join it
DECLARING = 0.12           # private enterprises that self-declare a standard outside the key fields
WITHDRAWN = 0.05           # of self-declarations, withdrawn later
REPORT_MISTAKES = 0.25     # annual reports first submitted with a wrong figure

# ---------------------------------------------------------------------------------------------
# Industries, chambers, key fields.

A, C, H = plan.PLAN_SECTOR_FARMING_HUSBANDRY, plan.PLAN_SECTOR_MANUFACTURING, plan.PLAN_SECTOR_ACCOMMODATION_CATERING
F, L, R = plan.PLAN_SECTOR_WHOLESALE_RETAIL, plan.PLAN_SECTOR_BUSINESS_SERVICES, plan.PLAN_SECTOR_CULTURE_TOURISM
#: GB/T 4754-2017 divisions drawn within a section, each with the plan sectors it fits (domain brief §5);
#: a section without an entry is registered without a division and outside the plan's sectors.
DIVISIONS: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = {
    "A": (("01", (A,)), ("03", (A,)), ("02", ())),
    "C": (("13", (C,)), ("14", (C,)), ("15", (C,)), ("17", (C,)), ("18", (C,)), ("26", (C,)), ("30", (C,)), ("33", (C,))),
    "F": (("51", (F,)), ("52", (F,))),
    "H": (("61", (H,)), ("62", (H,))),
    "K": (("70", (plan.PLAN_SECTOR_REAL_ESTATE,)),),
    "L": (("71", ()), ("72", (L,)), ("72", (L, R))),
    "N": (("77", ()), ("78", (R,))),
    "O": (("80", (plan.PLAN_SECTOR_RESIDENT_SERVICES,)), ("80", (plan.PLAN_SECTOR_ELDERLY_CARE,)), ("81", ())),
    "P": (("83", (plan.PLAN_SECTOR_EDUCATION,)),),
    "Q": (("84", (plan.PLAN_SECTOR_HEALTH,)), ("85", (plan.PLAN_SECTOR_ELDERLY_CARE,))),
    "R": (("86", (R,)), ("88", (R,)), ("90", (R,))),
}
TRADES = {"A": "农牧", "B": "矿业", "C": "制造", "D": "能源", "E": "建筑", "F": "商贸", "G": "物流", "H": "餐饮",
          "I": "信息技术", "J": "金融服务", "K": "置业", "L": "商务服务", "M": "科技", "N": "环境", "O": "家政服务",
          "P": "教育", "Q": "健康", "R": "文旅", "S": "社会服务"}
#: Two-letter prefixes of the synthetic chambers' org codes, per league.
LEAGUE_PREFIXES = {"150100": "HH", "150200": "BT", "150300": "WH", "150400": "CF", "150500": "TL", "150600": "ED",
                   "150700": "HL", "150800": "BY", "150900": "WC", "152200": "XA", "152500": "XL", "152900": "AL"}


@dataclass(frozen=True)
class ChamberKind:
    suffix: str
    name: str
    sectors: tuple[int, ...]
    section: str
    titles: tuple[str, ...]


CHAMBER_KINDS = (
    ChamberKind("CY", "餐饮住宿商会", (H,), "H", ("蒙餐服务规范", "特色餐饮店等级划分与评定", "牧家乐服务质量要求", "手把肉制作技术规范")),
    ChamberKind("SM", "商贸流通商会", (F,), "F", ("商贸流通企业诚信经营评价规范", "农畜产品批发市场管理规范", "社区便利店服务规范")),
    ChamberKind("JZ", "建筑业商会", (), "E", ("装配式农牧民住宅施工规范", "建筑企业信用评价规范")),
    ChamberKind("ZZ", "制造业商会", (C,), "C", ("奶酪生产技术规范", "稀土永磁材料企业质量管理规范", "风电塔筒制造质量要求")),
    ChamberKind("NM", "农牧业商会", (A,), "A", ("肉羊标准化养殖技术规程", "马铃薯种薯生产技术规程", "牧草青贮技术规范")),
    ChamberKind("SW", "商务服务商会", (L,), "L", ("品牌咨询服务规范", "会展服务质量评价规范")),
    ChamberKind("WL", "文化旅游商会", (R,), "R", ("草原旅游景区服务规范", "民族手工艺品质量要求")),
    ChamberKind("JM", "家政养老商会", (plan.PLAN_SECTOR_RESIDENT_SERVICES, plan.PLAN_SECTOR_ELDERLY_CARE), "O",
                ("居家养老上门服务规范", "家政服务员培训规范")),
)


@dataclass(frozen=True)
class IndicatorSpec:
    """A core indicator of a key field, and the range the declared values are drawn from."""

    name: str
    unit: str
    higher_is_better: bool
    weight: float
    low: float
    high: float
    decimals: int


@dataclass(frozen=True)
class KeyField:
    """A forerunner key field (重点领域) of a year: its forerunner group standard's chamber, the
    enterprises that declare in it, its core indicators and selection rule."""

    year: int
    name: str
    slug: str
    org_code: str
    section: str
    industry_division: str
    product: str
    indicators: tuple[IndicatorSpec, ...]
    #: ("top_n" | "top_percent" | "min_score", value).
    rule: tuple[str, float]

    @property
    def scheme_id(self) -> str:
        return f"{self.slug}-{self.year}"


@dataclass(frozen=True)
class SchemeCalendar:
    """The dates of a key field's forerunner evaluation, after its group standard is published
    (the national cycle: scheme mid-year, ranking in September, list by the end of October)."""

    published_on: date
    ranked_on: date
    notice_opens_on: date
    notice_closes_on: date
    finalized_on: date
    #: A dynamic adjustment (动态调整) of the list, when one is made.
    adjusted_on: date

    def commitment_on(self, place: int) -> date:
        """When the enterprise at this place of the shortlist sends its commitment letter."""
        return self.ranked_on + timedelta(days=5 + place % 15)


def scheme_calendar(year: int, standard_published_on: date) -> SchemeCalendar:
    return SchemeCalendar(max(date(year, 7, 1), standard_published_on + timedelta(days=7)), date(year, 9, 15),
                          date(year, 10, 10), date(year, 10, 20), date(year, 10, 25), date(year, 12, 1))


DAIRY = (IndicatorSpec("蛋白质", "g/100g", True, 0.6, 2.9, 3.8, 2),
         IndicatorSpec("菌落总数", "CFU/mL", False, 0.4, 2000, 50000, 0))
KEY_FIELDS = (
    KeyField(2022, "乳制品", "dairy", "NMSP", "C", "14", "纯牛奶", DAIRY, ("top_percent", 20)),
    KeyField(2022, "羊绒制品", "cashmere", "NMFZ", "C", "17", "羊绒衫",
             (IndicatorSpec("羊绒含量", "%", True, 0.5, 90, 100, 1), IndicatorSpec("起球等级", "级", True, 0.5, 3, 5, 1)),
             ("top_n", 3)),
    KeyField(2023, "乳制品", "dairy", "NMSP", "C", "14", "纯牛奶", DAIRY, ("top_percent", 20)),
    KeyField(2023, "牛羊肉制品", "meat", "NMSP", "C", "13", "风干牛肉",
             (IndicatorSpec("蛋白质", "g/100g", True, 0.5, 30, 50, 1), IndicatorSpec("脂肪", "g/100g", False, 0.2, 5, 20, 1),
              IndicatorSpec("水分", "%", False, 0.3, 12, 25, 1)), ("min_score", 70)),
    KeyField(2023, "餐饮服务", "catering", "NMPP", "H", "62", "蒙餐堂食服务",
             (IndicatorSpec("顾客满意度", "%", True, 0.6, 85, 99, 1), IndicatorSpec("平均出餐时间", "min", False, 0.4, 8, 25, 0)),
             ("top_percent", 30)),
)
#: The region's own chambers (league code 150000): org code, name, plan sectors, standards they draft.
REGION_CHAMBERS = (
    ("NMPP", "内蒙古自治区品牌建设促进商会", (F, H, L), ("企业品牌建设评价指南", "老字号认定规范", "品牌培育管理体系要求")),
    ("NMSP", "内蒙古自治区食品行业商会", (C, A), ("草原有机奶源基地管理规范", "蒙式奶食品加工规范")),
    ("NMFZ", "内蒙古自治区纺织服装商会", (C,), ("羊绒纱线质量分级", "蒙古族服饰制作工艺规范")),
)
BRAND_EVALUATORS = ("synthetic-brand-eval-a", "synthetic-brand-eval-b", "synthetic-brand-eval-c")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐韩曹许邓冯"
GIVEN = ("建国", "海燕", "志强", "丽娟", "晓东", "秀英", "文博", "雅琴", "红梅", "国栋", "婷", "磊", "敏", "军", "静")
MONGOLIAN = ("巴特尔", "其木格", "乌兰", "苏日娜", "额尔敦", "哈斯", "萨仁", "斯琴", "朝鲁", "阿拉坦", "图雅", "宝音")


def forerunner_evaluator(org_code: str) -> str:
    """The evaluation body (评估机构) a chamber runs for its key fields: `evaluators/{this}`."""
    return f"synthetic-forerunner-{org_code.lower()}"


# ---------------------------------------------------------------------------------------------
# The programme.


@dataclass(frozen=True)
class League:
    code: str
    name: str
    #: The share at two-star or above the league ends 2023 with (synthetic).
    target: float
    counties: tuple[str, ...]


@dataclass(frozen=True)
class CommitteeMemberSpec:
    member_id: str
    person_name: str
    organisation: str
    group: int
    appointed_on: date
    removed_on: date | None = None


@dataclass(slots=True)
class ChamberSpec:
    org_code: str
    name: str
    league_code: str
    plan_sectors: tuple[int, ...]
    section: str
    registered_on: date
    titles: tuple[str, ...]
    pilot_on: date | None = None
    commitment_on: date | None = None
    platform_on: date | None = None

    @property
    def federation(self) -> str:
        return f"federations/{self.league_code}"


@dataclass(frozen=True)
class EvaluationSpec:
    evaluated_on: date
    total: int
    evaluator: str
    revoked_on: date | None = None


@dataclass(frozen=True)
class DeclarationSpec:
    declaration_id: str
    disclosed_on: date
    kind: int
    number: str
    title: str
    product: str
    key_field: str = ""
    #: (name, value, unit), the functional/performance indicators of an enterprise standard.
    indicators: tuple[tuple[str, float, str], ...] = ()
    withdrawn_on: date | None = None


@dataclass(slots=True)
class EnterpriseSpec:
    uscc: str
    name: str
    league_code: str
    division_code: str
    section: str
    industry_division: str
    plan_sectors: tuple[int, ...]
    size_class: int
    is_private: bool
    registered_on: date
    manager: str
    chamber: str = ""
    joined_on: date | None = None
    enrolled_on: date | None = None
    withdrawn_on: date | None = None
    evaluations: list[EvaluationSpec] = field(default_factory=list)
    declarations: list[DeclarationSpec] = field(default_factory=list)

    @property
    def name_ref(self) -> str:
        return f"enterprises/{self.uscc}"

    def two_star_on(self, day: date) -> bool:
        """Holds a level of two stars or more on the day: its latest evaluation by then, not revoked
        (the default validity of a level outlasts the plan)."""
        latest = None
        for evaluation in self.evaluations:
            if evaluation.evaluated_on <= day:
                latest = evaluation
        return (latest is not None and latest.total >= 700
                and (latest.revoked_on is None or latest.revoked_on > day))


@dataclass(frozen=True)
class Step:
    """One dated step of a group standard: a lifecycle step or a side process (`args` by action)."""

    on: date
    action: str
    args: tuple = ()


@dataclass(slots=True)
class GroupStandardSpec:
    org_code: str
    standard_id: str
    title: str
    scope: str
    league_code: str
    plan_sectors: tuple[int, ...]
    steps: list[Step] = field(default_factory=list)
    forerunner_year: int = 0
    key_field: str = ""
    number: str = ""

    @property
    def name(self) -> str:
        return f"chambers/{self.org_code}/groupStandards/{self.standard_id}"

    def _first(self, action: str) -> date | None:
        return next((step.on for step in self.steps if step.action == action), None)

    @property
    def proposed_on(self) -> date:
        return self.steps[0].on

    @property
    def published_on(self) -> date | None:
        return self._first("publish")

    @property
    def effective_on(self) -> date | None:
        return next((step.args[1] for step in self.steps if step.action == "publish"), None)

    @property
    def abolished_on(self) -> date | None:
        return self._first("abolish") or next(
            (s.on for s in self.steps if s.action == "conclude_review" and s.args[0] == registry.PERIODIC_REVIEW_OUTCOME_ABOLISH),
            None)

    def under_review_on(self, day: date) -> bool:
        started, concluded = self._first("start_review"), self._first("conclude_review")
        return started is not None and started <= day and (concluded is None or concluded > day)


@dataclass(frozen=True)
class LeaderRound:
    """The leader (领先者) round of a year: the region's recommendations and the experts' scores."""

    year: int
    recommended: tuple[str, ...]
    #: (group standard, expert id, internal, score, recorded_on).
    scores: tuple[tuple[str, str, bool, float, date], ...]
    shortlist_size: int
    shortlist_on: date
    listed_on: date


@dataclass(frozen=True)
class TrainingBatchSpec:
    batch_id: str
    league_code: str
    format: int
    title: str
    held_on: date
    organiser: str
    #: (person name, enterprise USCC).
    trainees: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReportPlan:
    """How one league's annual report goes: the figure it first gets wrong (if any), and where it ends."""

    league_code: str
    year: int
    #: A ReportFigures field reported wrong at first, and by how much; "" when right.
    mistake: str
    mistake_delta: int
    #: "accepted", or left "submitted" (awaiting review) or "returned" (awaiting correction) at the end.
    outcome: str
    funds_yuan: int
    awards: int
    #: The days of its steps (those its outcome reaches): around the year's due date, a few late.
    submitted_on: date
    returned_on: date
    resubmitted_on: date
    accepted_on: date


@dataclass
class Programme:
    seed: int
    leagues: tuple[League, ...]
    committee: list[CommitteeMemberSpec]
    chambers: list[ChamberSpec]
    enterprises: list[EnterpriseSpec]
    standards: list[GroupStandardSpec]
    key_fields: tuple[KeyField, ...]
    leader_rounds: tuple[LeaderRound, ...]
    training: list[TrainingBatchSpec]
    reports: list[ReportPlan]

    def figures_on(self, day: date) -> dict[str, Counter]:
        """Per league (and the region, 150000, in total) the figures the programme makes true on the
        day, as the reporting service defines them; forerunners depend on the rankings and are left out."""
        figures: dict[str, Counter] = {code: Counter() for code in [league.code for league in self.leagues] + [REGION]}

        def add(league_code: str, name: str, amount: int = 1) -> None:
            if league_code in figures and league_code != REGION:
                figures[league_code][name] += amount
            figures[REGION][name] += amount

        for enterprise in self.enterprises:
            if enterprise.registered_on > day:
                continue
            league = enterprise.league_code
            if enterprise.is_private:
                add(league, "private_enterprises_registered")
            if enterprise.enrolled_on and enterprise.enrolled_on <= day and not (
                    enterprise.withdrawn_on and enterprise.withdrawn_on <= day):
                add(league, "pilot_enterprises")
            if enterprise.evaluations and enterprise.evaluations[0].evaluated_on <= day:
                add(league, "enterprises_evaluated")
            if enterprise.two_star_on(day):
                add(league, "enterprises_two_star_or_above")
            for declaration in enterprise.declarations:
                if declaration.disclosed_on <= day and not (declaration.withdrawn_on and declaration.withdrawn_on <= day):
                    add(league, "self_declarations")
        for batch in self.training:
            if batch.held_on <= day:
                add(batch.league_code, "training_batches")
                add(batch.league_code, "trainees", len(batch.trainees))
        for chamber in self.chambers:
            if chamber.pilot_on and chamber.pilot_on <= day:
                add(chamber.league_code, "pilot_chambers")
        for standard in self.standards:
            published, abolished = standard.published_on, standard.abolished_on
            gone = abolished is not None and abolished <= day
            if published and published <= day and not gone:
                add(standard.league_code, "group_standards_published")
            if standard.proposed_on <= day and not (published and published <= day) and not gone:
                add(standard.league_code, "group_standards_in_development")
            if gone:
                add(standard.league_code, "group_standards_abolished")
            if standard.under_review_on(day):
                add(standard.league_code, "group_standards_under_review")
        return figures


# ---------------------------------------------------------------------------------------------
# Drawing it.


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """`total` split in proportion to the weights, by largest remainder (ties in key order)."""
    scale = total / sum(weights.values())
    exact = {key: weight * scale for key, weight in weights.items()}
    shares = {key: math.floor(value) for key, value in exact.items()}
    left = total - sum(shares.values())
    for key in sorted(exact, key=lambda k: (-(exact[k] - shares[k]), k))[:left]:
        shares[key] += 1
    return shares


def league_weights() -> dict[str, float]:
    """The census shares of the three leagues it names; the rest by banner/county units (ASSUMPTION)."""
    others = {league.code: len(divisions.counties(league.code)) for league in divisions.leagues()
              if league.code not in CENSUS_LEAGUE_SHARES}
    remaining = 1 - sum(CENSUS_LEAGUE_SHARES.values())
    units = sum(others.values())
    return {**CENSUS_LEAGUE_SHARES, **{code: remaining * count / units for code, count in others.items()}}


def section_weights() -> dict[str, float]:
    remaining = 1 - sum(CENSUS_SECTION_SHARES.values())
    total = sum(OTHER_SECTION_WEIGHTS.values())
    return {**CENSUS_SECTION_SHARES, **{s: remaining * w / total for s, w in OTHER_SECTION_WEIGHTS.items()}}


def brand_scores(total: int) -> tuple[int, int, int, int, int]:
    """GB/T 27925 first-level scores (caps 150/300/250/150/150) adding up to `total`."""
    caps = (150, 300, 250, 150, 150)
    scores = [cap * total // 1000 for cap in caps]
    for i in range(len(caps)):
        room = min(caps[i] - scores[i], total - sum(scores))
        scores[i] += room
    return tuple(scores)  # type: ignore[return-value]


@functools.cache
def _cumulative(items: tuple[tuple[object, float], ...]) -> tuple[list, list[float]]:
    return [key for key, _ in items], list(itertools.accumulate(weight for _, weight in items))


class _Draw:
    """The random draws, in one fixed order from the seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def after(self, day: date, low: int, high: int) -> date:
        return day + timedelta(days=self.rng.randint(low, high))

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    def pick(self, options: Sequence):
        return options[self.rng.randrange(len(options))]

    def weighted(self, weights: Mapping) -> object:
        """A key, drawn with the weight it maps to."""
        keys, cumulative = _cumulative(tuple(weights.items()))
        return self.rng.choices(keys, cum_weights=cumulative)[0]

    def person(self) -> str:
        if self.chance(0.3):
            return self.pick(MONGOLIAN) + SYNTHETIC
        return self.pick(SURNAMES) + self.pick(GIVEN) + SYNTHETIC


def generate(seed: int, enterprises: int) -> Programme:
    """The programme for `enterprises` enterprises (at least 100), the same for the same seed."""
    if enterprises < 100:
        raise ValueError("the programme needs at least 100 enterprises")
    draw = _Draw(seed)
    targets = list(LEAGUE_TARGETS)
    draw.rng.shuffle(targets)
    leagues = tuple(League(d.code, d.name_zh, target, tuple(c.code for c in divisions.counties(d.code)))
                    for d, target in zip(divisions.leagues(), targets))
    committee = _committee(draw)
    specs = _enterprises(draw, leagues, enterprises)
    chambers = _chambers(draw, leagues, specs)
    _memberships(draw, specs, chambers)
    for league in leagues:
        _brand_pilot(draw, league, [e for e in specs if e.league_code == league.code and e.is_private])
    standards = _group_standards(draw, chambers, specs)
    _key_field_declarations(draw, specs, enterprises)
    _other_declarations(draw, specs, standards)
    leader_rounds = tuple(_leader_round(draw, year, standards, committee) for year in (2022, 2023))
    training = _training(draw, leagues, specs)
    reports = _reports(draw, leagues, specs)
    return Programme(seed, leagues, committee, chambers, specs, standards, KEY_FIELDS, leader_rounds, training, reports)


def _committee(draw: _Draw) -> list[CommitteeMemberSpec]:
    """The region's standardization work committee; its experts also score the leader rounds."""
    groups = ((registry.COMMITTEE_GROUP_EXPERTS, "committee-expert", 3, "标准化研究机构"),
              (registry.COMMITTEE_GROUP_CHAMBERS, "committee-chambers", 2, "商会"),
              (registry.COMMITTEE_GROUP_ENTERPRISES, "committee-enterprises", 2, "民营企业"),
              (registry.COMMITTEE_GROUP_LOCALITIES, "committee-localities", 2, "盟市工商联"),
              (registry.COMMITTEE_GROUP_SECRETARIAT, "committee-secretariat", 1, "非公有制经济发展服务中心"))
    members = []
    for group, prefix, count, organisation in groups:
        for n in range(1, count + 1):
            members.append(CommitteeMemberSpec(f"{prefix}-{n:02d}", draw.person(), organisation + SYNTHETIC, group,
                                               draw.day(date(2021, 9, 6), date(2021, 9, 17))))
    # A locality member steps down in 2023.
    members[-2] = replace(members[-2], removed_on=date(2023, 3, 1))
    return members


def _enterprises(draw: _Draw, leagues: Sequence[League], total: int) -> list[EnterpriseSpec]:
    counts = apportion(total, league_weights())
    sections = section_weights()
    waves = {i: weight for i, (_, _, weight) in enumerate(REGISTRATION_WAVES)}
    specs = []
    serial = 0
    for league in leagues:
        for _ in range(counts[league.code]):
            serial += 1
            county = draw.pick(league.counties)
            section = draw.weighted(sections)
            division, sectors = draw.pick(DIVISIONS.get(section, (("", ()),)))
            first, last, _ = REGISTRATION_WAVES[draw.weighted(waves)]
            specs.append(EnterpriseSpec(
                uscc=synthetic_uscc(county, serial),
                name=f"示例·{divisions.division(county).name_zh}{TRADES[section]}企业{serial:06d}",
                league_code=league.code, division_code=county, section=section, industry_division=division,
                plan_sectors=sectors, size_class=draw.weighted(SIZE_WEIGHTS), is_private=draw.chance(PRIVATE_SHARE),
                registered_on=draw.day(first, last), manager=draw.person()))
    return specs


def _chambers(draw: _Draw, leagues: Sequence[League], specs: Sequence[EnterpriseSpec]) -> list[ChamberSpec]:
    """The region's own chambers, and per league the chambers of its commonest industries."""
    chambers = [ChamberSpec(org, f"示例·{name}", REGION, sectors, "", draw.day(date(2021, 9, 3), date(2021, 9, 10)), titles)
                for org, name, sectors, titles in REGION_CHAMBERS]
    for league in leagues:
        sections = Counter(e.section for e in specs if e.league_code == league.code)
        kinds = sorted(CHAMBER_KINDS, key=lambda k: (-sections[k.section], k.suffix))
        for rank, kind in enumerate(kinds[: min(len(kinds), 2 + sections.total() // 300)]):
            registered = (draw.day(date(2022, 3, 1), date(2022, 6, 30)) if rank >= 2 and draw.chance(0.2)
                          else draw.day(date(2021, 9, 10), date(2021, 10, 31)))
            chambers.append(ChamberSpec(LEAGUE_PREFIXES[league.code] + kind.suffix, f"示例·{league.name}{kind.name}",
                                        league.code, kind.sectors, kind.section, registered,
                                        tuple(league.name + title for title in kind.titles)))
    for chamber in chambers:
        first_of_league = chamber is next(c for c in chambers if c.league_code == chamber.league_code)
        if first_of_league or draw.chance(0.4):
            year = 2021 if first_of_league else draw.pick((2022, 2023))
            start = max(chamber.registered_on + timedelta(days=10), date(year, 3, 1) if year > 2021 else date(2021, 11, 1))
            chamber.pilot_on = draw.day(start, start + timedelta(days=30))
            chamber.commitment_on = draw.after(chamber.pilot_on, 5, 20)
            chamber.platform_on = draw.after(chamber.commitment_on, 10, 40)
    return chambers


def _memberships(draw: _Draw, specs: Sequence[EnterpriseSpec], chambers: Sequence[ChamberSpec]) -> None:
    by_kind = {(c.league_code, c.section): c for c in chambers if c.league_code != REGION}
    for enterprise in specs:
        chamber = by_kind.get((enterprise.league_code, enterprise.section))
        if chamber is not None and draw.chance(MEMBERSHIP):
            joined = draw.after(max(enterprise.registered_on, chamber.registered_on), 1, 240)
            if joined <= LAST_ACTIVITY:
                enterprise.chamber, enterprise.joined_on = chamber.org_code, joined


def _two_star_total(draw: _Draw) -> int:
    """A total of two stars or more: mostly two and three stars, few five."""
    band = draw.weighted({(700, 799): 55, (800, 899): 30, (900, 949): 12, (950, 990): 3})
    return draw.rng.randint(*band)


def _brand_pilot(draw: _Draw, league: League, private: list[EnterpriseSpec]) -> None:
    """Enrolments and evaluations so that the league ends 2023 at its target share: rounded up
    above the plan's 10 %, down below it."""
    exact = league.target * len(private)
    reached = math.ceil(exact) if league.target >= TARGET_SHARE else math.floor(exact)
    below, revoked = round(EVALUATED_BELOW * reached), round(REVOKED * reached)
    pilot_only = round(PILOT_ONLY * (reached + below + revoked))
    chosen = draw.rng.sample(private, min(len(private), reached + below + revoked + pilot_only))
    for i, enterprise in enumerate(chosen):
        earliest = max(enterprise.registered_on + timedelta(days=45), date(2021, 10, 15))
        if i < reached:
            final = _reaching_day(draw, earliest)
            first = final - timedelta(days=draw.rng.randint(150, 330))
            if first >= earliest and draw.chance(IMPROVED):
                enterprise.evaluations.append(_evaluation(draw, first, draw.rng.randint(600, 695)))
            elif first >= earliest and draw.chance(UPGRADED / (1 - IMPROVED)):
                enterprise.evaluations.append(_evaluation(draw, first, draw.rng.randint(700, 760)))
            enterprise.evaluations.append(_evaluation(draw, final, _two_star_total(draw)))
        elif i < reached + below:
            enterprise.evaluations.append(_evaluation(draw, draw.day(earliest, LAST_ACTIVITY), draw.rng.randint(520, 695)))
        elif i < reached + below + revoked:
            evaluated = draw.day(earliest, max(earliest, date(2023, 6, 30)))
            enterprise.evaluations.append(EvaluationSpec(evaluated, draw.rng.randint(700, 780), draw.pick(BRAND_EVALUATORS),
                                                         min(LAST_ACTIVITY, draw.after(evaluated, 60, 180))))
        first_step = enterprise.evaluations[0].evaluated_on if enterprise.evaluations else LAST_ACTIVITY
        start = max(enterprise.registered_on + timedelta(days=5), date(2021, 9, 15))
        enterprise.enrolled_on = draw.day(start, max(start, first_step - timedelta(days=20)))
        if not enterprise.evaluations and draw.chance(0.1):
            withdrawn = draw.after(enterprise.enrolled_on, 60, 300)
            enterprise.withdrawn_on = withdrawn if withdrawn <= LAST_ACTIVITY else None


def _reaching_day(draw: _Draw, earliest: date) -> date:
    """The day an enterprise reaches two stars, by the trajectory, not before `earliest`."""
    year = draw.weighted(TRAJECTORY)
    while True:
        first = max(earliest, date(year, 1, 1))
        last = min(date(year, 12, 31), LAST_ACTIVITY)
        if first <= last:
            return draw.day(first, last)
        year += 1


def _evaluation(draw: _Draw, on: date, total: int) -> EvaluationSpec:
    return EvaluationSpec(on, total, draw.pick(BRAND_EVALUATORS))


def _group_standards(draw: _Draw, chambers: Sequence[ChamberSpec], specs: Sequence[EnterpriseSpec]) -> list[GroupStandardSpec]:
    """Each chamber's standards through their lifecycle; the key fields' forerunner standards on a
    fixed calendar; every step dated after the plan's end is left out (still in development)."""
    sizes = Counter((e.league_code, e.section) for e in specs)
    standards = []
    for chamber in chambers:
        # Larger industries keep their chambers busier; the region's chambers serve every league.
        extra = sizes[(chamber.league_code, chamber.section)] // 150 if chamber.section else len(specs) // 2000
        count = (2 + draw.rng.randint(0, 2) + min(6, extra)) if chamber.pilot_on else draw.rng.randint(0, 1) + min(2, extra // 2)
        titles = list(chamber.titles)
        draw.rng.shuffle(titles)
        for n in range(1, count + 1):
            part = (n - 1) // len(titles)
            title = titles[(n - 1) % len(titles)] + (f"（第{part + 1}部分）" if part else "") + SYNTHETIC
            standard = GroupStandardSpec(chamber.org_code, f"gs-{n}", title, f"{title}的适用范围与技术要求",
                                         chamber.league_code, chamber.plan_sectors)
            proposed = draw.day(max(chamber.registered_on, date(2021, 10, 10)), date(2023, 8, 31))
            standard.steps = _lifecycle(draw, chamber.name, proposed, fail_once=draw.chance(0.1))
            standards.append(standard)
    region = {c.org_code: c for c in chambers}
    for key_field in KEY_FIELDS:
        chamber = region[key_field.org_code]
        standard = GroupStandardSpec(
            chamber.org_code, f"forerunner-{key_field.scheme_id}", f"{key_field.name}企业标准“领跑者”评价要求{SYNTHETIC}",
            f"{key_field.name}领域企业标准的核心指标与评价方法", chamber.league_code, chamber.plan_sectors,
            forerunner_year=key_field.year, key_field=key_field.name)
        standard.steps = _lifecycle(draw, chamber.name, draw.day(date(key_field.year - 1, 11, 5),
                                                                 date(key_field.year - 1, 11, 20)), fail_once=False)
        standards.append(standard)
    _number(standards)
    for standard in standards:
        _side_processes(draw, standard)
    return standards


def _lifecycle(draw: _Draw, chamber_name: str, proposed: date, fail_once: bool) -> list[Step]:
    """Proposal to publication (a failed technical review goes back to drafting once)."""
    units = (chamber_name, f"示例·起草单位{draw.rng.randint(1, 99):02d}有限公司")
    steps = [Step(proposed, "propose")]
    steps.append(Step(draw.after(steps[-1].on, 10, 25), "approve_for_drafting"))
    steps.append(Step(draw.after(steps[-1].on, 5, 15), "start_drafting", (units,)))
    for attempt in range(2 if fail_once else 1):
        opened = draw.after(steps[-1].on, 30, 80)
        closes = draw.after(opened, 30, 45)
        steps.append(Step(opened, "open_comment", (closes,)))
        cast = draw.rng.randint(7, 11)
        passed = attempt == 1 or not fail_once
        steps.append(Step(draw.after(closes, 3, 20), "review",
                          (draw.rng.randint(5, 40), cast - draw.rng.randint(0, 1) if passed else cast // 2, cast)))
    steps.append(Step(draw.after(steps[-1].on, 5, 20), "approve"))
    published = draw.after(steps[-1].on, 5, 20)
    steps.append(Step(published, "publish", (0, draw.after(published, 10, 30))))
    return [step for step in steps if step.on <= LAST_ACTIVITY]


def _number(standards: Sequence[GroupStandardSpec]) -> None:
    """Sequence numbers per chamber and year, in the order of publication: `T/<org> 001—2022`."""
    sequences: Counter = Counter()
    for standard in sorted((s for s in standards if s.published_on), key=lambda s: (s.published_on, s.name)):
        year = standard.published_on.year
        sequences[(standard.org_code, year)] += 1
        sequence = sequences[(standard.org_code, year)]
        standard.steps = [Step(s.on, s.action, (sequence, s.args[1])) if s.action == "publish" else s
                          for s in standard.steps]
        standard.number = f"T/{standard.org_code} {sequence:03d}\u2014{year}"


def _side_processes(draw: _Draw, standard: GroupStandardSpec) -> None:
    """For a published standard, at most one of: a periodic review, an abolition, or translations
    and conversions (leader recommendations are drawn per year)."""
    effective = standard.effective_on
    if effective is None or standard.forerunner_year:
        return
    published = standard.published_on
    steps: list[Step] = []
    roll = draw.rng.random()
    if roll < 0.06 and published < date(2022, 7, 1):
        started = draw.after(published, 400, 600)
        outcome = (registry.PERIODIC_REVIEW_OUTCOME_CONTINUE if draw.chance(0.7)
                   else registry.PERIODIC_REVIEW_OUTCOME_ABOLISH)
        steps += [Step(started, "start_review"),
                  Step(draw.after(started, 30, 90), "conclude_review", (outcome, "复审报告：标准实施情况良好" + SYNTHETIC))]
    elif roll < 0.08:
        steps.append(Step(draw.after(effective, 200, 500), "abolish", ("被国家标准替代" + SYNTHETIC,)))
    else:
        if draw.chance(0.12):
            steps.append(Step(draw.after(effective, 60, 240), "translate", (draw.pick(("en", "mn", "ru")), "示例·翻译服务中心")))
        if draw.chance(0.06):
            requested = draw.after(effective, 120, 300)
            decided = draw.after(requested, 30, 120)
            accepted = draw.chance(0.6)
            outcome = f"DB15/T {3000 + draw.rng.randint(0, 999)}\u2014{decided.year}" if accepted else "实施时间尚短，暂不转化" + SYNTHETIC
            steps += [Step(requested, "request_conversion", ("c1", registry.STANDARD_LEVEL_LOCAL)),
                      Step(decided, "decide_conversion", ("c1", accepted, outcome))]
    # A review concluded after the plan's end leaves the standard under review at the end.
    standard.steps = sorted(standard.steps + [step for step in steps if step.on <= LAST_ACTIVITY], key=lambda s: s.on)


def _leader_standards(standards: Sequence[GroupStandardSpec], year: int) -> list[GroupStandardSpec]:
    """Standards in force by June of the year with no periodic review or abolition: leader candidates."""
    return [s for s in standards if s.effective_on and s.effective_on <= date(year, 6, 1) and not s.forerunner_year
            and not any(step.action in ("start_review", "abolish") for step in s.steps)]


def _leader_round(draw: _Draw, year: int, standards: Sequence[GroupStandardSpec],
                  committee: Sequence[CommitteeMemberSpec]) -> LeaderRound:
    candidates = _leader_standards(standards, year)
    recommended = draw.rng.sample(candidates, min(len(candidates), max(2, len(candidates) // 6)))
    recommended.sort(key=lambda s: s.name)
    for standard in recommended:
        standard.steps = sorted(standard.steps + [Step(draw.day(date(year, 6, 10), date(year, 6, 25)), "recommend_leader",
                                                       (year,))], key=lambda s: s.on)
    internal = [m.member_id for m in committee if m.group == registry.COMMITTEE_GROUP_EXPERTS]
    external = [f"external-expert-{n:02d}" for n in range(1, 4)]
    scores = []
    for standard in recommended:
        quality = draw.rng.uniform(60, 95)
        for expert in internal + external:
            score = round(min(100.0, max(0.0, quality + draw.rng.uniform(-5, 5))), 1)
            scores.append((standard.name, expert, expert in internal, score, draw.day(date(year, 7, 5), date(year, 7, 25))))
    return LeaderRound(year, tuple(s.name for s in recommended), tuple(scores), max(1, len(recommended) // 2),
                       date(year, 8, 20), date(year, 11, 10))


def _key_field_declarations(draw: _Draw, specs: Sequence[EnterpriseSpec], total: int) -> None:
    """Enterprise standards declared in each key field, disclosed before the field's ranking."""
    per_field = max(6, min(80, round(total / 150)))
    for key_field in KEY_FIELDS:
        # The enterprises of the field's industry division first, then of its section, then any.
        tiers: list[list[EnterpriseSpec]] = [[], [], []]
        for e in specs:
            if e.is_private and e.registered_on <= date(key_field.year, 2, 28):
                tiers[0 if e.industry_division == key_field.industry_division else 1 if e.section == key_field.section else 2].append(e)
        chosen: list[EnterpriseSpec] = []
        for tier in tiers:
            chosen += draw.rng.sample(tier, min(len(tier), per_field - len(chosen)))
        for enterprise in chosen:
            disclosed = draw.day(max(date(key_field.year, 3, 1), enterprise.registered_on + timedelta(days=10)),
                                 date(key_field.year, 6, 30))
            indicators = tuple((i.name, round(draw.rng.uniform(i.low, i.high), i.decimals), i.unit) for i in key_field.indicators)
            _declare(enterprise, disclosed, registry.DECLARED_STANDARD_KIND_ENTERPRISE, disclosed.year,
                     f"{key_field.product}企业标准", key_field.product + SYNTHETIC, key_field.name, indicators)


def _declare(enterprise: EnterpriseSpec, disclosed: date, kind: int, year: int, title: str, product: str,
             key_field: str = "", indicators: tuple = (), number: str = "", withdrawn_on: date | None = None) -> None:
    n = len(enterprise.declarations) + 1
    number = number or f"Q/NM{enterprise.uscc[8:17]} {n:04d}\u2014{year}"
    enterprise.declarations.append(DeclarationSpec(f"decl-{n}", disclosed, kind, number, title + SYNTHETIC, product,
                                                   key_field, indicators, withdrawn_on))


def _other_declarations(draw: _Draw, specs: Sequence[EnterpriseSpec], standards: Sequence[GroupStandardSpec]) -> None:
    """Self-declarations outside the key fields: a chamber's group standard, an enterprise standard
    with its indicators, or a national standard."""
    published = {}
    for standard in standards:
        if standard.published_on and not standard.forerunner_year:
            published.setdefault(standard.org_code, []).append(standard)
    for enterprise in specs:
        if not enterprise.is_private or not draw.chance(DECLARING):
            continue
        disclosed = draw.day(enterprise.registered_on + timedelta(days=10), LAST_ACTIVITY - timedelta(days=10))
        withdrawn = draw.after(disclosed, 60, 300) if draw.chance(WITHDRAWN) else None
        withdrawn = withdrawn if withdrawn and withdrawn <= LAST_ACTIVITY else None
        adopted = [s for s in published.get(enterprise.chamber, ()) if s.published_on < disclosed]
        if adopted and draw.chance(0.6):
            standard = draw.pick(adopted)
            _declare(enterprise, disclosed, registry.DECLARED_STANDARD_KIND_GROUP, disclosed.year,
                     standard.title.removesuffix(SYNTHETIC), "示例产品", number=standard.number, withdrawn_on=withdrawn)
        elif enterprise.section == "C":
            indicators = (("产品合格率", round(draw.rng.uniform(98, 100), 1), "%"),
                          ("保质期", float(draw.rng.randint(6, 24)), "月"))
            _declare(enterprise, disclosed, registry.DECLARED_STANDARD_KIND_ENTERPRISE, disclosed.year, "产品企业标准",
                     "示例产品", indicators=indicators, withdrawn_on=withdrawn)
        else:
            number, title = (("GB/T 27922\u20142011", "商品售后服务评价体系") if enterprise.section in "FHO"
                             else ("GB/T 19001\u20142016", "质量管理体系 要求"))
            _declare(enterprise, disclosed, registry.DECLARED_STANDARD_KIND_NATIONAL, disclosed.year, title, "示例服务",
                     number=number, withdrawn_on=withdrawn)


def _training(draw: _Draw, leagues: Sequence[League], specs: Sequence[EnterpriseSpec]) -> list[TrainingBatchSpec]:
    """Batches per league and year, rolling on (批次培养、滚动推进): the managers of pilot enterprises
    first, some others too, each trained once."""
    formats = (registry.TRAINING_FORMAT_LECTURE, registry.TRAINING_FORMAT_FORUM, registry.TRAINING_FORMAT_EXPERIENCE_EXCHANGE)
    batches = []
    for league in leagues:
        members = [e for e in specs if e.league_code == league.code]
        trained: set[str] = set()
        for year in PLAN_YEARS:
            pilots = sum(1 for e in members if e.enrolled_on and e.enrolled_on.year <= year)
            count = min(5, 1 + pilots // 120)
            first = date(2021, 11, 1) if year == 2021 else date(year, 3, 1)
            days = sorted(draw.day(first, date(year, 11, 30)) for _ in range(count))
            for n, held_on in enumerate(days, start=1):
                trainees = [e for e in members if e.uscc not in trained and e.registered_on < held_on
                            and ((e.enrolled_on and e.enrolled_on <= held_on) or draw.chance(0.02))]
                trainees = trainees[: max(1, len(trainees) // (count - n + 1))]
                trained.update(e.uscc for e in trainees)
                if trainees:
                    batches.append(TrainingBatchSpec(
                        f"{league.code}-{year}-{n}", league.code, formats[(n - 1) % len(formats)],
                        f"{year}年{league.name}民营企业标准化人才培训班（第{n}期）{SYNTHETIC}", held_on,
                        f"{league.name}工商业联合会{SYNTHETIC}", tuple((e.manager, e.uscc) for e in trainees)))
    return batches


def _reports(draw: _Draw, leagues: Sequence[League], specs: Sequence[EnterpriseSpec]) -> list[ReportPlan]:
    """Annual reports: some first submitted with a wrong figure (returned, then corrected); at the
    end a few 2023 reports still await the region's review or the league's correction."""
    mistakes = ("trainees", "two_star_or_above_enterprises", "self_declarations", "pilot_enterprises")
    waiting = draw.rng.sample([league.code for league in leagues], 3)
    registered = Counter((e.league_code, e.registered_on.year) for e in specs if e.is_private)
    reports = []
    for year in PLAN_YEARS:
        for league in leagues:
            private = sum(registered[(league.code, y)] for y in PLAN_YEARS if y <= year)
            mistake = draw.pick(mistakes) if draw.chance(REPORT_MISTAKES) else ""
            outcome = "accepted"
            if year == 2023 and league.code in waiting:
                outcome = "returned" if league.code == waiting[0] else "submitted"
                mistake = mistake or ("trainees" if outcome == "returned" else "")
            delta, funds, awards = draw.rng.randint(1, 5) if mistake else 0, draw.rng.randint(8, 15), draw.rng.randint(0, 5)
            submitted = ReportingPolicy().due_on(year) + timedelta(days=draw.rng.randint(-25, 6))
            returned = submitted + timedelta(days=draw.rng.randint(3, 12))
            resubmitted = returned + timedelta(days=draw.rng.randint(3, 18))
            # After the latest step whichever way the review goes.
            accepted = resubmitted + timedelta(days=draw.rng.randint(2, 10))
            reports.append(ReportPlan(league.code, year, mistake, delta, outcome, private * funds * 100, awards,
                                      submitted, returned, resubmitted, accepted))
    return reports


def participants(programme: Programme, key_field: KeyField) -> list[tuple[EnterpriseSpec, DeclarationSpec]]:
    """The declarations a key field's ranking compares: disclosed in the field by its year, not withdrawn."""
    return [(e, d) for e in programme.enterprises for d in e.declarations
            if d.key_field == key_field.name and d.disclosed_on.year <= key_field.year and d.withdrawn_on is None]
