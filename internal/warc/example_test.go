package warc_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/stemma-news/stemma/internal/warc"
)

func ExampleReader() {
	var file bytes.Buffer
	w := warc.NewWriter(&file, true)
	date := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)
	w.WriteResponse("https://news.example.com/storm", date, 200, "text/html", []byte("<p>The harbour closed.</p>"))

	r := warc.NewReader(&file)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err) // a bad record: the next one is read all the same
			continue
		}
		fmt.Println(rec.Type, rec.TargetURI, rec.Date.Format(time.DateOnly))
		if rec.Type != "response" {
			continue
		}
		resp, err := http.ReadResponse(bufio.NewReader(rec.Body), nil)
		if err != nil {
			fmt.Println(err)
			continue
		}
		page, _ := io.ReadAll(resp.Body)
		fmt.Printf("%s %s %s\n", resp.Status, resp.Header.Get("Content-Type"), page)
	}
	// Output:
	// response https://news.example.com/storm 2024-03-05
	// 200 OK text/html <p>The harbour closed.</p>
	// request https://news.example.com/storm 2024-03-05
}
