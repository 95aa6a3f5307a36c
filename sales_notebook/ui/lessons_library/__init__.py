"""The lessons library pane."""
