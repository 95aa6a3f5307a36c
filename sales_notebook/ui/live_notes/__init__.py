"""Live call notes: the editor, autosave and the New call dialog."""
