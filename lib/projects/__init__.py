"""Dự án đầu tư công: public-investment projects — each project's record («Cấu hình thông tin»: code, name, field,
group checked against the total investment, deciding level, investor, locations, capital sources, phase dates,
status), the approving documents behind its values, the approved changes with their history, and the lateness
of every entry in working days; process templates and each project's steps with their planned dates; later step
reports, disbursement and the boards.

Implements seed 000 (Quy chế quản lý vận hành phần mềm Quản lý tiến độ dự án, QĐ 561/QĐ-UBND-HC, art. 4–11), with
the group thresholds of Luật Đầu tư công 58/2024/QH15. Imports lib.core only, never another module."""
