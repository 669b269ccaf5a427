package fetch_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/stemma-news/stemma/internal/fetch"
)

func ExampleClient_Get_refused() {
	c := fetch.New(fetch.Options{}) // AllowPrivate is off
	_, err := c.Get(context.Background(), "http://127.0.0.1:8080/x", fetch.Conditional{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, fetch.ErrRefused))
	// Output:
	// fetch http://127.0.0.1:8080/x: refused: 127.0.0.1 is a loopback address (allow with --allow-private)
	// true
}
