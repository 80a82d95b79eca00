from cabinet.models.committee import CommitteeRole, HighPerformerMark
from cabinet.models.meetings import ActionItem, AgendaItem, AgendaKind, CabinetMeeting
from cabinet.models.questions import CommitteeQuestion, QuestionOption, ShadowRecommendation
from cabinet.models.seats import LIVE_SEAT_STATUSES, SeatStatus, ShadowSeat
from cabinet.models.snapshots import ObjectiveSnapshot

__all__ = [
    "LIVE_SEAT_STATUSES",
    "ActionItem",
    "AgendaItem",
    "AgendaKind",
    "CabinetMeeting",
    "CommitteeQuestion",
    "CommitteeRole",
    "HighPerformerMark",
    "ObjectiveSnapshot",
    "QuestionOption",
    "SeatStatus",
    "ShadowRecommendation",
    "ShadowSeat",
]
