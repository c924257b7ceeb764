"""Bot Framework activities as Teams sends them (field names and shapes from Teams' own
payloads: `tenant` in channelData, `<at>` mentions, `aadObjectId`, invoke names)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

TENANT = "tenant-grand-hotel"
BOT = {"id": "28:amends-bot", "name": "Amends"}
TEAM = "19:team-grand@thread.tacv2"
_ids = itertools.count(1000)


@dataclass(frozen=True)
class Person:
    teams_id: str
    name: str
    aad: str
    upn: str

    @property
    def account(self) -> dict[str, str]:
        return {"id": self.teams_id, "name": self.name, "aadObjectId": self.aad}

    @property
    def dm(self) -> str:
        return f"a:dm-{self.teams_id}"


ANN = Person("29:ann", "Ann Ortiz", "aad-ann", "ann@grandhotel.example")
BOB = Person("29:bob", "Bob Lee", "aad-bob", "bob@grandhotel.example")
MIA = Person("29:mia", "Mia Chen", "aad-mia", "mia@grandhotel.example")
SAM = Person("29:sam", "Sam Diaz", "aad-sam", "sam@grandhotel.example")
FRONT_DESK = "19:front-desk@thread.tacv2"
KITCHEN = "19:kitchen@thread.tacv2"
MANAGERS = "19:managers@thread.tacv2"


def _base(kind: str, who: Person, service_url: str, conversation: dict[str, Any], *,
          tenant: str = TENANT, team: bool = False) -> dict[str, Any]:
    channel_data: dict[str, Any] = {"tenant": {"id": tenant}}
    if team:
        channel_data |= {"team": {"id": TEAM}, "channel": {"id": conversation["id"].split(";")[0]}}
    return {"type": kind, "id": f"act-{next(_ids)}", "timestamp": "2026-11-20T09:00:00.000Z",
            "localTimestamp": "2026-11-20T09:00:00.000+00:00", "localTimezone": "Europe/London",
            "serviceUrl": service_url, "channelId": "msteams", "from": who.account,
            "conversation": {**conversation, "tenantId": tenant}, "recipient": dict(BOT),
            "locale": "en-US", "channelData": channel_data}


def personal(who: Person) -> dict[str, Any]:
    return {"conversationType": "personal", "id": who.dm}


def in_channel(channel: str, thread: str = "1700000000000") -> dict[str, Any]:
    return {"conversationType": "channel", "isGroup": True, "id": f"{channel};messageid={thread}"}


def message(who: Person, text: str, service_url: str, *, channel: str | None = None,
            tenant: str = TENANT) -> dict[str, Any]:
    """A message in the person's 1:1 chat, or in a channel with the bot @mentioned."""
    if channel is None:
        return {**_base("message", who, service_url, personal(who), tenant=tenant), "text": text,
                "textFormat": "plain"}
    mention = "<at>Amends</at>"
    activity = _base("message", who, service_url, in_channel(channel), tenant=tenant, team=True)
    activity |= {"text": f"{mention} {text}", "textFormat": "plain",
                 "entities": [{"type": "mention", "text": mention, "mentioned": dict(BOT)}]}
    return activity


def execute(who: Person, data: dict[str, Any], service_url: str, *, reply_to: str = "",
            channel: str | None = None, verb: str | None = None) -> dict[str, Any]:
    """A Universal Actions button (Action.Execute): an invoke named adaptiveCard/action."""
    conversation = personal(who) if channel is None else in_channel(channel)
    activity = _base("invoke", who, service_url, conversation, team=channel is not None)
    activity |= {"name": "adaptiveCard/action", "replyToId": reply_to,
                 "value": {"action": {"type": "Action.Execute", "verb": verb or data.get("amends", ""),
                                      "data": data}, "trigger": "manual"}}
    return activity


def submit(who: Person, data: dict[str, Any], service_url: str, *, reply_to: str,
           channel: str | None = None) -> dict[str, Any]:
    """The Action.Submit fallback of older clients: a message with the data as its value."""
    conversation = personal(who) if channel is None else in_channel(channel)
    activity = _base("message", who, service_url, conversation, team=channel is not None)
    return activity | {"replyToId": reply_to, "value": data}


def installed(who: Person, service_url: str) -> dict[str, Any]:
    """The app added to someone's personal scope."""
    return {**_base("installationUpdate", who, service_url, personal(who)), "action": "add"}


def added_to_team(who: Person, channel: str, service_url: str) -> dict[str, Any]:
    """The bot added to a team (Teams sends a conversationUpdate in the team's channel)."""
    activity = _base("conversationUpdate", who, service_url, {"conversationType": "channel", "isGroup": True,
                                                               "id": channel}, team=True)
    return activity | {"membersAdded": [dict(BOT)], "channelData": {**activity["channelData"],
                                                                      "eventType": "teamMemberAdded"}}


def compose(who: Person, name: str, value: dict[str, Any], service_url: str, *,
            channel: str | None = None) -> dict[str, Any]:
    """A messaging-extension invoke (composeExtension/query, /fetchTask, /submitAction)."""
    conversation = personal(who) if channel is None else in_channel(channel)
    activity = _base("invoke", who, service_url, conversation, team=channel is not None)
    return activity | {"name": name, "value": value}
