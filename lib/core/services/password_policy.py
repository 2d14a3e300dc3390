"""The password policy as the services apply it: the settings, the account's own words, demo mode."""
from __future__ import annotations

from sqlalchemy.orm import Session

from lib.core import demo, passwords, vi
from lib.core.errors import ValidationError
from lib.core.models import Account, Unit
from lib.core.services import settings


def check(session: Session, password: str, *, username: str, full_name: str, unit_id: int | None) -> None:
    """Refuse a password that is too short, too guessable for this account (zxcvbn, with its user name, full
    name, unit and the product's name as known words) or the demo data's published password outside demo mode."""
    values = settings.all_settings(session)
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    inputs = passwords.user_inputs(username, full_name, unit.name if unit else None, unit.code if unit else None,
                                   values["province_name"])
    demo_mode = demo.is_demo_mode(session)
    if demo_mode and password == demo.DEMO_PASSWORD:
        return  # the trainers' password, published with the demo data
    errors = passwords.policy_errors(password, inputs, values["password_min_length"], values["password_min_score"],
                                     forbidden=() if demo_mode else (demo.DEMO_PASSWORD,))
    if errors:
        raise ValidationError(" ".join(errors), field="password")


def check_for_account(session: Session, password: str, account: Account) -> None:
    check(session, password, username=account.username, full_name=account.full_name, unit_id=account.unit_id)


def describe(session: Session) -> str:
    """The policy in one paragraph, for the forms where a password is chosen."""
    values = settings.all_settings(session)
    text = vi.PW_POLICY.format(length=max(values["password_min_length"], passwords.LENGTH_FLOOR),
                               score=max(values["password_min_score"], passwords.SCORE_FLOOR))
    if values["password_max_age_days"]:
        text += vi.PW_POLICY_MAX_AGE.format(days=values["password_max_age_days"])
    return text
