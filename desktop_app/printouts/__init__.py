"""Gathering rows for paper, one module per area: reads through db/services, builds with reports/."""
