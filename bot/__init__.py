"""Amends: service recovery for frontline staff. The platform-free core lives here."""
