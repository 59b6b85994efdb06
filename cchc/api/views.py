"""The REST API: one-stop systems push dossiers, scripts read indicators.

Authentication is a bearer token per unit (`cchc api-token --unit CODE`); a token acts for its
unit and every unit below it. Errors are JSON with Vietnamese messages that name the field:
401 without a valid token, 403 for a unit outside the token's (an unknown unit gets the same
answer), 422 for a body that is not the documented JSON or rows that do not validate (nothing
is saved unless `skip_invalid`).
OpenAPI: /api/v1/openapi.json, browsable at /api/v1/docs (served locally, no CDN).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import OperationalError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.security import HttpBearer

from cchc import periods
from cchc.core import busy
from cchc.dossiers import tokens
from cchc.dossiers.models import ImportBatch
from cchc.dossiers.reading import parse_dossier_dicts
from cchc.dossiers.saving import import_dossiers
from cchc.indicators import engine
from cchc.org.models import Unit

from . import scope

Scalar = str | int | float | bool | None


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = tokens.authenticate(token)
        if found is not None:
            request.api_token = found  # type: ignore[attr-defined]
        return found


api = NinjaAPI(
    title="CCHC API",
    version="1",
    description=(
        "Đẩy hồ sơ TTHC từ hệ thống một cửa và đọc chỉ số. Xác thực: "
        "`Authorization: Bearer <mã truy cập của đơn vị>`."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
)


class DossierIn(Schema):
    """One dossier, with the national portal's synchronisation names (see the contract)."""

    MaHoSo: Scalar = None
    MaTTHC: Scalar = None
    MaDonVi: Scalar = None
    NgayTiepNhan: Scalar = None
    NgayHenTra: Scalar = None
    NgayKetThucXuLy: Scalar = None
    NgayTraKetQua: Scalar = None
    TrangThaiHoSo: Scalar = None
    KenhThucHien: Scalar = None
    ToanTrinh: Scalar = None
    DuocThanhToanTrucTuyen: Scalar = None
    CoPhiLePhi: Scalar = None
    HoSoCoThanhPhanSoHoa: Scalar = None
    DuocSoHoa: Scalar = None
    CoKetQuaDienTu: Scalar = None
    DuongDanTepTinKetQua: Scalar = None
    SoLanBoSung: Scalar = None
    NgayYeuCauBoSung: Scalar = None
    NgayBoSung: Scalar = None
    CoPhieuXinLoi: Scalar = None


class DossierBatch(Schema):
    dossiers: list[DossierIn] = Field(..., max_length=settings.API_MAX_BATCH)
    skip_invalid: bool = Field(
        False, description="Lưu các hồ sơ hợp lệ, bỏ qua hồ sơ lỗi (mặc định: không lưu gì)."
    )


class RowErrorOut(Schema):
    row: int = Field(..., description="Thứ tự hồ sơ trong lô, bắt đầu từ 1")
    column: str
    value: str
    message: str


class BatchOut(Schema):
    """What a pushed batch did (`outcome.as_dict()` and whether it was saved): the dossier and
    the feedback endpoints answer alike."""

    rows: int
    created: int
    updated: int
    unchanged: int
    saved: bool
    errors: list[RowErrorOut]


class ImportOut(BatchOut):
    warnings: list[str]


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[Any] = []


class IndicatorValue(Schema):
    numerator: int
    denominator: int
    value: float | None


class IndicatorsOut(Schema):
    unit: str
    from_: str = Field(..., alias="from")
    to: str
    indicators: dict[str, IndicatorValue]
    months: dict[str, dict[str, IndicatorValue]] | None = None


# Pydantic names the member of a union it tried last ("NgayTiepNhan.str"): not a field.
_UNION_MEMBERS = frozenset({"str", "int", "float", "bool", "none"})


def _field_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "missing":
        return _("This field is required.")
    if kind in {"too_long", "list_too_long"}:
        return _("At most %(n)s dossiers in one batch.") % {"n": settings.API_MAX_BATCH}
    if kind.endswith(("_type", "_parsing")):
        return _("Wrong type: expected text, a number, true/false or null.")
    return str(error.get("msg", ""))


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError):
    errors: list[dict[str, str]] = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in {"body", "batch"}]
        while location and location[-1] in _UNION_MEMBERS:
            location.pop()
        entry = {"field": ".".join(location) or "body", "message": _field_message(error)}
        if entry not in errors:
            errors.append(entry)
    return api.create_response(
        request,
        {"detail": _("The request does not match the documented format."), "errors": errors},
        status=422,
    )


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig):
    """Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE; the API says so in JSON
    (Django's own answer is an HTML 400 page a one-stop system cannot read)."""
    return api.create_response(
        request,
        {
            "detail": _(
                "The request body is too large: at most %(mb)s MB. Send the dossiers in "
                "smaller batches."
            )
            % {"mb": settings.MAX_REQUEST_MB},
            "errors": [{"field": "body", "message": _("Too large.")}],
        },
        status=413,
    )


@api.exception_handler(OperationalError)
def _database_error(request: HttpRequest, exc: OperationalError):
    if busy.is_busy(exc):
        return busy.busy_response(request)  # the same JSON 503 as the middleware's, in DEBUG too
    raise exc


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError):
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return api.create_response(
            request,
            {
                "detail": _("The request body is not valid JSON."),
                "errors": [{"field": "body", "message": _("Malformed JSON.")}],
            },
            status=422,
        )
    if exc.status_code == 401:
        return api.create_response(
            request, {"detail": _("Missing or invalid access token.")}, status=401
        )
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.post(
    "/dossiers",
    response={200: ImportOut, 401: ErrorOut, 403: ErrorOut, 422: ImportOut | ErrorOut},
    summary="Đẩy một lô hồ sơ (tối đa 10.000)",
)
def push_dossiers(request: HttpRequest, batch: DossierBatch):
    """Create or update dossiers by `MaHoSo`; identical rows change nothing. Rows are numbered
    from 1 in error reports. Every unit named must be the token's unit or below it."""
    items = [item.model_dump() for item in batch.dossiers]
    records, errors = parse_dossier_dicts(items, first_row=1)
    allowed = scope.allowed_paths(request)
    outside = scope.outside(allowed, {r.unit_code for r in records})
    if outside:
        return Status(
            403,
            {
                "detail": scope.refusal(outside),
                "errors": [
                    {"row": r.row, "column": "MaDonVi", "value": r.unit_code}
                    for r in records
                    if r.unit_code in outside
                ][:100],
            },
        )
    token = scope.token_of(request)
    outcome = import_dossiers(
        [*errors, *records],
        source=ImportBatch.Source.API,
        unit=token.unit,
        allowed_paths=allowed,
        file_name=f"API: {token.name}",
        skip_invalid=batch.skip_invalid,
    )
    body = {**outcome.as_dict(), "saved": outcome.saved, "warnings": outcome.warnings}
    return Status(200 if outcome.saved else 422, body)


def _date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HttpError(422, _("%(field)s must be a date YYYY-MM-DD.") % {"field": field}) from None


@api.get(
    "/indicators",
    response={200: IndicatorsOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="Chỉ số của một đơn vị trong một khoảng thời gian",
    by_alias=True,
)
def indicators(
    request: HttpRequest,
    unit: str = Query(..., description="Mã đơn vị hoặc mã định danh điện tử"),
    start: str = Query(..., alias="from", description="YYYY-MM-DD"),
    end: str = Query(..., alias="to", description="YYYY-MM-DD"),
    by: str | None = Query(None, description="`month` để có thêm từng tháng"),
):
    """The same object as `cchc indicators --format json` (sums over the units below)."""
    first, last = _date(start, "from"), _date(end, "to")
    if last < first:
        raise HttpError(422, _("'to' is before 'from'."))
    try:
        periods.checked_window(first, last)
    except periods.WindowError as exc:
        raise HttpError(422, f"{exc}.") from None
    found = Unit.objects.coded(unit)  # its code or its e-ID code (contract version 2)
    if found is None or not scope.in_scope(request, found):
        # the same answer for an unknown unit: which codes exist is not the token's business
        return Status(403, {"detail": _("This unit is outside the token's unit.")})
    return engine.contract_json(found, first, last, by_month=by == "month", named=unit)
