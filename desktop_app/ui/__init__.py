"""PySide6 user interface: one sub-package per tab, shared widgets and dialogs."""
