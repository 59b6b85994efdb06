"""Demo units (real names and parents as of the seeds' years), their posts and the logins."""

from __future__ import annotations

import datetime as dt

from django.contrib.admin import site as admin_site
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from cchc.demo import DEMO_PASSWORD, DemoContext

from .choices import PostKind, Role, SuccessionKind, UnitKind
from .models import Membership, Post, Unit, UnitSuccession, User

# (code, name, kind, parent code)
UNITS = [
    ("tay-ninh", "Tỉnh Tây Ninh", UnitKind.PROVINCE, None),
    ("tp-tay-ninh", "Thành phố Tây Ninh", UnitKind.DISTRICT, "tay-ninh"),
    ("thanh-tan", "Xã Thạnh Tân", UnitKind.COMMUNE, "tp-tay-ninh"),
    ("phuong-2", "Phường 2", UnitKind.WARD, "tp-tay-ninh"),
    ("phuong-1", "Phường 1", UnitKind.WARD, "tp-tay-ninh"),
    ("phuong-3", "Phường 3", UnitKind.WARD, "tp-tay-ninh"),
    ("hiep-ninh", "Phường Hiệp Ninh", UnitKind.WARD, "tp-tay-ninh"),
    ("binh-minh", "Xã Bình Minh", UnitKind.COMMUNE, "tp-tay-ninh"),
    ("tan-binh", "Xã Tân Bình", UnitKind.COMMUNE, "tp-tay-ninh"),
    ("an-giang", "Tỉnh An Giang", UnitKind.PROVINCE, None),
    ("tan-chau", "Thị xã Tân Châu", UnitKind.DISTRICT, "an-giang"),
    ("long-an-xa", "Xã Long An", UnitKind.COMMUNE, "tan-chau"),
    ("thai-nguyen", "Tỉnh Thái Nguyên", UnitKind.PROVINCE, None),
    ("phu-binh", "Huyện Phú Bình", UnitKind.DISTRICT, "thai-nguyen"),
    ("tan-duc", "Xã Tân Đức", UnitKind.COMMUNE, "phu-binh"),
    ("long-an", "Tỉnh Long An", UnitKind.PROVINCE, None),
    ("kien-tuong", "Thị xã Kiến Tường", UnitKind.DISTRICT, "long-an"),
    ("kt-phuong-1", "Phường 1", UnitKind.WARD, "kien-tuong"),
    ("kt-phuong-2", "Phường 2", UnitKind.WARD, "kien-tuong"),
    ("kt-phuong-3", "Phường 3", UnitKind.WARD, "kien-tuong"),
    ("kt-binh-hiep", "Xã Bình Hiệp", UnitKind.COMMUNE, "kien-tuong"),
    ("kt-binh-tan", "Xã Bình Tân", UnitKind.COMMUNE, "kien-tuong"),
    ("kt-thanh-tri", "Xã Thạnh Trị", UnitKind.COMMUNE, "kien-tuong"),
    ("kt-thanh-hung", "Xã Thạnh Hưng", UnitKind.COMMUNE, "kien-tuong"),
    ("kt-tuyen-thanh", "Xã Tuyên Thạnh", UnitKind.COMMUNE, "kien-tuong"),
    ("kt-phuong-kien-tuong", "Phường Kiến Tường", UnitKind.WARD, "kien-tuong"),
]

# The 2025 reorganisation as the demo shows it (decisions 0140, 0147): Phường 1, 2 and 3 of
# Kiến Tường end on 30/06/2025 and their work passes to Phường Kiến Tường from 01/07/2025.
# Fixed dates (the reorganisation's own): the dossiers demo gives the old wards their months
# before the merger and the new ward those after it, whatever the day the demo is loaded.
# (successor code, in force from, predecessor codes, decision)
MERGERS = [
    (
        "kt-phuong-kien-tuong",
        dt.date(2025, 7, 1),
        ["kt-phuong-1", "kt-phuong-2", "kt-phuong-3"],
        "Nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025 (dữ liệu minh họa)",
    ),
]

# Agency e-ID codes one-stop systems export as MaDonVi (demo values, specs/demo.md).
EID_CODES = {
    "tay-ninh": "000.00.00.H55",
    "tp-tay-ninh": "000.00.31.H55",
    "thanh-tan": "000.31.35.H55",
    "phuong-2": "000.02.31.H55",
    "an-giang": "000.00.00.H01",
    "tan-chau": "000.00.12.H01",
    "long-an-xa": "000.07.12.H01",
    "thai-nguyen": "000.00.00.H54",
    "phu-binh": "000.00.09.H54",
    "tan-duc": "000.14.09.H54",
    "long-an": "000.00.00.H39",
    "kien-tuong": "000.00.04.H39",
}

# Posts of a commune or ward, with the other ways plans write them.
COMMUNE_POSTS = [
    ("Văn phòng – Thống kê", PostKind.POST, ["VP-TK", "Văn phòng HĐND và UBND", "Văn phòng UBND"]),
    ("Tư pháp – Hộ tịch", PostKind.POST, ["TP-HT", "Tư pháp"]),
    ("Tài chính – Kế toán", PostKind.POST, ["TC-KT", "Kế toán"]),
    ("Địa chính – Xây dựng", PostKind.POST, ["ĐC-XD", "Địa chính"]),
    ("Văn hóa – Xã hội", PostKind.POST, ["VH-XH", "Văn hóa và Thông tin"]),
    ("Bộ phận Một cửa", PostKind.OFFICE, ["Bộ phận Tiếp nhận và Trả kết quả", "Một cửa"]),
    ("Công an xã", PostKind.OFFICE, ["Công an"]),
]
DISTRICT_POSTS = [
    ("Phòng Nội vụ", PostKind.OFFICE, ["Nội vụ"]),
    ("Phòng Tư pháp", PostKind.OFFICE, []),
    ("Phòng Tài chính – Kế hoạch", PostKind.OFFICE, ["Tài chính - Kế hoạch"]),
    ("Phòng Văn hóa và Thông tin", PostKind.OFFICE, ["Văn hóa - Thông tin"]),
    ("Văn phòng HĐND và UBND", PostKind.OFFICE, ["Văn phòng HĐND - UBND"]),
]

PROVINCE_POSTS = [
    ("Sở Nội vụ", PostKind.OFFICE, ["Nội vụ", "SNV"]),
    ("Văn phòng UBND tỉnh", PostKind.OFFICE, ["Văn phòng UBND"]),
]

# (username, full name, unit code, role, post name, who, scope) — as in specs/demo.md.
LOGINS = [
    (
        "thanhtan",
        "Nguyễn Thị Lan",
        "thanh-tan",
        Role.FOCAL_POINT,
        "Văn phòng – Thống kê",
        "Đầu mối CCHC, Xã Thạnh Tân",
        "Xã Thạnh Tân",
    ),
    (
        "thanhtan.tuphap",
        "Trần Văn Minh",
        "thanh-tan",
        Role.OFFICIAL,
        "Tư pháp – Hộ tịch",
        "Công chức Tư pháp – Hộ tịch, Xã Thạnh Tân",
        "việc của mình tại Xã Thạnh Tân",
    ),
    (
        "thanhtan.chutich",
        "Lê Văn Hùng",
        "thanh-tan",
        Role.LEADER,
        None,
        "Chủ tịch UBND Xã Thạnh Tân",
        "Xã Thạnh Tân (xem, phê duyệt)",
    ),
    (
        "phuong2",
        "Phạm Thị Hoa",
        "phuong-2",
        Role.FOCAL_POINT,
        "Văn phòng – Thống kê",
        "Đầu mối CCHC, Phường 2",
        "Phường 2",
    ),
    (
        "noivu.tayninh",
        "Võ Thanh Tùng",
        "tp-tay-ninh",
        Role.REVIEWER,
        "Phòng Nội vụ",
        "Phòng Nội vụ, Thành phố Tây Ninh",
        "Thành phố Tây Ninh và các xã, phường (xem, thẩm định)",
    ),
    (
        "sonoivu.tayninh",
        "Đặng Minh Quân",
        "tay-ninh",
        Role.REVIEWER,
        "Sở Nội vụ",
        "Sở Nội vụ, Tỉnh Tây Ninh",
        "Tỉnh Tây Ninh và các đơn vị trực thuộc (xem, thẩm định)",
    ),
    (
        "longan",
        "Huỳnh Văn Phúc",
        "long-an-xa",
        Role.FOCAL_POINT,
        "Văn phòng – Thống kê",
        "Đầu mối CCHC, Xã Long An",
        "Xã Long An",
    ),
    (
        "tanduc",
        "Dương Thị Mai",
        "tan-duc",
        Role.FOCAL_POINT,
        "Văn phòng – Thống kê",
        "Đầu mối CCHC, Xã Tân Đức",
        "Xã Tân Đức",
    ),
    (
        "kientuong",
        "Nguyễn Văn Bình",
        "kien-tuong",
        Role.REVIEWER,
        "Phòng Nội vụ",
        "Phòng Nội vụ, Thị xã Kiến Tường",
        "Thị xã Kiến Tường và các đơn vị trực thuộc",
    ),
    (
        "phuongkientuong",
        "Lâm Thị Thu",
        "kt-phuong-kien-tuong",
        Role.FOCAL_POINT,
        "Văn phòng – Thống kê",
        "Đầu mối CCHC, Phường Kiến Tường (sáp nhập Phường 1, 2, 3 từ 01/07/2025)",
        "Phường Kiến Tường và Phường 1, 2, 3 trước sáp nhập",
    ),
]


# The district and province home-affairs offices (Phòng, Sở Nội vụ) look after their units'
# set-up: they open the admin and see the units, posts, people and roles of their scope there,
# read-only (their role is the reviewer's: changing needs an administrator's, decision 0180).
STAFF = ("noivu.tayninh", "kientuong", "sonoivu.tayninh")
STAFF_GROUP = "Nội vụ: xem trang quản trị"


def _staff_group() -> Group:
    """A group allowed to view every admin table held by units (the admin's rule keeps each
    member to their scope); global configuration stays a superuser's."""
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    scoped = [
        m
        for m, page in admin_site._registry.items()
        if getattr(page, "unit_field", None) is not None
    ]
    kinds = ContentType.objects.get_for_models(*scoped)
    group.permissions.set(
        Permission.objects.filter(
            content_type__in=kinds.values(),
            codename__in=[f"view_{m._meta.model_name}" for m in scoped],
        )
    )
    return group


def _posts_for(unit: Unit) -> list:
    if unit.kind == UnitKind.PROVINCE:
        return PROVINCE_POSTS
    if unit.kind == UnitKind.DISTRICT:
        return DISTRICT_POSTS
    if unit.is_commune_level:
        return COMMUNE_POSTS
    return []


def _merge(ctx: DemoContext) -> None:
    """Record the demo's mergers as an administrator does after the resolution: each old unit
    ends the day before, the new one starts that day, one succession link per old unit.
    Idempotent, and a demo loaded before the merger was shown gets it on its next run."""
    for successor_code, since, predecessor_codes, decision in MERGERS:
        successor = ctx.units[successor_code]
        if successor.valid_from is None:
            successor.valid_from = since
            successor.save(update_fields=["valid_from"])
        for code in predecessor_codes:
            old = ctx.units[code]
            if old.valid_to is None:
                old.valid_to = since - dt.timedelta(days=1)
                old.save(update_fields=["valid_to"])
            UnitSuccession.objects.get_or_create(
                predecessor=old,
                successor=successor,
                defaults={
                    "kind": SuccessionKind.MERGE,
                    "effective_on": since,
                    "decision": decision,
                },
            )


def load(ctx: DemoContext) -> None:
    for code, name, kind, parent_code in UNITS:
        unit, _created = Unit.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "parent": ctx.units.get(parent_code),
                "eid_code": EID_CODES.get(code, ""),
            },
        )
        if not unit.eid_code and code in EID_CODES:  # a demo loaded before e-ID codes
            unit.eid_code = EID_CODES[code]
            unit.save(update_fields=["eid_code"])
        ctx.units[code] = unit
        for order, (post_name, post_kind, aliases) in enumerate(_posts_for(unit)):
            Post.objects.get_or_create(
                unit=unit,
                name=post_name,
                defaults={"kind": post_kind, "aliases": "\n".join(aliases), "order": order},
            )
    _merge(ctx)

    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin", "admin@example.invalid", DEMO_PASSWORD, full_name="Quản trị hệ thống"
        )
    ctx.users["admin"] = admin
    ctx.logins.append(("admin", "Quản trị hệ thống", "toàn bộ"))

    group = None
    for username, full_name, unit_code, role, post_name, who, scope in LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, f"{username}@example.invalid", DEMO_PASSWORD, full_name=full_name
            )
        unit = ctx.units[unit_code]
        post = Post.objects.filter(unit=unit, name=post_name).first() if post_name else None
        Membership.objects.get_or_create(user=user, unit=unit, role=role, defaults={"post": post})
        if username in STAFF:
            group = group or _staff_group()
            if not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            user.groups.add(group)
        ctx.users[username] = user
        ctx.logins.append((username, who, scope))
    ctx.say(f"Đơn vị: {Unit.objects.count()}, người dùng: {User.objects.count()}")
