"""Which --host values keep `counterpoint serve` on this machine, and how one stands in
a URL. Apart from the server so that checking a --host loads no web framework."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """Whether a --host (or a Host header's name) stays on this machine: 127.0.0.0/8, ::1 or
    "localhost". Any other name may resolve anywhere, so it counts as remote."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """A host as it stands in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
