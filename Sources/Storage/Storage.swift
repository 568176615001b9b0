// The storage layer (schema, frozen migrations, queries) lands with the storage issue.
// It will be the only module that imports GRDB; until then it holds no code.
