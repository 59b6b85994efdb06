"""The one error the importer raises, with a message a commune official can act on.

Every message is Vietnamese because it is shown as is on the upload page and printed by
`cchc import-plan`; the `code` lets callers and tests tell the cases apart without parsing text.
"""

from __future__ import annotations

from cchc.formats import thousands


class PlanImportError(Exception):
    """A file that cannot be imported as a plan; `message` is Vietnamese, `code` is stable."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


def empty_file() -> PlanImportError:
    return PlanImportError("Tệp rỗng: không có nội dung nào để nhập.", "empty")


def too_large(size: int, limit: int) -> PlanImportError:
    return PlanImportError(
        f"Tệp quá lớn ({size / 1_048_576:.1f} MB); giới hạn là {limit / 1_048_576:.0f} MB. "
        "Hãy bỏ bớt hình ảnh hoặc tách phụ lục ra tệp riêng.",
        "too_large",
    )


def unknown_format() -> PlanImportError:
    return PlanImportError(
        "Không nhận ra định dạng tệp (có vẻ là dữ liệu nhị phân). Hãy dùng tệp Word (.docx), "
        "PDF có lớp chữ hoặc văn bản (.txt, .md).",
        "unknown_format",
    )


def bad_docx() -> PlanImportError:
    return PlanImportError(
        "Tệp .docx không phải là tệp Word hợp lệ (tệp hỏng hoặc bị đổi đuôi). "
        "Hãy mở bằng Word và lưu lại dưới dạng .docx.",
        "bad_docx",
    )


def legacy_doc() -> PlanImportError:
    return PlanImportError(
        "Tệp Word đời cũ (.doc) chưa được hỗ trợ. Hãy mở bằng Word và lưu lại dưới dạng .docx.",
        "legacy_doc",
    )


def other_document(kind: str) -> PlanImportError:
    return PlanImportError(
        f"Tệp {kind} chưa được hỗ trợ. Hãy mở tệp, chọn Lưu thành (Save As) kiểu Word (.docx) "
        "hoặc xuất ra PDF, rồi nhập tệp mới.",
        "other_document",
    )


def bad_pdf() -> PlanImportError:
    return PlanImportError("Tệp PDF bị hỏng hoặc được đặt mật khẩu nên không đọc được.", "bad_pdf")


def scanned_pdf() -> PlanImportError:
    return PlanImportError(
        "Tệp PDF là bản quét, không có lớp chữ nên không đọc được nội dung. Hãy dùng bản "
        "PDF xuất trực tiếp từ Word, tệp Word gốc, hoặc nhận dạng chữ (OCR) trước khi nhập.",
        "scanned_pdf",
    )


def not_a_plan() -> PlanImportError:
    return PlanImportError(
        "Không tìm thấy nội dung kế hoạch trong tệp: không có tiêu đề kế hoạch, chỉ tiêu, "
        "bảng nhiệm vụ hay các mục cải cách hành chính.",
        "not_a_plan",
    )


def not_found(path: str) -> PlanImportError:
    return PlanImportError(f"Không tìm thấy tệp: {path}", "not_found")


def too_expanded(size: int, limit: int) -> PlanImportError:
    return PlanImportError(
        f"Tệp Word khi giải nén lớn {size / 1_048_576:.1f} MB, vượt giới hạn "
        f"{limit / 1_048_576:.0f} MB (tệp nén bất thường hoặc chứa quá nhiều hình ảnh). "
        "Hãy mở bằng Word, bỏ bớt hình ảnh rồi lưu lại dưới dạng .docx.",
        "too_expanded",
    )


def unsafe_xml() -> PlanImportError:
    return PlanImportError(
        "Tệp Word chứa khai báo thực thể XML (DOCTYPE/ENTITY), điều Word không bao giờ tạo ra: "
        "tệp có thể đã bị sửa để làm treo máy chủ nên không được đọc. "
        "Hãy mở bằng Word và lưu lại dưới dạng .docx.",
        "unsafe_xml",
    )


def too_long(limit: int) -> PlanImportError:
    count = thousands(limit)
    return PlanImportError(
        f"Văn bản quá dài: hơn {count} đoạn văn và dòng bảng, nhiều hơn mọi kế hoạch. "
        "Hãy tách phụ lục, danh mục dài ra tệp riêng rồi nhập phần kế hoạch.",
        "too_long",
    )


def bad_xlsx() -> PlanImportError:
    return PlanImportError(
        "Tệp Excel bị hỏng hoặc không phải là bảng tính .xlsx hợp lệ. "
        "Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.",
        "bad_xlsx",
    )


def xlsx_too_large(size: int, limit: int) -> PlanImportError:
    extra = f" lớn {size / 1_048_576:.1f} MB" if size else ""
    return PlanImportError(
        f"Tệp Excel khi giải nén{extra} vượt giới hạn {limit / 1_048_576:.0f} MB hoặc có quá "
        "nhiều dòng. Hãy chỉ giữ trang tính bảng nhiệm vụ rồi lưu lại dưới dạng .xlsx.",
        "too_expanded",
    )


def xlsx_unsafe() -> PlanImportError:
    return PlanImportError(
        "Tệp Excel chứa khai báo thực thể XML (DOCTYPE/ENTITY), điều Excel không bao giờ tạo "
        "ra: tệp có thể đã bị sửa để làm treo máy chủ nên không được đọc.",
        "unsafe_xml",
    )


def xlsx_empty() -> PlanImportError:
    return PlanImportError(
        "Bảng tính Excel không có dữ liệu: mọi trang tính đều trống.", "xlsx_empty"
    )


def xlsx_no_task_table() -> PlanImportError:
    return PlanImportError(
        "Không tìm thấy bảng nhiệm vụ trong tệp Excel: cần một dòng tiêu đề có các cột như "
        "“Nhiệm vụ” (hoặc “Nội dung”), “Chủ trì”, “Phối hợp”, “Thời gian”, “Sản phẩm” "
        "(thứ tự cột tùy ý).",
        "xlsx_no_task_table",
    )
