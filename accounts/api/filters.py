import django_filters

from accounts.models import Function, Person, Role


class PersonFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices)
    manager = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(),
        null_value="null",
        null_label="no manager",
        help_text="Direct reports of this person; null for the people at the top.",
    )
    region = django_filters.CharFilter()
    function = django_filters.ChoiceFilter(choices=Function.choices)
    is_high_performer = django_filters.BooleanFilter()
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Person
        fields = ["role", "manager", "region", "function", "is_high_performer", "is_active"]
