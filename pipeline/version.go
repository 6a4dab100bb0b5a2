package pipeline

// Version is the version of cnie's extractors. Bump it whenever a change
// can change a record, so that stored records can be told apart.
const Version = "0.2.0"
