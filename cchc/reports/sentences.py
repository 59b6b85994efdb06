"""Section I of the report (the work of direction and organisation), written from the window's
figures in the sentences an official writes, with the numbers.

Each sentence comes from the figures entered by hand (`cchc.figures`, summed over the unit's
tree for the report's window: `content.unit_figures`). A figure with nothing counted in the
window (no entry, or zero) says nothing: the report does not claim work that was not done, and
the appendix table still lists every figure. A share reads "n/d" with its rate (to two
decimals, comma as the decimal mark, as Vietnamese documents write it).
"""

from __future__ import annotations


def percent(value: float | None) -> str:
    """12.5 → "12,50%"; None → "—"."""
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


def _count(figures: dict, code: str) -> int:
    return int((figures.get(code) or {}).get("numerator") or 0)


def _share(figures: dict, code: str) -> tuple[int, int, float | None]:
    item = figures.get(code) or {}
    return int(item.get("numerator") or 0), int(item.get("denominator") or 0), item.get("value")


def _meetings(figures: dict) -> list[str]:
    held = _count(figures, "meetings_dialogues")
    if not held:
        return []
    return [f"Tổ chức {held} cuộc hội nghị, đối thoại về công tác cải cách hành chính."]


def _inspections(figures: dict) -> list[str]:
    held, planned, rate = _share(figures, "inspections_held")
    found = _count(figures, "inspection_findings")
    handled, to_handle, handled_rate = _share(figures, "inspection_findings_handled")
    if not (held or planned or found or handled):
        return []
    words = (
        f"Thực hiện {held}/{planned} cuộc kiểm tra công tác cải cách hành chính theo kế hoạch "
        f"(đạt {percent(rate)})"
        if planned
        else "Công tác kiểm tra cải cách hành chính"
    )
    if found:
        words += f"; qua kiểm tra phát hiện {found} vấn đề"
    if to_handle:
        words += f", đã chỉ đạo xử lý {handled}/{to_handle} vấn đề (đạt {percent(handled_rate)})"
    return [words + "."]


def _communication(figures: dict) -> list[str]:
    news, sessions = _count(figures, "news_items"), _count(figures, "communication_sessions")
    parts = []
    if news:
        parts.append(f"đăng tải {news} tin, bài về cải cách hành chính")
    if sessions:
        parts.append(f"tổ chức {sessions} buổi tuyên truyền")
    if not parts:
        return []
    return ["Công tác thông tin, tuyên truyền: " + "; ".join(parts) + "."]


def _training(figures: dict) -> list[str]:
    trained, staff, rate = _share(figures, "staff_trained")
    if not trained:
        return []
    if staff:
        return [
            f"Cử {trained}/{staff} cán bộ, công chức tham gia các lớp đào tạo, bồi dưỡng "
            f"(đạt {percent(rate)})."
        ]
    return [f"Cử {trained} lượt cán bộ, công chức tham gia các lớp đào tạo, bồi dưỡng."]


def direction_sentences(figures: dict) -> list[str]:
    """The sentences of section I from the window's figures ({code: {numerator, denominator,
    value}}): meetings and dialogues, inspections and what they found, communication,
    training — in that order, each only when something was counted."""
    return [
        *_meetings(figures),
        *_inspections(figures),
        *_communication(figures),
        *_training(figures),
    ]
