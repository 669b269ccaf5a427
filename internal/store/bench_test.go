package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
)

// newsArticle returns a document of the size of a news report: a dozen
// paragraphs, some 600 words, with a raw page of about 20 KB.
func newsArticle(n int) *document.Document {
	paras := make([]string, 12)
	for i := range paras {
		paras[i] = fmt.Sprintf("Paragraph %d of report %d: officials in the capital said on Tuesday that talks "+
			"on the ceasefire would resume next week, after a delegation returned from meetings abroad where "+
			"ministers discussed prisoner exchanges, grain exports and the reopening of the northern border crossings.", i, n)
	}
	raw := "<html><head><title>Report</title></head><body>" + strings.Repeat("<div class=nav>menu</div>", 200) +
		"<article><p>" + strings.Join(paras, "</p><p>") + "</p></article></body></html>"
	return &document.Document{
		ID: fmt.Sprintf("report-%d", n), Origin: fmt.Sprintf("crawl/%d.html", n), Format: "html",
		Title: fmt.Sprintf("Ceasefire talks to resume next week, officials say (%d)", n), Site: fmt.Sprintf("site%d.example", n%50),
		URL: fmt.Sprintf("https://site%d.example/world/2025/ceasefire-talks-%d", n%50, n), Byline: "By A. Reporter",
		Published:  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute),
		Paragraphs: paras,
		Credits:    []document.Credit{{Kind: "agency", Text: "(AP)", Name: "AP"}},
		Raw:        []byte(raw),
	}
}

func BenchmarkPutDocuments(b *testing.B) {
	s := openTest(b)
	const batch = 500
	n := 0
	for b.Loop() {
		docs := make([]*document.Document, batch)
		for i := range docs {
			docs[i] = newsArticle(n)
			n++
		}
		if _, err := s.PutDocuments(b.Context(), docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAnalysed measures how fast a process restarting on a large
// store reads back its analysis: 10^5 documents (10^4 with -short).
func BenchmarkAnalysed(b *testing.B) {
	ctx := b.Context()
	s := openTest(b)
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	const batch = 1000
	print := make([]byte, 128)
	detail := []byte(`{"direction":0.82,"coverage":[0.71,0.93],"evidence":["aligned 14 of 17 sentences","credits AP"],"changes":[{"kind":"name","from":"Zelenskyy","to":"Zelensky"}]}`)
	for from := 0; from < n; from += batch {
		docs := make([]*document.Document, batch)
		for i := range docs {
			d := newsArticle(from + i)
			d.Raw = nil
			d.Paragraphs = d.Paragraphs[:2]
			docs[i] = d
		}
		puts, err := s.PutDocuments(ctx, docs)
		if err != nil {
			b.Fatal(err)
		}
		recs := make([]Analysis, batch)
		for i, p := range puts {
			a := Analysis{Seq: p.Seq, BodyHash: uint64(p.Seq) * 0x9e3779b97f4a7c15, Print: print}
			if p.Seq > 3 {
				a.Edges = []int64{p.Seq - 1, p.Seq - 2, p.Seq - 3}
				a.Pairs = []Pair{
					{A: p.Seq - 1, B: p.Seq, Relation: "rewrite", Score: 0.8, Source: p.Seq - 1, Detail: detail},
					{A: p.Seq - 3, B: p.Seq, Relation: "same-story", Score: 0.3},
				}
			}
			recs[i] = a
		}
		if err := s.SaveAnalyses(ctx, recs); err != nil {
			b.Fatal(err)
		}
	}
	restored := 0
	for b.Loop() {
		for r, err := range s.Analysed(ctx) {
			if err != nil {
				b.Fatal(err)
			}
			_ = r
			restored++
		}
	}
	if restored%n != 0 {
		b.Fatalf("restored %d, not a multiple of %d", restored, n)
	}
	b.ReportMetric(float64(restored)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkSaveView measures saving a view of 10^4 stories of five
// documents in which one story changed: the cost of the incremental
// update a watcher makes after each small batch.
func BenchmarkSaveView(b *testing.B) {
	ctx := b.Context()
	s := openTest(b)
	const n, size = 50_000, 5
	for from := 0; from < n; from += 1000 {
		docs := make([]*document.Document, 1000)
		for i := range docs {
			d := newsArticle(from + i)
			d.Raw, d.Paragraphs = nil, d.Paragraphs[:1]
			docs[i] = d
		}
		if _, err := s.PutDocuments(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	view := make([]Story, 0, n/size)
	for id := int64(1); id <= n; id += size {
		st := Story{ID: id, Origin: id}
		for seq := id; seq < id+size; seq++ {
			st.Documents = append(st.Documents, seq)
			if seq > id {
				st.Lineage = append(st.Lineage, Edge{Source: id, Copy: seq, Relation: "rewrite"})
				st.Relations = append(st.Relations, Pair{A: id, B: seq, Relation: "rewrite", Score: 0.8, Source: id})
			}
		}
		view = append(view, st)
	}
	start := time.Now()
	if err := s.SaveView(ctx, view, start); err != nil {
		b.Fatal(err)
	}
	b.Logf("first save of %d stories: %v", len(view), time.Since(start))
	i := 0
	for b.Loop() {
		i++
		view[i%len(view)].Partial = !view[i%len(view)].Partial
		if err := s.SaveView(ctx, view, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
