"""The default sector classification shared by the embedded world and the policy timeline.

Sixteen goods sectors resolve the goods of the US–China story (soybeans, steel, chips, solar,
batteries, EVs, aircraft, toys ...); three service sectors close the economy. The timeline maps
HS chapters and headings onto these codes (``tradewar.timeline`` ships the concordance); the
embedded default world uses the same codes, in this order.
"""

from __future__ import annotations

from typing import NamedTuple


class Sector(NamedTuple):
    code: str
    name: str
    goods: bool


DEFAULT_SECTORS: tuple[Sector, ...] = (
    Sector("oilseeds_grains", "Soybeans, oilseeds and grains", True),
    Sector("agri_food", "Other agriculture, food, beverages and tobacco", True),
    Sector("energy_mining", "Energy and mining (coal, oil, gas, ores)", True),
    Sector("textiles_apparel", "Textiles, apparel, leather and footwear", True),
    Sector("wood_paper", "Wood, paper, printing and furniture", True),
    Sector("chemicals", "Chemicals (pharmaceuticals excluded)", True),
    Sector("pharma", "Pharmaceuticals", True),
    Sector("plastics_rubber", "Plastics and rubber", True),
    Sector("basic_metals", "Basic metals (steel, aluminium, copper)", True),
    Sector("metal_products", "Fabricated metal products", True),
    Sector("machinery", "Machinery and equipment", True),
    Sector("electronics", "Computers, electronics, semiconductors and instruments", True),
    Sector("electrical", "Electrical equipment (batteries, solar, appliances)", True),
    Sector("motor_vehicles", "Motor vehicles and parts", True),
    Sector("other_transport", "Aircraft, ships, rail and other transport equipment", True),
    Sector("other_manuf", "Other manufacturing (toys, sporting goods, minerals, jewellery)", True),
    Sector("svc_trade_transport", "Trade, transport and logistics services", False),
    Sector("svc_business", "Finance, ICT and business services", False),
    Sector("svc_other", "Utilities, construction, public and other services", False),
)

SECTOR_CODES: tuple[str, ...] = tuple(s.code for s in DEFAULT_SECTORS)
GOODS_CODES: tuple[str, ...] = tuple(s.code for s in DEFAULT_SECTORS if s.goods)
