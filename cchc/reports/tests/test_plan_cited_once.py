"""The report's Word file cites the plan as an official writes it: "Căn cứ Kế hoạch số
26/KH-UBND … về cải cách hành chính năm 2024 …", not "… về Kế hoạch cải cách hành chính …"
(the plan's title begins with "Kế hoạch": it was written twice, decision 0172)."""

from __future__ import annotations

import io

import docx
from django.urls import reverse

from cchc.reports import actions
from cchc.reports.sentences import about


def _paragraphs(client, report) -> list[str]:
    reply = client.get(reverse("reports:docx", args=[report.pk]))
    assert reply.status_code == 200
    return [p.text for p in docx.Document(io.BytesIO(reply.content)).paragraphs]


def test_the_word_file_cites_the_plan_without_saying_ke_hoach_twice(thanh_tan, login):
    world, plan = thanh_tan.world, thanh_tan.plan
    assert plan.title.lower().startswith("kế hoạch ")
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    text = _paragraphs(login(world.people.focal), report)
    basis = next(p for p in text if p.startswith("Căn cứ Kế hoạch số"))
    assert f"về {plan.title[len('Kế hoạch ') :]}" in basis
    issued = next(p for p in text if p.startswith("Ban hành Kế hoạch số"))
    assert "về Kế hoạch" not in basis and "về Kế hoạch" not in issued


def test_a_title_not_beginning_with_the_word_is_cited_whole():
    assert about("Cải cách hành chính năm 2026") == "Cải cách hành chính năm 2026"
    assert about("KẾ HOẠCH cải cách hành chính") == "cải cách hành chính"
    assert about("Kế hoạch") == "Kế hoạch"
