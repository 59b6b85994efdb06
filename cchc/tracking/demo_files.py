"""Sample evidence files for the demo's progress reports (and the tests): a one-page PDF naming
the document, a small PNG standing in for a photo. Made here, so the demo ships no binaries."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

from cchc import formats


def sample_pdf(title: str, number: str, day: dt.date) -> bytes:
    """A one-page PDF naming the document (ASCII only: the demo needs no font files)."""
    import unicodedata

    text = unicodedata.normalize("NFD", f"{number} ngay {formats.day(day)} - {title}")
    text = "".join(c for c in text if ord(c) < 128).replace("(", "").replace(")", "")[:90]
    stream = f"BT /F1 12 Tf 60 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def sample_png(rng) -> bytes:
    """A small coloured PNG standing in for a photo of the meeting."""
    width, height = 64, 40
    colour = bytes(rng.randint(60, 200) for _ in range(3))
    rows = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
