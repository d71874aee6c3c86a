from django.core.management.base import BaseCommand, CommandError

from content.translations.catalogue import catalogues, compile_catalogue, untranslated


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/django.po to .mo with polib (no GNU gettext needed). "
        "Refuses a catalogue with untranslated or fuzzy messages."
    )

    def handle(self, *args, **options):
        for po_path in catalogues():
            missing = untranslated(po_path)
            if missing:
                raise CommandError(
                    f"{po_path}: {len(missing)} message(s) not translated, such as "
                    f"{missing[0]!r}. Translate them, or remove the 'fuzzy' flag once checked."
                )
            mo_path = compile_catalogue(po_path)
            self.stdout.write(f"Compiled {mo_path}")
