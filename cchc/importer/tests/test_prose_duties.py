"""Plans written as prose (issue 11, item 7): the expected lists below were written by reading
the seeds (001 §VI, 002 §IV, 004 Phụ lục 1), not copied from the importer's output."""

from collections import Counter

# Seed 001 §VI "TỔ CHỨC THỰC HIỆN": each office, and how many duties a reader lists under it
# (the opening sentence of office 1 is a duty; "+" lines belong to the bullet above them).
SEED_001_OFFICES = [
    ("Công chức văn phòng – thống kê (phụ trách Nội vụ)", 4),
    ("Công chức tư pháp – hộ tịch", 3),
    ("Công chức tài chính – kế toán", 2),
    ("Công chức văn hoá – xã hội (phụ trách VHTT-TDTT)", 2),
    ("Công an xã", 1),
    ("Phụ trách đài truyền thanh - QLNVH", 1),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã – các đoàn thể", 1),
]
# Seed 002 §IV "TỔ CHỨC THỰC HIỆN" (office 7's name is wrapped over two lines).
SEED_002_OFFICES = [
    ("Công chức Văn phòng - Thống kê phụ trách tại bộ phận “Một cửa”", 11),
    ("Công chức Văn phòng - Thống kê (phụ trách nội vụ)", 6),
    ("Công chức Tư pháp – Hộ tịch", 8),
    ("Công chức Địa chính- Xây dựng", 4),
    ("Công chức Tài chính – Kế toán", 2),
    ("Công chức Văn hóa – xã hội", 4),
    ("Công chức Văn hóa – xã hội (phụ trách lĩnh vực Lao động thương binh xã hội)", 4),
    ("Đài Truyền thanh Phường", 1),
    ("Mặt trận Tổ quốc và các đoàn thể", 1),
]


def _offices(result):
    return list(Counter(t["lead"][0] for t in result["tasks"]).items())


def test_seed_001_office_duties_become_tasks_led_by_their_office(seed):
    result = seed("001")
    assert _offices(result) == SEED_001_OFFICES
    assert all(t["from_prose"] and "from_prose" in t["flags"] for t in result["tasks"])
    assert all(len(t["lead"]) == 1 and t["due"] is None for t in result["tasks"])
    first = result["tasks"][0]
    assert first["title"].startswith("Tham mưu UBND xã chủ trì phối hợp")
    one_door = next(t for t in result["tasks"] if "một cửa liên thông" in t["title"])
    # the two "+" lines under it are part of that duty, not duties of their own
    assert "Tập trung thực hiện việc hướng dẫn" in one_door["title"]
    assert "lấy sự hài lòng" in one_door["title"]
    # the closing paragraph and the list of recipients are not duties
    assert not any("yêu cầu tất cả cán bộ" in t["title"] for t in result["tasks"])
    assert not any("Nơi nhận" in t["title"] for t in result["tasks"])
    assert any("14 nhiệm vụ được đọc từ văn bản" in w for w in result["warnings"])


def test_seed_002_office_duties_and_the_figure_inside_a_duty(seed):
    result = seed("002")
    assert _offices(result) == SEED_002_OFFICES
    assert len(result["tasks"]) == 41
    titles = [t["title"] for t in result["tasks"]]
    assert titles[0] == "Tham mưu UBND Phường ban hành Kế hoạch CCHC năm 2023."
    assert titles[-1].startswith("Phối hợp cùng đơn vị có liên quan trong công tác truyền thông")
    # "Thực hiện số hóa 100% hồ sơ đầu vào …" is office 1's duty and a target of 100 %
    [target] = result["targets"]
    assert (target["comparator"], target["value"], target["unit"]) == ("=", 100, "%")
    assert "số hóa 100% hồ sơ đầu vào" in target["text"]
    duty = next(t for t in result["tasks"] if t["ref"] == target["task_ref"])
    assert "số hóa 100% hồ sơ" in duty["title"]
    assert target["lead"] == duty["lead"] == [SEED_002_OFFICES[0][0]]
    assert any("41 nhiệm vụ được đọc từ văn bản" in w for w in result["warnings"])


def test_a_plan_with_a_task_table_gets_no_tasks_from_its_prose(seed):
    for prefix in ("000", "003", "004"):
        assert not any(t.get("from_prose") for t in seed(prefix)["tasks"])


# Seed 004 Phụ lục 1 "MỤC TIÊU, CHỈ TIÊU": the rows a reader finds no figure in.
SEED_004_QUALITATIVE = [
    ("1", "institutions"),
    ("2", "procedures"),
    ("9", "organisation"),
    ("10", "organisation"),
    ("12", "civil_service"),
    ("13", "public_finance"),
    ("16", "digital_government"),
    ("17", "digital_government"),
    ("19", "digital_government"),
]


def test_seed_004_objectives_without_a_figure_are_qualitative_targets(seed):
    result = seed("004")
    qualitative = result["qualitative_targets"]
    assert [(t["task_ref"], t["area"]) for t in qualitative] == SEED_004_QUALITATIVE
    assert all(t["comparator"] is None and t["value"] is None for t in qualitative)
    first = qualitative[0]
    assert first["text"].startswith("Tiếp tục rà soát hoàn thiện hệ thống thể chế")
    assert first["lead"] == ["Phòng Tư pháp thị xã"]
    # row 13 is cut by a page break; its text is whole
    row_13 = next(t for t in qualitative if t["task_ref"] == "13")
    assert "tự bảo đảm chi thường xuyên" in row_13["text"]
    # the 10 rows with a figure are still quantified targets, not qualitative ones
    assert not any(t["comparator"] is None for t in result["targets"])
    assert any("9 mục tiêu không nêu con số" in w for w in result["warnings"])


def test_seed_004_a_bulleted_product_cell_lists_each_product(seed):
    task = next(t for t in seed("004")["tasks"] if t["ref"] == "1.3")
    assert task["products"] == [
        "Quyết định phê duyệt Chỉ số CCHC năm 2023 của UBND thị xã",
        "Khen thưởng công tác CCHC năm 2023",
    ]


def test_tasks_due_before_the_plan_was_issued_are_flagged_and_warned(seed):
    # seed 000 is dated 08/03/2024; tasks 10 and 34 are due "Tháng 01 năm 2024"
    result = seed("000")
    early = [t["ref"] for t in result["tasks"] if "due_before_plan" in t["flags"]]
    assert early == ["10", "34"]
    assert "2 nhiệm vụ có hạn trước ngày ban hành kế hoạch (08/03/2024): 10, 34" in " ".join(
        result["warnings"]
    )
    # seed 004 is dated 28/12/2023; task 1.2 is due "Quý I/2023"
    later = seed("004")
    assert [t["ref"] for t in later["tasks"] if "due_before_plan" in t["flags"]] == ["1.2"]
    # a plan with no date (seed 003) warns nothing of the kind
    assert not any("trước ngày ban hành" in w for w in seed("003")["warnings"])
