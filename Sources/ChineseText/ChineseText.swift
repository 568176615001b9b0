// Pinyin parsing, answer checking, tone colours and terminal width land with the
// Chinese-text issue. Until then this module holds no code.
