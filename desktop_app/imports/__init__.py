"""Parsing the spreadsheets the office imports (discharge lists, outpatient visits); no database."""
