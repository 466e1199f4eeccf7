"""A state's dates changed (a corrected deposit date): its obligations' deadlines follow."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from states.models import State


@receiver(post_save, sender=State, dispatch_uid="obligations.refresh_on_state_change")
def refresh_deadlines_of_state(sender, instance: State, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    for obligation in instance.obligations.all():
        obligation.refresh_deadlines()
