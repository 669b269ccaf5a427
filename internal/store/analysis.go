package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
)

// Analysis is a document's analysis record, saved once when it is analysed
// and read back, in seq order, to resume analysis in a later process.
type Analysis struct {
	Seq      int64
	BodyHash uint64
	Print    []byte  // opaque to the store
	Edges    []int64 // seqs of earlier documents it has a story edge with
	Pairs    []Pair  // derived pairs with earlier documents; B is Seq
}

// Pair is a relation between two documents.
type Pair struct {
	A, B     int64 // seqs, A earlier
	Relation string
	Score    float64
	Source   int64 // seq of the source; 0 when unknown
	Sibling  bool
	// Detail is a JSON object opaque to the store, returned as given.
	Detail []byte
}

// Restored is an analysed document as read back at startup: its summary,
// without Paragraphs and Removed, and its analysis record.
type Restored struct {
	Doc      *Document
	Analysis Analysis
}

// SaveAnalyses saves recs in one transaction and marks their documents
// analysed. A record saved again, as after a crash between saving and
// remembering it was saved, replaces the first.
func (s *Store) SaveAnalyses(ctx context.Context, recs []Analysis) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save analyses: %w", err)
	}
	defer tx.Rollback()
	var stmts [4]*sql.Stmt
	for i, q := range []string{
		"INSERT OR REPLACE INTO analyses (seq, body_hash, print, edges) VALUES (?, ?, ?, ?)",
		"DELETE FROM pairs WHERE b = ?",
		"INSERT INTO pairs (b, a, relation, score, source, sibling, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
		"UPDATE documents SET analysed = 1 WHERE seq = ?",
	} {
		if stmts[i], err = tx.PrepareContext(ctx, q); err != nil {
			return fmt.Errorf("store: save analyses: prepare %q: %w", q, err)
		}
		defer stmts[i].Close()
	}
	addAnalysis, dropPairs, addPair, mark := stmts[0], stmts[1], stmts[2], stmts[3]
	var edges []byte
	for _, rec := range recs {
		res, err := mark.ExecContext(ctx, rec.Seq)
		if err != nil {
			return fmt.Errorf("store: save analysis of document %d: %w", rec.Seq, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("store: save analysis of document %d: %w", rec.Seq, cmp.Or(err, ErrNotFound))
		}
		edges = encodeEdges(edges[:0], rec.Seq, rec.Edges)
		if _, err := addAnalysis.ExecContext(ctx, rec.Seq, int64(rec.BodyHash), rec.Print, edges); err != nil {
			return fmt.Errorf("store: save analysis of document %d: %w", rec.Seq, err)
		}
		if _, err := dropPairs.ExecContext(ctx, rec.Seq); err != nil {
			return fmt.Errorf("store: save analysis of document %d: drop pairs: %w", rec.Seq, err)
		}
		for _, p := range rec.Pairs {
			if p.B != rec.Seq || p.A >= p.B {
				return fmt.Errorf("store: save analysis of document %d: pair %d-%d: want A earlier and B the document", rec.Seq, p.A, p.B)
			}
			if _, err := addPair.ExecContext(ctx, p.B, p.A, p.Relation, p.Score, nullSeq(p.Source), p.Sibling, nullText(p.Detail)); err != nil {
				return fmt.Errorf("store: save analysis of document %d: pair with %d: %w", rec.Seq, p.A, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save analyses: commit: %w", err)
	}
	return nil
}

// Analysed yields the analysed documents in seq order with their analysis
// records, for a later process to resume from. It reads in pages, each in
// its own read transaction.
func (s *Store) Analysed(ctx context.Context) iter.Seq2[*Restored, error] {
	return func(yield func(*Restored, error) bool) {
		var after int64
		for {
			page, err := s.restoredPage(ctx, after)
			if err != nil {
				yield(nil, fmt.Errorf("store: analysed documents after %d: %w", after, err))
				return
			}
			for _, r := range page {
				if !yield(r, nil) {
					return
				}
			}
			if len(page) < s.restorePage {
				return
			}
			after = page[len(page)-1].Doc.Seq
		}
	}
}

func (s *Store) restoredPage(ctx context.Context, after int64) ([]*Restored, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT "+summaryColumns+`, a.body_hash, a.print, a.edges
		FROM analyses a JOIN documents d ON d.seq = a.seq WHERE a.seq > ? ORDER BY a.seq LIMIT ?`, after, s.restorePage)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	r := newDocRow()
	var (
		bodyHash int64
		print    []byte
		edges    sql.RawBytes
		page     []*Restored
	)
	dest := r.dest(false, &bodyHash, &print, &edges)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		d, err := r.doc(false)
		if err != nil {
			return nil, err
		}
		a := Analysis{Seq: d.Seq, BodyHash: uint64(bodyHash), Print: print}
		if a.Edges, err = decodeEdges(d.Seq, edges); err != nil {
			return nil, fmt.Errorf("document %d: edges: %w", d.Seq, err)
		}
		page = append(page, &Restored{Doc: d, Analysis: a})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(page) == 0 {
		return nil, nil
	}
	// The pairs of the page, merged in by b: both lists are in seq order.
	prows, err := tx.QueryContext(ctx, `SELECT a, b, relation, score, source, sibling, detail
		FROM pairs WHERE b > ? AND b <= ? ORDER BY b, a`, after, page[len(page)-1].Doc.Seq)
	if err != nil {
		return nil, err
	}
	defer prows.Close()
	i := 0
	for prows.Next() {
		p, err := scanPair(prows)
		if err != nil {
			return nil, err
		}
		for i < len(page) && page[i].Doc.Seq < p.B {
			i++
		}
		if i == len(page) || page[i].Doc.Seq != p.B {
			return nil, fmt.Errorf("pair %d-%d of a document with no analysis", p.A, p.B)
		}
		page[i].Analysis.Pairs = append(page[i].Analysis.Pairs, p)
	}
	if err := prows.Err(); err != nil {
		return nil, err
	}
	return page, nil
}

// scanPair scans a row of a, b, relation, score, source, sibling, detail.
func scanPair(rows interface{ Scan(...any) error }) (Pair, error) {
	var (
		p      Pair
		source sql.NullInt64
		detail sql.NullString
	)
	if err := rows.Scan(&p.A, &p.B, &p.Relation, &p.Score, &source, &p.Sibling, &detail); err != nil {
		return Pair{}, err
	}
	p.Source = source.Int64
	if detail.Valid {
		p.Detail = []byte(detail.String)
	}
	return p, nil
}

// encodeEdges appends edges to b as varints of the distance back from
// seq, which is small for the near neighbours edges usually join.
func encodeEdges(b []byte, seq int64, edges []int64) []byte {
	for _, e := range edges {
		b = binary.AppendVarint(b, seq-e)
	}
	return b
}

func decodeEdges(seq int64, b []byte) ([]int64, error) {
	if len(b) == 0 {
		return nil, nil
	}
	edges := make([]int64, 0, len(b)/2)
	for len(b) > 0 {
		d, n := binary.Varint(b)
		if n <= 0 {
			return nil, errors.New("malformed varint")
		}
		edges = append(edges, seq-d)
		b = b[n:]
	}
	return edges, nil
}

func nullSeq(seq int64) sql.NullInt64 { return sql.NullInt64{Int64: seq, Valid: seq != 0} }

func nullText(b []byte) sql.NullString {
	return sql.NullString{String: string(b), Valid: len(b) > 0}
}
