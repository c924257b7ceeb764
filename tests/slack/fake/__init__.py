"""The parts of :class:`tests.slack.fake_api.FakeSlackApi`; import the fake from ``tests.slack.fake_api``."""
