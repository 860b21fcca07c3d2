"""Input checks and masks (DESIGN §3: clear messages next to the field, masked phones)."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.validation import (
    PHONE_FORMAT_MESSAGE,
    check_password_strength,
    clean_email,
    clean_phone,
    clean_text,
    clean_username,
    mask_id_number,
    mask_phone,
    mask_phones_in_text,
)

# --- text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "required", "expected"),
    [
        ("  门诊排队时间长  ", True, "门诊排队时间长"),
        ("", False, ""),
        (None, False, ""),
        ("   ", False, ""),
        ("一" * 10, True, "一" * 10),
    ],
)
def test_clean_text_ok(value: str | None, required: bool, expected: str) -> None:
    assert clean_text(value, field="issue", label="反映问题", max_len=10, required=required) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "请填写反映问题"),
        ("  \n ", "请填写反映问题"),
        (None, "请填写反映问题"),
        ("一" * 11, "反映问题不能超过10个字"),
    ],
)
def test_clean_text_bad(value: str | None, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        clean_text(value, field="issue", label="反映问题", max_len=10)
    assert info.value.field == "issue"
    assert info.value.message == message


# --- phones -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812341234", "13812341234"),
        (" 138 1234 1234 ", "13812341234"),
        ("138-1234-1234", "13812341234"),
        ("19912345678", "19912345678"),
        ("１３８１２３４１２３４", "13812341234"),  # full-width digits
        ("0538-5991234", "0538-5991234"),
        ("0538 5991234", "0538-5991234"),
        ("0538 - 5991234", "0538-5991234"),
        ("(0538)5991234", "0538-5991234"),
        ("(0538) 5991234", "0538-5991234"),
        ("（0538）5991234", "0538-5991234"),  # full-width brackets
        ("010-12345678", "010-12345678"),
        ("0538-5991234-123", "0538-5991234-123"),
        ("0538-5991234转123", "0538-5991234-123"),
        ("0538-5991234 转 123", "0538-5991234-123"),
        ("0538-5991234 ext 123", "0538-5991234-123"),
        ("0538-5991234 EXT.8", "0538-5991234-8"),
        ("(0538)5991234-66", "0538-5991234-66"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_phone_ok(value: str | None, expected: str) -> None:
    assert clean_phone(value, field="phone") == expected


@pytest.mark.parametrize(
    "value",
    [
        "12345678901",  # 12… is no mobile prefix
        "1381234123",  # 10 digits
        "138123412345",  # 12 digits
        "5991234",  # no area code
        "05385991234",  # area code not separated: ambiguous
        "0538-599123",  # 6 digits
        "0538-599123456",  # 9 digits
        "0086-538-5991234",
        "0538-5991234-",
        "0538-5991234 分",
        "13812341234-123",  # mobiles have no extension
        "电话 13812341234",
        "abc",
    ],
)
def test_clean_phone_bad(value: str) -> None:
    with pytest.raises(ValidationError) as info:
        clean_phone(value, field="contact_phone")
    assert info.value.field == "contact_phone"
    assert info.value.message == PHONE_FORMAT_MESSAGE


def test_clean_phone_required() -> None:
    with pytest.raises(ValidationError, match="请填写联系电话"):
        clean_phone("  ", field="phone", label="联系电话", required=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812341234", "138****1234"),
        ("138 1234 1234", "138****1234"),
        ("0538-5991234", "0538-***1234"),
        ("010-12345678", "010-****5678"),
        ("0538-5991234-123", "0538-***1234-123"),
        ("", ""),
        (None, ""),
        ("12", "**"),
        ("1234", "****"),
        ("12345", "1**45"),
        ("5991234", "5****34"),
        ("weird-phone-text", "wei*********text"),
    ],
)
def test_mask_phone(value: str | None, expected: str) -> None:
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请回电13812345678", "请回电138****5678"),
        ("座机0538-5991234找张某某", "座机0538-***1234找张某某"),
        ("电话 138 1234 5678，或（0538）5991234", "电话 138****5678，或0538-***1234"),
        ("05385991234。", "0538-***1234。"),
        ("全角１３８１２３４５６７８", "全角138****5678"),
        ("13812345678、13912345678", "138****5678、139****5678"),
        # not phones: dates, serials, amounts, an ID number, a number too short or too long
        ("2026年11月3日上午，挂号费12元", "2026年11月3日上午，挂号费12元"),
        ("诉求2026-0012已办结", "诉求2026-0012已办结"),
        ("身份证370911199001011234", "身份证370911199001011234"),
        ("床号1381234", "床号1381234"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phones_in_text(text: str | None, expected: str) -> None:
    assert mask_phones_in_text(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("370911199001011234", "370911********1234"),
        ("37091119900101123X", "370911********123X"),
        ("370911900101123", "370911*****1123"),  # old 15-digit number
        ("", ""),
        (None, ""),
        ("1234", "****"),
        ("1234567890", "123***7890"),
    ],
)
def test_mask_id_number(value: str | None, expected: str) -> None:
    assert mask_id_number(value) == expected


# --- e-mail, user names, passwords --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" office@example.com ", "office@example.com"), ("a.b-c@mail.example.cn", "a.b-c@mail.example.cn"),
     ("", ""), (None, "")],
)
def test_clean_email_ok(value: str | None, expected: str) -> None:
    assert clean_email(value, field="email") == expected


@pytest.mark.parametrize("value", ["office", "office@", "@example.com", "a@b", "a b@c.com", "a@@b.com",
                                   "a@b..com"])
def test_clean_email_bad(value: str) -> None:
    with pytest.raises(ValidationError, match="邮箱格式不正确"):
        clean_email(value, field="email")


def test_clean_email_required() -> None:
    with pytest.raises(ValidationError, match="请填写邮箱"):
        clean_email("", field="email", required=True)


@pytest.mark.parametrize("value", ["abc", "zhang.san", "Admin_01", "a-b", " wang5 ", "a" * 32])
def test_clean_username_ok(value: str) -> None:
    assert clean_username(value) == value.strip()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "请填写用户名"),
        ("ab", "用户名须为"),
        ("1abc", "用户名须为"),
        ("_abc", "用户名须为"),
        ("张三", "用户名须为"),
        ("ab cd", "用户名须为"),
        ("a" * 33, "用户名须为"),
    ],
)
def test_clean_username_bad(value: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        clean_username(value)
    assert info.value.field == "username"


@pytest.mark.parametrize("value", ["abcd1234", "Passw0rd!", " 1a2b3c4d ", "安全密码abc123"])
def test_password_ok(value: str) -> None:
    assert check_password_strength(value) == value  # never stripped


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "密码至少8位，且须同时包含字母和数字"),
        (None, "密码至少8位，且须同时包含字母和数字"),
        ("abc123", "密码至少8位，且须同时包含字母和数字"),
        ("abcdefgh", "密码至少8位，且须同时包含字母和数字"),
        ("12345678", "密码至少8位，且须同时包含字母和数字"),
        ("密码密码密码12", "密码至少8位，且须同时包含字母和数字"),  # Chinese is not a letter here
        ("aaaaaaaa", "密码不能全部是同一个字符"),
        ("a1" * 65, "密码不能超过128位"),
    ],
)
def test_password_bad(value: str | None, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_password_strength(value, field="new_password")
    assert info.value.field == "new_password"
    assert info.value.message == message
