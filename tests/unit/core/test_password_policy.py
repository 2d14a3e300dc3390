"""The password policy and hashing (issue 8, item 3; seed 003 art. 9.1a: every officer keeps the account secure).

Strength is zxcvbn's, with the account's own words as user inputs; the floors (8 characters, score 3) hold
whatever the settings say; the demo data's published password is refused outside demo mode; a long Vietnamese
passphrase (more than bcrypt's 72 bytes) is set and logs in.
"""
from __future__ import annotations

import ast
import json
import unicodedata
from pathlib import Path

import bcrypt
import pytest
import sqlalchemy as sa
import zxcvbn

from lib.core import demo, passwords, vi
from lib.core.db import session_scope
from lib.core.errors import ValidationError
from lib.core.models import Account, Setting
from lib.core.services import accounts, auth, settings, setup
from tests.unit.core_helpers import GOOD_PASSWORD, account_by_name, account_id

# 48 characters, 75 bytes in UTF-8 (most letters carry two or three bytes): beyond what bcrypt reads.
PASSPHRASE = "Đường rừng ướt đẫm, người trượt ngã ở dốc đèo dữ"


def _login(engine, username: str, password: str) -> auth.LoginResult:  # noqa: ANN001
    with session_scope(engine) as s:
        return auth.verify_login(s, username, password)


def _errors(password: str, *, username: str = "capnhat.sxd", full_name: str = "Võ Thị Mai",
            unit: str = "Sở Xây dựng", min_length: int = 8, min_score: int = 3) -> list[str]:
    return passwords.policy_errors(password, passwords.user_inputs(username, full_name, unit), min_length, min_score)


# --------------------------------------------------------------------------- strength (zxcvbn)

@pytest.mark.parametrize("password", ["Password1", "Qwerty123", "capnhat.sxd1", "Capnhat.sxd2026", "VoThiMai@2026",
                                      "SoXayDung#1", "DonDoc2026!", "Đônđốc@2026", "12345678", "aaaaaaaaaaaa"])
def test_guessable_passwords_are_refused(password):
    """What the old rules (8 characters, 3 of 4 classes, not the user name itself) let through."""
    errors = _errors(password)
    assert errors and errors[0].startswith("Mật khẩu quá dễ đoán"), errors


@pytest.mark.parametrize("password", ["Moi#Matkhau2026", "trâu cày ruộng sâu bên bờ kênh", PASSPHRASE])
def test_strong_passwords_are_accepted(password):
    assert _errors(password) == []


def test_own_words_count_as_guessable():
    """zxcvbn alone rates her name plus five symbols 3/4; without her name only the symbols are left."""
    own = passwords.strength("VoThiMai@2026", passwords.user_inputs("capnhat.sxd", "Võ Thị Mai", "Sở Xây dựng"))
    other = passwords.strength("VoThiMai@2026", passwords.user_inputs("tracuu.sxd", "Huỳnh Văn Lộc", "Sở Xây dựng"))
    assert own.personal and own.score < 3
    assert not other.personal and other.score >= 3
    assert vi.PW_PERSONAL in _errors("VoThiMai@2026")


def test_feedback_is_vietnamese():
    errors = _errors("Password1")
    assert errors == [vi.PW_WEAK.format(score=0, min=3), "Đây là một mật khẩu rất phổ biến.",
                      "Thêm một hai từ nữa; từ ít gặp càng tốt.",
                      "Viết hoa chữ cái đầu không làm mật khẩu khó đoán hơn bao nhiêu."]


def test_every_feedback_text_of_the_pinned_zxcvbn_is_translated():
    """Read zxcvbn's own feedback module: every `_("…")` it can show has its Vietnamese text."""
    source = Path(zxcvbn.__file__).with_name("feedback.py").read_text(encoding="utf-8")
    texts = {node.args[0].value for node in ast.walk(ast.parse(source))
             if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_"}
    assert len(texts) >= 25
    assert texts == set(vi.ZXCVBN_FEEDBACK)
    assert all(v and v != k for k, v in vi.ZXCVBN_FEEDBACK.items())


def test_unknown_feedback_falls_back_to_a_vietnamese_hint():
    assert passwords.translate("Some text a newer zxcvbn may add.") == vi.PW_HINT_GENERAL


def test_weak_without_feedback_still_gets_a_hint():
    """zxcvbn gives no feedback above score 2: a 3/4 password under a minimum of 4 still gets a hint."""
    errors = _errors("Bench@2026x", min_score=4)
    assert errors[0].startswith("Mật khẩu quá dễ đoán") and errors[-1] == vi.PW_HINT_GENERAL


@pytest.mark.parametrize(("min_length", "min_score", "password", "refused"), [
    (6, 3, "Tr@u7c!", True),        # 7 characters: the length floor of 8 holds below a setting of 6
    (8, 1, "Password1", True),      # the score floor of 3 holds below a setting of 1
    (8, 3, "Tr@u7c!kx", False),
], ids=["length-floor", "score-floor", "both-met"])
def test_floors_hold_whatever_the_setting(min_length, min_score, password, refused):
    assert bool(_errors(password, min_length=min_length, min_score=min_score)) is refused


def test_settings_cannot_go_below_the_floors(demo_db, actors):
    for key, value in (("password_min_length", 7), ("password_min_score", 2)):
        with pytest.raises(ValidationError), session_scope(demo_db) as s:
            settings.update(s, actors["quantri"], {key: value})


def test_a_lower_value_stored_before_reads_as_the_floor(demo_db):
    """A pilot's database may still hold a length of 6 from the old limits."""
    with session_scope(demo_db) as s:
        s.add(Setting(key="password_min_length", value=json.dumps(6)))
    with session_scope(demo_db) as s:
        assert settings.get(s, "password_min_length") == 8
        assert settings.all_settings(s)["password_min_length"] == 8


# --------------------------------------------------------------------------- the demo password

def test_demo_password_refused_outside_demo_mode(engine):
    for password in (demo.DEMO_PASSWORD, demo.DEMO_PASSWORD.lower()):
        with pytest.raises(ValidationError) as err, session_scope(engine) as s:
            setup.create_first_admin(s, province="Tỉnh Vĩnh Long", full_name="Nguyễn Quản Trị", username="quantri",
                                     password=password)
        assert str(err.value) == vi.PW_DEMO_PASSWORD
    with session_scope(engine) as s:
        assert not demo.is_demo_mode(s)
        assert s.scalar(sa.select(sa.func.count()).select_from(Account)) == 0


def test_demo_password_allowed_in_demo_mode(demo_db, actors):
    """A trainer puts a trainee's account back to the published password; the demo accounts log in with it."""
    target = account_id(demo_db, "capnhat.sxd")
    with session_scope(demo_db) as s:
        assert demo.is_demo_mode(s)
        accounts.reset_password(s, actors["quantri"], target, GOOD_PASSWORD)
        accounts.reset_password(s, actors["quantri"], target, demo.DEMO_PASSWORD)
    assert _login(demo_db, "capnhat.sxd", demo.DEMO_PASSWORD).ok


def test_demo_mode_is_not_an_administrator_setting(demo_db, actors):
    with pytest.raises(ValidationError), session_scope(demo_db) as s:
        settings.update(s, actors["quantri"], {demo.DEMO_MODE_KEY: True})
    with session_scope(demo_db) as s:
        assert demo.DEMO_MODE_KEY not in settings.all_settings(s)


# --------------------------------------------------------------------------- hashing beyond 72 bytes

def test_passphrase_is_longer_than_bcrypt_reads():
    assert len(PASSPHRASE) >= 40 and len(PASSPHRASE.encode("utf-8")) > 72


def test_long_passphrase_is_hashed_whole():
    """bcrypt alone reads 72 bytes: two passphrases differing after them would be the same password."""
    hashed = passwords.hash_password(PASSPHRASE + " một")
    assert passwords.check_password(PASSPHRASE + " một", hashed)
    assert not passwords.check_password(PASSPHRASE + " hai", hashed)
    assert hashed.startswith(passwords.PREHASHED) and len(hashed) <= 100  # the column holds 100


def test_passphrase_typed_with_decomposed_accents_matches():
    hashed = passwords.hash_password(PASSPHRASE)
    assert passwords.check_password(unicodedata.normalize("NFD", PASSPHRASE), hashed)


def test_hashes_from_before_the_prehash_still_verify(demo_db):
    """Accounts (and the demo data) hashed as plain bcrypt before this change keep logging in."""
    legacy = bcrypt.hashpw(demo.DEMO_PASSWORD.encode("utf-8"), bcrypt.gensalt(rounds=4)).decode("ascii")
    assert passwords.check_password(demo.DEMO_PASSWORD, legacy)
    assert not passwords.check_password("DonDoc@2027", legacy)
    assert not passwords.check_password(PASSPHRASE, legacy)  # more than 72 bytes against an old hash: no crash
    with session_scope(demo_db) as s:
        s.execute(sa.update(Account).where(Account.username == "tracuu.sxd").values(password_hash=legacy))
    assert _login(demo_db, "tracuu.sxd", demo.DEMO_PASSWORD).ok


def test_long_vietnamese_passphrase_end_to_end(demo_db, actors):
    """Set by the user, then log in with it; not with its first 72 bytes."""
    with session_scope(demo_db) as s:
        auth.change_own_password(s, actors["capnhat.sxd"], demo.DEMO_PASSWORD, PASSPHRASE, PASSPHRASE)
    assert account_by_name(demo_db, "capnhat.sxd").password_hash.startswith(passwords.PREHASHED)
    assert _login(demo_db, "capnhat.sxd", PASSPHRASE).ok
    prefix = PASSPHRASE.encode("utf-8")[:72].decode("utf-8", errors="ignore")
    assert not _login(demo_db, "capnhat.sxd", prefix).ok


def test_long_passphrase_for_the_first_administrator(engine):
    with session_scope(engine) as s:
        setup.create_first_admin(s, province="Tỉnh Vĩnh Long", full_name="Nguyễn Quản Trị", username="quantri",
                                 password=PASSPHRASE)
    assert _login(engine, "quantri", PASSPHRASE).ok
