"""Logging filters (settings.LOGGING)."""

import logging


class BadHostFilter(logging.Filter):
    """A request with a Host header the site does not answer to is noise from scanners, not
    an error in the site: one line at WARNING, without the traceback Django attaches."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
