"""What people do in Teams besides the main story: talk in a channel, chat, pick a scenario,
log small talk anyway, act on cards they may not act on, and stay inside their tenant."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

from bot.settings import PlatformSection
from tests.teams import activities as act
from tests.teams.activities import ANN, BOB, KITCHEN, MANAGERS, MIA, SAM, Person
from tests.teams.app import CHANNELS, ROLES, TeamsApp, teams_app
from tests.teams.test_story import ADAPTIVE, actions_of, button

MESSAGE = "application/vnd.microsoft.activity.message"


async def report(app: TeamsApp, who: Person, text: str, *, channel: str | None = None) -> Any:
    app.connector.forget()
    assert (await app.post(act.message(who, text, app.connector.url, channel=channel))).status == 200
    [answer] = app.connector.sent(channel or who.dm)
    return answer


async def test_a_mention_in_a_channel_reports_without_the_mention(database_url: str) -> None:
    async with teams_app(database_url) as app:
        answer = await report(app, ANN, "recover the guest in 214 says the room was not cleaned",
                              channel="19:front-desk@thread.tacv2")
        assert answer.method == "reply" and answer.conversation.startswith("19:front-desk@thread.tacv2;messageid=")
        assert await app.scalar("select text from cases") == "the guest in 214 says the room was not cleaned"
        assert await app.scalar("select customer_ref from cases") == "room 214"
        assert "Amends" not in (await app.scalar("select text from cases"))


async def test_small_talk_is_not_a_case_until_logged_anyway(database_url: str) -> None:
    async with teams_app(database_url) as app:
        answer = await report(app, ANN, "thanks, all good today")
        assert await app.scalar("select count(*) from cases") == 0
        assert "doesn't read like a problem" in answer.text
        logged = await app.invoke(act.execute(ANN, button(answer.card, "log_anyway"), app.connector.url,
                                              reply_to=answer.activity_id or "n1"))
        assert logged["type"] == ADAPTIVE
        again = await app.invoke(act.execute(ANN, button(answer.card, "log_anyway"), app.connector.url,
                                             reply_to=answer.activity_id or "n1"))
        assert again["type"] == ADAPTIVE
        assert await app.scalar("select count(*) from cases") == 1, "a double click logs it once"


async def test_commands_come_without_a_slash_and_help_answers(database_url: str) -> None:
    async with teams_app(database_url) as app:
        helped = await report(app, ANN, "help")
        assert "recover" in helped.text and "case" in helped.text
        await report(app, ANN, "recover table 7 the soup came out cold")
        for command, expected in (("case 1", "#1"), ("case table 7", "#1"), ("case mine", "#1"),
                                  ("case open", "#1"), ("/case 1", "#1"), ("case 99", "99")):
            shown = await report(app, ANN, command)
            assert expected in shown.text, (command, shown.text)
        waiting = await report(app, MIA, "case waiting")
        assert waiting.text


async def test_when_unsure_the_reporter_picks_the_scenario_on_the_card(database_url: str) -> None:
    async with teams_app(database_url) as app:
        answer = await report(app, ANN, "recover the guest says it was not right")
        assert await app.scalar("select confirmed from cases") in (0, False)
        picks = [a["data"] for a in actions_of(answer.card) if a["data"]["amends"] == "scenario"]
        assert picks, "the likely scenarios are offered"
        chosen = dict(picks[0]) | {"scenario": "room_comfort"}
        picked = await app.invoke(act.execute(ANN, chosen, app.connector.url))
        assert picked["type"] == ADAPTIVE
        assert await app.scalar("select scenario from cases") == "room_comfort"
        assert await app.scalar("select confirmed from cases") in (1, True)


async def test_a_role_keyed_by_upn_is_read_from_the_members_profile(database_url: str) -> None:
    async with teams_app(database_url) as app:
        answer = await report(app, ANN, "recover table 7 the soup came out cold")
        offered = await app.invoke(act.execute(ANN, button(answer.card, "offer", case=1, option=1), app.connector.url))
        request = button(offered["value"], "request", case=1)
        await app.invoke(act.execute(ANN, request, app.connector.url))
        assert await app.scalar("select status from cases") == "awaiting_approval"
        approve = {"amends": "approve", "case": 1, "option": request["option"]}
        refused = await app.invoke(act.execute(BOB, approve, app.connector.url, channel=MANAGERS))
        assert refused["type"] == MESSAGE and await app.scalar("select status from cases") == "awaiting_approval"
        app.connector.forget()
        approved = await app.invoke(act.execute(SAM, approve, app.connector.url, channel=MANAGERS))
        assert [c.activity_id for c in app.connector.calls if c.method == "member"] == [SAM.teams_id]
        assert approved["type"] == ADAPTIVE, approved
        assert await app.scalar("select status from cases") == "open"
        assert await app.scalar("select decided_by from offers where status = 'given' order by id desc") == SAM.aad
        await app.post(act.message(SAM, "case 1", app.connector.url))
        assert [c.activity_id for c in app.connector.calls if c.method == "member"] == [SAM.teams_id], \
            "the UPN is kept for a while, not asked for on every message"
        roles = app.server.turns.runtime.roles
        now = roles.monotonic()
        roles.monotonic = lambda: now + roles.ttl + 1
        await app.post(act.message(SAM, "case 1", app.connector.url))
        assert [c.activity_id for c in app.connector.calls if c.method == "member"] == [SAM.teams_id] * 2, \
            "and asked again once five minutes have passed"


async def test_cards_from_elsewhere_change_nothing(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await report(app, ANN, "recover table 7 the soup came out cold")
        for data in ({"amends": "offer", "case": "one", "option": 1}, {"amends": "drop_tables"}, {},
                     {"amends": "resolve", "case": 1, "outcome": "ecstatic"}, "text",
                     {"amends": "offer", "case": 10**12, "option": 1}, {"amends": "language", "case": 1,
                                                                         "language": "xx"}):
            response = await app.post(act.execute(ANN, data if isinstance(data, dict) else {}, app.connector.url)
                                      | ({"value": {"action": {"data": data}}} if not isinstance(data, dict) else {}))
            assert response.status == 400, data
        assert await app.scalar("select given_cents from cases") == 0
        assert await app.scalar("select status from cases") == "open"


async def test_nothing_crosses_tenants(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await report(app, ANN, "recover table 7 the soup came out cold")
        outsider = act.message(ANN, "case 1", app.connector.url, tenant="tenant-other-hotel")
        app.connector.forget()
        assert (await app.post(outsider)).status == 200
        [answer] = app.connector.sent(ANN.dm)
        assert "soup" not in answer.text.lower()
        steal = act.execute(ANN, {"amends": "offer", "case": 1, "option": 1}, app.connector.url)
        steal["channelData"]["tenant"]["id"] = "tenant-other-hotel"
        steal["conversation"]["tenantId"] = "tenant-other-hotel"
        await app.post(steal)
        assert await app.scalar("select given_cents from cases") == 0
        assert await app.scalar("select count(distinct workspace_id) from cases") == 1


async def test_someone_seen_only_in_a_channel_gets_their_reminder_in_a_new_chat(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await report(app, BOB, "recover table 7 the soup came out cold", channel=KITCHEN)
        app.connector.forget()
        await app.deliver()
        [created] = [c for c in app.connector.calls if c.method == "create"]
        assert created.body["members"][0]["id"] == BOB.teams_id and created.body["isGroup"] is False
        assert created.body["channelData"]["tenant"]["id"] == act.TENANT  # botbuilder sends tenantID; Teams reads this
        first = [c for c in app.connector.sent(f"a:dm-{BOB.teams_id}") if c.method == "send"]
        assert first and "#1" in first[0].text
        assert await app.scalar("select kind from conversations where key = :k", k=BOB.aad) == "personal"


async def test_a_listened_feedback_channel_raises_alerts_without_being_addressed(database_url: str) -> None:
    feedback = "19:feedback@thread.tacv2"
    section = PlatformSection(roles=dict(ROLES), channels={k: dict(v) for k, v in CHANNELS.items()},
                              listen_channels=(feedback,))
    async with teams_app(database_url, platforms={"teams": section}) as app:
        url = app.connector.url
        await app.post(act.added_to_team(MIA, KITCHEN, url))
        chatter = act.message(BOB, "lunch is at 12 today", url, channel=feedback)
        failure = act.message(BOB, "Survey: my steak came out stone cold and nobody came back", url,
                              channel=feedback)
        elsewhere = act.message(BOB, "my steak came out stone cold", url, channel="19:random@thread.tacv2")
        for activity in (chatter, failure, elsewhere):
            activity["text"] = activity["text"].replace("<at>Amends</at> ", "")
            activity.pop("entities")
            app.connector.forget()
            assert (await app.post(activity)).status == 200
            assert app.connector.sent() == [], "nothing said in the channel"
        assert await app.scalar("select count(*) from cases") == 1
        assert await app.scalar("select owner_id from cases") in ("", None)
        await app.deliver()
        [alert] = app.connector.sent(KITCHEN)
        take = button(alert.card, "take", case=1)
        taken = await app.invoke(act.execute(BOB, take, url, channel=KITCHEN))
        assert taken["type"] == ADAPTIVE
        assert await app.scalar("select owner_id from cases") == BOB.aad


async def test_the_search_box_only_looks_cases_up(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await report(app, ANN, "recover table 7 the soup came out cold")
        for typed in ("1 escalate", "1 offer 1", "room 214 the tv is broken", "1 resolve recovered process"):
            value = {"commandId": "findCases", "parameters": [{"name": "query", "value": typed}]}
            answer = await app.invoke(act.compose(ANN, "composeExtension/query", value, app.connector.url))
            assert answer["composeExtension"]["type"] in ("message", "result")
        assert await app.rows("select number, status, given_cents from cases") == [(1, "open", 0)]


async def test_what_someone_typed_in_a_thread_note_is_text_with_names_not_ids(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await app.post(act.added_to_team(MIA, KITCHEN, app.connector.url))
        await app.post(act.installed(MIA, app.connector.url))
        await report(app, ANN, "recover table 7 the soup came out cold")
        await app.deliver()
        await report(app, MIA, "case 1 escalate **verify** at [the form](https://evil.example/x)")
        app.connector.forget()
        await app.deliver()
        notes = [c for c in app.connector.sent(KITCHEN) if c.conversation.startswith(f"{KITCHEN};messageid=")]
        assert notes, [c.conversation for c in app.connector.calls]
        shown = "\n".join(str(block.get("text", "")) for c in notes for block in c.card["body"])
        assert not re.search(r"(?<!\\)\]\(", shown) and "\\[the form\\]" in shown
        assert MIA.aad not in shown and ANN.aad not in shown and "Mia Chen" in shown


async def test_a_team_without_a_channel_gets_no_card_and_nothing_fails(database_url: str) -> None:
    channels = {"*": {"managers": MANAGERS}}
    section = PlatformSection(roles=dict(ROLES), channels=channels)
    async with teams_app(database_url, platforms={"teams": section}) as app:
        answer = await report(app, ANN, "recover table 7 the soup came out cold")
        await app.invoke(act.execute(ANN, button(answer.card, "offer", case=1, option=1), app.connector.url))
        await app.deliver()
        assert await app.rows("select kind, last_error from deliveries where last_error is not null") == []


async def test_one_card_per_report_in_the_chat_whoever_is_first(database_url: str) -> None:
    async with teams_app(database_url) as app:
        answer = await report(app, ANN, "recover table 7 the soup came out cold")
        await app.server.database.run(  # as if the outbox ran before the turn recorded its answer
            lambda conn: conn.execute(text("delete from case_messages")))
        app.connector.forget()
        await app.deliver()
        assert app.connector.sent(ANN.dm) == [], "the answer in the chat is the card"
        notice = await report(app, ANN, "thanks, all good today")
        await app.invoke(act.execute(ANN, button(notice.card, "log_anyway"), app.connector.url,
                                     reply_to=notice.activity_id or "n1"))
        app.connector.forget()
        await app.deliver()
        assert app.connector.sent(ANN.dm) == [], "the notice became the case's card in place"
        assert answer


async def test_a_manager_takes_the_case_from_the_team_card(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await app.post(act.added_to_team(MIA, KITCHEN, app.connector.url))
        await report(app, ANN, "recover a guest at table 12 is having an allergic reaction, his lips are swelling")
        app.connector.forget()
        await app.deliver()
        [managers] = app.connector.sent(MANAGERS)
        taken = await app.invoke(act.execute(MIA, button(managers.card, "take", case=1), app.connector.url,
                                             channel=MANAGERS))
        assert taken["type"] == ADAPTIVE
        assert await app.scalar("select owner_id from cases") == MIA.aad
