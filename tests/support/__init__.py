"""Plain helpers shared by the tests: data builders, the database templates, the dialog driver.

Not test modules and not conftests: test modules import from here, never from each other
(tests/test_suite_shape.py).
"""
