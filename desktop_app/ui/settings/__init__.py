"""The 设置 tab: institution settings, departments, staff, users, holiday calendar, audit log."""

from desktop_app.ui.settings.tab import SettingsTab

__all__ = ["SettingsTab"]
