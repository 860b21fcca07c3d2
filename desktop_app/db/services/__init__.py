"""Service functions: the only way to write (`def f(*, session, ..., actor)`)."""
