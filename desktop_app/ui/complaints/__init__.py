"""The 投诉登记 tab: register matters, work them step by step, list, filter and remind."""

from desktop_app.ui.complaints.tab import ComplaintsTab

__all__ = ["ComplaintsTab"]
