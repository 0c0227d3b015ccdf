"""The school's time zone: what the computer says, and checking a typed name.

Every calendar time the app writes (.ics, conference letters) carries the school's IANA
zone. A new workspace asks for it, starting from this computer's zone, instead of
silently assuming one.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# US school zones first in pickers; every other IANA zone can still be chosen or typed.
COMMON_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
)
FALLBACK_ZONE = "America/New_York"


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return bool(name.strip())


def computer_timezone(fallback: str = FALLBACK_ZONE) -> str:
    """This computer's IANA zone (Windows zone names are mapped by tzlocal), or
    ``fallback`` when it cannot be told."""
    try:
        from tzlocal import get_localzone_name

        name = get_localzone_name()
    except Exception:  # noqa: BLE001 - an unreadable system setting must not stop the app
        name = None
    if name and is_zone(name):
        return name
    return fallback


def zone_choices() -> list[str]:
    """The common US zones, then every other zone by name."""
    rest = sorted(z for z in available_timezones() if z not in COMMON_ZONES and "/" in z
                  and not z.startswith(("Etc/", "SystemV/", "posix/", "right/")))
    return [*COMMON_ZONES, "UTC", *rest]
