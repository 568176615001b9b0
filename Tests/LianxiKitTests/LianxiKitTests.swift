// Tests for LianxiKit arrive with the module's code.
