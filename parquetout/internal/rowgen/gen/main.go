// Command gen writes parquetout/row_gen.go (go generate ./parquetout).
package main

import (
	"log"
	"os"

	"github.com/cnie/cnie/parquetout/internal/rowgen"
)

func main() {
	if err := os.WriteFile("row_gen.go", rowgen.Source(), 0o644); err != nil {
		log.Fatal(err)
	}
}
