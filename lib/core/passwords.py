"""Password hashing (bcrypt, the library streamlit-authenticator uses) and the password policy (zxcvbn).

Hashing: bcrypt reads at most 72 bytes (and bcrypt 5 refuses more), while a Vietnamese passphrase spends 2–3
bytes on each letter with diacritics. New hashes therefore bcrypt the base64 of the password's SHA-256 (44
bytes, never a NUL byte) and carry the prefix `PREHASHED`; hashes written before (plain `$2b$…`, also the
bootstrap hash in auth.yaml made by an older `hash-password`) still verify the old way.

Strength: judged by zxcvbn (Dropbox's estimator, pinned in requirements.txt) rather than by counting character
classes, with the account's own names as user inputs; its English feedback is shown in Vietnamese (lib.vi).
"""
from __future__ import annotations

import base64
import hashlib
import re
import threading
import unicodedata
from dataclasses import dataclass

import bcrypt
from zxcvbn import zxcvbn

from lib.core import config, vi
from lib.core.text import fold

PREHASHED = "sha256-b64$"
LENGTH_FLOOR = 8      # no setting may let a password be shorter (issue 8, item 3)
SCORE_FLOOR = 3       # zxcvbn's "safely unguessable" (≥ 10^8 guesses); no setting may go lower
ZXCVBN_MAX_CHARS = 72  # zxcvbn refuses longer input (its cost grows fast); a longer one is judged on this prefix
# The product's own name: the first word anyone tries against it.
PRODUCT_WORDS = ("dondoc", "đôn đốc", "đônđốc", "don doc", "dôn dôc")

_zxcvbn_lock = threading.Lock()  # zxcvbn keeps the user inputs in a module-level dictionary


# --------------------------------------------------------------------------- hashing

def _prehash(password: str) -> bytes:
    """44 ASCII bytes whatever the length; NFC first, so a passphrase typed with decomposed accents still fits."""
    normalised = unicodedata.normalize("NFC", password)
    return base64.b64encode(hashlib.sha256(normalised.encode("utf-8")).digest())


def hash_password(password: str) -> str:
    salt = bcrypt.gensalt(rounds=config.bcrypt_rounds())
    return PREHASHED + bcrypt.hashpw(_prehash(password), salt).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    if hashed.startswith(PREHASHED):
        secret, stored = _prehash(password), hashed[len(PREHASHED):]
    else:  # a hash from before the pre-hash: bcrypt over the raw UTF-8 bytes
        secret, stored = password.encode("utf-8"), hashed
    try:
        return bcrypt.checkpw(secret, stored.encode("ascii"))
    except ValueError:  # not a bcrypt hash, or a legacy check with more than 72 bytes
        return False


# --------------------------------------------------------------------------- strength

@dataclass(frozen=True)
class Strength:
    score: int                   # 0–4
    feedback: tuple[str, ...]    # Vietnamese: the warning first, then the suggestions
    personal: bool               # built on the user's own names, the unit's name or the product's name


def user_inputs(*texts: str | None) -> list[str]:
    """The words zxcvbn should treat as guessable for this account: each text whole, without spaces and
    without diacritics, and each of its words ("Võ Thị Mai" → "võ thị mai", "vothimai", "mai", …)."""
    found: list[str] = list(PRODUCT_WORDS)
    for text in filter(None, texts):
        for variant in {text.lower(), fold(text)}:
            words = [w for w in re.split(r"[\s._@\-]+", variant) if w]
            found += [variant, "".join(words), *[w for w in words if len(w) >= 3]]
    return list(dict.fromkeys(found))


def strength(password: str, inputs: list[str]) -> Strength:
    """zxcvbn's score, except that a password built on the account's own words is only as strong as what is
    left without them (zxcvbn alone rates "VoThiMai@2026" 3/4 for Võ Thị Mai: her name plus five symbols)."""
    result = _zxcvbn(password[:ZXCVBN_MAX_CHARS], inputs)
    feedback = result["feedback"]
    texts = [feedback["warning"], *feedback["suggestions"]]
    own = [m for m in result["sequence"] if m.get("dictionary_name") == "user_inputs"]
    score = result["score"]
    if own:
        rest = "".join(c for k, c in enumerate(password[:ZXCVBN_MAX_CHARS])
                       if not any(m["i"] <= k <= m["j"] for m in own))
        score = min(score, _zxcvbn(rest, inputs)["score"] if rest else 0)
    return Strength(score, tuple(dict.fromkeys(translate(t) for t in texts if t)), bool(own))


def _zxcvbn(password: str, inputs: list[str]) -> dict:
    with _zxcvbn_lock:
        return zxcvbn(password, user_inputs=inputs)


def translate(text: str) -> str:
    """zxcvbn's fixed English feedback in Vietnamese; anything unknown (a newer zxcvbn) gets a general hint."""
    return vi.ZXCVBN_FEEDBACK.get(text, vi.PW_HINT_GENERAL)


def policy_errors(password: str, inputs: list[str], min_length: int, min_score: int,
                  forbidden: tuple[str, ...] = ()) -> list[str]:
    """Every way in which the password breaks the policy, in Vietnamese; empty when it is acceptable.
    The floors hold whatever the settings say."""
    min_length, min_score = max(min_length, LENGTH_FLOOR), max(min_score, SCORE_FLOOR)
    if any(password.casefold() == word.casefold() for word in forbidden):
        return [vi.PW_DEMO_PASSWORD]
    errors = []
    if len(password) < min_length:
        errors.append(vi.PW_TOO_SHORT.format(n=min_length))
    judged = strength(password, inputs)
    if judged.score < min_score:
        errors.append(vi.PW_WEAK.format(score=judged.score, min=min_score))
        if judged.personal:
            errors.append(vi.PW_PERSONAL)
        errors.extend(judged.feedback or (vi.PW_HINT_GENERAL,))
    return list(dict.fromkeys(errors))
