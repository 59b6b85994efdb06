"""Text drawn over other text in a PDF (decision 0170): LibreOffice prints the last line of a
tall repeated table header over the first line of the row under it, and the characters of
the two interleave ('C3 CcấHp Cch)ính'). The shorter run, in the other font, is dropped."""

from __future__ import annotations

from cchc.importer.readers import read_pdf


def _pdf(lines: list[tuple[str, int, int, str]]) -> bytes:
    """A one-page PDF writing each (font, x, y, text) with Helvetica (F1) or its bold (F2)."""
    stream = "".join(f"BT /{f} 12 Tf {x} {y} Td ({t}) Tj ET\n" for f, x, y, t in lines)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def _lines(data: bytes) -> list[str]:
    return [b.text for b in read_pdf(data, "ke-hoach.pdf").blocks if b.text.strip("\f ")]


def test_a_header_line_printed_over_a_row_is_not_read_into_it():
    data = _pdf([
        ("F1", 72, 760, "Ke hoach cai cach hanh chinh nam 2025 cua xa An Binh"),
        ("F1", 72, 700, "Cong khai tien do thuoc 3 cap chinh quyen tren Cong dich vu cong"),
        ("F2", 230, 701, "CCHC)"),
    ])  # fmt: skip
    assert _lines(data) == [
        "Ke hoach cai cach hanh chinh nam 2025 cua xa An Binh",
        "Cong khai tien do thuoc 3 cap chinh quyen tren Cong dich vu cong",
    ]


def test_bold_words_beside_plain_ones_are_kept():
    data = _pdf([
        ("F2", 72, 700, "Dieu 1."),
        ("F1", 120, 700, "Ban hanh kem theo Quyet dinh nay Ke hoach CCHC nam 2025"),
    ])  # fmt: skip
    assert _lines(data) == ["Dieu 1. Ban hanh kem theo Quyet dinh nay Ke hoach CCHC nam 2025"]


def test_a_bold_header_line_over_a_shorter_figure_leaves_the_figure():
    # the cut row's last line '100%' under the repeated header's 'CCHC)' (seed 003 printed)
    data = _pdf([
        ("F1", 72, 760, "Ke hoach cai cach hanh chinh nam 2025 cua xa An Binh"),
        ("F1", 232, 700, "100%"),
        ("F2", 230, 701, "CCHC)"),
    ])  # fmt: skip
    assert _lines(data) == ["Ke hoach cai cach hanh chinh nam 2025 cua xa An Binh", "100%"]
