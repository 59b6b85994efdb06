"""Sections I (the work of direction and organisation) and II (results by reform area) of the
report, written from the window's figures in the sentences an official writes, with the numbers.

Each sentence comes from the figures entered by hand (`cchc.figures`, summed over the unit's
tree for the report's window: `content.unit_figures`). A figure with nothing counted in the
window (no entry, or zero) says nothing: the report does not claim work that was not done, and
the appendix table still lists every figure. A share reads "n/d" with its rate (to two
decimals, comma as the decimal mark, as Vietnamese documents write it).

Section II also reads the dossier indicators of the window (`content.indicator_values`, the
dossier data): dossiers received, on time, late and late with an apology letter, online,
digitised. The apology letters come from the dossiers' apology flag; the figure entered by
hand ("apology_letters") is written only when the dossier data has no late dossier to count
(a unit that does not import its dossiers), so the two are never added together.
"""

from __future__ import annotations

from cchc.formats import thousands

PLAN_WORD = "kế hoạch "


def about(title: str) -> str:
    """What a plan is about, as a citation writes it after "Kế hoạch số … về": its title
    without the leading "Kế hoạch" ("Kế hoạch số 15/KH-UBND … về cải cách hành chính năm
    2026 …", not "… về Kế hoạch cải cách hành chính …", decision 0172)."""
    head = title[: len(PLAN_WORD)]
    rest = title[len(PLAN_WORD) :].strip()
    return rest if head.lower() == PLAN_WORD and rest else title


def percent(value: float | None) -> str:
    """12.5 → "12,50%"; None → "—"."""
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


def _count(figures: dict, code: str) -> int:
    return int((figures.get(code) or {}).get("numerator") or 0)


def _share(figures: dict, code: str) -> tuple[int, int, float | None]:
    item = figures.get(code) or {}
    return int(item.get("numerator") or 0), int(item.get("denominator") or 0), item.get("value")


def _sentence(heading: str, parts: list[str]) -> list[str]:
    """One sentence, `Heading: part; part.`, or none when nothing was counted (the report does
    not claim work that was not done)."""
    return [f"{heading}: " + "; ".join(parts) + "."] if parts else []


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
    return _sentence("Công tác thông tin, tuyên truyền", parts)


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


def _legal_documents(figures: dict) -> list[str]:
    issued = _count(figures, "legal_docs_issued")
    checked, to_check, checked_rate = _share(figures, "legal_docs_self_checked")
    reviewed, to_review, reviewed_rate = _share(figures, "legal_docs_reviewed")
    unlawful, examined, _rate = _share(figures, "legal_docs_unlawful")
    handled, to_handle, handled_rate = _share(figures, "legal_docs_handled")
    parts = []
    if issued:
        parts.append(f"ban hành {issued} văn bản quy phạm pháp luật")
    if to_check:
        parts.append(f"tự kiểm tra {checked}/{to_check} văn bản (đạt {percent(checked_rate)})")
    if to_review:
        parts.append(f"rà soát {reviewed}/{to_review} văn bản (đạt {percent(reviewed_rate)})")
    if examined:
        found = (
            f"phát hiện {unlawful} văn bản trái pháp luật"
            if unlawful
            else "không phát hiện văn bản trái pháp luật"
        )
        parts.append(f"qua kiểm tra {examined} văn bản, {found}")
    if to_handle:
        parts.append(
            f"đã xử lý {handled}/{to_handle} văn bản trái pháp luật (đạt {percent(handled_rate)})"
        )
    return _sentence("Công tác xây dựng, kiểm tra, rà soát văn bản quy phạm pháp luật", parts)


def _dossiers(indicators: dict) -> list[str]:
    on_time, received, on_time_rate = _share(indicators, "on_time_rate")
    if not received:
        return []
    words = f"Tiếp nhận {thousands(received)} hồ sơ thủ tục hành chính"
    online, _all, online_rate = _share(indicators, "online_submission_rate")
    if online:
        words += f", trong đó {thousands(online)} hồ sơ nộp trực tuyến ({percent(online_rate)})"
    words += (
        f"; giải quyết trước hạn, đúng hạn hoặc còn trong hạn {thousands(on_time)}/"
        f"{thousands(received)} hồ sơ (đạt {percent(on_time_rate)})."
    )
    return [words, *_apologies(indicators)]


def _apologies(indicators: dict) -> list[str]:
    apologised, late, rate = _share(indicators, "late_apology_rate")
    if "late_apology_rate" not in indicators:
        return []
    if not late:
        return ["Không có hồ sơ trễ hạn."]
    return [
        f"Có {thousands(late)} hồ sơ trễ hạn; đã gửi văn bản xin lỗi và hẹn lại ngày trả kết quả "
        f"{thousands(apologised)}/{thousands(late)} hồ sơ (đạt {percent(rate)})."
    ]


def _apology_letters(figures: dict) -> list[str]:
    sent, late, rate = _share(figures, "apology_letters")
    if not (sent or late):
        return []
    if not late:
        return [f"Gửi {sent} văn bản xin lỗi đối với hồ sơ trễ hạn."]
    return [f"Gửi {sent} văn bản xin lỗi đối với {late} hồ sơ trễ hạn (đạt {percent(rate)})."]


def _online_and_digital(indicators: dict) -> list[str]:
    phrases = [
        ("full_online_rate", "hồ sơ của thủ tục đủ điều kiện được thực hiện trực tuyến toàn trình"),
        ("online_payment_rate", "hồ sơ có phí, lệ phí được thanh toán trực tuyến"),
        ("digitisation_rate", "hồ sơ tiếp nhận được số hóa"),
        ("e_result_rate", "hồ sơ có kết quả là giấy tờ được cấp kết quả điện tử"),
        ("reuse_rate", "hồ sơ tiếp nhận có tái sử dụng dữ liệu số hóa"),
    ]
    parts = []
    for code, what in phrases:
        numerator, denominator, rate = _share(indicators, code)
        if denominator:
            parts.append(
                f"{thousands(numerator)}/{thousands(denominator)} {what} ({percent(rate)})"
            )
    return _sentence("Dịch vụ công trực tuyến, số hóa hồ sơ", parts)


def _procedures(services: dict) -> list[str]:
    found = services.get("procedures") or {}
    decided = int(found.get("decided") or 0)
    complete, published, rate = _share(found, "complete")
    parts = []
    if decided:
        parts.append(f"trong kỳ có {decided} thủ tục được quyết định công bố")
    if published:
        parts.append(
            f"{complete}/{published} thủ tục đã công bố được công khai đủ 7 bộ phận "
            f"({percent(rate)})"
        )
    return _sentence("Công bố, công khai thủ tục hành chính thuộc thẩm quyền", parts)


def _feedback(services: dict) -> list[str]:
    found = services.get("feedback") or {}
    received = int(found.get("received") or 0)
    if not received:
        return []
    answered = int(found.get("answered") or 0)
    on_time, _all, rate = _share(found, "on_time")
    return [
        f"Tiếp nhận {received} phản ánh, kiến nghị của người dân, doanh nghiệp; đã trả lời "
        f"{answered}/{received}; xử lý đúng hạn {on_time}/{received} (đạt {percent(rate)})."
    ]


def results_sentences(indicators: dict, figures: dict, services: dict | None = None) -> list[str]:
    """The sentences of section II from the window's dossier indicators, figures and services
    (`content.services`: feedback, procedures): legal documents, procedures published, then
    dossiers (received, on time, late with apology letters), feedback, then online service and
    digitisation — each only when something was counted."""
    services = services or {}
    dossiers = _dossiers(indicators)
    return [
        *_legal_documents(figures),
        *_procedures(services),
        *dossiers,
        *([] if dossiers else _apology_letters(figures)),
        *_feedback(services),
        *_online_and_digital(indicators),
    ]
