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
