package cniebeam

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/record"
)

func TestKeepFirstIsOrderFree(t *testing.T) {
	as := []corpus.Article{
		{ID: "x", Source: "b.jsonl", Line: 2},
		{ID: "x", Source: "a.jsonl", Line: 9},
		{ID: "x", Source: "a.jsonl", Line: 3},
	}
	for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {0, 2, 1}} {
		got := as[order[0]]
		for _, i := range order[1:] {
			got = keepFirst(got, as[i])
		}
		if got.Source != "a.jsonl" || got.Line != 3 {
			t.Errorf("order %v kept %s:%d, want a.jsonl:3", order, got.Source, got.Line)
		}
	}
}

func TestKeySeparatesIDAndText(t *testing.T) {
	a := corpus.Article{ID: "1", Text: "今天"}
	if Key(a) == Key(corpus.Article{ID: "1", Text: "明天"}) || Key(a) == Key(corpus.Article{ID: "2", Text: "今天"}) {
		t.Error("different articles share a key")
	}
	if Key(a) != Key(corpus.Article{ID: "1", Text: "今天", Source: "other.jsonl", Line: 4}) {
		t.Error("the same article in two places has two keys")
	}
}

func TestShards(t *testing.T) {
	if got := ShardName("out/rec", 0, 1, Config{Format: FormatParquet}.Ext()); got != "out/rec-00000-of-00001.parquet" {
		t.Errorf("ShardName = %q", got)
	}
	if got := ShardName("gs://b/out/rec", 3, 12, Config{Gzip: true}.Ext()); got != "gs://b/out/rec-00003-of-00012.jsonl.gz" {
		t.Errorf("ShardName = %q", got)
	}
	seen := map[int]int{}
	for i := range 1000 {
		k := Key(corpus.Article{ID: strings.Repeat("x", i%7), Text: string(rune(0x4E00 + i))})
		s := shardOf(k, 5)
		if s < 0 || s >= 5 {
			t.Fatalf("shard %d of 5", s)
		}
		seen[s]++
	}
	for s := range 5 {
		if seen[s] < 120 {
			t.Errorf("shard %d got %d of 1000 keys: %v", s, seen[s], seen)
		}
	}
}

func TestErrorLineIsCnieRuns(t *testing.T) {
	got := errorLine(record.Error{Source: "data/a<1>.jsonl", Line: 7, Error: `not valid JSON: "&"`})
	var e record.Error
	if err := json.Unmarshal([]byte(got), &e); err != nil || e != (record.Error{Source: "data/a<1>.jsonl", Line: 7, Error: `not valid JSON: "&"`}) {
		t.Fatalf("%s: %v %+v", got, err, e)
	}
	if strings.Contains(got, `\u003c`) || strings.HasSuffix(got, "\n") {
		t.Errorf("not written as cnie run writes it (no HTML escapes, no newline): %s", got)
	}
}

func TestConfigCheck(t *testing.T) {
	ok := Config{Inputs: []string{"a/*.jsonl"}, Output: "out/rec", Shards: 1, ErrorShards: 1}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	for _, good := range []func(*Config){
		func(c *Config) { c.Locale = "hk" },
		func(c *Config) { c.Locale = "MY" },
		func(c *Config) { c.Format = FormatParquet },
		func(c *Config) { c.Format = FormatJSONL; c.Gzip = true },
	} {
		c := ok
		good(&c)
		if err := c.Check(); err != nil {
			t.Errorf("%+v: %v", c, err)
		}
	}
	for _, bad := range []func(*Config){
		func(c *Config) { c.Inputs = nil },
		func(c *Config) { c.Output = "" },
		func(c *Config) { c.Shards = 0 },
		func(c *Config) { c.ErrorShards = -1 },
		func(c *Config) { c.RefDate = "2025-13-01" },
		func(c *Config) { c.MaxArticleBytes = -5 },
		func(c *Config) { c.Locale = "XX" },
		func(c *Config) { c.Locale = "zh-HK" },
		func(c *Config) { c.Format = "csv" },
		func(c *Config) { c.Format = FormatParquet; c.Gzip = true },
	} {
		c := ok
		bad(&c)
		if c.Check() == nil {
			t.Errorf("%+v passes", c)
		}
	}
}
