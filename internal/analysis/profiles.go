package analysis

import (
	"container/list"
	"context"
	"fmt"
	"sync"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/spill"
	"github.com/stemma-news/stemma/internal/textproc"
)

// profiles keeps the profiles of the most recently used documents, and
// the texts of the others in a spill file, from which a profile is made
// again when an aligner asks for it. In a news stream copies follow their
// source within hours, so most requests are for recent documents. It is
// safe for concurrent use.
type profiles struct {
	opt Options

	mu    sync.Mutex
	lru   list.List // of *cached, most recent first
	byDoc map[int]*list.Element
	refs  []spill.Ref // by document, valid where spilled is set
	spilt []bool
	spill *spill.File // made on the first eviction
	// hits and rereads count requests answered from memory and from the
	// spill file.
	hits, rereads int
}

type cached struct {
	doc     int
	d       *document.Document
	profile *relate.Doc
}

func newProfiles(opt Options) *profiles {
	return &profiles{opt: opt, byDoc: map[int]*list.Element{}}
}

// add keeps the profile of document doc, numbered in input order; doc
// must be the next number.
func (c *profiles) add(doc int, d *document.Document, p *relate.Doc) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refs = append(c.refs, spill.Ref{})
	c.spilt = append(c.spilt, false)
	c.byDoc[doc] = c.lru.PushFront(&cached{doc, d, p})
	return c.evict()
}

// addStored numbers the next document, one restored from a store that
// Options.Load reads back when it is needed.
func (c *profiles) addStored(doc int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refs = append(c.refs, spill.Ref{})
	c.spilt = append(c.spilt, false)
}

// evict writes the least recently used documents out until the cache
// holds opt.Cache of them.
func (c *profiles) evict() error {
	for c.lru.Len() > c.opt.Cache {
		e := c.lru.Back()
		old := e.Value.(*cached)
		if !c.spilt[old.doc] && c.opt.Load == nil {
			if c.spill == nil {
				f, err := spill.Create(c.opt.SpillDir)
				if err != nil {
					return err
				}
				c.spill = f
			}
			ref, err := c.spill.Put(old.d)
			if err != nil {
				return err
			}
			c.refs[old.doc], c.spilt[old.doc] = ref, true
		}
		c.lru.Remove(e)
		delete(c.byDoc, old.doc)
	}
	return nil
}

// get returns the profile of document doc, making it again from the spill
// file, with tk, when it has been let go.
func (c *profiles) get(ctx context.Context, tk *textproc.Tokenizer, doc int) (*relate.Doc, error) {
	c.mu.Lock()
	if e := c.byDoc[doc]; e != nil {
		c.lru.MoveToFront(e)
		c.hits++
		p := e.Value.(*cached).profile
		c.mu.Unlock()
		return p, nil
	}
	if doc >= len(c.spilt) {
		c.mu.Unlock()
		return nil, fmt.Errorf("analysis: no document %d", doc)
	}
	var d *document.Document
	var err error
	switch spilt, ref := c.spilt[doc], c.refs[doc]; {
	case spilt:
		c.rereads++
		c.mu.Unlock()
		d, err = c.spill.Get(ref)
	case c.opt.Load != nil:
		// Restored: the store has it. Documents evicted from the cache
		// are read from the store again too, not spilt: it keeps them.
		c.rereads++
		c.mu.Unlock()
		d, err = c.opt.Load(ctx, doc)
	default:
		c.mu.Unlock()
		return nil, fmt.Errorf("analysis: document %d is neither cached nor spilt", doc)
	}
	if err != nil {
		return nil, fmt.Errorf("analysis: reading document %d back: %w", doc, err)
	}
	p := newProfile(tk, d, c.opt)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.byDoc[doc]; e != nil { // another aligner was quicker
		return e.Value.(*cached).profile, nil
	}
	c.byDoc[doc] = c.lru.PushFront(&cached{doc, d, p})
	return p, c.evict()
}

// forget lets go of the profiles in memory, for a run that adds nothing
// more: get fails after it for a document that was never spilt.
func (c *profiles) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lru.Init()
	clear(c.byDoc)
}

// close deletes the spill file.
func (c *profiles) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.spill == nil {
		return nil
	}
	return c.spill.Close()
}
