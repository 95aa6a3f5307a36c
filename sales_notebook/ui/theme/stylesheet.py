"""The Qt style sheet of the whole app, from the palette's tokens.

One place for tabs, buttons, fields, lists, tables, menus and dialogs; panes only name their
widgets (objectName) or set a property such as `primary` on a button.
"""

from __future__ import annotations

from sales_notebook.ui.theme.tokens import RADIUS, SPACING, Palette


def stylesheet(p: Palette, points: float) -> str:
    """The sheet for the palette, at a base font size in points."""
    half = SPACING // 2
    return f"""
QMainWindow, QDialog, QWizard {{ background: {p.window}; }}
QToolTip {{
    background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    padding: {half}px; border-radius: {RADIUS}px;
}}

QTabWidget::pane {{ border: none; border-top: 1px solid {p.border}; }}
QTabBar {{ qproperty-drawBase: 0; background: transparent; }}
QTabBar::tab {{
    background: transparent; color: {p.muted}; border: none;
    padding: {half + 2}px {SPACING + 6}px; margin-right: 2px;
    border-bottom: 2px solid transparent;
}}
QTabBar::tab:hover {{ color: {p.text}; background: {p.surface_alt}; }}
QTabBar::tab:selected {{ color: {p.text}; border-bottom: 2px solid {p.accent}; }}
QTabBar::tab:focus {{ color: {p.accent}; }}

QPushButton, QToolButton {{
    background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    border-radius: {RADIUS}px; padding: {half + 1}px {SPACING + 4}px;
}}
QToolButton {{ padding: {half}px {SPACING}px; }}
QPushButton:hover, QToolButton:hover {{ background: {p.surface_alt}; }}
QPushButton:pressed, QToolButton:pressed, QToolButton:checked {{
    background: {p.surface_alt}; border-color: {p.accent};
}}
QPushButton:focus, QToolButton:focus {{ border: 1px solid {p.accent}; }}
QPushButton:default, QPushButton[primary="true"] {{
    background: {p.accent}; color: {p.accent_text}; border-color: {p.accent};
}}
QPushButton:disabled, QToolButton:disabled {{ color: {p.muted}; background: {p.window}; }}
QToolButton::menu-indicator {{ subcontrol-position: right center; right: 4px; }}
QToolButton[popupMode="2"] {{ padding-right: {SPACING * 2 + 4}px; }}
QToolBar {{ spacing: 2px; }}
QToolBar QToolButton {{ padding: {half}px {half + 1}px; }}
QToolBar QToolButton[popupMode="2"] {{ padding-right: {SPACING + 6}px; }}

QLineEdit, QPlainTextEdit, QTextEdit, QTextBrowser {{
    background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    border-radius: {RADIUS}px; padding: {half - 1}px {half + 2}px;
    selection-background-color: {p.accent}; selection-color: {p.accent_text};
}}
QPlainTextEdit, QTextEdit, QTextBrowser {{ padding: {half}px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 1px solid {p.accent}; }}
QComboBox QAbstractItemView {{
    background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    selection-background-color: {p.accent}; selection-color: {p.accent_text};
}}

QTreeView, QTableView, QListView, QTreeWidget, QListWidget {{
    background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    border-radius: {RADIUS}px; alternate-background-color: {p.surface_alt};
    selection-background-color: {p.accent}; selection-color: {p.accent_text};
    outline: 0;
}}
QTreeView::item, QListView::item, QTableView::item {{ padding: 3px 4px; }}
QCalendarWidget QTableView::item {{ padding: 0px; }}  /* its cells are sized without padding */
QTreeView::item:hover, QListView::item:hover {{ background: {p.surface_alt}; }}
QTreeView::item:selected, QListView::item:selected, QTableView::item:selected {{
    background: {p.accent}; color: {p.accent_text};
}}
QHeaderView::section {{
    background: {p.window}; color: {p.muted}; border: none;
    border-bottom: 1px solid {p.border}; padding: {half}px {SPACING}px; font-weight: 600;
}}

QMenuBar {{ background: {p.window}; color: {p.text}; }}
QMenuBar::item {{ padding: {half}px {SPACING + 2}px; border-radius: {RADIUS}px; }}
QMenuBar::item:selected {{ background: {p.surface_alt}; }}
QMenu {{
    background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
    padding: {half}px;
}}
QMenu::item {{ padding: {half + 1}px {SPACING * 3}px {half + 1}px {SPACING * 3}px;
    border-radius: {RADIUS - 2}px; }}
QMenu::item:selected {{ background: {p.accent}; color: {p.accent_text}; }}
QMenu::separator {{ height: 1px; background: {p.border}; margin: {half}px {SPACING}px; }}

QStatusBar {{ background: {p.window}; color: {p.muted}; border-top: 1px solid {p.border}; }}
QSplitter::handle {{ background: {p.window}; }}
QSplitter::handle:hover {{ background: {p.border}; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
QScrollBar::handle {{ background: {p.border}; border-radius: 3px; min-height: 24px;
    min-width: 24px; }}
QScrollBar::handle:hover {{ background: {p.muted}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QGroupBox {{ border: 1px solid {p.border}; border-radius: {RADIUS}px;
    margin-top: {SPACING * 2}px; padding-top: {SPACING}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {SPACING}px; color: {p.muted}; }}
QLabel[role="muted"] {{ color: {p.muted}; }}
QLabel[role="heading"] {{ font-size: {points * 1.45:.1f}pt; font-weight: 600; }}
QLabel[role="title"] {{ font-size: {points * 1.2:.1f}pt; font-weight: 600; }}
QFrame#postMortemOffer, QFrame[role="callout"] {{
    background: {p.surface_alt}; border: 1px solid {p.border}; border-radius: {RADIUS}px;
}}
"""
