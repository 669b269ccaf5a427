// Package story groups documents into stories: the documents that tell
// one event. Two documents are of one story when their vocabularies
// weighted by rarity (TF-IDF over stems, names counting double) are close,
// judged by average linkage so that one shared name cannot chain two
// events of the same kind together; a derived pair is always of one
// story.
package story
