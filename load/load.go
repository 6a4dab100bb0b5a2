// Package load puts records into PostgreSQL (cnie load): two tables,
// articles (one row per article) and mentions (one per mention), whose
// columns are record.Fields', created or migrated by the load itself and
// filled with COPY through pgx.
//
// Each article is in the tables exactly once, through re-sent inputs and
// killed loads:
//
//   - an article (doc_id) already loaded with the same sha256 and version is
//     skipped; one loaded with another text or by another build is replaced,
//     its old mentions deleted in the same transaction as the new rows go in;
//   - a folder (of cnie run --out-dir batches, say) is loaded file by file
//     in name order, each file in one transaction that also records it as
//     the folder's last file loaded, so a load run again starts after it;
//   - a plain file is loaded in transactions of whole articles;
//   - a load holds an advisory lock for its whole session: two loads into
//     one database wait for each other rather than interleave.
//
// Bad input (a line that is not a record, a value that does not fit its
// column) is an error naming the file and line, found before anything of
// its transaction is written: never half an article in the tables.
package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/cnie/cnie/parquetout"
	"github.com/cnie/cnie/record"
)

// DefaultChunkArticles is how many articles of a plain file go into one
// transaction.
const DefaultChunkArticles = 2000

// Options sets up a load.
type Options struct {
	// DB is the database URL (postgres://user@host:port/db).
	DB string
	// Init creates the tables, or migrates them to SchemaVersion; without
	// it a load into a database without them fails.
	Init bool
	// Stdin is read for the path "-" (and when there is no path).
	Stdin io.Reader
	// ChunkArticles is the number of articles per transaction of a plain
	// file (0: DefaultChunkArticles).
	ChunkArticles int
	// Note receives what the load does that is worth telling (waiting for
	// another load's lock, files loaded before); nil discards it.
	Note func(string)
}

// Stats are the figures of a load.
type Stats struct {
	// Files were read; FilesSkipped were loaded before (a folder's files
	// up to its last file loaded).
	Files, FilesSkipped int
	// Read records went to Loaded (new) and Replaced articles, or were
	// Skipped (loaded before with the same text and version, or repeated
	// later in the same transaction); ErrorRecords are error records met in
	// the input, not loaded.
	Read, Loaded, Replaced, Skipped, ErrorRecords int
	// Mentions is the number of mention rows written.
	Mentions int
	// Rows is the number of rows written (articles and mentions).
	Rows int
}

// Loader is an open load: a connection holding the lock, tables ready.
type Loader struct {
	opt  Options
	conn *pgx.Conn
	st   Stats
}

// Open connects, takes the lock (waiting for another load to finish), and
// creates or checks the tables.
func Open(ctx context.Context, opt Options) (*Loader, error) {
	if opt.ChunkArticles <= 0 {
		opt.ChunkArticles = DefaultChunkArticles
	}
	conn, err := pgx.Connect(ctx, opt.DB)
	if err != nil {
		return nil, fmt.Errorf("connecting: %w", err)
	}
	l := &Loader{opt: opt, conn: conn}
	var got bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, int64(lockKey)).Scan(&got); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	if !got {
		l.note("another load holds the database; waiting for it")
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(lockKey)); err != nil {
			conn.Close(ctx)
			return nil, err
		}
	}
	from, err := migrate(ctx, conn, opt.Init)
	if err != nil {
		conn.Close(ctx)
		return nil, err
	}
	if from < SchemaVersion {
		l.note(fmt.Sprintf("tables created or migrated from version %d to %d", from, SchemaVersion))
	}
	return l, nil
}

// Close releases the lock and the connection.
func (l *Loader) Close() error {
	return l.conn.Close(context.Background())
}

// Stats returns the figures so far.
func (l *Loader) Stats() Stats { return l.st }

func (l *Loader) note(s string) {
	if l.opt.Note != nil {
		l.opt.Note(s)
	}
}

// Load loads each path: a folder (its record files in name order, after
// the last one loaded before), a record file (.jsonl, .ndjson, .jsonl.gz,
// .parquet), or "-" for JSON Lines on standard input; no path is "-".
func (l *Loader) Load(ctx context.Context, paths []string) error {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if p == "-" {
			if err := l.loadStream(ctx, "-", l.opt.Stdin); err != nil {
				return err
			}
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		if fi.IsDir() {
			err = l.loadFolder(ctx, p)
		} else {
			err = l.loadFile(ctx, p)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// isRecordFile reports whether a folder's file holds records.
func isRecordFile(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	for _, ext := range []string{".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// loadFolder loads the folder's record files in name order, each in one
// transaction with the folder's last file.
func (l *Loader) loadFolder(ctx context.Context, dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() && isRecordFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var last string
	err = l.conn.QueryRow(ctx, `SELECT last_file FROM cnie_folders WHERE folder = $1`, abs).Scan(&last)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	for _, n := range names {
		if n <= last {
			l.st.FilesSkipped++
			continue
		}
		path := filepath.Join(dir, n)
		var items []item
		err := readFile(path, func(it item) error {
			items = append(items, it)
			return nil
		})
		if err != nil {
			return err
		}
		if err := l.commit(ctx, items, abs, n); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		l.st.Files++
	}
	if l.st.FilesSkipped > 0 {
		l.note(fmt.Sprintf("%s: %d files loaded before, up to %s", dir, l.st.FilesSkipped, last))
	}
	return nil
}

// loadFile loads one record file in transactions of ChunkArticles.
func (l *Loader) loadFile(ctx context.Context, path string) error {
	return l.loadChunks(ctx, func(each func(item) error) error { return readFile(path, each) })
}

func (l *Loader) loadStream(ctx context.Context, name string, r io.Reader) error {
	if r == nil {
		return errors.New("no standard input")
	}
	return l.loadChunks(ctx, func(each func(item) error) error { return readJSONL(name, r, each) })
}

// loadChunks commits the records that read yields in transactions of
// ChunkArticles, the last one with what is left, and counts one file.
func (l *Loader) loadChunks(ctx context.Context, read func(each func(item) error) error) error {
	var items []item
	err := read(func(it item) error {
		items = append(items, it)
		if len(items) >= l.opt.ChunkArticles {
			err := l.commit(ctx, items, "", "")
			items = items[:0]
			return err
		}
		return nil
	})
	if err == nil {
		err = l.commit(ctx, items, "", "")
	}
	if err != nil {
		return err
	}
	l.st.Files++
	return nil
}

// item is a record read, and where from.
type item struct {
	rec   *record.Record
	where string // FILE:LINE, or FILE: row N
	// errRecord is set for an error record, which is counted, not loaded.
	errRecord bool
}

// commit writes items in one transaction: new articles, replaced ones
// (their old rows deleted), and, for a folder, its last file loaded.
func (l *Loader) commit(ctx context.Context, items []item, folder, file string) error {
	if len(items) == 0 && folder == "" {
		return nil
	}
	st := l.st
	// The last of an article's records in the chunk wins.
	last := map[string]int{}
	var ids []string
	for i, it := range items {
		st.Read++
		if it.errRecord {
			st.Read--
			st.ErrorRecords++
			continue
		}
		if _, ok := last[it.rec.DocID]; !ok {
			ids = append(ids, it.rec.DocID)
		} else {
			st.Skipped++
		}
		last[it.rec.DocID] = i
	}
	tx, err := l.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	type known struct{ sha, version string }
	have := map[string]known{}
	rows, err := tx.Query(ctx, `SELECT doc_id, sha256, version FROM articles WHERE doc_id = ANY($1)`, ids)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		var k known
		if err := rows.Scan(&id, &k.sha, &k.version); err != nil {
			rows.Close()
			return err
		}
		have[id] = k
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var replace []string
	var arts, ments [][]any
	acols, mcols := articleColumns(), mentionColumns()
	for _, id := range ids {
		it := items[last[id]]
		r := it.rec
		if k, ok := have[id]; ok {
			if k.sha == r.SHA256 && k.version == r.Version {
				st.Skipped++
				continue
			}
			replace = append(replace, id)
			st.Replaced++
		} else {
			st.Loaded++
		}
		row, err := articleRow(acols, r)
		if err != nil {
			return fmt.Errorf("%s: %w", it.where, err)
		}
		arts = append(arts, row)
		for i := range r.Entities {
			row, err := mentionRow(mcols, r, i)
			if err != nil {
				return fmt.Errorf("%s: %w", it.where, err)
			}
			ments = append(ments, row)
		}
	}
	if len(replace) > 0 {
		// mentions has no foreign key (a per-row check would halve COPY's
		// speed): this transaction keeps the two tables in step.
		for _, table := range []string{"mentions", "articles"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE doc_id = ANY($1)`, replace); err != nil {
				return err
			}
		}
	}
	if len(arts) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"articles"}, append(names(acols), "mentions"), pgx.CopyFromRows(arts)); err != nil {
			return fmt.Errorf("copying articles: %w", err)
		}
	}
	if len(ments) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"mentions"}, append([]string{"doc_id", "ord"}, names(mcols)...), pgx.CopyFromRows(ments)); err != nil {
			return fmt.Errorf("copying mentions: %w", err)
		}
	}
	if folder != "" {
		if _, err := tx.Exec(ctx, `INSERT INTO cnie_folders (folder, last_file) VALUES ($1, $2)
ON CONFLICT (folder) DO UPDATE SET last_file = EXCLUDED.last_file, loaded_at = now()`, folder, file); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	st.Mentions += len(ments)
	st.Rows += len(arts) + len(ments)
	l.st = st
	return nil
}

func names(fs []*record.Field) []string {
	n := make([]string, len(fs))
	for i, f := range fs {
		n[i] = f.Name
	}
	return n
}

func articleRow(cols []*record.Field, r *record.Record) ([]any, error) {
	row := make([]any, 0, len(cols)+1)
	for _, f := range cols {
		v, err := sqlValue(f, r, nil)
		if err != nil {
			return nil, err
		}
		row = append(row, v)
	}
	return append(row, len(r.Entities)), nil
}

func mentionRow(cols []*record.Field, r *record.Record, i int) ([]any, error) {
	e := &r.Entities[i]
	row := make([]any, 0, len(cols)+2)
	row = append(row, r.DocID, i)
	for _, f := range cols {
		if !f.Carried(e.Type) {
			row = append(row, nil)
			continue
		}
		v, err := sqlValue(f, r, e)
		if err != nil {
			return nil, fmt.Errorf("mention %d (%s): %w", i, e.Text, err)
		}
		row = append(row, v)
	}
	return row, nil
}

// sqlValue is field f's value for COPY: nil for an empty value that is not
// written always.
func sqlValue(f *record.Field, r *record.Record, e *record.Entity) (any, error) {
	if f.Emit != record.Always && f.Empty(r, e) {
		return nil, nil
	}
	switch f.Kind {
	case record.String:
		s := f.Str(r, e)
		if strings.IndexByte(s, 0) >= 0 {
			return nil, fmt.Errorf("%s holds a NUL character, which PostgreSQL text cannot store", f.Name)
		}
		return s, nil
	case record.Int:
		return int64(f.Int(r, e)), nil
	case record.Date:
		s := f.Str(r, e)
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, fmt.Errorf("%s %q is not a date", f.Name, s)
		}
		return d, nil
	case record.Decimal:
		n, err := decimal(f.Dec(r, e).String())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		return n, nil
	case record.Strings:
		return f.List(r, e), nil
	case record.Object:
		return f.Obj(r, e), nil
	}
	return nil, fmt.Errorf("field %s of unknown kind", f.Name)
}

// decimal is s as numeric(38,18), exactly, or the error of a value that
// does not fit.
func decimal(s string) (pgtype.Numeric, error) {
	b, err := parquetout.Unscaled(s)
	if err != nil {
		return pgtype.Numeric{}, err
	}
	n := new(big.Int).SetBytes(b)
	if b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), 128))
	}
	return pgtype.Numeric{Int: n, Exp: -parquetout.Scale, Valid: true}, nil
}
