"""Reading API tokens: one's own; an administrator's view holds everyone's."""

from __future__ import annotations

from django.db.models import QuerySet

from postguard.server.access import Actor
from postguard.server.tokens.models import ApiToken


def tokens_visible_to(actor: Actor) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("user").order_by("pk")
    if actor.can("manage others' API tokens"):
        return tokens
    if actor.user_id is None:
        return tokens.none()
    return tokens.filter(user_id=actor.user_id)
