"""Slack: Block Kit for the core's replies, and the views (modals, App Home)."""
