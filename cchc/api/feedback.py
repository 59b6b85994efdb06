"""`POST /api/v1/feedback`: a one-stop system pushes citizens' feedback (PAKN) for its units.

The same rules as `cchc import-feedback`: the whole batch is saved or nothing; 403 when a row
names a unit outside the token's (an unknown code gets the same answer), 422 with the rows'
errors otherwise.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema, Status

from cchc.feedback.actions import import_feedback
from cchc.feedback.models import Feedback
from cchc.feedback.reading import FeedbackRecord, read_dicts

from . import scope
from .views import BatchOut, ErrorOut, Scalar, api


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


class FeedbackOut(BatchOut):
    """What a pushed feedback batch did."""


@api.post(
    "/feedback",
    response={200: FeedbackOut, 401: ErrorOut, 403: ErrorOut, 422: FeedbackOut | ErrorOut},
    summary="Đẩy một lô phản ánh, kiến nghị (PAKN)",
)
def push_feedback(request: HttpRequest, batch: FeedbackBatch):
    """Create or update feedback by `MaPAKN`; rows are numbered from 1 in error reports."""
    rows = read_dicts(item.model_dump() for item in batch.feedback)
    allowed = scope.allowed_paths(request)
    outside = scope.outside(allowed, {r.unit_code for r in rows if isinstance(r, FeedbackRecord)})
    if outside:
        return Status(403, {"detail": scope.refusal(outside)})
    token = scope.token_of(request)
    outcome = import_feedback(
        rows,
        source=Feedback.Source.API,
        allowed_paths=allowed,
        unit=token.unit,
        file_name=f"API: {token.name}",
    )
    return Status(200 if outcome.saved else 422, {**outcome.as_dict(), "saved": outcome.saved})
