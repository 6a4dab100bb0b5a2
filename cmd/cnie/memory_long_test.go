//go:build long && unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeLongArticle writes a .txt article of about size bytes made of the
// seed articles' sentences, a paragraph every twenty sentences: ordinary
// news text, only very long.
func writeLongArticle(t *testing.T, path string, size int) int {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var sentences []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.SplitAfter(strings.ReplaceAll(string(b), "\n", ""), "。") {
			if strings.TrimSpace(s) != "" {
				sentences = append(sentences, s)
			}
		}
	}
	if len(sentences) < 20 {
		t.Fatalf("%d seed sentences", len(sentences))
	}
	var b strings.Builder
	b.Grow(size + 4096)
	for i := 0; b.Len() < size; i++ {
		b.WriteString(sentences[(i*7)%len(sentences)])
		if i%20 == 19 {
			b.WriteByte('\n')
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// TestLongArticleMemory: the largest article's working memory (peak RSS
// less that of a run on one small article) is at most 10 times its size
// with -j 1, and with -j 2 on two of them at most 2 times that. Figures go
// to the log. CNIE_ARTICLE_MB sets the size (default 15).
func TestLongArticleMemory(t *testing.T) {
	dir := t.TempDir()
	bin := buildHostileBinary(t, dir)
	mb := 15
	if s := os.Getenv("CNIE_ARTICLE_MB"); s != "" {
		if _, err := fmt.Sscan(s, &mb); err != nil || mb < 2 {
			t.Fatalf("CNIE_ARTICLE_MB=%q", s)
		}
	}
	big := filepath.Join(dir, "big.txt")
	size := writeLongArticle(t, big, mb<<20)
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte("天津举行京津产业握手链接洽谈会，签约金额47.95亿元。"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, _, _, base := runMeasured(t, 2*time.Minute, bin, "run", "--quiet", "-j", "1", "-o", os.DevNull, small)
	code, _, stderr, wall, peak := runMeasured(t, 20*time.Minute, bin, "run", "-j", "1", "--article-timeout", "0", "-o", os.DevNull, big)
	if code != exitOK {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	work := (peak - base) * (1 << 20) / float64(size)
	t.Logf("-j 1, one %.1f MB article: %v, peak RSS %.0f MB (a small article's %.0f MB): working memory %.1f times the article; %s",
		float64(size)/1e6, wall.Round(time.Millisecond), peak, base, work, strings.TrimSpace(stderr))
	if work > 10 {
		t.Errorf("-j 1: working memory %.1f times the article, over 10", work)
	}
	code, _, stderr, wall, peak = runMeasured(t, 40*time.Minute, bin, "run", "-j", "2", "--article-timeout", "0", "-o", os.DevNull, big, big)
	if code != exitOK {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	work2 := (peak - base) * (1 << 20) / float64(size)
	t.Logf("-j 2, two such articles: %v, peak RSS %.0f MB: working memory %.1f times one article; %s",
		wall.Round(time.Millisecond), peak, work2, strings.TrimSpace(stderr))
	if work2 > 20 {
		t.Errorf("-j 2: working memory %.1f times one article, over 2 × 10", work2)
	}
}
