from django.core.management.base import BaseCommand, CommandError

from content.starter.loader import STARTER_DIR, load
from content.starter.report import StarterContentError


class Command(BaseCommand):
    help = (
        "Load the starter content from content/starter/data/: contact details, references and "
        "pages. Creates what is missing and never overwrites anything staff have edited. "
        "Safe to run again: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(STARTER_DIR),
            help="Where the starter data lives (default: %(default)s).",
        )

    def handle(self, *args, **options):
        try:
            lines = load(options["directory"])
        except StarterContentError as error:
            raise CommandError(f"{error} Nothing was loaded.") from error
        if options["verbosity"] >= 1:
            for line in lines:
                self.stdout.write(line)
