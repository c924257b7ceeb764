"""Who and where an activity comes from, and what is kept of it so Teams can be reached later.

The tenant is the workspace. botbuilder's schema maps the conversation's tenant to the JSON
key `tenantID` while Teams sends `tenantId`, so `conversation.tenant_id` arrives empty: the
tenant is read from `channelData.tenant.id` first.

Every activity refreshes its conversation's reference (a 1:1 chat under the person's id, a
channel or group chat under its own id) and the sender's display name, so proactive messages
(nudges, approvals, digests) have somewhere to go and cards show names, not ids. Someone seen
only in a channel is kept with that channel's reference (kind "person"): it names their Teams
id and the service, from which the transport opens a 1:1 chat with them when it must.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationReference

from store import conversations
from store.db import Database

PLATFORM = "teams"


def tenant_of(activity: Activity) -> str | None:
    data = activity.channel_data if isinstance(activity.channel_data, Mapping) else {}
    tenant = data.get("tenant")
    found = (tenant.get("id") if isinstance(tenant, Mapping) else None) \
        or getattr(activity.conversation, "tenant_id", None)
    return str(found) if isinstance(found, str) and found.strip() else None


def person_of(activity: Activity) -> str:
    """The person as the core knows them: their Entra ID object id (what roles are keyed by,
    the same in every chat), or their Teams id when the activity lacks one."""
    sender = activity.from_property
    if sender is None:
        return ""
    return str(getattr(sender, "aad_object_id", None) or sender.id or "")


def conversation_kind(activity: Activity) -> str:
    kind = getattr(activity.conversation, "conversation_type", None)
    return str(kind) if kind in ("personal", "channel", "groupChat") else "personal"


def base_conversation(conversation_id: str) -> str:
    """A channel thread's id is the channel's plus ";messageid=…": the channel is the part before."""
    return conversation_id.split(";", 1)[0]


def reference_json(activity: Activity) -> dict[str, Any]:
    reference = TurnContext.get_conversation_reference(activity)
    if reference.conversation is not None:
        reference.conversation.id = base_conversation(reference.conversation.id or "")
    data: dict[str, Any] = reference.serialize()
    data.pop("activityId", None)
    return data


def reference_from(data: Mapping[str, Any]) -> ConversationReference:
    return ConversationReference().deserialize(dict(data))


async def remember(database: Database, activity: Activity, tenant: str, now: datetime) -> None:
    person = person_of(activity)
    sender = activity.from_property
    name = str(getattr(sender, "name", None) or "")
    kind = conversation_kind(activity)
    reference = reference_json(activity)
    conversation_id = str(reference.get("conversation", {}).get("id") or "")

    def store(conn: Any) -> None:
        if person:
            conversations.remember(conn, platform=PLATFORM, workspace=tenant, key=person,
                                   kind="personal" if kind == "personal" else "person", name=name,
                                   reference=reference, now=now)
        if kind != "personal" and conversation_id:
            conversations.remember(conn, platform=PLATFORM, workspace=tenant, key=conversation_id,
                                   kind=kind, name="", reference=reference, now=now)

    await database.run(store)


async def names_of(database: Database, tenant: str, people: set[str]) -> dict[str, str]:
    if not people:
        return {}
    return await database.run(lambda conn: conversations.names(conn, PLATFORM, tenant, people))
