"""Microsoft Teams: the Bot Framework adapter, Adaptive Cards, the outbox transport and the app package."""
