from django.core.management.base import BaseCommand, CommandError

from content.operations import backup


class Command(BaseCommand):
    help = (
        "Save the database and the media (uploaded images and documents) together in one "
        "archive, in BACKUP_DIR unless --output names the file. See README, 'Backups'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The archive to write (.tar.gz).")

    def handle(self, *args, **options):
        try:
            path = backup.create(options["output"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(path))
