"""Platform adapters: they convert events to core calls and replies back, nothing more."""
