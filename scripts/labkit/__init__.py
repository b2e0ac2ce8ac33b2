"""The callpanel lab: real Asterisk builds, lab configurations and sipp phones for tests."""
