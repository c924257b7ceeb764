"""Plain-dict payloads as Slack sends them (over HTTP via ``tests.slack.requests``, or over Socket Mode)."""
