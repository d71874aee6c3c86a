"""The second factor: an authenticator app (TOTP) and single-use recovery codes.

Every check goes through django-otp, which also slows down guessing (each wrong code doubles
the wait before the next try). Two kinds of bad input are told apart and refused before
django-otp sees them, so that they change nothing: a code from the app that was already
accepted (a replay), and a recovery code that was already used. Both are logged, to the
"content.sign_in" logger and to Wagtail's audit log.
"""

import logging
import time
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import log_for_user
from .models import UsedRecoveryCode
from .network import client_address

logger = logging.getLogger("content.sign_in")

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_required():
    return settings.TWO_FACTOR_REQUIRED


def has_second_factor(user):
    return user.is_authenticated and user_has_device(user, confirmed=True)


def may_set_up(user):
    """Setting up a new app needs a verified session, unless the account has no factor yet:
    otherwise a stolen password would be enough to add the thief's own phone."""
    return user.is_verified() or not has_second_factor(user)


# Setting up


def unconfirmed_app(user):
    """The app being set up: one per user, kept until it is confirmed or replaced."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_key(device):
    """The key as people type it into an app: base32, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device):
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, light="white")


def confirm_app(request, device, token):
    """Confirm the app being set up with a code from it. Returns the new recovery codes, or
    None if the code is wrong. The confirmed app replaces any earlier one."""
    if not device.verify_token(normalise(token)):
        return None
    user = device.user
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = make_recovery_codes(user)
    sign_in_with(request, device)
    log_for_user(user, "sign_in.two_factor_set_up")
    return codes


def make_recovery_codes(user):
    """New recovery codes for the user, replacing any earlier ones."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        UsedRecoveryCode.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def sign_in_with(request, device):
    from django_otp import login as otp_login

    otp_login(request, device)


# Checking a code


@dataclass
class Check:
    accepted: bool
    message: str = ""


WRONG = "That code is not right. Check the code in your app, or a recovery code, and try again."
REPLAYED = (
    "That code from your app has already been used. Wait for your app to show a new code, "
    "then enter the new one."
)
USED_TWICE = (
    "That recovery code has already been used: each one works once. Use another recovery "
    "code, or the code from your app."
)
TOO_SOON = "Too many wrong codes. Wait a few seconds, then try again."


def normalise(token):
    return "".join((token or "").split()).replace("-", "").lower()


def check_code(request, token):
    """Check a code from the app or a recovery code; on success, mark the session verified."""
    user = request.user
    token = normalise(token)
    if token.isdigit() and len(token) == 6:
        return check_app_code(request, user, token)
    return check_recovery_code(request, user, token)


def check_app_code(request, user, token):
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        if was_already_accepted(device, int(token)):
            refused(request, user, "replayed", "a code from the app that was already used")
            return Check(False, REPLAYED)
        if not device.verify_is_allowed()[0]:
            return Check(False, TOO_SOON)
        verified = verify_token(user, device.persistent_id, token)
        if verified:
            sign_in_with(request, verified)
            return Check(True)
    logger.info("Wrong two-factor code for %s from %s", user.get_username(), address(request))
    return Check(False, WRONG)


def was_already_accepted(device, token):
    """True if the token is the app's code for a time step already used to sign in."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    drift = device.drift
    for offset in range(-device.tolerance, device.tolerance + 1):
        totp.drift = drift + offset
        if totp.t() <= device.last_t and totp.token() == token:
            return True
    return False


def recovery_code_hash(user, token):
    return salted_hmac(
        "sign_in.recovery_code", f"{user.pk}:{token}", algorithm="sha256"
    ).hexdigest()


def check_recovery_code(request, user, token):
    if (
        token
        and UsedRecoveryCode.objects.filter(
            user=user, code_hash=recovery_code_hash(user, token)
        ).exists()
    ):
        refused(request, user, "recovery code used twice", "a recovery code used before")
        return Check(False, USED_TWICE)
    device = StaticDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is None or not token:
        return Check(False, WRONG)
    if not device.verify_is_allowed()[0]:
        return Check(False, TOO_SOON)
    verified = verify_token(user, device.persistent_id, token)
    if not verified:
        logger.info("Wrong recovery code for %s from %s", user.get_username(), address(request))
        return Check(False, WRONG)
    UsedRecoveryCode.objects.create(user=user, code_hash=recovery_code_hash(user, token))
    sign_in_with(request, verified)
    log_for_user(user, "sign_in.recovery_code_used", data={"left": recovery_codes_left(user)})
    return Check(True)


def address(request):
    return client_address(request) or "an unknown address"


def refused(request, user, reason, what):
    logger.warning("Refused %s for %s from %s", what, user.get_username(), address(request))
    log_for_user(user, "sign_in.code_refused", data={"reason": reason})


# A site administrator resets a colleague's second factor


def may_reset(request_user, user):
    """Site administrators (who may change users) reset colleagues' second factors; only a
    superuser resets a superuser's. Nobody resets their own here: that needs their factor."""
    return (
        request_user.pk != user.pk
        and request_user.has_perm("auth.change_user")
        and (request_user.is_superuser or not user.is_superuser)
    )


def reset(user, by):
    """Remove every second factor of the user; they set up a new one when they next sign in."""
    with transaction.atomic():
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        UsedRecoveryCode.objects.filter(user=user).delete()
        log_for_user(user, "sign_in.reset_two_factor", by=by, data={"devices_removed": removed})
    logger.warning("%s reset the second factor of %s", by.get_username(), user.get_username())
    return removed
