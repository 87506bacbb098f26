"""Personal data outside conversations and tickets: advisor profile, back-office, preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage.backoffice.models import SignInLinkRow, StaffActionRow, StaffSessionRow
from storage.curation.models import AnswerNoticeRow, NotificationPreferenceRow
from storage.safety.models import BlockedUserRow
from storage.tickets.models import AdvisorRow, AdvisorSkillRow

ANONYMOUS = 0


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class SqlAccountPrivacy:
    """The account side of the privacy repository."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def export(self, user_id: int) -> dict:
        """Return the advisor profile, back-office access and preferences of a person."""
        s = self.session
        advisor = s.get(AdvisorRow, user_id)
        skills = s.scalars(select(AdvisorSkillRow.skill).where(AdvisorSkillRow.user_id == user_id))
        preference = s.get(NotificationPreferenceRow, user_id)
        notices = s.scalars(select(AnswerNoticeRow).where(AnswerNoticeRow.user_id == user_id))
        sessions = s.scalars(select(StaffSessionRow).where(StaffSessionRow.user_id == user_id))
        actions = s.scalars(
            select(StaffActionRow)
            .where(StaffActionRow.user_id == user_id)
            .order_by(StaffActionRow.id)
        )
        links = s.scalars(select(SignInLinkRow).where(SignInLinkRow.user_id == user_id))
        return {
            "advisor": None
            if advisor is None
            else {
                "display_name": advisor.display_name,
                "active": advisor.active,
                "skills": list(skills),
                "created_at": _iso(advisor.created_at),
            },
            "answer_notifications": {
                "wanted": None if preference is None else preference.answers,
                "sent": [
                    {"question_id": n.question_id, "slug": n.slug, "at": _iso(n.at)}
                    for n in notices
                ],
            },
            "backoffice": {
                "sign_in_links": [
                    {"created_at": _iso(link.created_at), "used_at": _iso(link.used_at)}
                    for link in links
                ],
                "sessions": [
                    {"created_at": _iso(x.created_at), "ended_at": _iso(x.ended_at)}
                    for x in sessions
                ],
                "actions": [
                    {"action": a.action, "target": a.target, "at": _iso(a.at)} for a in actions
                ],
            },
        }

    def erase(self, user_id: int) -> dict[str, int]:
        """Delete preferences and back-office access; keep answer notices anonymised."""
        s = self.session
        return {
            "preferences": s.execute(
                delete(NotificationPreferenceRow).where(
                    NotificationPreferenceRow.user_id == user_id
                )
            ).rowcount,
            "answer_notices": s.execute(
                update(AnswerNoticeRow)
                .where(AnswerNoticeRow.user_id == user_id)
                .values(user_id=ANONYMOUS)
            ).rowcount,
            "backoffice_access": s.execute(
                delete(SignInLinkRow).where(SignInLinkRow.user_id == user_id)
            ).rowcount
            + s.execute(delete(StaffSessionRow).where(StaffSessionRow.user_id == user_id)).rowcount,
            # A former advisor (removed, so an official again) leaves no profile behind.
            "advisor_profile": s.execute(
                delete(AdvisorSkillRow).where(AdvisorSkillRow.user_id == user_id)
            ).rowcount
            + s.execute(delete(AdvisorRow).where(AdvisorRow.user_id == user_id)).rowcount,
            # A block outlives erasure (or erasing would lift it), but not its written reason.
            "block_reason": s.execute(
                update(BlockedUserRow).where(BlockedUserRow.user_id == user_id).values(reason=None)
            ).rowcount,
        }
