"""The stakeholder map pane."""
