"""Where a webhook may point: https only, and never to loopback or private networks (SSRF),
unless the operator allows a network (WEBHOOK_ALLOWED_NETWORKS)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit


def refusal(url: str, allowed_networks: Iterable[str] = ()) -> str | None:
    """Why the URL may not receive webhooks (German), or None. Resolves the host now."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https":
        return "Bitte geben Sie eine Adresse an, die mit https:// beginnt."
    if not parts.hostname:
        return "Die Adresse nennt keinen Server."
    try:
        port = parts.port or 443
    except ValueError:
        return "Die Adresse nennt einen ungültigen Port."
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return f"Der Server „{parts.hostname}“ ist nicht bekannt."
    allowed = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if any(address in network for network in allowed):
            continue
        if (address.is_loopback or address.is_private or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified):
            return (f"Die Adresse führt in ein internes Netz ({address}); Webhooks gehen nur an "
                    "öffentlich erreichbare Server.")
    return None
