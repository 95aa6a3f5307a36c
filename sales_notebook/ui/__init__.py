"""Qt widgets: the main window and one folder per pane."""
