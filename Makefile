# cnie: see README.md. Every target works on a fresh clone with Go installed;
# modules come from the Go module proxy.

GO      ?= go
BIN     := bin/cnie

# Floors on the seed gold: what the extractors reach now. Raise them as the
# extractors improve; never lower them to pass.
FLOORS  := strict:money=1.0,value:money=1.0,strict:percent=1.0,value:percent=1.0,strict:quantity=1.0,value:quantity=1.0,strict:date=1.0,value:date=1.0,strict:country=1.0,value:country=1.0,docset:country=1.0,strict:org=0.965,value:org=0.955,lenient:org=0.985,docset:org=0.915

.PHONY: all build run test test-long bench bench-load vet fmt-check eval-seeds clean pg-install

all: build

build:
	$(GO) build -o $(BIN) ./cmd/cnie

## run: the main job on the bundled sample articles, records on stdout.
run: build
	$(BIN) run testdata/seeds

## test: vet, formatting, the tests (race detector on), and the seed floors.
test: vet fmt-check
	$(GO) test -race -count=1 ./...
	$(MAKE) --no-print-directory eval-seeds

## test-long: slow tests (kill tests, big inputs), tagged `long`.
test-long:
	$(GO) test -count=1 -tags long -run 'Long' -timeout 60m ./...

## bench: the per-stage benchmarks (MB/s of the seeds), then the end-to-end
## figures of issue #11 (cmd/cnie-bench: a generated 50 MB corpus, 1 core and
## all cores, cold start, peak RSS, gse's own throughput on the same text).
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./cmd/cnie-bench -bin $(BIN) -seeds testdata/seeds -mb 50
	$(MAKE) --no-print-directory bench-load

## bench-load: cnie load's rows per second into a real PostgreSQL server
## that the benchmark starts (make pg-install).
bench-load:
	$(GO) test -tags long -run '^$$' -bench LoadPostgres -benchtime 3x ./load/

## pg-install: Debian's postgresql, whose server the PostgreSQL tests start
## (make test-long), when it is missing. Needs root (CI runs as root).
pg-install:
	@if command -v pg_config >/dev/null && [ -x "$$(pg_config --bindir)/initdb" ]; then \
		echo "postgresql: $$(pg_config --version) in $$(pg_config --bindir)"; \
	else \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; \
	fi

eval-seeds: build
	$(BIN) eval --gold testdata/gold --show-errors 0 --min $(FLOORS)

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin
