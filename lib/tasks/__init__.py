"""Nhiệm vụ: the directives of the provincial People's Committee and the tasks they assign — document entry
(one form or an Excel import), the unit's progress and result reports, the Office's review, reassignment and
deadline changes, timeliness, the leader's overview, statistics and the official report forms, the public page.

Implements seed 001 (Quy chế theo dõi, đôn đốc việc thực hiện nhiệm vụ do UBND tỉnh giao), with Nghị định
30/2020/NĐ-CP for document numbers and types. Imports lib.core only, never another module."""
