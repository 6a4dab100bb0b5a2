// Package state is the bookkeeping of unattended runs: which articles have
// been emitted (by doc_id and the SHA-256 of their text), into which output
// file, by which extractor version and lexicons, and the runs that did it.
//
// It is one bbolt database, DIR/state.db. Opening it for writing takes an
// exclusive lock on that file, so two runs on one state cannot both go on:
// the second gets ErrLocked at once. Every change is one transaction, synced
// to disk before it returns.
package state

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// FileName is the database's name inside the state folder.
const FileName = "state.db"

// DefaultLockTimeout is how long Open waits for another run's lock when
// Options gives no timeout.
const DefaultLockTimeout = 100 * time.Millisecond

// ErrLocked is returned (wrapped, naming the folder) by Open when another
// process holds the state.
var ErrLocked = errors.New("another cnie run holds it")

// ErrNoState is returned (wrapped) by a read-only Open of a folder that holds
// no state.
var ErrNoState = errors.New("no state there")

var (
	bucketArticles = []byte("articles")
	bucketFiles    = []byte("files")
	bucketRuns     = []byte("runs")
)

// Options sets how Open opens a state. The zero value opens it for writing,
// creating it if needed, and waits DefaultLockTimeout for a lock.
type Options struct {
	// ReadOnly opens an existing state for reading only; it shares the lock
	// with other readers but not with a run.
	ReadOnly bool
	// LockTimeout is how long to wait for the lock; 0 means
	// DefaultLockTimeout. It never waits indefinitely.
	LockTimeout time.Duration
}

// Store is an open state. Its methods are safe for concurrent use; Close it
// to release the lock.
type Store struct {
	db  *bolt.DB
	dir string
}

// Article identifies one emitted article: its doc_id and the hex SHA-256 of
// its text.
type Article struct {
	DocID  string
	SHA256 string
}

// Entry is what the state knows of an emitted article.
type Entry struct {
	// Version and Lexicon are the extractor version and lexicon hash that
	// produced its record.
	Version string `json:"v"`
	Lexicon string `json:"l"`
	// File is the output file that holds its record.
	File string `json:"f"`
}

// Stale reports whether the entry was made by other extractors than version
// and lexicon.
func (e Entry) Stale(version, lexicon string) bool {
	return e.Version != version || e.Lexicon != lexicon
}

// File is what the state knows of a finished output file.
type File struct {
	Run      string    `json:"run"`
	Articles int       `json:"articles"`
	Recorded time.Time `json:"recorded"`
	// Reconciled is true when the file was found at start-up rather than
	// recorded by the run that wrote it (that run was killed between
	// renaming the file and recording it).
	Reconciled bool `json:"reconciled,omitempty"`
}

// Run is the record of one run.
type Run struct {
	ID       string    `json:"id"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"` // zero while running, or if killed
	Version  string    `json:"version"`
	Lexicon  string    `json:"lexicon"`
	// Emitted articles and the Files they went into; Skipped articles
	// (emitted before, or twice in the input); Stale articles seen but not
	// re-emitted; Errors, inputs that gave an error record; Reconciled,
	// files of earlier runs recorded at this one's start.
	Emitted    int `json:"emitted"`
	Files      int `json:"files"`
	Skipped    int `json:"skipped"`
	Stale      int `json:"stale"`
	Errors     int `json:"errors"`
	Reconciled int `json:"reconciled"`
}

// Open opens (for writing, creating it if needed) the state in folder dir.
// If another process holds it, it returns an error wrapping ErrLocked after
// at most the lock timeout.
func Open(dir string, opt Options) (*Store, error) {
	timeout := opt.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	path := filepath.Join(dir, FileName)
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("state %s: %w (%v)", dir, ErrNoState, err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("state %s: %w", dir, err)
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: timeout, ReadOnly: opt.ReadOnly})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("state %s: %w (the lock on %s); try again when it has finished", dir, ErrLocked, path)
	}
	if err != nil {
		return nil, fmt.Errorf("state %s: opening %s: %w", dir, path, err)
	}
	s := &Store{db: db, dir: dir}
	if !opt.ReadOnly {
		err = db.Update(func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bucketArticles, bucketFiles, bucketRuns} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("state %s: %w", dir, err)
		}
	}
	return s, nil
}

// Dir is the folder of the state.
func (s *Store) Dir() string { return s.dir }

// Close releases the state and its lock.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("state %s: closing: %w", s.dir, err)
	}
	return nil
}

// key is an article's key: the 32 bytes of its digest, then its doc_id.
// The fixed-length prefix keeps any doc_id unambiguous.
func key(a Article) ([]byte, error) {
	sum, err := hex.DecodeString(a.SHA256)
	if err != nil || len(sum) != sha256.Size {
		return nil, fmt.Errorf("article %q: sha256 %q is not a hex SHA-256", a.DocID, a.SHA256)
	}
	return append(sum, a.DocID...), nil
}

// Lookup returns what the state knows of article a, and whether it was
// emitted at all.
func (s *Store) Lookup(a Article) (Entry, bool, error) {
	k, err := key(a)
	if err != nil {
		return Entry{}, false, err
	}
	var e Entry
	var found bool
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		if b == nil {
			return nil
		}
		v := b.Get(k)
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &e)
	})
	if err != nil {
		return Entry{}, false, fmt.Errorf("state %s: looking up %q: %w", s.dir, a.DocID, err)
	}
	return e, found, nil
}

// Rename is one article's change of doc_id: From, as recorded, is recorded
// as To instead.
type Rename struct{ From, To Article }

// Rename moves, in one transaction, the record of each From article to its
// To article (the same text under its new doc_id: cnie 0.3 changed how ids
// are formed). A From that is not recorded is passed over; a To that is
// recorded already keeps its record, and the From's is dropped. It returns
// how many were moved.
func (s *Store) Rename(renames []Rename) (int, error) {
	moved := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		ab := tx.Bucket(bucketArticles)
		if ab == nil {
			return nil
		}
		for _, rn := range renames {
			from, err := key(rn.From)
			if err != nil {
				return err
			}
			to, err := key(rn.To)
			if err != nil {
				return err
			}
			v := ab.Get(from)
			if v == nil || string(from) == string(to) {
				continue
			}
			if ab.Get(to) == nil {
				if err := ab.Put(to, append([]byte(nil), v...)); err != nil {
					return err
				}
				moved++
			}
			if err := ab.Delete(from); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("state %s: renaming articles: %w", s.dir, err)
	}
	return moved, nil
}

// HasFile reports whether output file name is recorded.
func (s *Store) HasFile(name string) (bool, error) {
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketFiles); b != nil {
			found = b.Get([]byte(name)) != nil
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("state %s: %w", s.dir, err)
	}
	return found, nil
}

// RecordFile records, in one transaction, that output file name holds the
// records of arts, made with the extractor version and lexicon hash given,
// and, if run is not nil, the run's figures so far. An article recorded
// before (a re-emitted stale one) now points to this file. It returns how
// many of arts were recorded before.
func (s *Store) RecordFile(name string, f File, arts []Article, version, lexicon string, run *Run) (int, error) {
	f.Articles = len(arts)
	fv, err := json.Marshal(f)
	if err != nil {
		return 0, err
	}
	ev, err := json.Marshal(Entry{Version: version, Lexicon: lexicon, File: name})
	if err != nil {
		return 0, err
	}
	var rv []byte
	if run != nil {
		if rv, err = json.Marshal(run); err != nil {
			return 0, err
		}
	}
	before := 0
	err = s.db.Update(func(tx *bolt.Tx) error {
		ab := tx.Bucket(bucketArticles)
		for _, a := range arts {
			k, err := key(a)
			if err != nil {
				return err
			}
			if ab.Get(k) != nil {
				before++
			}
			if err := ab.Put(k, ev); err != nil {
				return err
			}
		}
		if run != nil {
			if err := tx.Bucket(bucketRuns).Put([]byte(run.ID), rv); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketFiles).Put([]byte(name), fv)
	})
	if err != nil {
		return 0, fmt.Errorf("state %s: recording %s: %w", s.dir, name, err)
	}
	return before, nil
}

// PutRun records run r, replacing any earlier record of the same ID.
func (s *Store) PutRun(r Run) error {
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRuns).Put([]byte(r.ID), v)
	})
	if err != nil {
		return fmt.Errorf("state %s: recording run %s: %w", s.dir, r.ID, err)
	}
	return nil
}

// Run returns the record of run id, and whether there is one.
func (s *Store) Run(id string) (Run, bool, error) {
	var r Run
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(id))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &r)
	})
	if err != nil {
		return Run{}, false, fmt.Errorf("state %s: run %s: %w", s.dir, id, err)
	}
	return r, found, nil
}

// LastRunID returns the ID of the latest run ("" if none): IDs sort as the
// runs started.
func (s *Store) LastRunID() (string, error) {
	var id string
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketRuns); b != nil {
			if k, _ := b.Cursor().Last(); k != nil {
				id = string(k)
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("state %s: %w", s.dir, err)
	}
	return id, nil
}

// Summary is what a state holds.
type Summary struct {
	Dir string `json:"dir"`
	// Articles is the number of emitted (doc_id, text) pairs, DocIDs the
	// number of distinct doc_ids among them.
	Articles int `json:"articles"`
	DocIDs   int `json:"doc_ids"`
	// Stale counts the articles emitted by other extractors than the
	// Version and Lexicon asked about.
	Stale   int    `json:"stale"`
	Version string `json:"version"`
	Lexicon string `json:"lexicon"`
	Files   int    `json:"files"`
	Runs    int    `json:"runs"`
	// LastRun is the latest run, nil if none; LastFinished the latest run
	// that finished (every file it and earlier runs wrote is recorded).
	LastRun      *Run `json:"last_run"`
	LastFinished *Run `json:"last_finished"`
}

// Summarize counts what the state holds; articles not made by version and
// lexicon count as stale.
func (s *Store) Summarize(version, lexicon string) (Summary, error) {
	sum := Summary{Dir: s.dir, Version: version, Lexicon: lexicon}
	err := s.db.View(func(tx *bolt.Tx) error {
		ab := tx.Bucket(bucketArticles)
		if ab == nil { // never initialised: Open for writing was killed at once
			return nil
		}
		// Keys sort by digest, not doc_id, so distinct doc_ids need a set.
		ids := map[string]struct{}{}
		err := ab.ForEach(func(k, v []byte) error {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("article %x: %w", k, err)
			}
			sum.Articles++
			ids[string(k[sha256.Size:])] = struct{}{}
			if e.Stale(version, lexicon) {
				sum.Stale++
			}
			return nil
		})
		if err != nil {
			return err
		}
		sum.DocIDs = len(ids)
		sum.Files = tx.Bucket(bucketFiles).Stats().KeyN
		rb := tx.Bucket(bucketRuns)
		sum.Runs = rb.Stats().KeyN
		c := rb.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run %s: %w", k, err)
			}
			if sum.LastRun == nil {
				sum.LastRun = &r
			}
			if !r.Finished.IsZero() {
				sum.LastFinished = &r
				break
			}
		}
		return nil
	})
	if err != nil {
		return Summary{}, fmt.Errorf("state %s: %w", s.dir, err)
	}
	return sum, nil
}
