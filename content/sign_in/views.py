"""The second factor, as each person meets it: entering a code after the password, setting
up an app, and their own two-factor page (under Account)."""

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import two_factor
from .forms import CodeForm, SetUpForm


def next_url(request):
    """Where to go after this step: the page asked for, if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else reverse("wagtailadmin_home")


def verify(request):
    """After the password: a code from the app, or a recovery code."""
    user = request.user
    if not two_factor.has_second_factor(user):
        return redirect(f"{reverse('sign_in_set_up')}?{request.GET.urlencode()}")
    if user.is_verified():
        return HttpResponseRedirect(next_url(request))
    form = CodeForm(request.POST or None)
    status = 200
    if form.is_valid():
        check = two_factor.check_code(request, form.cleaned_data["code"])
        if check.accepted:
            return HttpResponseRedirect(next_url(request))
        form.add_error("code", check.message)
        status = 400
    return TemplateResponse(
        request, "sign_in/verify.html", {"form": form, "next": next_url(request)}, status=status
    )


def set_up(request):
    """Add an authenticator app: scan the code (or type the key), then enter a code from it."""
    user = request.user
    if not two_factor.may_set_up(user):
        return redirect(f"{reverse('sign_in_verify')}?{request.GET.urlencode()}")
    device = two_factor.unconfirmed_app(user)
    form = SetUpForm(request.POST or None)
    status = 200
    if form.is_valid():
        codes = two_factor.confirm_app(request, device, form.cleaned_data["code"])
        if codes is not None:
            return recovery_codes_page(request, codes)
        form.add_error("code", "That code is not right. Enter the code your app shows now.")
        status = 400
    context = {
        "form": form,
        "next": next_url(request),
        "qr_code": two_factor.qr_code_svg(device),
        "secret_key": two_factor.secret_key(device),
        "replacing": two_factor.has_second_factor(user),
    }
    return TemplateResponse(request, "sign_in/set_up.html", context, status=status)


def recovery_codes_page(request, codes):
    return TemplateResponse(
        request, "sign_in/recovery_codes.html", {"codes": codes, "next": next_url(request)}
    )


class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Account → Two-factor authentication: what is set up, and new recovery codes."""

    template_name = "sign_in/two_factor.html"
    page_title = "Two-factor authentication"
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": "Account"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            has_second_factor=two_factor.has_second_factor(user),
            recovery_codes_left=two_factor.recovery_codes_left(user),
            required=two_factor.is_required(),
            **kwargs,
        )

    def post(self, request):
        if not (two_factor.has_second_factor(request.user) and request.user.is_verified()):
            messages.error(request, "Enter a code from your app first.")
            return redirect("sign_in_two_factor")
        codes = two_factor.make_recovery_codes(request.user)
        return recovery_codes_page(request, codes)
