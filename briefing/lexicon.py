"""Plain word lists shared by several stages (no spaCy import: any stage may read them)."""

from __future__ import annotations

# News agencies and state media are organisations, never people or places.
NEWS_AGENCIES = (
    "Reuters",
    "AFP",
    "Agence France-Presse",
    "AP",
    "Associated Press",
    "SANA",
    "TASS",
    "RIA Novosti",
    "Xinhua",
    "Anadolu",
    "Anadolu Agency",
    "IRNA",
    "KCNA",
    "Yonhap",
    "Kyodo",
    "PTI",
    "ANSA",
    "EFE",
    "DPA",
    "Bloomberg",
    "UPI",
    "WAFA",
    "MENA",
    "BBC",
    "CNN",
    "NHK",
)


# Festivals and holidays: the model tags them as places or organisations ("before Diwali",
# "over Thanksgiving"); they are times, never a place or an actor.
HOLIDAYS = frozenset(
    (
        "christmas", "christmas eve", "christmas day", "boxing day", "easter", "good friday",
        "new year", "new year's", "new year's eve", "new year's day", "lunar new year",
        "chinese new year", "thanksgiving", "halloween", "hanukkah", "chanukah", "passover",
        "yom kippur", "rosh hashanah", "ramadan", "eid", "eid al-fitr", "eid al-adha",
        "diwali", "deepavali", "holi", "navratri", "dussehra", "durga puja", "pongal",
        "onam", "vesak", "kwanzaa", "mardi gras", "pentecost",
        "valentine's day", "mother's day", "father's day", "labor day", "labour day",
        "memorial day", "independence day", "veterans day", "black friday", "cyber monday",
        "st patrick's day", "bastille day", "hogmanay", "nowruz", "songkran",
    )
)  # fmt: skip


# Technology terms written in capitals: the model tags them as organisations or people
# ("updated the BIOS", "a USB stick"); they name things, never actors.
TECH_TERMS = frozenset(
    (
        "bios", "uefi", "usb", "ram", "rom", "cpu", "cpus", "gpu", "gpus", "ssd", "hdd",
        "hdmi", "html", "css", "pdf", "api", "apis", "sdk", "led", "lcd", "oled", "os",
        "vpn", "dns", "url", "http", "https", "ssh", "ftp", "ip", "tcp", "sql", "json", "xml",
        "wifi", "wi-fi", "lte", "5g", "4g", "nfc", "gps", "ios", "raid", "nvme", "sata",
        "ddr4", "ddr5", "vga", "dvi", "ui", "ux", "faq", "rss", "ai", "vr", "ar", "iot",
    )
)  # fmt: skip
