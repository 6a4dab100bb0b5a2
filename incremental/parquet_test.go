package incremental

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnie/cnie/corpus"
	"github.com/cnie/cnie/parquetout"
)

// parquetArticles counts the articles of every finished Parquet file.
func parquetArticles(t *testing.T, out string) map[string]int {
	t.Helper()
	ents, _ := os.ReadDir(out)
	seen := map[string]int{}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".parquet") || !finished.MatchString(e.Name()) {
			t.Errorf("unexpected file %s", e.Name())
			continue
		}
		arts, err := parquetout.ReadArticles(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			seen[a.DocID+"@"+a.SHA256[:8]]++
		}
	}
	return seen
}

// TestParquetBatchesAndReconcile: batches are Parquet files, each article
// once across them, and a finished Parquet file of a killed run is read
// and recorded at start.
func TestParquetBatchesAndReconcile(t *testing.T) {
	opt := dirs(t)
	opt.Parquet = true
	opt.BatchArticles = 2
	if st := run(t, opt, art("a", "甲"), art("b", "乙"), art("c", "丙")); st.Emitted != 3 || st.Files != 2 {
		t.Fatalf("stats %+v", st)
	}
	// A run killed after renaming its file, before recording it.
	r, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	id := r.ID()
	r.Abort()
	f, err := os.Create(filepath.Join(opt.Out, id+"-000001.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	w := parquetout.NewWriter(f)
	for _, a := range []corpus.Article{art("d", "丁"), art("e", "戊")} {
		if err := w.Write(process(a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st := run(t, opt, art("a", "甲"), art("d", "丁"), art("e", "戊"), art("f", "己"))
	if st.Reconciled != 1 || st.ReconciledArticles != 2 || st.Emitted != 1 || st.Skipped != 3 {
		t.Errorf("stats %+v, want the killed run's file recorded and only f emitted", st)
	}
	seen := parquetArticles(t, opt.Out)
	if len(seen) != 6 {
		t.Errorf("articles %v, want 6", seen)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%s in %d files", k, n)
		}
	}
	opt.Gzip = true
	if _, err := Start(opt); err == nil {
		t.Error("gzip with parquet accepted")
	}
}
