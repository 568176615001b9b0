// Application services (deck files, the review queue and session, statistics, reports) land
// with their issues. Until then this module holds no code.
