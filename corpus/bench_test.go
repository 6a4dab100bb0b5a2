package corpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadJSONL reads the five seed texts as a JSON Lines file (each
// seed ten times), decoding and checking every line: the read stage, which
// runs on one goroutine ahead of the workers.
func BenchmarkReadJSONL(b *testing.B) {
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no seed texts: %v", err)
	}
	path := filepath.Join(b.TempDir(), "seeds.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	enc := json.NewEncoder(f)
	size := 0
	for i := 0; i < 10; i++ {
		for _, name := range files {
			text, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			if err := enc.Encode(map[string]string{"id": name, "text": string(text)}); err != nil {
				b.Fatal(err)
			}
			size += len(text)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range Open([]string{path}, Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 10*len(files) {
			b.Fatalf("read %d articles, want %d", n, 10*len(files))
		}
	}
}
