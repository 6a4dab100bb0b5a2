package cnie_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/cnie/cnie"
)

// Extract one article and print its mentions.
func Example() {
	x, err := cnie.New(cnie.Options{})
	if err != nil {
		log.Fatal(err)
	}
	rec, err := x.Extract(context.Background(), cnie.Article{
		ID:        "port-2025-04",
		Published: "2025-04-12",
		Text:      "海关总署12日公布，今年一季度我国对东盟出口1.2万亿元，同比增长约7.5%。",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range rec.Entities {
		fmt.Printf("%s %q", e.Type, e.Text)
		switch e.Type {
		case "money":
			fmt.Printf(" %s %s", e.Value, e.Currency)
		case "percent":
			fmt.Printf(" %s %s %s", e.Value, e.Unit, e.Qualifier)
		case "date":
			fmt.Printf(" %s..%s", e.StartDate, e.EndDate)
		case "org":
			fmt.Printf(" %s", e.Canonical)
		}
		fmt.Println()
	}
	// Output:
	// org "海关总署" 海关总署
	// date "12日" 2025-04-12..2025-04-12
	// date "今年一季度" 2025-01-01..2025-03-31
	// org "东盟" 东南亚国家联盟
	// money "1.2万亿元" 1200000000000 CNY
	// percent "7.5%" 7.5 percent approx
}

// Stream JSON Lines articles through every core; records come back in
// input order, each as the line cnie run writes.
func ExampleExtractor_Stream() {
	x, err := cnie.New(cnie.Options{})
	if err != nil {
		log.Fatal(err)
	}
	in := strings.NewReader(`{"id": "a", "published": "2025-03-01", "text": "日本央行上月决定维持利率不变。"}
{"id": "b", "text": "这一句没有日期"
{"id": "c", "published": "2025-03-02", "text": "德国去年出口额下降约1.3%。"}
`)
	for rec, err := range x.Stream(context.Background(), cnie.ReadArticles(in)) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(rec.DocID, len(rec.Entities), rec.Version == cnie.Version())
	}
	// Output:
	// a 3 true
	// error: -:2: not valid JSON: unexpected end of JSON input
	// c 3 true
}
