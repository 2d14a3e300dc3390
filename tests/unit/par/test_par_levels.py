"""Chỉ số CCHC: communes are appraised by the team of the level above them (seed 004 art. 7.5), and the public
page sees approved results only."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from lib.par.enums import ParUnitGroup
from lib.core.enums import Role
from lib.core.errors import NotFound
from lib.par import assessments as par_assessments, results as par_results, rounds as par_rounds
from tests.unit.par_helpers import (ADMIN, act, appraise_field, assessment_of, criterion_ids, entries, load_tree,
                                    local_hierarchy, make_round, new_account, run_to_final, self_assess)


@pytest.fixture
def district_round(demo_db, actors, unit_ids):
    """A round with a commune under a district, a commune directly under the province, and a district assessor
    assigned to both fields (beside the province's)."""
    load_tree(demo_db, group=ParUnitGroup.COMMUNE)
    levels = local_hierarchy(demo_db, actors)
    district_assessor = new_account(demo_db, actors, "tgv.hthu", levels["H-THU"], Role.PAR_ASSESSOR)
    round_id = make_round(demo_db, actors, [levels["X-THU"], unit_ids["X-LAPVO"]],
                          assessors={"1": ["tgv.snv", district_assessor], "2": ["tgv.snv", district_assessor]})
    ids = criterion_ids(demo_db, group=ParUnitGroup.COMMUNE)
    below = assessment_of(demo_db, round_id, levels["X-THU"])
    elsewhere = assessment_of(demo_db, round_id, unit_ids["X-LAPVO"])
    self_assess(demo_db, levels["commune"], below, ids)
    self_assess(demo_db, actors[ADMIN], elsewhere, ids)
    return {"assessor": district_assessor, "below": below, "elsewhere": elsewhere, "round": round_id}


def test_a_district_assessor_appraises_the_communes_below_it_only(demo_db, actors, district_round):
    assessor = district_round["assessor"]
    queue = act(demo_db, par_assessments.appraisal_queue, assessor)
    assert {row.assessment_id for row in queue} == {district_round["below"]}
    view = act(demo_db, par_assessments.view, assessor, district_round["below"])
    assert all(f.can_appraise for f in view.fields)
    with pytest.raises(NotFound):
        act(demo_db, par_assessments.view, assessor, district_round["elsewhere"])


def test_the_province_team_does_not_reach_a_commune_its_district_appraises(demo_db, actors, district_round):
    """Seed 004 art. 7.5: the commune's team and council are the district's; the province's team appraises the
    commune directly under the province, not the one under a district (issue 8 item 11)."""
    queue = act(demo_db, par_assessments.appraisal_queue, actors["tgv.snv"])
    assert district_round["elsewhere"] in {row.assessment_id for row in queue}
    assert district_round["below"] not in {row.assessment_id for row in queue}
    seen = act(demo_db, par_assessments.view, actors["tgv.snv"], district_round["elsewhere"])
    assert all(f.can_appraise for f in seen.fields)
    with pytest.raises(NotFound):
        act(demo_db, par_assessments.view, actors["tgv.snv"], district_round["below"])


def test_no_one_appraises_their_own_unit(demo_db, actors, unit_ids):
    """A district's assessor does not appraise the district itself, nor Sở Nội vụ's assessor Sở Nội vụ (issue 8
    item 11); the province's team appraises the district."""
    load_tree(demo_db, group=ParUnitGroup.DEPARTMENT)
    load_tree(demo_db, group=ParUnitGroup.DISTRICT)
    load_tree(demo_db, group=ParUnitGroup.COMMUNE)
    levels = local_hierarchy(demo_db, actors)
    district_assessor = new_account(demo_db, actors, "tgv.hthu", levels["H-THU"], Role.PAR_ASSESSOR)
    round_id = make_round(demo_db, actors, [levels["H-THU"], levels["X-THU"], unit_ids["SNV"]],
                          assessors={"1": ["tgv.snv", district_assessor], "2": ["tgv.snv", district_assessor]})
    district = assessment_of(demo_db, round_id, levels["H-THU"])
    commune = assessment_of(demo_db, round_id, levels["X-THU"])
    own = assessment_of(demo_db, round_id, unit_ids["SNV"])
    self_assess(demo_db, levels["district"], district, criterion_ids(demo_db, group=ParUnitGroup.DISTRICT))
    self_assess(demo_db, levels["commune"], commune, criterion_ids(demo_db, group=ParUnitGroup.COMMUNE))
    self_assess(demo_db, actors[ADMIN], own, criterion_ids(demo_db))
    members = (("district", district_assessor), ("province", actors["tgv.snv"]))
    queues = {who: {row.assessment_id for row in act(demo_db, par_assessments.appraisal_queue, actor)}
              & {district, commune, own} for who, actor in members}
    assert queues == {"district": {commune}, "province": {district}}
    with pytest.raises(NotFound):
        act(demo_db, par_assessments.view, district_assessor, district)
    with pytest.raises(NotFound):  # Sở Nội vụ's assessor, a member of the round, does not reach Sở Nội vụ
        act(demo_db, par_assessments.save_appraisal, actors["tgv.snv"], own,
            entries(criterion_ids(demo_db), {"1.1": "10"}))


def test_the_public_sees_only_approved_units_and_no_self_or_appraised_scores(demo_db, actors, unit_ids):
    load_tree(demo_db)
    round_id = make_round(demo_db, actors, [unit_ids["SXD"], unit_ids["STC"]])
    ids = criterion_ids(demo_db)
    done = assessment_of(demo_db, round_id, unit_ids["SXD"])
    run_to_final(demo_db, actors, done, ids, appraised={"2.1": "25"})
    self_assess(demo_db, actors[ADMIN], assessment_of(demo_db, round_id, unit_ids["STC"]), ids)
    act(demo_db, par_rounds.publish, actors[ADMIN], round_id, to_leaders=True, to_public=True)

    public = act(demo_db, par_results.results, None, round_id)
    assert list(public.table["unit_id"]) == [unit_ids["SXD"]]
    row = public.table.iloc[0]
    assert row["self"] is None and row["appraised"] is None
    assert str(row["total"]) == "95.00" and row["rank"] == 1
    assert public.fields.empty
    inside = act(demo_db, par_results.results, actors[ADMIN], round_id)
    assert set(inside.table["unit_id"]) == {unit_ids["SXD"], unit_ids["STC"]}



def test_the_unit_sees_the_appraised_scores_only_once_the_field_is_finished(demo_db, actors, unit_ids):
    load_tree(demo_db)
    round_id = make_round(demo_db, actors, [unit_ids["SXD"]])
    ids = criterion_ids(demo_db)
    assessment = assessment_of(demo_db, round_id, unit_ids["SXD"])
    self_assess(demo_db, actors["capnhat.sxd"], assessment, ids)
    appraise_field(demo_db, actors["tgv.snv"], assessment, ids, "1", {"1.1": "8", "1.2": "20", "1.3.1": "5",
                                                                      "1.3.2": "10"}, finish=False)

    def field_one(username: str):  # noqa: ANN202
        view = act(demo_db, par_assessments.view, actors[username], assessment)
        return next(f for f in view.fields if f.code == "1")

    assert {r.code: r.appraised_score for r in field_one("tgv.snv").rows if r.scored}["1.1"] == 8
    assert all(r.appraised_score is None and r.appraisal_comment == "" for r in field_one("capnhat.sxd").rows)
    act(demo_db, par_assessments.finish_field, actors["tgv.snv"], assessment, ids["1"])
    assert {r.code: r.appraised_score for r in field_one("capnhat.sxd").rows if r.scored}["1.1"] == 8


def test_the_home_page_lists_the_par_work_waiting_for_each_role(demo_db, actors, unit_ids):
    from lib import home

    def counts(username: str) -> dict[str, int]:
        return {i.label: i.count for i in act(demo_db, home.par_actions, actors[username])}

    # the demo's open round: Sở Xây dựng has not submitted; Sở Giáo dục và Đào tạo has a request open
    assert counts("capnhat.sxd") == {"Hồ sơ Chỉ số CCHC chưa nộp": 1}
    queue = act(demo_db, par_assessments.appraisal_queue, actors["tgv.snv"])
    assert counts("tgv.snv") == {"Lĩnh vực CCHC chờ thẩm định": len(queue)} and queue
    council = act(demo_db, par_assessments.council_queue, actors["hoidong.snv"])
    assert counts("hoidong.snv") == {"Lĩnh vực CCHC chờ phê duyệt": len(council)} and council
    assert counts("lanhdao") == {}

    load_tree(demo_db)
    round_id = make_round(demo_db, actors, [unit_ids["SXD"]])
    ids = criterion_ids(demo_db)
    assessment = assessment_of(demo_db, round_id, unit_ids["SXD"])
    self_assess(demo_db, actors["capnhat.sxd"], assessment, ids)
    act(demo_db, par_assessments.request_evidence, actors["tgv.snv"], assessment, [ids["1.1"]],
        date.today() + timedelta(days=3))
    assert counts("capnhat.sxd") == {"Hồ sơ Chỉ số CCHC chưa nộp": 1, "Yêu cầu bổ sung tài liệu CCHC": 1}
