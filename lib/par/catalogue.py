"""Chỉ số CCHC — the criteria catalogue: one tree per year and kind of unit (lĩnh vực → tiêu chí → tiêu chí
thành phần), the scoring rule of each scored criterion, copy from last year, Excel import and export.

A parent's maximum is always the sum of its children's: it is recomputed after every change of the tree, and
an imported file whose stated maxima disagree is refused. A tree used by a round that is not closed keeps its
structure (no criterion added or removed, no maximum or scoring rule changed); wording may still be corrected.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from sqlalchemy.orm import Session

from lib.core import audit, vi
from lib.core.access import Actor, require_role
from lib.par.enums import ParRoundStatus, ParUnitGroup, ScoringMethod
from lib.core.enums import Role
from lib.core.errors import DomainError, ValidationError
from lib.core.format import fmt_decimal
from lib.par.models import ParAssessment, ParCriterion, ParRound, ParScore
from lib.core import excel_reader
from lib.core.excel import save_workbook
from lib.core.text import nfc

CODE_RE = re.compile(r"^\d{1,2}(\.\d{1,2}){0,2}$")
MAX_TOTAL = Decimal(100)
ZERO = Decimal(0)
CATALOGUE_ROLES = (Role.PAR_ADMIN,)


@dataclass
class CriterionInput:
    code: str
    name: str
    max_score: Decimal | str | int | float | None = None   # ignored for a parent (sum of its children)
    guidance: str = ""
    method: ScoringMethod | None = None
    step: Decimal | str | None = None
    levels: list[tuple[Decimal | str, str]] = field(default_factory=list)
    evidence_required: bool = False


def to_decimal(value: object) -> Decimal | None:
    """A score typed by a person or read from a cell: "0,5", "0.5", 0.5 → Decimal('0.5'); "" → None."""
    if value is None:
        return None
    if isinstance(value, bool):  # a TRUE/FALSE cell is not a score
        raise ValueError(str(value))
    if isinstance(value, (Decimal, int, float)):
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if not number.is_finite():  # NaN (an empty cell of a data editor), infinity
            raise ValueError(str(value))
        return number
    text = str(value).strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def sort_key(code: str) -> str:
    return ".".join(f"{int(part):03d}" for part in code.split("."))


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def field_code(code: str) -> str:
    return code.split(".", 1)[0]


# ---------------------------------------------------------------- the scoring rule (one place)

def allowed_scores(criterion: ParCriterion) -> list[Decimal]:
    """Every score the criterion accepts, lowest first."""
    if criterion.method == ScoringMethod.YES_NO:
        return [ZERO, criterion.max_score]
    if criterion.method == ScoringMethod.LEVELS:
        return [Decimal(str(score)) for score, _label in (criterion.levels or [])]
    step = criterion.step or Decimal(1)
    count = int(criterion.max_score / step)
    return [(step * i).quantize(Decimal("0.01")) for i in range(count + 1)]


def level_label(criterion: ParCriterion, score: Decimal | None) -> str:
    """'0,5 — Hoàn thành một phần' for a levels criterion; the score alone otherwise."""
    if score is None:
        return ""
    if criterion.method == ScoringMethod.LEVELS:
        for value, label in criterion.levels or []:
            if Decimal(str(value)) == score:
                return f"{fmt_decimal(score)} — {label}"
    if criterion.method == ScoringMethod.YES_NO:
        return f"{fmt_decimal(score)} — {'Có' if score else 'Không'}"
    return fmt_decimal(score)


def check_score(criterion: ParCriterion, value: object) -> Decimal:
    """The score as a Decimal if the criterion accepts it; ValidationError in Vietnamese otherwise."""
    code = criterion.code
    if criterion.method is None:
        raise ValidationError(vi.PAR_NOT_SCORED.format(code=code))
    try:
        score = to_decimal(value)
    except ValueError:
        raise ValidationError(vi.PAR_SCORE_NOT_NUMBER.format(code=code, value=value)) from None
    if score is None:
        raise ValidationError(vi.PAR_SCORE_NOT_NUMBER.format(code=code, value=""))
    shown = fmt_decimal(score, 4)
    if score < 0 or score > criterion.max_score:
        raise ValidationError(vi.PAR_SCORE_OUT_OF_RANGE.format(code=code, max=fmt_decimal(criterion.max_score),
                                                               value=shown))
    if criterion.method == ScoringMethod.YES_NO and score not in (ZERO, criterion.max_score):
        raise ValidationError(vi.PAR_SCORE_YES_NO.format(code=code, max=fmt_decimal(criterion.max_score),
                                                         value=shown))
    if criterion.method == ScoringMethod.LEVELS and score not in allowed_scores(criterion):
        levels = "; ".join(fmt_decimal(s) for s in allowed_scores(criterion))
        raise ValidationError(vi.PAR_SCORE_LEVELS.format(code=code, levels=levels, value=shown))
    if criterion.method == ScoringMethod.RANGE:
        step = criterion.step or Decimal(1)
        if score % step != 0:
            raise ValidationError(vi.PAR_SCORE_STEP.format(code=code, step=fmt_decimal(step), value=shown))
    return score.quantize(Decimal("0.01"))


# ---------------------------------------------------------------- reading

def tree(session: Session, year: int, group: ParUnitGroup) -> list[ParCriterion]:
    """The year's tree for the kind of unit, in code order (a parent before its children)."""
    return list(session.scalars(sa.select(ParCriterion).where(
        ParCriterion.year == year, ParCriterion.unit_group == group).order_by(ParCriterion.sort_key)))


def years(session: Session) -> list[int]:
    return list(session.scalars(sa.select(ParCriterion.year).distinct().order_by(ParCriterion.year.desc())))


def leaves(nodes: list[ParCriterion]) -> list[ParCriterion]:
    parents = {n.parent_id for n in nodes}
    return [n for n in nodes if n.id not in parents]


def field_of(nodes: list[ParCriterion]) -> dict[int, ParCriterion]:
    """criterion id → its field (lĩnh vực, the top of its branch; a field is its own)."""
    by_id = {n.id: n for n in nodes}
    out = {}
    for node in nodes:
        top = node
        while top.parent_id is not None:
            top = by_id[top.parent_id]
        out[node.id] = top
    return out


def fields_of(nodes: list[ParCriterion]) -> list[ParCriterion]:
    return [n for n in nodes if n.parent_id is None]


def problems(nodes: list[ParCriterion]) -> list[str]:
    """What keeps a tree from being used by a round: a parent whose maximum is not its children's sum, a scored
    criterion without a rule, a total other than 100."""
    children: dict[int | None, list[ParCriterion]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    found = []
    for node in nodes:
        kids = children.get(node.id, [])
        if kids:
            total = sum((k.max_score for k in kids), ZERO)
            if total != node.max_score:
                found.append(vi.PAR_PARENT_SUM.format(code=node.code, max=fmt_decimal(node.max_score),
                                                      sum=fmt_decimal(total)))
        elif node.method is None:
            found.append(vi.PAR_METHOD_REQUIRED.format(code=node.code))
    total = sum((n.max_score for n in children.get(None, [])), ZERO)
    if nodes and total != MAX_TOTAL:
        found.append(f"Tổng điểm tối đa của bộ tiêu chí là {fmt_decimal(total)}, phải bằng 100.")
    return found


def lock_reason(session: Session, year: int, group: ParUnitGroup) -> str | None:
    """Why the tree's structure cannot change now (a round not yet closed uses it), or None."""
    name = session.scalar(
        sa.select(ParRound.name).join(ParAssessment, ParAssessment.round_id == ParRound.id).where(
            ParRound.year == year, ParRound.status != ParRoundStatus.CLOSED, ParAssessment.unit_group == group)
        .limit(1))
    if name is None:
        return None
    return vi.PAR_TREE_LOCKED.format(year=year, group=group.label, round=name)


# ---------------------------------------------------------------- editing

def _clean(data: CriterionInput, is_parent: bool) -> CriterionInput:
    """Normalised input; raises ValidationError naming the criterion."""
    code = (data.code or "").strip()
    if not CODE_RE.match(code):
        raise ValidationError(vi.PAR_CODE_INVALID.format(code=code), field="code")
    name = nfc(data.name or "").strip()
    if not name:
        raise ValidationError(vi.PAR_NAME_REQUIRED.format(code=code), field="name")
    guidance = nfc(data.guidance or "").strip()
    if is_parent:
        return CriterionInput(code, name, None, guidance, None, None, [], False)
    try:
        maximum = to_decimal(data.max_score)
    except ValueError:
        maximum = None
    if maximum is None or maximum <= 0 or maximum > MAX_TOTAL or maximum != maximum.quantize(Decimal("0.01")):
        raise ValidationError(vi.PAR_MAX_INVALID.format(code=code), field="max_score")
    if data.method is None:
        raise ValidationError(vi.PAR_METHOD_REQUIRED.format(code=code), field="method")
    step, levels = None, []
    if data.method == ScoringMethod.RANGE:
        try:
            step = to_decimal(data.step) or Decimal(1)
        except ValueError:
            step = ZERO
        if step <= 0 or maximum % step != 0 or step != step.quantize(Decimal("0.01")):
            raise ValidationError(vi.PAR_STEP_INVALID.format(code=code), field="step")
    if data.method == ScoringMethod.LEVELS:
        try:
            levels = [(to_decimal(score), nfc(label or "").strip()) for score, label in data.levels]
        except ValueError:
            levels = []
        scores = [s for s, _ in levels]
        if (len(scores) < 2 or None in scores or scores[0] != 0 or scores[-1] != maximum
                or any(a >= b for a, b in zip(scores, scores[1:]))):
            raise ValidationError(vi.PAR_LEVELS_INVALID.format(code=code, max=fmt_decimal(maximum)),
                                  field="levels")
    return CriterionInput(code, name, maximum, guidance, data.method, step, levels, bool(data.evidence_required))


def _levels_json(levels: list[tuple[Decimal, str]]) -> list[list[str]] | None:
    # "10", not "1E+1" (what str() of a normalised Decimal gives)
    return [[format(score.normalize(), "f") if score else "0", label] for score, label in levels] or None


def _apply(node: ParCriterion, data: CriterionInput) -> None:
    node.name, node.guidance = data.name, data.guidance
    if data.method is not None:
        node.max_score, node.method, node.step = data.max_score, data.method, data.step
        node.levels = _levels_json(data.levels)
        node.evidence_required = data.evidence_required


def _recompute_maxima(session: Session, year: int, group: ParUnitGroup) -> None:
    """Every parent's maximum becomes the sum of its children's (deepest level first); parents are not scored."""
    session.flush()
    nodes = tree(session, year, group)
    children: dict[int, list[ParCriterion]] = defaultdict(list)
    for node in nodes:
        if node.parent_id is not None:
            children[node.parent_id].append(node)
    for node in sorted(nodes, key=lambda n: -n.level):
        kids = children.get(node.id)
        if kids:
            total = sum((k.max_score for k in kids), ZERO)
            if node.max_score != total:
                node.max_score = total
            if node.method is not None:
                node.method, node.step, node.levels, node.evidence_required = None, None, None, False
    session.flush()


def _require_unlocked(session: Session, year: int, group: ParUnitGroup) -> None:
    reason = lock_reason(session, year, group)
    if reason:
        raise ValidationError(reason)


def add_criterion(session: Session, actor: Actor, year: int, group: ParUnitGroup, data: CriterionInput) -> int:
    require_role(actor, *CATALOGUE_ROLES)
    _require_unlocked(session, year, group)
    # without a scoring rule it is a grouping node (lĩnh vực, tiêu chí) whose maximum its children will make
    data = _clean(data, is_parent=data.method is None)
    existing = {n.code: n for n in tree(session, year, group)}
    if data.code in existing:
        raise ValidationError(vi.PAR_CODE_TAKEN.format(code=data.code, year=year, group=group.label), field="code")
    parent = parent_code(data.code)
    if parent is not None and parent not in existing:
        raise ValidationError(vi.PAR_PARENT_MISSING.format(code=data.code, parent=parent), field="code")
    if parent is not None and _has_scores(session, existing[parent].id):
        raise ValidationError(vi.PAR_HAS_SCORES.format(code=parent))
    audit.bind_actor(session, actor.id, actor.full_name)
    node = ParCriterion(year=year, unit_group=group, code=data.code, sort_key=sort_key(data.code),
                        level=data.code.count(".") + 1, parent_id=existing[parent].id if parent else None,
                        name=data.name, max_score=data.max_score or ZERO)
    _apply(node, data)
    session.add(node)
    _recompute_maxima(session, year, group)
    return node.id


def update_criterion(session: Session, actor: Actor, criterion_id: int, data: CriterionInput) -> None:
    """Change wording (always) and, for a scored criterion, its maximum and rule (only while unlocked)."""
    require_role(actor, *CATALOGUE_ROLES)
    node = session.get(ParCriterion, criterion_id)
    if node is None:
        raise ValidationError(vi.ERR_NOT_FOUND)
    is_parent = session.scalar(sa.select(sa.func.count()).where(ParCriterion.parent_id == node.id)) > 0
    data = _clean(CriterionInput(**{**data.__dict__, "code": node.code}), is_parent=is_parent)
    structural = not is_parent and (
        data.max_score != node.max_score or data.method != node.method or data.step != node.step
        or _levels_json(data.levels) != node.levels or data.evidence_required != node.evidence_required)
    if structural:
        _require_unlocked(session, node.year, node.unit_group)
    audit.bind_actor(session, actor.id, actor.full_name)
    _apply(node, data)
    _recompute_maxima(session, node.year, node.unit_group)


def _has_scores(session: Session, criterion_id: int) -> bool:
    return session.scalar(sa.select(sa.func.count()).select_from(ParScore).where(
        sa.or_(ParScore.criterion_id == criterion_id, ParScore.field_id == criterion_id))) > 0


def delete_criterion(session: Session, actor: Actor, criterion_id: int) -> None:
    """Remove a criterion that has no children and was never scored (a scored one is history)."""
    require_role(actor, *CATALOGUE_ROLES)
    node = session.get(ParCriterion, criterion_id)
    if node is None:
        raise ValidationError(vi.ERR_NOT_FOUND)
    _require_unlocked(session, node.year, node.unit_group)
    if session.scalar(sa.select(sa.func.count()).where(ParCriterion.parent_id == node.id)):
        raise ValidationError(vi.PAR_HAS_CHILDREN.format(code=node.code))
    if _has_scores(session, node.id):
        raise ValidationError(vi.PAR_HAS_SCORES.format(code=node.code))
    audit.bind_actor(session, actor.id, actor.full_name)
    year, group = node.year, node.unit_group
    session.delete(node)
    _recompute_maxima(session, year, group)


def _insert_tree(session: Session, year: int, group: ParUnitGroup, rows: list[CriterionInput]) -> int:
    """Add clean rows (parents before children) to an empty tree."""
    ids: dict[str, int] = {}
    codes_with_children = {parent_code(r.code) for r in rows}
    for level in sorted({r.code.count(".") + 1 for r in rows}):  # one flush per level gives the parents' ids
        added = {}
        for row in (r for r in rows if r.code.count(".") + 1 == level):
            parent = parent_code(row.code)
            node = ParCriterion(year=year, unit_group=group, code=row.code, sort_key=sort_key(row.code),
                                level=level, parent_id=ids.get(parent) if parent else None,
                                name=row.name, max_score=row.max_score or ZERO)
            _apply(node, row)
            if row.code in codes_with_children:
                node.method = None
            session.add(node)
            added[row.code] = node
        session.flush()
        ids.update({code: node.id for code, node in added.items()})
    _recompute_maxima(session, year, group)
    return len(rows)


def copy_tree(session: Session, actor: Actor, from_year: int, to_year: int, group: ParUnitGroup) -> int:
    """Start a year's tree from an earlier year's (the usual case: last year's, then adjusted)."""
    require_role(actor, *CATALOGUE_ROLES)
    if tree(session, to_year, group):
        raise ValidationError(vi.PAR_TREE_EXISTS.format(year=to_year, group=group.label))
    source = tree(session, from_year, group)
    if not source:
        raise ValidationError(vi.PAR_TREE_EMPTY.format(year=from_year, group=group.label))
    audit.bind_actor(session, actor.id, actor.full_name)
    rows = [CriterionInput(n.code, n.name, n.max_score, n.guidance, n.method, n.step,
                           [(Decimal(s), label) for s, label in (n.levels or [])], n.evidence_required)
            for n in source]
    return _insert_tree(session, to_year, group, rows)


def load_data(session: Session, year: int, group: ParUnitGroup, nodes: list[dict]) -> int:
    """Load a tree written as nested dicts (lib.par_catalogue_data) into an empty year: demo data and tests."""
    rows: list[CriterionInput] = []

    def walk(items: list[dict]) -> None:
        for item in items:
            rows.append(CriterionInput(
                item["code"], item["name"], item["max"], item.get("guidance", ""),
                ScoringMethod(item["method"]) if item.get("method") else None, item.get("step"),
                [(s, label) for s, label in item.get("levels", [])], item.get("evidence", False)))
            walk(item.get("children", []))

    walk(nodes)
    clean = [_clean(r, is_parent=not r.method) for r in rows]
    return _insert_tree(session, year, group, clean)


# ---------------------------------------------------------------- Excel

SHEET = "Bộ tiêu chí"
C_CODE, C_NAME, C_MAX, C_METHOD, C_STEP, C_LEVELS, C_EVIDENCE, C_GUIDANCE = (
    "Mã tiêu chí", "Tên lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Cách chấm", "Bước điểm",
    "Các mức điểm", "Bắt buộc tài liệu kiểm chứng", "Hướng dẫn chấm điểm")
HEADERS = (C_CODE, C_NAME, C_MAX, C_METHOD, C_STEP, C_LEVELS, C_EVIDENCE, C_GUIDANCE)
WIDTHS = (12, 60, 12, 16, 10, 40, 14, 60)
METHOD_CELLS = {ScoringMethod.RANGE: "Khoảng điểm", ScoringMethod.YES_NO: "Có/Không", ScoringMethod.LEVELS: "Theo mức"}
METHOD_BY_CELL = {v.casefold(): k for k, v in METHOD_CELLS.items()}


def _levels_cell(levels: list | None) -> str:
    return "; ".join(f"{fmt_decimal(Decimal(str(s)))}: {label}" for s, label in (levels or []))


def export_excel(session: Session, year: int, group: ParUnitGroup) -> bytes:
    """The tree as a workbook that `import_excel` reads back (one row per criterion)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    font, bold = Font(name="Times New Roman", size=12), Font(name="Times New Roman", size=12, bold=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append(list(HEADERS))
    for i, width in enumerate(WIDTHS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.border = bold, border
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[cell.column_letter].width = width
    for node in tree(session, year, group):
        ws.append([node.code, node.name, float(node.max_score), METHOD_CELLS.get(node.method, ""),
                   float(node.step) if node.step else None, _levels_cell(node.levels),
                   "Có" if node.evidence_required else ("" if node.method is None else "Không"), node.guidance])
        for cell in ws[ws.max_row]:
            cell.font = bold if node.method is None else font
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    return save_workbook(wb)


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}, cột «{self.column}»: {self.message}"


class ImportRefused(DomainError):
    """Nothing was imported; `errors` says where and why."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(f"Tệp có {len(errors)} lỗi; chưa nhập tiêu chí nào.")
        self.errors = errors


def _parse_levels(text: str) -> list[tuple[str, str]]:
    levels = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        score, _, label = part.partition(":")
        levels.append((score.strip(), label.strip()))
    return levels


def _read_rows(data: bytes) -> list[tuple[int, dict[str, object]]]:
    with excel_reader.open_workbook(data) as wb:
        ws = excel_reader.find_sheet(wb, SHEET) or wb.worksheets[0]
        rows = excel_reader.rows(ws)
        header = [str(c or "").strip() for c in next(rows, (1, ()))[1]]
        missing = [h for h in (C_CODE, C_NAME, C_MAX, C_METHOD) if h not in header]
        if missing:
            raise ImportRefused([CellError(1, h, "thiếu cột này ở dòng tiêu đề.") for h in missing])
        out = []
        for number, values in rows:
            record = {h: values[i] if i < len(values) else None for i, h in enumerate(header) if h}
            if any(v not in (None, "") for v in record.values()):
                out.append((number, record))
        return out


def _row_input(number: int, record: dict[str, object], errors: list[CellError]) -> CriterionInput | None:
    booleans = [CellError(number, c, vi.XL_BOOLEAN_CELL) for c in (C_MAX, C_STEP) if isinstance(record.get(c), bool)]
    if booleans:
        errors.extend(booleans)
        return None
    code = str(record.get(C_CODE) or "").strip()
    method_text = str(record.get(C_METHOD) or "").strip()
    method = METHOD_BY_CELL.get(method_text.casefold()) if method_text else None
    if method_text and method is None:
        errors.append(CellError(number, C_METHOD, f"«{method_text}» không phải một cách chấm; dùng "
                                + ", ".join(METHOD_CELLS.values()) + "."))
        return None
    evidence = str(record.get(C_EVIDENCE) or "").strip().casefold() in ("có", "x", "1", "true")
    return CriterionInput(code, str(record.get(C_NAME) or ""), record.get(C_MAX),
                          str(record.get(C_GUIDANCE) or ""), method, record.get(C_STEP),
                          _parse_levels(str(record.get(C_LEVELS) or "")), evidence)


FIELD_COLUMNS = {"code": C_CODE, "name": C_NAME, "max_score": C_MAX, "method": C_METHOD, "step": C_STEP,
                 "levels": C_LEVELS}


def import_excel(session: Session, actor: Actor, year: int, group: ParUnitGroup, data: bytes) -> int:
    """Replace an unused year's tree by the workbook's; every row is checked, nothing is written unless all are
    valid. The maxima written for parents must equal the sums of their children."""
    require_role(actor, *CATALOGUE_ROLES)
    _require_unlocked(session, year, group)
    errors: list[CellError] = []
    parsed: list[tuple[int, CriterionInput, object]] = []
    unread: list[tuple[int, CriterionInput, object]] = []  # rows refused already: still count in sums and parents
    for number, record in _read_rows(data):
        row = _row_input(number, record, errors)
        if row is not None:
            parsed.append((number, row, record.get(C_MAX)))
        else:
            unread.append((number, CriterionInput(str(record.get(C_CODE) or "").strip(), ""), record.get(C_MAX)))
    codes = [r.code.strip() for _, r, _ in parsed + unread]
    parents = {parent_code(c) for c in codes if CODE_RE.match(c)}
    clean: list[CriterionInput] = []
    seen: dict[str, int] = {}
    for number, row, _ in parsed:
        is_parent = row.code.strip() in parents
        try:
            item = _clean(row, is_parent=is_parent)
        except ValidationError as error:
            errors.append(CellError(number, FIELD_COLUMNS.get(error.field or "", C_CODE), str(error)))
            continue
        if item.code in seen:
            errors.append(CellError(number, C_CODE, vi.PAR_CODE_TAKEN.format(code=item.code, year=year,
                                                                             group=group.label)))
            continue
        parent = parent_code(item.code)
        if parent is not None and parent not in codes:
            errors.append(CellError(number, C_CODE, vi.PAR_PARENT_MISSING.format(code=item.code, parent=parent)))
        seen[item.code] = number
        clean.append(item)
    errors.extend(_sum_errors(parsed + unread, parents, seen))
    if errors:
        raise ImportRefused(sorted(errors, key=lambda e: e.row))
    if not clean:
        raise ImportRefused([CellError(2, C_CODE, "tệp không có tiêu chí nào.")])
    audit.bind_actor(session, actor.id, actor.full_name)
    for node in sorted(tree(session, year, group), key=lambda n: -n.level):
        if _has_scores(session, node.id):
            raise ValidationError(vi.PAR_HAS_SCORES.format(code=node.code))
        session.delete(node)
        session.flush()
    count = _insert_tree(session, year, group, clean)
    found = problems(tree(session, year, group))
    if found:
        raise ImportRefused([CellError(2, C_MAX, p) for p in found])
    return count


def _sum_errors(parsed: list[tuple[int, CriterionInput, object]], parents: set[str | None],
                rows_by_code: dict[str, int]) -> list[CellError]:
    """A parent row whose written maximum differs from the sum of its children's rows."""
    stated: dict[str, Decimal] = {}
    for _, row, raw in parsed:
        try:
            value = to_decimal(raw)
        except ValueError:
            value = None
        if value is not None:
            stated[row.code.strip()] = value

    def children_sum(code: str) -> Decimal | None:
        kids = [stated.get(r.code.strip()) for _, r, _ in parsed if parent_code(r.code.strip()) == code]
        return None if not kids or None in kids else sum(kids, ZERO)

    errors = []
    for code in sorted(c for c in parents if c and c in rows_by_code):
        total = children_sum(code)
        if code in stated and total is not None and stated[code] != total:
            errors.append(CellError(rows_by_code[code], C_MAX, vi.PAR_PARENT_SUM.format(
                code=code, max=fmt_decimal(stated[code]), sum=fmt_decimal(total))))
    return errors
