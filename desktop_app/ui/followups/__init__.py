"""The 出院回访 tab: discharges, the three-tier work lists, recording follow-ups, results."""
