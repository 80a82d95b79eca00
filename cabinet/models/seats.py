import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class SeatStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Offer withdrawn"
    VACATED = "vacated", "Vacated"


# A seat in one of these states holds its role and its holder for its term.
LIVE_SEAT_STATUSES = (SeatStatus.OFFERED, SeatStatus.ACCEPTED)


class ShadowSeatQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_SEAT_STATUSES)

    def held_on(self, day: datetime.date):
        """Accepted seats whose term covers ``day``."""
        return self.filter(status=SeatStatus.ACCEPTED, term_start__lte=day, term_end__gte=day)

    def overlapping(self, start: datetime.date, end: datetime.date):
        """Seats whose term shares at least a day with ``start``..``end``."""
        return self.filter(term_start__lte=end, term_end__gte=start)


class ShadowSeat(models.Model):
    """One term in the Shadow Cabinet: a person offered, then holding, the shadow of a committee role in a cycle.

    The seat of a role in a cycle is held term by term; each term is a row, so the history
    of who was offered, who sat, who declined and who stepped down stays.
    """

    cycle = models.ForeignKey("goals.Cycle", on_delete=models.PROTECT, related_name="shadow_seats")
    role = models.ForeignKey("cabinet.CommitteeRole", on_delete=models.PROTECT, related_name="shadow_seats")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shadow_seats")
    term_start = models.DateField()
    term_end = models.DateField()
    status = models.CharField(max_length=16, choices=SeatStatus.choices, default=SeatStatus.OFFERED, db_index=True)
    offer_note = models.TextField(blank=True, help_text="Why this person, in a sentence or two.")
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    offered_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = models.TextField(blank=True)
    # When vacated: the last day held, who ended the term and why.
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField(blank=True)
    refill_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="refills",
        help_text="The vacated term this one re-fills.",
    )

    objects = ShadowSeatQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "role", "term_start", "offered_at", "id"]
        indexes = [
            models.Index(fields=["cycle", "role", "status"]),
            models.Index(fields=["holder", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gte=F("term_start")), name="seat_term_ends_after_it_starts")
        ]

    def __str__(self) -> str:
        return f"{self.holder} shadowing {self.role} ({self.cycle})"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_SEAT_STATUSES

    @property
    def is_offered(self) -> bool:
        return self.status == SeatStatus.OFFERED

    @property
    def last_day(self) -> datetime.date:
        """The last day of the term as it went: the day it was vacated, or its planned end."""
        return self.ended_on or self.term_end

    def is_held_on(self, day: datetime.date) -> bool:
        return self.status == SeatStatus.ACCEPTED and self.term_start <= day <= self.term_end
