"""The rules of a project's record that need no database: the group of Luật Đầu tư công 58/2024/QH15 (art. 7–10) and
the entry deadlines of seed 000 in working days — art. 9.1 «Trong thời gian 10 ngày làm việc, kể từ ngày bắt đầu lập
chủ trương đầu tư dự án, cơ quan, đơn vị có thẩm quyền quản lý có trách nhiệm khởi tạo thông tin dự án» and art. 7.2
«chậm nhất 05 ngày làm việc kể từ ngày thay đổi thông tin trong thực tế» — across Tết 2026 and make-up Saturdays."""
from __future__ import annotations

from datetime import date as D

import pytest

from lib.core.calendar import Overrides, WorkCalendar
from lib.projects.enums import ProjectField as F, ProjectGroup as G
from lib.projects.rules import BILLION, GroupThresholds, entry_lateness, expected_group, explain_entry, group_mismatch

LAW_2024 = GroupThresholds(30000, {1: 4600, 2: 3000, 3: 2000, 4: 1400}, {1: 240, 2: 160, 3: 120, 4: 90})


@pytest.mark.parametrize("field, billions, group, article", [
    (F.TRANSPORT_ENERGY, 30000, G.NATIONAL, "Điều 7 khoản 1"),
    (F.SOCIAL, 45000, G.NATIONAL, "Điều 7 khoản 1"),
    (F.TRANSPORT_ENERGY, 29999, G.A, "Điều 8 khoản 2"),
    (F.TRANSPORT_ENERGY, 4600, G.A, "Điều 8 khoản 2"),
    (F.TRANSPORT_ENERGY, 4599, G.B, "Điều 9 khoản 1"),
    (F.TRANSPORT_ENERGY, 240, G.B, "Điều 9 khoản 1"),
    (F.TRANSPORT_ENERGY, 239, G.C, "Điều 10 khoản 1"),
    (F.INFRASTRUCTURE, 3000, G.A, "Điều 8 khoản 3"),
    (F.INFRASTRUCTURE, 160, G.B, "Điều 9 khoản 2"),
    (F.INFRASTRUCTURE, 159, G.C, "Điều 10 khoản 2"),
    (F.AGRICULTURE, 2000, G.A, "Điều 8 khoản 4"),
    (F.AGRICULTURE, 1999, G.B, "Điều 9 khoản 3"),
    (F.AGRICULTURE, 119, G.C, "Điều 10 khoản 3"),
    (F.SOCIAL, 1400, G.A, "Điều 8 khoản 5"),
    (F.SOCIAL, 90, G.B, "Điều 9 khoản 4"),
    (F.SOCIAL, 89, G.C, "Điều 10 khoản 4"),
])
def test_the_group_follows_the_total_investment_and_the_field(field, billions, group, article):
    rule = expected_group(LAW_2024, field, billions * BILLION)
    assert rule.group == group
    assert rule.article == f"Luật Đầu tư công số 58/2024/QH15, {article}"


def test_one_dong_below_a_threshold_is_the_lower_group():
    assert expected_group(LAW_2024, F.SOCIAL, 90 * BILLION - 1).group == G.C
    assert expected_group(LAW_2024, F.SOCIAL, 90 * BILLION).group == G.B


def test_an_inconsistent_group_is_explained_with_the_threshold_and_the_article():
    message = group_mismatch(LAW_2024, F.SOCIAL, 250 * BILLION, G.C)
    assert message == ("Nhóm dự án không phù hợp với tổng mức đầu tư: dự án lĩnh vực loại 4 có tổng mức đầu tư "
                       "250 tỷ đồng, từ 90 tỷ đồng đến dưới 1.400 tỷ đồng, nên là Dự án nhóm B theo Luật Đầu tư công "
                       "số 58/2024/QH15, Điều 9 khoản 4; đã chọn Dự án nhóm C.")
    assert group_mismatch(LAW_2024, F.SOCIAL, 250 * BILLION, G.B) is None


def test_changed_thresholds_change_the_group():
    """The thresholds are settings: a province that keeps the old Law 39/2019 figures (group C below 45 tỷ in the
    social field) classifies 60 tỷ as group B."""
    old_law = GroupThresholds(10000, {1: 2300, 2: 1500, 3: 1000, 4: 700}, {1: 120, 2: 80, 3: 60, 4: 45})
    assert expected_group(old_law, F.SOCIAL, 60 * BILLION).group == G.B
    assert expected_group(LAW_2024, F.SOCIAL, 60 * BILLION).group == G.C


NATIONAL = WorkCalendar()
# A province's make-up Saturday after Tết (an administrator's override, lib/core/services/calendar_admin.py).
MAKE_UP = WorkCalendar(Overrides(working_days=frozenset({D(2026, 2, 28)})))


@pytest.mark.parametrize("case, calendar, start, days, entered, due, late", [
    # art. 9.1, 10 working days from the start of the investment-policy preparation
    ("new-plain-march", NATIONAL, D(2026, 3, 2), 10, D(2026, 3, 16), D(2026, 3, 16), 0),
    ("new-plain-one-day-late", NATIONAL, D(2026, 3, 2), 10, D(2026, 3, 17), D(2026, 3, 16), 1),
    ("new-across-tet-on-time", NATIONAL, D(2026, 2, 6), 10, D(2026, 2, 27), D(2026, 2, 27), 0),
    ("new-across-tet-late", NATIONAL, D(2026, 2, 6), 10, D(2026, 3, 3), D(2026, 2, 27), 2),
    ("new-start-friday-before-tet", NATIONAL, D(2026, 2, 13), 10, D(2026, 3, 9), D(2026, 3, 6), 1),
    ("new-entered-during-tet-early", NATIONAL, D(2026, 2, 6), 10, D(2026, 2, 18), D(2026, 2, 27), 0),
    ("new-tet-with-make-up-saturday", MAKE_UP, D(2026, 2, 6), 10, D(2026, 2, 27), D(2026, 2, 27), 0),
    ("new-make-up-saturday-counts-late", MAKE_UP, D(2026, 2, 6), 10, D(2026, 3, 3), D(2026, 2, 27), 3),
    ("new-entered-on-sunday-after-due", NATIONAL, D(2026, 3, 2), 10, D(2026, 3, 22), D(2026, 3, 16), 5),
    # art. 7.2, 5 working days from the day the change took effect
    ("change-plain", NATIONAL, D(2026, 3, 4), 5, D(2026, 3, 11), D(2026, 3, 11), 0),
    ("change-across-tet-on-time", NATIONAL, D(2026, 2, 12), 5, D(2026, 2, 26), D(2026, 2, 26), 0),
    ("change-across-tet-late", NATIONAL, D(2026, 2, 12), 5, D(2026, 2, 27), D(2026, 2, 26), 1),
    ("change-during-tet", NATIONAL, D(2026, 2, 17), 5, D(2026, 3, 2), D(2026, 2, 27), 1),
    ("change-make-up-saturday-shortens", MAKE_UP, D(2026, 2, 24), 5, D(2026, 3, 2), D(2026, 3, 2), 0),
    ("change-make-up-saturday-is-day-3", MAKE_UP, D(2026, 2, 25), 5, D(2026, 3, 4), D(2026, 3, 3), 1),
    ("change-package-swapped-saturday", NATIONAL, D(2026, 8, 19), 5, D(2026, 8, 26), D(2026, 8, 25), 1),
    ("change-national-day-2026", NATIONAL, D(2026, 8, 26), 5, D(2026, 9, 9), D(2026, 9, 7), 2),
])
def test_entry_lateness_in_working_days(case, calendar, start, days, entered, due, late):
    lateness = entry_lateness(calendar, start, days, entered)
    assert (lateness.due, lateness.late_days) == (due, late), case


def test_the_arithmetic_names_the_days_skipped_and_the_make_up_saturday():
    lateness = entry_lateness(MAKE_UP, D(2026, 2, 6), 10, D(2026, 3, 3))
    assert explain_entry(MAKE_UP, lateness, "Bắt đầu lập chủ trương đầu tư", "khởi tạo") == (
        "Bắt đầu lập chủ trương đầu tư 06/02/2026 + 10 ngày làm việc → hạn khởi tạo 27/02/2026 (không tính "
        "16/02/2026–20/02/2026 (Tết Nguyên Đán); tính cả ngày làm bù thứ Bảy 28/02/2026); khởi tạo 03/03/2026: chậm "
        "3 ngày làm việc")


def test_the_arithmetic_of_an_entry_on_time_says_so():
    lateness = entry_lateness(NATIONAL, D(2026, 3, 4), 5, D(2026, 3, 10))
    assert explain_entry(NATIONAL, lateness, "Thay đổi có hiệu lực") == (
        "Thay đổi có hiệu lực 04/03/2026 + 5 ngày làm việc → hạn cập nhật 11/03/2026; cập nhật 10/03/2026: đúng hạn")
