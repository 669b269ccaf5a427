package clean

import "github.com/stemma-news/stemma/internal/document"

func hasCredit(cs []document.Credit, kind, name string) bool {
	for _, c := range cs {
		if c.Kind == kind && c.Name == name {
			return true
		}
	}
	return false
}
