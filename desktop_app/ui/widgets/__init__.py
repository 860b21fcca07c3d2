"""The shared UI kit: forms and field errors, inputs, row tables, service calls, the error, print and period dialogs, the import wizard."""
