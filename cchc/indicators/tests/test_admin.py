"""A province adds and revises indicators in the admin, without code."""

from __future__ import annotations

import datetime as dt

from cchc.indicators import engine
from cchc.indicators.models import IndicatorDefinition


def test_an_administrator_adds_an_indicator_that_the_engine_computes(admin_client, world):
    response = admin_client.post(
        "/admin/indicators/indicatordefinition/add/",
        {
            "code": "postal_rate",
            "name": "Tỷ lệ hồ sơ qua bưu chính công ích",
            "numerator": "postal",
            "denominator": "received",
            "kind": "rate",
            "direction": "higher",
            "order": 200,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    values = engine.values(world.commune, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert "postal_rate" in values and values["postal_rate"].value is None


def test_a_malformed_formula_is_refused(admin_client):
    response = admin_client.post(
        "/admin/indicators/indicatordefinition/add/",
        {
            "code": "x",
            "name": "x",
            "numerator": "received * 2",
            "denominator": "nothing",
            "kind": "rate",
            "direction": "higher",
            "order": 1,
        },
    )
    assert response.status_code == 200
    assert not IndicatorDefinition.objects.filter(code="x").exists()


def test_changing_a_formula_makes_a_new_version_and_keeps_the_old(admin_client, db):
    old = IndicatorDefinition.objects.get(code="online_submission_rate", version=1)
    data = {
        "name": old.name,
        "description": old.description,
        "numerator": "online + postal",
        "denominator": "received",
        "kind": old.kind,
        "direction": old.direction,
        "full_points_target": old.full_points_target or "",
        "keywords": old.keywords,
        "source": old.source,
        "order": old.order,
        "is_active": "on",
    }
    response = admin_client.post(f"/admin/indicators/indicatordefinition/{old.pk}/change/", data)
    assert response.status_code == 302
    versions = IndicatorDefinition.objects.filter(code="online_submission_rate").order_by("version")
    assert [(d.version, d.numerator, d.is_active) for d in versions] == [
        (1, "online", False),
        (2, "online + postal", True),
    ]
    assert engine.definitions(["online_submission_rate"])[0].version == 2
