// Tests for ChineseText arrive with the module's code.
