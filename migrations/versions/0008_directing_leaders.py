"""tasks: directing leaders as one list

The directing leader (người chỉ đạo) was free text on each document, optionally pointing at an account, so one
person written two ways («Nguyễn Văn Thành», «Phó Chủ tịch UBND tỉnh Nguyễn Văn Thành») counted as two leaders.
This revision adds the managed list `leaders` and makes every document point at one of its rows:
1. every account holding the leader role becomes a row (its position as the title);
2. every distinct free-text leader becomes a row, matched by the folded name without its title prefix;
3. each document is linked to its row (through its account when it had one, else through its text).
The text stays on the document as what was written at the time.

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# «Phó Chủ tịch Thường trực UBND tỉnh Đồng Tháp», «Chủ tịch Ủy ban nhân dân tỉnh», «PCT UBND tỉnh», on folded text.
_TITLE = re.compile(
    r"^(?:(?:dong chi|d/c|ong|ba)\s+)?(?:(?:pho\s+)?chu\s+tich|pct|ct)(?:\s+thuong\s+truc)?"
    r"(?:\s+(?:ubnd|uy\s+ban\s+nhan\s+dan))?(?:\s+(?:tinh|thanh\s+pho))?(?=\s|$)")


def _fold(text: str) -> str:
    """The search key of lib.text.fold (copied: a migration must not change when the application does)."""
    lowered = unicodedata.normalize("NFC", text).lower().translate(str.maketrans({"đ": "d", "Đ": "d"}))
    bare = "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))
    return " ".join(bare.split())


def _split(text: str, province: str) -> tuple[str, str]:
    """(title, name) of a free-text leader: the title prefix (and the province's name after it) is cut off."""
    words = unicodedata.normalize("NFC", text).replace(",", " ").replace(" - ", " ").split()
    folded = [_fold(w) for w in words]
    match = _TITLE.match(" ".join(folded))
    if match is None:
        return "", " ".join(words)
    taken = len(match.group(0).split())
    province_words = _fold(province).split()
    if province_words and folded[taken:taken + len(province_words)] == province_words:
        taken += len(province_words)
    if taken >= len(words):
        return "", " ".join(words)
    return " ".join(words[:taken]), " ".join(words[taken:])


def _province(conn: sa.Connection) -> str:
    """The province's own name («Đồng Tháp») from the setting «Tỉnh Đồng Tháp», if it was ever changed."""
    value = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'province_name'")).scalar()
    try:
        value = json.loads(value) if value else None
    except ValueError:
        pass
    value = str(value or "Tỉnh Đồng Tháp").strip()
    return re.sub(r"^(?:tỉnh|thành phố)\s+", "", value, flags=re.IGNORECASE)


def _link_documents(conn: sa.Connection) -> None:
    leaders = sa.table("leaders", sa.column("id", sa.Integer), sa.column("full_name", sa.String),
                       sa.column("title", sa.String), sa.column("account_id", sa.Integer),
                       sa.column("active", sa.Boolean), sa.column("sort_order", sa.Integer),
                       sa.column("search_key", sa.String), sa.column("version", sa.Integer),
                       sa.column("created_at", sa.DateTime(timezone=True)),
                       sa.column("updated_at", sa.DateTime(timezone=True)))
    now = datetime.now(timezone.utc)
    if conn.dialect.name == "sqlite":  # as lib.models.types.UTCDateTime stores it there
        now = now.replace(tzinfo=None)
    by_key: dict[str, int] = {}
    by_account: dict[int, int] = {}

    def add(full_name: str, title: str, account_id: int | None, active: bool) -> int:
        key = _fold(full_name)
        if key in by_key:
            return by_key[key]
        conn.execute(sa.insert(leaders).values(full_name=full_name[:150], title=title[:150], account_id=account_id,
                                               active=active, sort_order=len(by_key) + 1, search_key=key[:150],
                                               version=1, created_at=now, updated_at=now))
        by_key[key] = conn.execute(sa.select(leaders.c.id).where(leaders.c.search_key == key[:150])).scalar_one()
        return by_key[key]

    accounts = conn.execute(sa.text(
        "SELECT a.id, a.full_name, a.position, a.status FROM accounts a JOIN account_roles r ON r.account_id = a.id "
        "WHERE r.role = 'leader' ORDER BY a.id")).all()
    for account_id, full_name, position, status in accounts:
        if _fold(full_name) not in by_key:
            by_account[account_id] = add(full_name, position or "", account_id, status == "active")
    province = _province(conn)
    documents = conn.execute(sa.text(
        "SELECT id, directed_by_id, directed_by_name FROM directive_documents ORDER BY id")).all()
    spellings: dict[str, Counter[tuple[str, str]]] = {}   # folded name -> how often each (title, name) was written
    split = {}
    for document_id, account_id, text in documents:
        if by_account.get(account_id) is None:
            title, name = _split(text or "", province)
            split[document_id] = _fold(name)
            spellings.setdefault(_fold(name), Counter())[(title, name)] += 1
    for key, counts in spellings.items():  # the most usual spelling of each person names the row
        (title, name), _ = counts.most_common(1)[0]
        add(name or "Chưa rõ người chỉ đạo", title, None, True)
    for document_id, account_id, _ in documents:
        leader_id = by_account.get(account_id) or by_key[split[document_id] or _fold("Chưa rõ người chỉ đạo")]
        conn.execute(sa.text("UPDATE directive_documents SET leader_id = :leader WHERE id = :id"),
                     {"leader": leader_id, "id": document_id})


def upgrade() -> None:
    op.create_table('leaders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=150), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('search_key', sa.String(length=150), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_leaders_account_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leaders')),
    sa.UniqueConstraint('account_id', name=op.f('uq_leaders_account_id')),
    sa.UniqueConstraint('search_key', name=op.f('uq_leaders_search_key'))
    )
    with op.batch_alter_table('directive_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('leader_id', sa.Integer(), nullable=True))

    _link_documents(op.get_bind())

    with op.batch_alter_table('directive_documents', schema=None) as batch_op:
        batch_op.alter_column('leader_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_directive_documents_leader_id'), ['leader_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_directive_documents_leader_id_leaders'), 'leaders',
                                    ['leader_id'], ['id'])
        batch_op.drop_index('ix_directive_documents_directed_by_id')
        batch_op.drop_constraint('fk_directive_documents_directed_by_id_accounts', type_='foreignkey')
        batch_op.drop_column('directed_by_id')


def downgrade() -> None:
    with op.batch_alter_table('directive_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('directed_by_id', sa.Integer(), nullable=True))
    op.execute("UPDATE directive_documents SET directed_by_id = "
               "(SELECT account_id FROM leaders WHERE leaders.id = directive_documents.leader_id)")
    with op.batch_alter_table('directive_documents', schema=None) as batch_op:
        batch_op.create_index('ix_directive_documents_directed_by_id', ['directed_by_id'], unique=False)
        batch_op.create_foreign_key('fk_directive_documents_directed_by_id_accounts', 'accounts',
                                    ['directed_by_id'], ['id'])
        batch_op.drop_index('ix_directive_documents_leader_id')
        batch_op.drop_constraint('fk_directive_documents_leader_id_leaders', type_='foreignkey')
        batch_op.drop_column('leader_id')
    op.drop_table('leaders')
