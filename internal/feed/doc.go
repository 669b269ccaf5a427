// Package feed reads RSS, Atom and JSON Feed documents and polls feeds
// for new items.
//
// Parse turns a feed into Items with absolute links, stable GUIDs and the
// content the feed carries. A Poller fetches feeds with conditional
// requests through a fetch.Client and returns only the items not seen
// before; it keeps no state of its own between calls to Poll, so that the
// caller can keep a feed's State wherever it likes (stemma's store keeps
// it in its database). Run is a loop around Poll for a watcher.
//
// An Item carries only what the feed gives, which is often a summary.
// Fetching the article page is the caller's job, since it decides how and
// whether to fetch; ItemDocument then builds the document from the page,
// falling back on the item for what the page lacks, or from the item's
// content alone when there is no page.
package feed
