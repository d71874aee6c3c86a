"""Security headers that Django has no setting for: a Content-Security-Policy for each part
of the site (django-csp), and a Permissions-Policy.

Public pages get CONTENT_SECURITY_POLICY: nothing inline, nothing from another origin.
Wagtail's admin (every path under ADMIN_PATH_PREFIX) gets ADMIN_CONTENT_SECURITY_POLICY, the
strictest that Wagtail 7.4's admin works under (settings.py says what it allows and why;
tests/browser/test_csp_admin.py proves it). A preview is a public page rendered inside the
admin (Wagtail runs a "dummy" request for it through this middleware first): it gets the
public policy, which it must pass as visitors' pages do, except that the admin may frame it.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


def in_admin(request):
    return request.path_info.startswith(settings.ADMIN_PATH_PREFIX)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy for the admin's paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.config is None and getattr(request, "is_dummy", False) and not report_only:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        elif parts.config is None and in_admin(request):
            policy = (
                settings.ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY
                if report_only
                else settings.ADMIN_CONTENT_SECURITY_POLICY
            )
            parts.config = default_config(policy["DIRECTIVES"]) if policy else None
        return parts


def permissions_policy(features):
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class PermissionsPolicyMiddleware:
    """Turn off the browser features no page here uses (PERMISSIONS_POLICY), everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
