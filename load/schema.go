package load

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/cnie/cnie/record"
)

// SchemaVersion is the version of the tables this build writes; the
// database keeps the version it holds in cnie_meta.
const SchemaVersion = 1

// lockKey is the advisory lock a load holds for its whole session, so that
// two loads into one database never interleave.
const lockKey = 0x636e6965 // "cnie"

// migrations[i] takes the tables from version i to i+1.
var migrations = []func() string{
	func() string {
		return `CREATE TABLE cnie_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE articles (` + columnsDDL(false) + `,
  mentions integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doc_id));
CREATE TABLE mentions (doc_id text NOT NULL,
  ord integer NOT NULL,
  ` + columnsDDL(true) + `,
  PRIMARY KEY (doc_id, ord));
CREATE TABLE cnie_folders (folder text PRIMARY KEY, last_file text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now());`
	},
}

// sqlType is the column type of a field's kind.
func sqlType(f *record.Field) string {
	switch f.Kind {
	case record.String:
		return "text"
	case record.Int:
		return "bigint"
	case record.Date:
		return "date"
	case record.Decimal:
		return "numeric(38,18)"
	case record.Strings, record.Object:
		return "jsonb"
	}
	panic("load: no column type for " + f.Name)
}

// SQLType is the PostgreSQL column type of a field (for the README's
// table).
func SQLType(f *record.Field) string { return sqlType(f) }

// articleColumns and mentionColumns are the fields stored in each table,
// in the table's order.
func articleColumns() []*record.Field { return articleFields }

func mentionColumns() []*record.Field { return mentionFields }

var articleFields, mentionFields = func() (a, m []*record.Field) {
	for _, f := range record.Fields {
		switch {
		case f.Entity:
			m = append(m, f)
		case f.Kind != record.Entities:
			a = append(a, f)
		}
	}
	return a, m
}()

func columnsDDL(entity bool) string {
	fs := articleColumns()
	if entity {
		fs = mentionColumns()
	}
	var parts []string
	for _, f := range fs {
		c := pgx.Identifier{f.Name}.Sanitize() + " " + sqlType(f)
		if (!entity && f.Emit == record.Always) || (entity && f.Types == nil && f.Emit == record.Always) {
			c += " NOT NULL"
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, ",\n  ")
}

// ErrNoSchema is returned by a load into a database without cnie's tables
// (cnie load --init creates them).
var ErrNoSchema = errors.New("the database has no cnie tables: run cnie load --init")

// schemaVersion returns the database's version of the tables, 0 if none.
func schemaVersion(ctx context.Context, tx pgx.Tx) (int, error) {
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT to_regclass('cnie_meta') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, err
	}
	if !exists {
		return 0, nil
	}
	var v string
	err := tx.QueryRow(ctx, `SELECT value FROM cnie_meta WHERE key = 'schema_version'`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, errors.New("cnie_meta has no schema_version")
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("cnie_meta: schema_version %q", v)
	}
	return n, nil
}

// migrate brings the tables to SchemaVersion (creating them) in one
// transaction, or, without init, checks that they are there already.
func migrate(ctx context.Context, conn *pgx.Conn, init bool) (from int, err error) {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	v, err := schemaVersion(ctx, tx)
	if err != nil {
		return 0, err
	}
	switch {
	case v > SchemaVersion:
		return v, fmt.Errorf("the database's cnie tables are version %d, newer than this cnie's %d", v, SchemaVersion)
	case v == SchemaVersion:
		return v, nil
	case !init && v == 0:
		return v, ErrNoSchema
	case !init:
		return v, fmt.Errorf("the database's cnie tables are version %d: cnie load --init migrates them to %d", v, SchemaVersion)
	}
	for i := v; i < SchemaVersion; i++ {
		if _, err := tx.Exec(ctx, migrations[i]()); err != nil {
			return v, fmt.Errorf("migrating the tables to version %d: %w", i+1, err)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO cnie_meta (key, value) VALUES ('schema_version', $1)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, strconv.Itoa(SchemaVersion)); err != nil {
		return v, err
	}
	return v, tx.Commit(ctx)
}
