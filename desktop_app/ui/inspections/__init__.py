"""The 周五检查 tab: the Friday inspection, the rectification ledger (整改台账), the duty log."""
