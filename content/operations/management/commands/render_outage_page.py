from django.core.management.base import BaseCommand

from content.operations import outage_page


class Command(BaseCommand):
    help = (
        "Write the static outage page (phone numbers, the 911 instruction) from the contact "
        "details, for Django's 503 and nginx's 502/503/504 pages. Saving the contact details "
        "does it too; run it at each deploy, and on each app server."
    )

    def handle(self, *args, **options):
        path = outage_page.write()
        if options["verbosity"]:
            self.stdout.write(f"Outage page written to {path}")
