"""`POST /api/v1/feedback`: a one-stop system pushes citizens' feedback (PAKN) for its units.

The same rules as `cchc import-feedback`: the whole batch is saved or nothing; 403 when a row
names a unit outside the token's (an unknown code gets the same answer), 422 with the rows'
errors otherwise.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status

from cchc.feedback.actions import import_feedback
from cchc.feedback.models import Feedback
from cchc.feedback.reading import FeedbackRecord, read_dicts
from cchc.org.access import path_within, unit_scope
from cchc.org.models import Unit

from .views import ErrorOut, RowErrorOut, Scalar, api


class FeedbackIn(Schema):
    """One piece of feedback, with the contract's column names."""

    MaPAKN: Scalar = None
    MaDonVi: Scalar = None
    NgayTiepNhan: Scalar = None
    NgayTraLoi: Scalar = None
    NgayCongKhai: Scalar = None
    KenhTiepNhan: Scalar = None
    LinhVuc: Scalar = None
    NoiDung: Scalar = None
    KhongHaiLong: Scalar = None
    LapLai: Scalar = None
    HoTenNguoiGui: Scalar = None
    DiaChiNguoiGui: Scalar = None
    SoDienThoaiNguoiGui: Scalar = None


class FeedbackBatch(Schema):
    feedback: list[FeedbackIn] = Field(..., max_length=settings.API_MAX_BATCH)


class FeedbackOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    saved: bool
    errors: list[RowErrorOut]


@api.post(
    "/feedback",
    response={200: FeedbackOut, 401: ErrorOut, 403: ErrorOut, 422: FeedbackOut | ErrorOut},
    summary="Đẩy một lô phản ánh, kiến nghị (PAKN)",
)
def push_feedback(request: HttpRequest, batch: FeedbackBatch):
    """Create or update feedback by `MaPAKN`; rows are numbered from 1 in error reports."""
    rows = read_dicts(item.model_dump() for item in batch.feedback)
    token = request.api_token  # type: ignore[attr-defined]
    allowed = unit_scope(token.unit)
    codes = {r.unit_code for r in rows if isinstance(r, FeedbackRecord)}
    paths = {code: unit.path for code, unit in Unit.objects.by_code(codes).items()}
    outside = sorted(c for c in codes if c not in paths or not path_within(paths[c], allowed))
    if outside:
        detail = _("These units are outside the token's unit: %(codes)s") % {
            "codes": ", ".join(outside)
        }
        return Status(403, {"detail": detail})
    outcome = import_feedback(
        rows,
        source=Feedback.Source.API,
        allowed_paths=allowed,
        unit=token.unit,
        file_name=f"API: {token.name}",
    )
    return Status(200 if outcome.saved else 422, {**outcome.as_dict(), "saved": outcome.saved})
