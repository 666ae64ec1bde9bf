#!/usr/bin/env python3
"""Writes Sources/SGWCore/Resources/calendar/YEAR.yaml from the `chinesecalendar` package.

The State Council's annual notices (国务院办公厅关于YYYY年部分节假日安排的通知) are the source;
`chinesecalendar` (PyPI) carries them as data, and holiday-cn agrees with it for 2007-2026.
Usage: pip install chinesecalendar && python3 scripts/data/calendar-from-chinesecalendar.py 2020 2026
"""
import sys, datetime, pathlib
from chinese_calendar import constants

NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

def runs(items):
    """Groups sorted (date, name) pairs into contiguous runs of one name."""
    out = []
    for d, n in items:
        if out and out[-1][2] == n and out[-1][1] + datetime.timedelta(days=1) == d:
            out[-1][1] = d
        else:
            out.append([d, d, n])
    return out

def main(first, last):
    root = pathlib.Path(__file__).resolve().parents[2] / "Sources/SGWCore/Resources/calendar"
    for year in range(first, last + 1):
        hol = sorted((d, n.value if hasattr(n, "value") else n) for d, n in constants.holidays.items() if d.year == year)
        work = sorted((d, n.value if hasattr(n, "value") else n) for d, n in constants.workdays.items() if d.year == year)
        lines = [
            f"# Working calendar of mainland China, {year}.",
            f"# Source: 国务院办公厅关于{year}年部分节假日安排的通知 (as carried by the chinesecalendar package).",
            "# holidays: days off, weekends inside a holiday block included; makeup_workdays: weekend days worked (调休).",
            f"year: {year}",
            f"notice: 国务院办公厅关于{year}年部分节假日安排的通知",
            "holidays:",
        ]
        for a, b, n in runs(hol):
            lines.append(f"  - {{name: {NAMES.get(n, n)}, from: '{a}', to: '{b}'}}")
        lines.append("makeup_workdays:")
        for d, n in work:
            lines.append(f"  - {{date: '{d}', for: {NAMES.get(n, n)}}}")
        (root / f"{year}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(root / f"{year}.yaml")

if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
