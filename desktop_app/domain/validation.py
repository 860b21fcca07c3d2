"""Input checks and masking used by the db service functions (DESIGN §3).

Each `clean_*` / `check_*` function returns the cleaned value or raises
`ValidationError(field, message)` with a Chinese message the form shows next
to the field ("bad input gets a clear message next to the field").
`mask_phone` and `mask_id_number` hide phone and ID numbers in lists,
summaries and exports (DESIGN §3: 138****1234); `mask_phones_in_text` does
it for the numbers written inside free text such as a comment.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from desktop_app.domain.errors import ValidationError

PHONE_FORMAT_MESSAGE = (
    "电话格式不正确：请填写11位手机号或带区号的固定电话（如 0538-1234567，分机可写 -123）"
)
PASSWORD_RULE_MESSAGE = "密码至少8位，且须同时包含字母和数字"
PASSWORD_MAX_LEN = 128

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(
    r"""
    (?: \( (?P<paren>0[1-9]\d{1,2}) \) [\s-]*     # (0538)5991234, (0538) 599…
      | (?P<area>0[1-9]\d{1,2}) (?:\s*-\s*|\s+)   # 0538-5991234, 0538 5991234
    )
    (?P<local>\d{7,8})
    (?: \s* (?:-|转|ext\.?|分机) \s* (?P<ext>\d{1,6}) )?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{2,31}")
_MASKED_LANDLINE = re.compile(r"(0\d{2,3})-(\d{7,8})((?:-\d+)?)")


def _normalize(value: str | None) -> str:
    """NFKC (full-width digits and brackets → ASCII) and strip; None → ""."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", value).strip()


def clean_text(
    value: str | None, *, field: str, label: str, max_len: int, required: bool = True
) -> str:
    """Stripped text; "请填写{label}" if required and empty, "{label}不能超过{max_len}个字" if long."""
    text = (value or "").strip()
    if not text:
        if required:
            raise ValidationError(field, f"请填写{label}")
        return ""
    if len(text) > max_len:
        raise ValidationError(field, f"{label}不能超过{max_len}个字")
    return text


def clean_choice(kind: type[StrEnum], code: object, *, field: str, message: str) -> str:
    """The code of one of `kind`'s members (a combo box's choice); `message` if it is none."""
    try:
        return kind(code).value
    except ValueError:
        raise ValidationError(field, message) from None


def clean_phone(
    value: str | None, *, field: str, label: str = "电话", required: bool = False
) -> str:
    """An 11-digit mobile or a landline with area code, normalized; "" if empty and optional.

    Mobile: 1[3-9] + 9 digits, spaces and hyphens removed → "13812341234".
    Landline: 0 + 2–3 digits area code, then 7–8 digits, separated by "-",
    a space or written "(0538)5991234" → "0538-5991234"; an extension
    "-123", "转123" or "ext 123" → "0538-5991234-123".
    """
    text = _normalize(value)
    if not text:
        if required:
            raise ValidationError(field, f"请填写{label}")
        return ""
    compact = re.sub(r"[\s-]", "", text)
    if _MOBILE.fullmatch(compact):
        return compact
    match = _LANDLINE.fullmatch(text)
    if match is None:
        raise ValidationError(field, PHONE_FORMAT_MESSAGE)
    area = match.group("paren") or match.group("area")
    result = f"{area}-{match.group('local')}"
    if match.group("ext"):
        result += f"-{match.group('ext')}"
    return result


def clean_email(value: str | None, *, field: str, required: bool = False) -> str:
    """An e-mail address like name@example.com (stripped); "" if empty and optional."""
    text = _normalize(value)
    if not text:
        if required:
            raise ValidationError(field, "请填写邮箱")
        return ""
    if len(text) > 254 or not _EMAIL.fullmatch(text):
        raise ValidationError(field, "邮箱格式不正确，例如 name@example.com")
    return text


def clean_username(value: str | None, *, field: str = "username") -> str:
    """A login name: 3–32 ASCII letters, digits, "_", "." or "-", starting with a letter."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, "请填写用户名")
    if not _USERNAME.fullmatch(text):
        raise ValidationError(
            field, "用户名须为3–32位英文字母、数字、下划线、点或连字符，且以字母开头"
        )
    return text


def check_password_strength(password: str | None, *, field: str = "password") -> str:
    """At least 8 characters, not all the same character, with both letters and digits.

    Returns the password unchanged (passwords are never stripped).
    """
    text = password or ""
    if len(text) < 8:
        raise ValidationError(field, PASSWORD_RULE_MESSAGE)
    if len(text) > PASSWORD_MAX_LEN:
        raise ValidationError(field, f"密码不能超过{PASSWORD_MAX_LEN}位")
    if len(set(text)) == 1:
        raise ValidationError(field, "密码不能全部是同一个字符")
    has_letter = any(c.isascii() and c.isalpha() for c in text)
    has_digit = any(c.isascii() and c.isdigit() for c in text)
    if not (has_letter and has_digit):
        raise ValidationError(field, PASSWORD_RULE_MESSAGE)
    return text


def _mask_generic(text: str) -> str:
    """Hide the middle of any string: long ones keep 3 + 4 characters, short ones less."""
    n = len(text)
    if n <= 4:
        return "*" * n
    head, tail = (3, 4) if n >= 10 else (1, 2)
    return text[:head] + "*" * (n - head - tail) + text[-tail:]


def mask_phone(phone: str | None) -> str:
    """13812341234 → "138****1234"; "0538-5991234" → "0538-***1234" (area code, last 4 kept).

    Anything else is masked in the middle without failing; "" stays "".
    """
    text = (phone or "").strip()
    if not text:
        return ""
    compact = re.sub(r"[\s-]", "", text)
    if _MOBILE.fullmatch(compact):
        return f"{compact[:3]}****{compact[-4:]}"
    match = _MASKED_LANDLINE.fullmatch(text)
    if match:
        area, local, ext = match.groups()
        return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}{ext}"
    return _mask_generic(text)


_PHONE_IN_TEXT = re.compile(
    r"""
    (?<![0-9０-９])
    (?: [1１] [0-9０-９]{2} [ -]? [0-9０-９]{4} [ -]? [0-9０-９]{4}   # 13812345678, 138 1234 5678
      | [0０] [0-9０-９]{2,3} [ -]? [0-9０-９]{7,8}                     # 0538-5991234, 05385991234
      | [(（] [0０] [0-9０-９]{2,3} [)）] \s* [0-9０-９]{7,8}          # (0538)5991234
    )
    (?![0-9０-９])
    """,
    re.VERBOSE,
)


def mask_phones_in_text(text: str | None) -> str:
    """Free text with every phone number in it masked, the rest unchanged (DESIGN §3: lists,
    summaries and exports show a comment's "请回电13812345678" as "请回电138****5678").

    Mobiles (11 digits from 1, spaces or hyphens allowed as 3-4-4) and landlines with an
    area code ("0538-5991234", "05385991234", "(0538)5991234") are masked like
    `mask_phone`; full-width digits count too. Other numbers (dates, amounts, ID numbers
    longer than a phone) are left alone.
    """
    def masked(match: re.Match[str]) -> str:
        number = unicodedata.normalize("NFKC", match.group())
        landline = re.fullmatch(r"\(?(0\d{2,3})\)?[\s-]*(\d{7,8})", number)
        if landline and not _MOBILE.fullmatch(re.sub(r"[\s-]", "", number)):
            number = f"{landline.group(1)}-{landline.group(2)}"
        return mask_phone(number)

    return _PHONE_IN_TEXT.sub(masked, text or "")


def mask_id_number(id_number: str | None) -> str:
    """Keep the first 6 and last 4 characters of an ID number, hide the rest.

    370911199001011234 → "370911********1234"; strings of 10 characters or
    fewer are masked in the middle instead so they never show whole.
    """
    text = (id_number or "").strip()
    if len(text) > 10:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    return _mask_generic(text)
