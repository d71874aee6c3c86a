"""Who is asking, and from where: the trusted client address, and the admin's networks."""

import ipaddress
import re
from functools import lru_cache

from django.conf import settings

from content.enquiries.rate_limit import client_address

__all__ = ["client_address", "is_admin_path", "may_reach_admin"]

# /admin, /admin/..., and the same with doubled slashes (nginx merges them).
ADMIN_PATH = re.compile(r"^/+admin(/|$)")


def is_admin_path(path):
    return bool(ADMIN_PATH.match(path))


@lru_cache(maxsize=8)
def parse_networks(networks):
    return tuple(ipaddress.ip_network(network, strict=False) for network in networks)


def may_reach_admin(request):
    """True when ADMIN_ALLOWED_NETWORKS is empty, or holds the client's trusted address.

    The address comes from client_address: X-Forwarded-For only behind our own proxy, and
    only its last entry. An address that cannot be read is outside every network.
    """
    networks = settings.ADMIN_ALLOWED_NETWORKS
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return any(address in network for network in parse_networks(tuple(networks)))
