"""The open data as CSV: one row per figure, in the columns documented in docs/du-lieu-mo.md.

Columns: `phan` (section), `ma` (code), `ten` (label), `tu_so` (numerator), `mau_so`
(denominator), `gia_tri` (value: a percentage, a date or yes/no), `ghi_chu` (note). The first
data row is the licence, the second the unit and the day the figures are as of.
"""

from __future__ import annotations

from collections.abc import Iterator

HEADER = ["phan", "ma", "ten", "tu_so", "mau_so", "gia_tri", "ghi_chu"]


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def csv_rows(data: dict) -> Iterator[list[str]]:
    yield HEADER
    yield ["giay_phep", "", data["licence"], "", "", "", f"schema {data['schema_version']}"]
    unit = data["unit"]
    yield ["don_vi", unit["code"], unit["name"], "", "", data["as_of"], ""]
    yield from _progress_rows(data["progress"])
    yield from _indicator_rows(data["indicators"])
    yield from _procedure_rows(data["procedures"])
    yield from _index_rows(data.get("index766", []))


def _progress_rows(progress: dict) -> Iterator[list[str]]:
    yield [
        "tien_do",
        "tong",
        str(progress["year"]),
        _value(progress["done"]),
        _value(progress["tasks"]),
        _value(progress["done_percent"]),
        f"qua_han={progress['overdue']}",
    ]
    for area in progress["areas"]:
        yield [
            "tien_do_linh_vuc",
            area["area"],
            area["label"],
            _value(area["done"]),
            _value(area["tasks"]),
            _value(area["done_percent"]),
            f"qua_han={area['overdue']}",
        ]


def _indicator_rows(indicators: dict) -> Iterator[list[str]]:
    window = f"{indicators['from']}..{indicators['to']}"
    for item in indicators["items"]:
        yield [
            "chi_so",
            item["code"],
            item["name"],
            _value(item["numerator"]),
            _value(item["denominator"]),
            _value(item["value"]),
            window,
        ]


def _procedure_rows(procedures: list[dict]) -> Iterator[list[str]]:
    for procedure in procedures:
        yield [
            "thu_tuc_cong_bo",
            procedure["code"],
            procedure["name"],
            "",
            "",
            procedure["publication_decided"],
            f"csdlqg={_value(procedure['on_national_db'])};du_7_bo_phan="
            f"{_value(procedure['all_parts'])}",
        ]


def _index_rows(months: list[dict]) -> Iterator[list[str]]:
    for month in months:
        yield [
            "chi_so_766",
            month["month"],
            "tong",
            _value(month["points"]),
            _value(month["max"]),
            _value(month["share"]),
            f"lan_cong_bo={month['revision']}",
        ]
        for group in month["groups"]:
            yield [
                "chi_so_766_nhom",
                month["month"],
                group["name"],
                _value(group["points"]),
                _value(group["max"]),
                "",
                group["code"],
            ]
