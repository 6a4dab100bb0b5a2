package extract_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFilesStaySmall holds the layout of issue #15: no non-test Go file under
// extract/ over 500 lines, so that a rule's code stays readable beside its
// kind; a file that grows past it is split by concern.
func TestFilesStaySmall(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if n := strings.Count(string(b), "\n"); n > 500 {
			t.Errorf("extract/%s: %d lines, over 500: split it by concern", path, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
