from django.conf import settings
from django.db import models


class UsedRecoveryCode(models.Model):
    """A recovery code that has been used, kept as a hash.

    django-otp deletes a recovery code once it is used; this remembers it, so that a second
    use is refused as "already used" (and logged) rather than as a mistyped code.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="used_recovery_codes"
    )
    code_hash = models.CharField(max_length=64, db_index=True)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "used recovery code"

    def __str__(self):
        return f"Recovery code used by {self.user} at {self.used_at:%Y-%m-%d %H:%M}"
