"""The panel's look: one stylesheet, light, compact, colours carry the call state."""

STYLE = """
QMainWindow, QWidget#Central { background: #f4f6f8; }
QLabel { color: #212529; }
QFrame#ConnectionBar { background: white; border-bottom: 1px solid #dee2e6; }
QLabel#StatusText { font-weight: 600; }
QLabel#EndpointLabel { color: #6c757d; }
QFrame#NotificationBanner { background: #fff4e6; border: 1px solid #ffa94d; border-radius: 6px; }
QLabel#NotificationBannerText { color: #a33a00; font-weight: 600; }
QFrame#ErrorBar { background: #fff5f5; border: 1px solid #ff8787; border-radius: 6px; }
QLabel#ErrorBarText { color: #c92a2a; }
QFrame#CallWidget { background: white; border: 1px solid #dee2e6; border-radius: 8px; }
QFrame#CallWidget[current="true"] { border: 2px solid #74c0fc; }
QLabel#CurrentCall { color: #1c7ed6; font-size: 11px; }
QLabel#KeypadSent { color: #495057; font-family: monospace; font-size: 13px; }
QToolButton#MenuButton { border: 1px solid transparent; border-radius: 6px; padding: 3px; }
QToolButton#MenuButton:hover { background: #f1f3f5; border-color: #ced4da; }
QToolButton#MenuButton::menu-indicator { image: none; width: 0px; }
QLabel#CallName { font-size: 15px; font-weight: 600; }
QLabel#CallNumber { color: #495057; font-size: 13px; }
QLabel#CallDirection { color: #868e96; font-size: 11px; }
QLabel#CallOrigin { color: #1864ab; font-size: 12px; font-weight: 600; }
QLabel#CallTimer { color: #495057; font-family: monospace; font-size: 13px; }
QScrollArea, QWidget#CallsBox { background: transparent; }
QLabel#NoCalls { color: #adb5bd; padding: 14px; }
QLabel#SectionTitle { color: #6c757d; font-weight: 600; text-transform: uppercase; }
QPushButton { background: white; border: 1px solid #ced4da; border-radius: 6px;
              padding: 4px 6px; min-height: 20px; }
QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }
QPushButton:hover { background: #f1f3f5; }
QPushButton:pressed { background: #e9ecef; }
QPushButton:disabled { color: #adb5bd; background: #f8f9fa; border-color: #e9ecef; }
QPushButton:checked { background: #e7f5ff; border-color: #74c0fc; }
QPushButton#AnswerButton:enabled, QPushButton#CallButton:enabled {
    background: #2f9e44; color: white; border-color: #2b8a3e; font-weight: 600; }
QPushButton#AnswerButton:enabled:hover, QPushButton#CallButton:enabled:hover {
    background: #37b24d; }
QPushButton#HangupButton:enabled { background: #e03131; color: white; border-color: #c92a2a;
    font-weight: 600; }
QPushButton#HangupButton:enabled:hover { background: #f03e3e; }
QPushButton#KeypadKey { font-size: 14px; }
QLineEdit { background: white; border: 1px solid #ced4da; border-radius: 6px; padding: 5px 8px;
            font-size: 14px; }
QComboBox { background: white; border: 1px solid #ced4da; border-radius: 6px;
            padding: 3px 8px; min-height: 20px; }
QComboBox::drop-down { border: none; width: 18px; }
QLineEdit:focus, QComboBox:focus { border-color: #4dabf7; }
/* keyboard focus must be seen: a blue ring on whatever Tab reached */
QPushButton:focus, QToolButton:focus { border: 2px solid #339af0; }
QCheckBox:focus, QRadioButton:focus { color: #1864ab; }
QWidget#Keypad:focus { border: 2px solid #339af0; border-radius: 6px; }
QListWidget#HistoryList { background: white; border: 1px solid #dee2e6; border-radius: 8px; }
QLabel#HistoryWho { font-weight: 600; }
QLabel#HistoryMeta { color: #868e96; font-size: 11px; }
QLabel#MissedBadge { background: #e03131; color: white; border-radius: 8px; padding: 1px 8px;
                     font-weight: 600; }
"""
