from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .svg import check_svg


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, which lets some broken files through to a server error
    (a PNG cut short fails only when its size is read): those get the field's own
    "not a valid image" message instead."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): refuses broken files with a
    message, and SVGs that hold script with what to remove."""

    file = CheckedImageField(label="File")

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is not None and getattr(file, "content_type", "") == "image/svg+xml":
            check_svg(file)
        return file
