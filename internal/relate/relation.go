package relate

// Relation is how two documents are related, strongest first.
type Relation string

const (
	Duplicate     Relation = "duplicate"      // the same text after normalisation
	NearDuplicate Relation = "near-duplicate" // light edits, most sentences nearly verbatim
	Rewrite       Relation = "rewrite"        // derived, reworded sentence by sentence
	Partial       Relation = "partial"        // a part of one is derived from the other
	SameStory     Relation = "same-story"     // the same event, independently written
	None          Relation = ""               // unrelated
)

// Derived reports whether the relation means one text was made from the
// other.
func (r Relation) Derived() bool {
	switch r {
	case Duplicate, NearDuplicate, Rewrite, Partial:
		return true
	}
	return false
}

// Rank orders relations from strongest (highest) to none (0).
func (r Relation) Rank() int {
	switch r {
	case Duplicate:
		return 5
	case NearDuplicate:
		return 4
	case Rewrite:
		return 3
	case Partial:
		return 2
	case SameStory:
		return 1
	}
	return 0
}
