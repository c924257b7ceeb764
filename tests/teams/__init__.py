"""A local Bot Connector, Bot Framework activities and signed tokens: Teams without Microsoft."""
