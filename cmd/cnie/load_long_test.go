//go:build long

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/cnie/cnie/extract/number"
	"github.com/cnie/cnie/internal/pgtest"
	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/record"
)

// loadKills is the number of kills of TestLoadKillLong (CNIE_LOAD_KILLS
// overrides it).
const loadKills = 12

// synthRecord is a made-up record with n mentions of every kind.
func synthRecord(id, version string, n int) record.Record {
	r := record.Record{DocID: id, Source: "drop.jsonl", Line: 1, SHA256: fmt.Sprintf("%064x", len(id)*7919+n),
		Version: version, RefDateSource: "none", Chars: 40 * n, Entities: []record.Entity{}}
	for i := 0; i < n; i++ {
		v, _ := number.ParseDecimal(fmt.Sprintf("%d.%02d", i*1000+len(id), i%100))
		r.Entities = append(r.Entities,
			record.Entity{Type: "money", Start: 10 * i, End: 10*i + 4, Text: "一亿元", Value: &v, Currency: "CNY"},
			record.Entity{Type: "org", Start: 10*i + 5, End: 10*i + 9, Text: "国家统计局", Canonical: "国家统计局"},
			record.Entity{Type: "date", Start: 10*i + 9, End: 10*i + 10, Text: "今年", StartDate: "2025-01-01", EndDate: "2025-12-31", Grain: "year"})
	}
	return r
}

// TestLoadKillLong kills real cnie load processes with SIGKILL at random
// instants while they load a folder of batches (JSON Lines and Parquet)
// and a plain file that re-sends some articles in a newer version, checks
// after every kill that no article is in the tables twice or with part of
// its mentions, then lets a load finish: every article exactly once, in
// its last version, with all its mentions.
func TestLoadKillLong(t *testing.T) {
	dir := t.TempDir()
	bin := buildCnie(t, dir)
	srv := pgtest.Start(t)
	url := srv.NewDB(t, "kill")
	ctx := context.Background()

	// 150 batches of 40 articles, then a file of 6000 articles of which
	// the first 1200 re-send batch articles in version v2.
	folder := filepath.Join(dir, "out")
	os.Mkdir(folder, 0o755)
	want := map[string]string{}      // doc_id -> version
	wantMentions := map[string]int{} // doc_id@version -> mentions
	for f := 0; f < 150; f++ {
		var recs []record.Record
		for i := 0; i < 40; i++ {
			id := fmt.Sprintf("b%02d-%02d", f, i)
			r := synthRecord(id, "v1", 1+(f+i)%9)
			recs = append(recs, r)
			want[id], wantMentions[id+"@v1"] = "v1", len(r.Entities)
		}
		name := filepath.Join(folder, fmt.Sprintf("20260101T000000.000000000Z-%06d", f+1))
		if f%3 == 0 {
			pf, _ := os.Create(name + ".parquet")
			w := parquetout.NewWriter(pf)
			for i := range recs {
				w.Write(&recs[i])
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			pf.Close()
		} else {
			var b []byte
			for i := range recs {
				b = append(recs[i].AppendJSON(b), '\n')
			}
			os.WriteFile(name+".jsonl", b, 0o644)
		}
	}
	var plain []byte
	for i := 0; i < 6000; i++ {
		id, version := fmt.Sprintf("p-%04d", i), "v1"
		if i < 1200 {
			id, version = fmt.Sprintf("b%02d-%02d", i/40, i%40), "v2"
		}
		r := synthRecord(id, version, 1+i%7)
		want[id], wantMentions[id+"@"+version] = version, len(r.Entities)
		plain = append(r.AppendJSON(plain), '\n')
	}
	plainPath := filepath.Join(dir, "plain.jsonl")
	os.WriteFile(plainPath, plain, 0o644)

	if out, err := exec.Command(bin, "load", "--db", url, "--init").CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	check := func(final bool) {
		t.Helper()
		rows, err := c.Query(ctx, `SELECT a.doc_id, a.version, a.mentions, (SELECT count(*) FROM mentions m WHERE m.doc_id = a.doc_id) FROM articles a`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		seen := map[string]bool{}
		for rows.Next() {
			var id, version string
			var n, m int
			if err := rows.Scan(&id, &version, &n, &m); err != nil {
				t.Fatal(err)
			}
			if seen[id] {
				t.Errorf("%s twice", id)
			}
			seen[id] = true
			if _, ok := want[id]; !ok {
				t.Errorf("unknown article %s", id)
			}
			if w, ok := wantMentions[id+"@"+version]; !ok || m != w || n != m {
				t.Errorf("%s %s: %d mentions in the table, %d recorded, want %d", id, version, m, n, w)
			}
			if final && version != want[id] {
				t.Errorf("%s: version %s, want %s", id, version, want[id])
			}
		}
		if final && len(seen) != len(want) {
			t.Errorf("%d articles loaded, want %d (%d lost)", len(seen), len(want), len(want)-len(seen))
		}
	}

	kills := loadKills
	if s := os.Getenv("CNIE_LOAD_KILLS"); s != "" {
		kills, _ = strconv.Atoi(s)
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("%d articles, %d kills, seed %d", len(want), kills, seed)
	killed, rounds := 0, 0
	for k := 0; killed < kills && k < 4*kills; k++ {
		cmd := exec.Command(bin, "load", "--db", url, "--chunk-articles", "50", folder, plainPath)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(20+rng.IntN(700)) * time.Millisecond
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			// The load finished before its kill point: every article must be
			// in once; then the tables start again from nothing, so that a
			// fast machine still gets its kills.
			t.Logf("kill %d: the load ended before %v: %v %s", k, delay, err, stderr.String())
			check(true)
			if _, err := c.Exec(ctx, "TRUNCATE articles, mentions, cnie_folders"); err != nil {
				t.Fatal(err)
			}
			rounds++
			continue
		case <-time.After(delay):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			killed++
		}
		check(false)
	}
	out, err := exec.Command(bin, "load", "--db", url, folder, plainPath).CombinedOutput()
	if err != nil {
		t.Fatalf("final load: %v\n%s", err, out)
	}
	t.Logf("%d loads killed, %d loads finished whole before their kill point; final load: %s", killed, rounds, strings.TrimSpace(string(out)))
	check(true)
	if killed < 10 && os.Getenv("CNIE_LOAD_KILLS") == "" {
		t.Errorf("only %d loads were killed mid-way: the loads are too fast for the delays", killed)
	}
}
