package pipeline
import "testing"
import "github.com/cnie/cnie/lexicon"
func BenchmarkZZNewBig(b *testing.B) {
	for i := 0; i < b.N; i++ {
		lexicon.Use()
		if _, err := New(Options{Lexicons: []string{"/tmp/p2user/big"}}); err != nil { b.Fatal(err) }
	}
}
