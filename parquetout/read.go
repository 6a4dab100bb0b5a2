package parquetout

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"

	"github.com/cnie/cnie/state"
)

// ReadArticles returns the articles (doc_id and sha256) of a Parquet file
// this package wrote, once each, in file order: what start-up recovery of
// unattended runs records for a finished file the state does not know.
func ReadArticles(path string) ([]state.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("not a Parquet file: %w", err)
	}
	id, sum := -1, -1
	for i, fl := range pf.Schema().Fields() {
		switch fl.Name() {
		case "doc_id":
			id = i
		case "sha256":
			sum = i
		}
	}
	if id < 0 || sum < 0 {
		return nil, errors.New("no doc_id and sha256 columns")
	}
	var arts []state.Article
	r := parquet.NewReader(pf)
	defer r.Close()
	rows := make([]parquet.Row, 256)
	for {
		n, err := r.ReadRows(rows)
		for _, row := range rows[:n] {
			a := state.Article{DocID: row[id].String(), SHA256: row[sum].String()}
			if len(arts) == 0 || arts[len(arts)-1] != a {
				arts = append(arts, a)
			}
		}
		if err == io.EOF {
			return arts, nil
		}
		if err != nil {
			return arts, err
		}
	}
}
