"""Long titles in lists are shortened at the end of a word (`clip`), never inside one: a task's
or a target's title read "… văn bản quy phạm pháp lu…" with Django's `truncatechars`."""

from cchc.core.templatetags.cchc import clip

TITLE = "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do Hội đồng nhân dân xã ban hành"


def test_a_long_title_is_cut_after_a_whole_word():
    assert clip(TITLE, 50) == "Rà soát, hệ thống hóa văn bản quy phạm pháp luật…"
    assert clip(TITLE, 30) == "Rà soát, hệ thống hóa văn bản…"  # no comma left before "…"
    assert len(clip(TITLE, 30)) <= 30


def test_a_short_title_and_an_empty_one_are_left_as_they_are():
    assert clip(TITLE, len(TITLE)) == TITLE
    assert clip(None, 20) == "" and clip("", 20) == ""


def test_one_very_long_word_is_cut_where_it_must_be():
    code = "000.31.35.H55-260102-0001-000.31.35.H55"
    assert clip(code, 20) == code[:19] + "…"
