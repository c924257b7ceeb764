"""The terminal: an interactive chat and the scriptable `amends suggest`."""
