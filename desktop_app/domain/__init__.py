"""The office's rules as pure Python (DESIGN §1): no Qt, no database, no clock."""
