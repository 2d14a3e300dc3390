"""Password hashing (bcrypt, the library streamlit-authenticator uses) and the password policy."""
from __future__ import annotations

import string

import bcrypt

from lib import config, vi


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=config.bcrypt_rounds())).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:
        return False


def character_classes(password: str) -> int:
    checks = (
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() or c in string.punctuation for c in password),
    )
    return sum(checks)


def policy_errors(password: str, username: str, min_length: int, min_classes: int) -> list[str]:
    """Every way in which the password breaks the policy, in Vietnamese; empty when it is acceptable."""
    errors = []
    if len(password) < min_length:
        errors.append(vi.PW_TOO_SHORT.format(n=min_length))
    if character_classes(password) < min_classes:
        errors.append(vi.PW_CLASSES.format(n=min_classes))
    if username and username.lower() in password.lower():
        errors.append(vi.PW_CONTAINS_USERNAME)
    return errors
