"""What Qt asks ICU for, printed: run by test_bundle_features with the bundle's ICU data."""

from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone

WORDS = ["zebra", "Äpfel", "apple", "öl", "Ödem", "école", "ångström", "Zürich", "čaj", "ch", "h"]
WORDS += ["ılık", "İzmir", "izmir", "日本", "中文", "Россия", "العربية", "Ελλάδα"]

for name in ("sv_SE", "de_DE", "cs_CZ", "en_US", "ja_JP", "tr_TR", "ar_EG", "zh_CN", "ru_RU"):
    print(name, sorted(WORDS, key=QCollator(QLocale(name)).sortKey))
print(QLocale("tr_TR").toUpper("istanbul"), QLocale("el_GR").toLower("ΟΔΟΣ"))
berlin = QTimeZone(b"Europe/Berlin")
for name in ("de_DE", "en_US", "ja_JP"):
    for kind in (QTimeZone.TimeType.StandardTime, QTimeZone.TimeType.GenericTime):
        print(name, berlin.displayName(kind, QTimeZone.NameType.LongName, QLocale(name)))
print("legacy code pages:", QStringDecoder("Shift-JIS").isValid())
