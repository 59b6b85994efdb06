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


def _row(section: str, code, label, numerator, denominator, value, note: str = "") -> list[str]:
    """One figure in the file's seven columns: its three numbers written by `_value`."""
    return [section, code, label, _value(numerator), _value(denominator), _value(value), note]


def csv_rows(data: dict) -> Iterator[list[str]]:
    yield HEADER
    yield _row("giay_phep", "", data["licence"], "", "", "", f"schema {data['schema_version']}")
    unit = data["unit"]
    yield _row("don_vi", unit["code"], unit["name"], "", "", data["as_of"])
    yield from _progress_rows(data["progress"])
    yield from _indicator_rows(data["indicators"])
    yield from _procedure_rows(data["procedures"])
    yield from _index_rows(data.get("index766", []))


def _progress_rows(progress: dict) -> Iterator[list[str]]:
    def counted(item: dict, section: str, code: str, label: str) -> list[str]:
        done, tasks, share = item["done"], item["tasks"], item["done_percent"]
        return _row(section, code, label, done, tasks, share, f"qua_han={item['overdue']}")

    yield counted(progress, "tien_do", "tong", str(progress["year"]))
    for area in progress["areas"]:
        yield counted(area, "tien_do_linh_vuc", area["area"], area["label"])


def _indicator_rows(indicators: dict) -> Iterator[list[str]]:
    window = f"{indicators['from']}..{indicators['to']}"
    for item in indicators["items"]:
        numbers = item["numerator"], item["denominator"], item["value"]
        yield _row("chi_so", item["code"], item["name"], *numbers, window)


def _procedure_rows(procedures: list[dict]) -> Iterator[list[str]]:
    for procedure in procedures:
        note = (
            f"csdlqg={_value(procedure['on_national_db'])};"
            f"du_7_bo_phan={_value(procedure['all_parts'])}"
        )
        decided = procedure["publication_decided"]
        yield _row("thu_tuc_cong_bo", procedure["code"], procedure["name"], "", "", decided, note)


def _index_rows(months: list[dict]) -> Iterator[list[str]]:
    for month in months:
        numbers = month["points"], month["max"], month["share"]
        note = f"lan_cong_bo={month['revision']}"
        yield _row("chi_so_766", month["month"], "tong", *numbers, note)
        for group in month["groups"]:
            numbers = group["points"], group["max"], ""
            yield _row("chi_so_766_nhom", month["month"], group["name"], *numbers, group["code"])
