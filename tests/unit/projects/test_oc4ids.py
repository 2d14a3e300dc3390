"""Open data (issue 10 item 11): the demo portfolio's published projects exported as an OC4IDS 0.9.5 project package
that validates against the standard's schema (jsonschema) with every code in its codelist; nothing of an
unpublished project is exported; the CLI writes the same package."""
from __future__ import annotations

import io
import json
from datetime import date as D, datetime

import pytest
import sqlalchemy as sa

from lib.core.calendar import LOCAL_TZ
from lib.core.db import session_scope
from lib.projects import oc4ids, photos, process, settlement
from lib.projects.enums import CapitalPlanKind, CapitalSource, ProjectField, ProjectPhase, ProjectStatus
from lib.projects.finance_models import CapitalPlanLine, Disbursement, ProjectMonthlyProgress
from lib.projects.models import Project, ProjectLocation, ProjectStep
from lib.projects.records import Upload

NOW = datetime(2026, 6, 25, 9, 0, tzinfo=LOCAL_TZ)
TY = 1_000_000_000


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def portfolio(demo_db, actors):  # noqa: ANN001, ANN201
    """The demo's projects, one of them rich (steps, plans, disbursements, progress, photo, settlement,
    coordinates) and one unpublished."""
    sxd = actors["capnhat.sxd"]
    with session_scope(demo_db) as s:
        rich = s.scalar(sa.select(Project).where(Project.code == "DT-2024-001"))
        for model in (CapitalPlanLine, Disbursement, ProjectMonthlyProgress):   # this test's own figures only
            s.execute(sa.delete(model).where(model.project_id == rich.id))
        template_id = process.propose_template(s, sxd, rich.id)
        process.apply_template(s, sxd, rich.id, template_id, D(2025, 1, 6))
        first = s.scalar(sa.select(ProjectStep).where(ProjectStep.project_id == rich.id)
                         .order_by(ProjectStep.position))
        first.actual_start, first.actual_end = D(2025, 1, 6), D(2025, 1, 20)
        location = s.scalar(sa.select(ProjectLocation).where(ProjectLocation.project_id == rich.id))
        location.latitude, location.longitude = 10.4603, 105.6325
        for year, source, amount in ((2025, CapitalSource.CENTRAL_BUDGET, 40 * TY),
                                     (2025, CapitalSource.PROVINCE_BUDGET, 20 * TY),
                                     (2026, CapitalSource.CENTRAL_BUDGET, 50 * TY)):
            s.add(CapitalPlanLine(project_id=rich.id, year=year, source=source, kind=CapitalPlanKind.ALLOCATED,
                                  amount=amount))
        for month in (3, 4):
            s.add(Disbursement(project_id=rich.id, year=2026, month=month, source=CapitalSource.CENTRAL_BUDGET,
                               amount=5 * TY, treasury_confirmed_on=D(2026, month, 25),
                               entry_due_on=D(2026, month, 28)))
            s.add(ProjectMonthlyProgress(project_id=rich.id, year=2026, month=month, physical_percent=10.0 * month))
        hidden = s.scalar(sa.select(Project).where(Project.code == "DT-2025-002"))
        hidden.published = False
        rich_id, hidden_id = rich.id, hidden.id
    with session_scope(demo_db) as s:
        photos.add_photo(s, sxd, rich_id, Upload("cong-truong.png", _png()), "Công trường tháng 4", D(2026, 4, 20),
                         now=NOW)
        settlement.save_settlement(s, sxd, rich_id, None, settlement.SettlementInput(
            D(2026, 5, 4), final_value=190 * TY, actual_end=D(2026, 5, 4),
            difference_reasons="Tiết kiệm sau đấu thầu"), now=NOW)
    return rich_id, hidden_id


def test_the_published_demo_portfolio_validates_against_the_schema_and_its_codelists(demo_db, portfolio):
    rich_id, _ = portfolio
    with session_scope(demo_db) as s:
        package = oc4ids.build_package(s, NOW)
        published = set(s.scalars(sa.select(Project.code).where(Project.published.is_(True))))
    assert oc4ids.validate_package(package) == []
    assert package["version"] == "0.9" and package["publishedDate"].startswith("2026-06-25T09:00:00+07:00")
    codes = {p["identifiers"][0]["id"] for p in package["projects"]}
    assert codes == published and len(codes) >= 7
    rich = next(p for p in package["projects"] if p["identifiers"][0]["id"] == "DT-2024-001")
    assert rich["id"] == "oc4ids-dtdt01-DT-2024-001"
    assert rich["budget"]["amount"] == {"amount": 196 * TY, "currency": "VND"}
    by_id = {b["id"]: b for b in rich["budget"]["budgetBreakdowns"]}
    assert {b["id"] for b in by_id["nguon-von"]["budgetBreakdown"]} == {"central_budget", "province_budget"}
    assert [b["id"] for b in by_id["ke-hoach-von"]["budgetBreakdown"]] == [
        "2025-central_budget", "2025-province_budget", "2026-central_budget"]
    assert rich["parties"][0]["roles"] == ["publicAuthority", "buyer"]
    assert any(p["roles"] == ["reviewBody"] for p in rich["parties"])
    assert {"type": "Point", "coordinates": [105.6325, 10.4603]} in [loc.get("geometry") for loc in rich["locations"]]
    milestones = rich["milestones"]
    assert milestones[0]["status"] == "met" and milestones[0]["dateMet"].startswith("2025-01-20")
    assert {m["status"] for m in milestones} <= {"met", "notMet", "scheduled"} and len(milestones) > 3
    metrics = {m["id"]: m for m in rich["metrics"]}
    assert [o["measure"] for o in metrics["physicalProgress"]["observations"]] == [30.0, 40.0]
    assert [o["value"]["amount"] for o in metrics["financialProgress"]["observations"]] == [5 * TY, 10 * TY]
    assert metrics["financialProgress"]["observations"][1]["measure"] == round(100 * 10 / 196, 2)
    assert rich["completion"]["finalValue"] == {"amount": 190 * TY, "currency": "VND"}
    assert rich["completion"]["finalValueDetails"] == "Tiết kiệm sau đấu thầu"
    assert "illustration" in {d["documentType"] for d in rich["documents"]}
    assert rich["status"] == "implementation" and rich["sector"] == ["transport.road"]


def test_unpublished_and_private_projects_are_absent_everywhere(demo_db, portfolio):
    _, hidden_id = portfolio
    with session_scope(demo_db) as s:
        text = oc4ids.export_json(s, NOW).decode("utf-8")
        hidden = s.get(Project, hidden_id)
        private = s.scalar(sa.select(Project).where(Project.code == "TN-2025-001"))
        assert oc4ids.build_package(s, NOW, [hidden_id])["projects"] == []
    for project in (hidden, private):
        assert project.code not in text and project.name not in text
    assert "Sen Hồng" not in text


def test_a_wrong_code_is_caught_by_the_schema_or_the_codelist_check(demo_db, portfolio):
    with session_scope(demo_db) as s:
        package = oc4ids.build_package(s, NOW)
    project = package["projects"][0]
    project["status"] = "paused"                                   # closed codelist: the schema refuses it
    project["sector"] = ["roads"]                                  # open codelist: only the CSV check finds it
    project["documents"] = [{"id": "d1", "documentType": "decision"}]
    errors = oc4ids.validate_package(package)
    assert any("status" in e for e in errors)
    assert any("«roads» không có trong projectSector.csv" in e for e in errors)
    assert any("«decision» không có trong documentType.csv" in e for e in errors)


@pytest.mark.parametrize("status, phase, code", [
    (ProjectStatus.ACTIVE, ProjectPhase.PREPARATION, "preparation"),
    (ProjectStatus.ACTIVE, ProjectPhase.IMPLEMENTATION, "implementation"),
    (ProjectStatus.PAUSED, ProjectPhase.IMPLEMENTATION, "implementation"),
    (ProjectStatus.ACTIVE, ProjectPhase.CLOSING, "completion"),
    (ProjectStatus.COMPLETED, ProjectPhase.CLOSING, "completion"),
    (ProjectStatus.CANCELLED, ProjectPhase.PREPARATION, "cancelled"),
])
def test_status_and_phase_map_to_the_project_status_codelist(status, phase, code):
    assert oc4ids.project_status(status, phase) == code
    assert code in oc4ids.codelist("projectStatus.csv")


def test_every_field_and_sector_word_maps_into_the_sector_codelist():
    allowed = oc4ids.codelist("projectSector.csv")
    assert set(oc4ids.SECTOR_BY_FIELD.values()) <= allowed
    assert {sector for _, sector in oc4ids.SECTOR_BY_WORD} <= allowed
    assert oc4ids.sectors(ProjectField.SOCIAL, "Xây dựng Bệnh viện Đa khoa khu vực Hồng Ngự") == ["health"]
    assert oc4ids.sectors(ProjectField.AGRICULTURE, "Nâng cấp đê bao chống lũ") == ["naturalResources.floodProtection"]
    assert oc4ids.sectors(ProjectField.SOCIAL, "Trụ sở làm việc") == ["governance"]


def test_the_cli_writes_a_valid_package(demo_db, portfolio, tmp_path, monkeypatch):
    from lib import cli
    monkeypatch.setattr(cli, "get_engine", lambda: demo_db)
    out = tmp_path / "du-an.json"
    assert cli.main(["oc4ids", "--out", str(out)]) == 0
    package = json.loads(out.read_text(encoding="utf-8"))
    assert oc4ids.validate_package(package) == [] and len(package["projects"]) >= 7
