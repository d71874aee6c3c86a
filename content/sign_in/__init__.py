"""Signing in to the admin: login throttling and lockout (django-axes), a second factor
(django-otp: an authenticator app and recovery codes), staff session limits, and the networks
the admin answers on. The top layer: it may use every other app; none uses it."""
