from django.core.management.base import BaseCommand, CommandError

from content.operations import backup


class Command(BaseCommand):
    help = (
        "Replace the database and the media with a backup's (manage.py backup), bring the "
        "database up to date, and empty every cache: pages, fragments, routes, nginx's page "
        "cache and, when FRONTEND_CACHE is set, the CDN. See README, 'Backups'."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive manage.py backup wrote.")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask first."
        )

    def handle(self, *args, **options):
        if options["interactive"]:
            answer = input(
                "This replaces the site's database and media with the backup's: everything "
                "changed since it was made is lost. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            manifest = backup.restore(options["archive"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the backup of {manifest['created']} ({manifest['pages']} pages, "
            f"{manifest['media_files']} media files). Every cache is empty."
        )
