"""GB/T 4754-2017 (国民经济行业分类) sections and divisions, and the plan's eleven sectors on them.

Facts of the 2017 edition: 20 sections A-T and 97 divisions 01-97, each section a contiguous run
of divisions (the 2011 edition numbers differ; this is 2017). The plan's sectors map to sections
and divisions many to many (domain brief §5): 文化旅游业 spans R and the tourism divisions L-72 and
N-78, 养老服务业 spans Q-85 and O-80.
"""
from __future__ import annotations

from fedstd.type.v1 import plan_pb2 as plan

#: Section letter -> (first division, last division), GB/T 4754-2017.
SECTIONS: dict[str, tuple[int, int]] = {
    "A": (1, 5),     # 农、林、牧、渔业
    "B": (6, 12),    # 采矿业
    "C": (13, 43),   # 制造业
    "D": (44, 46),   # 电力、热力、燃气及水生产和供应业
    "E": (47, 50),   # 建筑业
    "F": (51, 52),   # 批发和零售业
    "G": (53, 60),   # 交通运输、仓储和邮政业
    "H": (61, 62),   # 住宿和餐饮业
    "I": (63, 65),   # 信息传输、软件和信息技术服务业
    "J": (66, 69),   # 金融业
    "K": (70, 70),   # 房地产业
    "L": (71, 72),   # 租赁和商务服务业
    "M": (73, 75),   # 科学研究和技术服务业
    "N": (76, 79),   # 水利、环境和公共设施管理业
    "O": (80, 82),   # 居民服务、修理和其他服务业
    "P": (83, 83),   # 教育
    "Q": (84, 85),   # 卫生和社会工作
    "R": (86, 90),   # 文化、体育和娱乐业
    "S": (91, 96),   # 公共管理、社会保障和社会组织
    "T": (97, 97),   # 国际组织
}

#: Plan sector -> the (section, divisions) it covers; an empty set of divisions is the whole section.
SECTOR_SCOPE: dict[int, tuple[tuple[str, frozenset[str]], ...]] = {
    plan.PLAN_SECTOR_ACCOMMODATION_CATERING: (("H", frozenset()),),
    plan.PLAN_SECTOR_WHOLESALE_RETAIL: (("F", frozenset()),),
    plan.PLAN_SECTOR_FARMING_HUSBANDRY: (("A", frozenset({"01", "03", "05"})),),
    plan.PLAN_SECTOR_CULTURE_TOURISM: (("R", frozenset()), ("L", frozenset({"72"})), ("N", frozenset({"78"}))),
    plan.PLAN_SECTOR_RESIDENT_SERVICES: (("O", frozenset({"80"})),),
    plan.PLAN_SECTOR_ELDERLY_CARE: (("Q", frozenset({"85"})), ("O", frozenset({"80"}))),
    plan.PLAN_SECTOR_MANUFACTURING: (("C", frozenset()),),
    plan.PLAN_SECTOR_REAL_ESTATE: (("K", frozenset()),),
    plan.PLAN_SECTOR_EDUCATION: (("P", frozenset()),),
    plan.PLAN_SECTOR_HEALTH: (("Q", frozenset({"84"})),),
    plan.PLAN_SECTOR_BUSINESS_SERVICES: (("L", frozenset({"72"})),),
}


def is_section(section: str) -> bool:
    return section in SECTIONS


def division_in_section(section: str, division: str) -> bool:
    """Whether a 2-digit division belongs to the section in the 2017 numbering."""
    if section not in SECTIONS or len(division) != 2 or not division.isdigit():
        return False
    first, last = SECTIONS[section]
    return first <= int(division) <= last


def sector_fits(sector: int, section: str, division: str) -> bool:
    """Whether an enterprise of this section (and division, when known) can be in the plan sector.

    Without a division, a sector that covers only some divisions of the section still fits: the
    section is all that is known.
    """
    return any(
        section == scope_section and (not divisions or not division or division in divisions)
        for scope_section, divisions in SECTOR_SCOPE.get(sector, ())
    )
