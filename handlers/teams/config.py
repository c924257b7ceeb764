"""Teams' settings: the Bot Framework's own environment variables, and `[teams]` in the file.

Teams is present when any of MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId,
MicrosoftAppType or AMENDS_TEAMS_DEV is set. New multi-tenant bots can no longer be
registered, so the app type is SingleTenant (id, password, tenant) or UserAssignedMSI (id and
tenant; the identity's token comes from Azure). Without an app id nothing can be authenticated,
so every request is refused, unless AMENDS_TEAMS_DEV=1 switches on local development: then
unauthenticated requests are accepted from 127.0.0.1 only, and the log says so at start.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import PlatformSection, Settings, SettingsError

APP_TYPES = {"singletenant": "SingleTenant", "userassignedmsi": "UserAssignedMSI"}
PRESENT = ("MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType",
           "AMENDS_TEAMS_DEV")
TO_ENABLE = ("set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (an Azure Bot, "
             "single tenant), or AMENDS_TEAMS_DEV=1 to try it locally; README, section Teams")
OPENID_METADATA = "AMENDS_TEAMS_OPENID_METADATA"
"""Where the Bot Connector's signing keys are published (a sovereign cloud's, or a test's);
Azure's public cloud when unset."""
TOKEN_ISSUER = "AMENDS_TEAMS_TOKEN_ISSUER"
LOGIN_URL = "AMENDS_TEAMS_LOGIN_URL"
"""Where the bot gets its own token (a sovereign cloud's login service, or a test's); the
app's tenant at Entra ID when unset."""
FILE_KEYS = {"MicrosoftAppId": "app_id", "MicrosoftAppTenantId": "tenant_id", "MicrosoftAppType": "app_type"}


@dataclass(frozen=True, slots=True, repr=False)
class TeamsConfig:
    app_id: str | None
    password: str | None
    tenant_id: str | None
    app_type: str
    dev: bool
    openid_metadata: str | None
    token_issuer: str
    login_url: str | None
    section: PlatformSection
    dev_asked: bool = False

    def __repr__(self) -> str:
        return (f"TeamsConfig(app_id={self.app_id!r}, password={'<set>' if self.password else None}, "
                f"tenant_id={self.tenant_id!r}, app_type={self.app_type!r}, dev={self.dev})")

    @property
    def authenticated(self) -> bool:
        return bool(self.app_id)


def env(settings: Settings, name: str) -> str | None:
    """The environment first, then `[teams]` in the file (app_id, tenant_id, app_type: ids,
    not secrets); the password only ever from the environment."""
    value = settings.environment.get(name, "").strip()
    if not value and name in FILE_KEYS:
        value = str(settings.platform("teams").options.get(FILE_KEYS[name], "")).strip()
    return value or None


def present(settings: Settings) -> bool:
    return any(env(settings, name) for name in PRESENT)


def load(settings: Settings) -> TeamsConfig:
    """The checked configuration; SettingsError says what to set."""
    app_id = env(settings, "MicrosoftAppId")
    raw_type = env(settings, "MicrosoftAppType") or "SingleTenant"
    app_type = APP_TYPES.get(raw_type.lower())
    if app_type is None:
        hint = (" (new multi-tenant bots can no longer be registered)"
                if raw_type.lower() == "multitenant" else "")
        raise SettingsError(f"Teams: MicrosoftAppType '{raw_type}' isn't supported{hint}; use "
                            "SingleTenant or UserAssignedMSI")
    dev_flag = env(settings, "AMENDS_TEAMS_DEV") or ""
    if dev_flag not in ("", "0", "1"):
        raise SettingsError("Teams: AMENDS_TEAMS_DEV: say 1 to accept unauthenticated requests from "
                            "127.0.0.1 (local development only), or leave it unset")
    config = TeamsConfig(app_id=app_id, password=settings.secret("MicrosoftAppPassword"),
                         tenant_id=env(settings, "MicrosoftAppTenantId"), app_type=app_type,
                         dev=dev_flag == "1" and not app_id, openid_metadata=env(settings, OPENID_METADATA),
                         token_issuer=env(settings, TOKEN_ISSUER) or "https://api.botframework.com",
                         login_url=env(settings, LOGIN_URL),
                         section=settings.platform("teams"), dev_asked=dev_flag == "1")
    _check(config, dev_flag == "1")
    return config


def env_flag(config: TeamsConfig) -> bool:
    """AMENDS_TEAMS_DEV=1 was set, whether or not it applies."""
    return config.dev_asked


def check(settings: Settings) -> None:
    load(settings)


def _check(config: TeamsConfig, dev_asked: bool) -> None:
    if not config.app_id:
        if config.password or config.tenant_id:
            raise SettingsError("Teams: set MicrosoftAppId too (the Azure Bot's Microsoft App ID)")
        if not dev_asked:
            raise SettingsError(f"Teams: without MicrosoftAppId no request can be authenticated; {TO_ENABLE}")
        return
    if not config.tenant_id:
        raise SettingsError(f"Teams: {config.app_type} needs MicrosoftAppTenantId (your Entra ID tenant's id)")
    if config.app_type == "SingleTenant" and not config.password:
        raise SettingsError("Teams: SingleTenant needs MicrosoftAppPassword (the app's client secret), "
                            "from the environment")
