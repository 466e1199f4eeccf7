"""Form widgets every app's forms use."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker (`<input type="date">`), which sends and expects ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
