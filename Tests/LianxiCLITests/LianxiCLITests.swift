// Tests for the CLI arrive with its commands.
