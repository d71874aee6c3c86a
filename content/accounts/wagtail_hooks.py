from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .bulk_actions import BULK_ACTIONS
from .roles import REFUSED

# After Wagtail's own (order 0): the registry keeps the last action of each type.
for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=10)


@hooks.register("register_log_actions")
def register_refusals(actions):
    @actions.register_action(REFUSED)
    class Refused(LogFormatter):
        label = "Refused: staff accounts and groups"

        def format_message(self, log_entry):
            return f"Refused: {log_entry.data.get('reason', '')}"
