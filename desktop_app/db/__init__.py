"""The data layer: SQLModel tables, the engine, migrations and the service functions.

Service functions are the only way to write (DESIGN §3): each takes
`session` and `actor` as keywords, runs as one transaction, checks the
actor's role and writes an audit row. Readers return frozen row objects,
never live ORM objects.
"""
