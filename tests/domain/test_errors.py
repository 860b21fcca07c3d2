"""ValidationError carries every problem; gather_errors runs every check before raising."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import DomainError, ValidationError, gather_errors


def _bad(field: str, message: str):
    def check():
        raise ValidationError(field, message)
    return check


def test_one_problem_is_as_before():
    exc = ValidationError("name", "请填写姓名")
    assert (exc.field, exc.message, str(exc)) == ("name", "请填写姓名", "请填写姓名")
    assert exc.problems == (("name", "请填写姓名"),)
    assert isinstance(exc, DomainError)


def test_more_problems_keep_the_first_in_front():
    exc = ValidationError("name", "请填写姓名", more=[("phone", "电话格式不正确")])
    assert exc.problems == (("name", "请填写姓名"), ("phone", "电话格式不正确"))
    assert str(exc) == "请填写姓名" and exc.field == "name"
    assert ValidationError.of(exc.problems).problems == exc.problems
    with pytest.raises(ValueError):
        ValidationError.of([])


def test_gather_returns_every_result_when_all_pass():
    assert gather_errors(lambda: 1, lambda: "a", lambda: None) == (1, "a", None)
    assert gather_errors() == ()


def test_gather_runs_every_check_and_raises_all_problems_in_order():
    ran: list[str] = []
    nested = lambda: gather_errors(_bad("b", "二"), _bad("c", "三"))  # noqa: E731
    with pytest.raises(ValidationError) as caught:
        gather_errors(_bad("a", "一"), lambda: ran.append("ok"), nested, _bad("d", "四"))
    assert ran == ["ok"]
    assert caught.value.problems == (("a", "一"), ("b", "二"), ("c", "三"), ("d", "四"))
    assert (caught.value.field, str(caught.value)) == ("a", "一")


def test_gather_lets_other_errors_through():
    with pytest.raises(ZeroDivisionError):
        gather_errors(_bad("a", "一"), lambda: 1 / 0)
