"""The five seed plans, checked against what a person reading them finds."""

from cchc.importer.tests.conftest import by_ref


def test_seed_000_header_comes_from_the_approving_decision(seed):
    plan = seed("000")["plan"]
    assert plan["issuer"] == "UBND xã Thạnh Tân"
    assert plan["number"] == "26/QĐ-UBND"
    assert plan["number_source"] == "approving_decision"
    assert plan["issued_on"] == "2024-03-08"
    assert plan["year"] == 2024
    assert plan["kind"] == "annual"
    assert plan["title"].startswith("Kế hoạch cải cách hành chính năm 2024 trên địa bàn xã Thạnh")
    assert plan["theme"].startswith("Đẩy mạnh chuyển đổi số - Tập trung nâng cao tỷ lệ")
    assert plan["theme"].endswith("Tỷ lệ thanh toán trực tuyến")


def test_seed_000_appendix_has_44_tasks_in_order(seed):
    tasks = seed("000")["tasks"]
    assert [t["ref"] for t in tasks] == [str(n) for n in range(1, 45)]


def test_seed_000_first_task_as_written(seed):
    task = by_ref(seed("000"), "1")
    assert task["area"] == "direction"
    assert task["title"].startswith("Xây dựng Kế hoạch khắc phục những tồn tại, hạn chế CCHC")
    assert task["lead"] == ["Công chức Văn phòng – Thống kê"]
    assert task["coordinators"] == ["Các công chức chuyên môn khác"]
    assert task["products"] == ["Kế hoạch"]
    assert task["deadline"] == "Tháng 03/2024"
    assert task["due"] == "2024-03-31"
    assert task["recurrence"] is None
    assert task["budget_million_vnd"] is None
    assert task["source_line"] == 525


def test_seed_000_names_wrapped_and_broken_across_lines_are_rejoined(seed):
    result = seed("000")
    assert by_ref(result, "13")["lead"] == ["Công chức Văn phòng-Thống kê"]
    assert by_ref(result, "30")["lead"] == ["Công chức Tài chính-Kế toán"]
    assert by_ref(result, "43")["lead"] == ["Công chức Bộ phận một cửa"]
    assert by_ref(result, "40")["lead"] == [
        "Công chức Văn phòng-Thống kê", "Bộ phận Một cửa", "Tổ CNSCĐ xã, ấp",
    ]  # fmt: skip
    assert by_ref(result, "40")["coordinators"] == ["Người dân, doanh nghiệp"]
    assert by_ref(result, "4")["products"] == [
        "Kế hoạch tổ chức", "Quyết định thành lập tổ khảo sát",
    ]  # fmt: skip
    assert by_ref(result, "20")["deadline"] == (
        "Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh"
    )


def test_seed_000_merged_cells_inherit_from_the_row_above_with_a_warning(seed):
    result = seed("000")
    second = by_ref(result, "2")
    assert second["lead"] == ["Công chức Văn phòng – Thống kê"]
    assert second["deadline"] == "Tháng 03/2024"
    assert "lead_from_row_above" in second["flags"]
    for ref in ("11", "24", "25", "26"):
        assert "lead_from_row_above" in by_ref(result, ref)["flags"]
    assert any(w.startswith("Nhiệm vụ 2:") for w in result["warnings"])


def test_seed_000_deadlines_and_areas(seed):
    result = seed("000")
    expected = {
        "17": ("Hàng tháng", None, "monthly"),
        "19": ("Quý I, II, III và cả năm 2024", "2024-12-31", None),
        "21": ("Thường xuyên", None, "regular"),
        "9": ("Theo quy định của cấp trên", None, None),
        "32": ("Năm 2024-2025", "2025-12-31", None),
        "10": ("Tháng 01 năm 2024", "2024-01-31", None),
    }
    for ref, (deadline, due, recurrence) in expected.items():
        task = by_ref(result, ref)
        assert (task["deadline"], task["due"], task["recurrence"]) == (deadline, due, recurrence)
    areas = {t["ref"]: t["area"] for t in result["tasks"]}
    assert {areas[str(n)] for n in range(9, 13)} == {"institutions"}
    assert {areas[str(n)] for n in range(13, 23)} == {"procedures"}
    assert {areas[str(n)] for n in range(23, 27)} == {"organisation"}
    assert {areas[str(n)] for n in range(27, 30)} == {"civil_service"}
    assert {areas[str(n)] for n in range(30, 34)} == {"public_finance"}
    assert {areas[str(n)] for n in range(34, 45)} == {"digital_government"}


def test_seed_000_targets_under_chi_tieu_headings(seed):
    targets = seed("000")["targets"]
    # institutions 4, procedures 12, public finance 2, digital government 6 (counted by hand)
    counts = {}
    for target in targets:
        counts[target["area"]] = counts.get(target["area"], 0) + 1
    assert counts == {
        "institutions": 4, "procedures": 12, "public_finance": 2, "digital_government": 6,
    }  # fmt: skip
    payment = next(t for t in targets if "tối thiểu 90% TTHC" in t["text"])
    assert (payment["comparator"], payment["value"], payment["unit"]) == (">=", 90, "%")
    assert payment["area"] == "procedures"
    above = next(t for t in targets if t["text"].startswith("Trên 80%"))
    assert (above["comparator"], above["value"]) == (">=", 80)
    satisfaction = [t for t in targets if t["source_line"] == 164]
    assert [(t["comparator"], t["value"]) for t in satisfaction] == [(">=", 95), (">=", 90)]


def test_seed_000_reporting_periods_with_cut_off_windows(seed):
    periods = seed("000")["reporting_periods"]
    assert [(p["name"], p["from"], p["to"], p["due"]) for p in periods] == [
        ("Quý I/2024", "2023-12-15", "2024-02-29", "2024-03-11"),
        ("6 tháng/2024", "2023-12-15", "2024-05-31", "2024-06-11"),
        ("9 tháng/2024", "2023-12-15", "2024-08-30", "2024-09-11"),
        ("Năm 2024", "2023-12-15", "2024-11-06", "2024-12-11"),
    ]
    assert seed("000")["legal_bases"] == []


def test_seed_001_legal_bases_one_per_cited_plan(seed):
    bases = seed("001")["legal_bases"]
    assert [(b["number"], b["issued_on"]) for b in bases] == [
        ("40/KH-UBND", "2023-01-09"),
        ("2010/KH-UBND", "2022-11-15"),
    ]
    assert bases[0]["text"].startswith("Kế hoạch số 40/KH-UBND ngày 09 tháng 01 năm 2023")


def test_seed_001_targets_and_missing_appendix(seed):
    result = seed("001")
    assert result["plan"]["issuer"] == "UBND xã Long An"
    assert result["plan"]["number"] is None
    assert result["plan"]["issued_on"] is None
    # no task table: the tasks are the offices' duties read from §VI (test_prose_duties.py)
    assert all(t["from_prose"] for t in result["tasks"])
    got = [(t["comparator"], t["value"], t["unit"]) for t in result["targets"]]
    assert got == [(">=", 85, "%"), (">=", 30, "%"), ("=", 75, "%"), (">=", 55, "%"),
                   ("top", 3, "rank")]  # fmt: skip
    assert any("Không có bảng nhiệm vụ" in w for w in result["warnings"])


def test_seed_002_report_deadlines_without_windows(seed):
    result = seed("002")
    assert result["plan"]["issuer"] == "UBND phường 2"
    assert result["plan"]["number"] == "10/QĐ-UBND"
    assert result["plan"]["issued_on"] == "2023-01-19"
    periods = result["reporting_periods"]
    assert [(p["name"], p["from"], p["due"]) for p in periods] == [
        ("Quý I/2023", None, "2023-02-28"),
        ("6 tháng/2023", None, "2023-05-31"),
        ("9 tháng/2023", None, "2023-08-31"),
        ("Năm 2023", None, "2023-11-06"),
    ]
    # the only target is the figure inside a duty bullet (test_prose_duties.py)
    assert [t["text"] for t in result["targets"] if not t.get("from_prose")] == []
    assert result["legal_bases"] == []


def test_seed_003_index_plan_with_blank_number_and_requirement_targets(seed):
    result = seed("003")
    plan = result["plan"]
    assert plan["issuer"] == "UBND xã Tân Đức"
    assert plan["number"] is None
    assert plan["issued_on"] is None
    assert plan["kind"] == "index_improvement"
    assert [(b["number"], b["issued_on"]) for b in result["legal_bases"]] == [
        ("46/KH-UBND", "2024-02-27")
    ]
    assert len(result["tasks"]) == 40
    assert len(result["targets"]) == 32
    points = result["targets"][0]
    assert (points["comparator"], points["value"], points["unit"]) == (">=", 85, "points")
    payment = [t for t in result["targets"] if t.get("task_ref") == "7.3.4"]
    assert [(t["comparator"], t["value"]) for t in payment] == [("=", 100), ("=", 70), ("=", 30)]


def test_seed_003_rows_cut_by_page_breaks_are_merged(seed):
    result = seed("003")
    task = by_ref(result, "4.1")
    assert task["title"].endswith("nghiệp vụ đảm bảo hoàn thành 100% nhiệm vụ được giao")
    assert by_ref(result, "2.1.2")["requirement"].endswith("theo thẩm quyền")
    assert by_ref(result, "7.2.1")["coordinators"] == [
        "Cán bộ, công chức thuộc UBND xã", "Bộ phận một cửa xã",
    ]  # fmt: skip
    assert by_ref(result, "1.4")["due"] is None
    assert by_ref(result, "5.3")["due"] == "2024-12-31"
    assert by_ref(result, "8.1.1")["area"] == "impact"


def test_seed_004_task_appendix_and_targets_appendix(seed):
    result = seed("004")
    plan = result["plan"]
    assert (plan["number"], plan["issued_on"], plan["year"]) == ("3838/KH-UBND", "2023-12-28", 2024)
    assert len(result["legal_bases"]) == 5
    assert len(result["tasks"]) == 30
    assert len(result["targets"]) == 13
    first = by_ref(result, "1.1")
    assert first["products"] == [
        "Kế hoạch kiểm tra CCHC", "Quyết định thành lập Đoàn Kiểm tra",
        "Thông báo hoặc biên bản kiểm tra", "Báo cáo kết quả kiểm tra",
    ]  # fmt: skip
    assert (first["deadline"], first["due"], first["budget_million_vnd"]) == (
        "Quý II, III/2024", "2024-09-30", 20,
    )  # fmt: skip
    assert by_ref(result, "1.3")["due"] == "2024-03-31"
    assert by_ref(result, "2.1")["deadline"] == "Quý I/2023; Trước ngày 5/12/2024"
    assert by_ref(result, "2.1")["due"] == "2024-12-05"
    assert by_ref(result, "1.10")["due"] is None
    assert by_ref(result, "1.4")["coordinators"] == [
        "Các cơ quan, đơn vị thuộc UBND thị xã, UBND các xã phường"
    ]
    last = by_ref(result, "7.2")
    assert (last["area"], last["budget_million_vnd"]) == ("digital_government", 0)
    assert by_ref(result, "1.5")["products"] == [
        "Kế hoạch của Các cơ quan, đơn vị thuộc UBND thị xã, UBND các xã phường",
        "Báo cáo kết quả thực hiện",
    ]
