// Command gen writes record/schema.json from record.Fields: go generate
// ./record (run in the record folder).
package main

import (
	"log"
	"os"

	"github.com/cnie/cnie/record"
)

func main() {
	if err := os.WriteFile("schema.json", record.BuildSchema(), 0o644); err != nil {
		log.Fatal(err)
	}
}
