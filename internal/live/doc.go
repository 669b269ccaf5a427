// Package live keeps the analysis of a store up to date as articles
// arrive: it stores each new article (once, however often it comes),
// analyses the ones not yet analysed against everything before them,
// keeps what the analysis found of each, and rewrites the stories that
// changed. A Keeper restores the analysis a store holds when it opens,
// so a later process, or one restarted after a crash, takes up where the
// last left off instead of analysing everything again.
//
// It is the one place where the analysis and the store meet: ingest,
// watch and serve all add articles through a Keeper, and the pages and
// exports read a story back as an analysis.Result through StoryResult,
// so that every output renders the same data the same way.
package live
