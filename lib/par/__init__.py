"""Chỉ số CCHC: the yearly administrative-reform index (PAR Index) — the criteria catalogue by unit group, rounds,
each unit's self-assessment with evidence, appraisal by the working group, the council's approval, other score
components (surveys), results, ranking and publication.

Implements seed 004 (Quy chế xác định Chỉ số cải cách hành chính). Imports lib.core only, never another module."""
