# cnie: see README.md. Every target works on a fresh clone with Go installed;
# modules come from the Go module proxy.

GO      ?= go
BIN     := bin/cnie

# Floors on the seed gold: what the extractors reach now. Raise them as the
# extractors improve; never lower them to pass.
FLOORS  := strict:money=1.0,value:money=1.0,strict:percent=1.0,value:percent=1.0,strict:quantity=1.0,value:quantity=1.0,strict:date=1.0,value:date=1.0,strict:country=1.0,value:country=1.0,docset:country=1.0,strict:org=0.965,value:org=0.955,lenient:org=0.985,docset:org=0.915

.PHONY: all build run test test-long test-beam beam bench vet fmt-check eval-seeds clean

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

## test-long: slow tests (kill tests, big inputs), tagged `long`; then the
## Beam pipeline's module (beam/, issue #23), whose build is too heavy for
## `make test`: vet, formatting and its tests on the local runner (Prism).
test-long:
	$(GO) test -count=1 -tags long -run 'Long' -timeout 60m ./...
	$(MAKE) --no-print-directory test-beam

test-beam:
	cd beam && $(GO) vet -tags long ./...
	@out=$$(cd beam && gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed in beam/:"; echo "$$out"; exit 1; fi
	cd beam && $(GO) test -count=1 -tags long -timeout 30m ./...

## beam: build the Beam pipeline program (beam/cmd/cnie-beam) into bin/.
beam:
	cd beam && $(GO) build -o ../bin/cnie-beam ./cmd/cnie-beam

## bench: the per-stage benchmarks (MB/s of the seeds), then the end-to-end
## figures of issue #11 (cmd/cnie-bench: a generated 50 MB corpus, 1 core and
## all cores, cold start, peak RSS, gse's own throughput on the same text).
## Last, the Beam pipeline beside `cnie run` on one core (issue #23).
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./cmd/cnie-bench -bin $(BIN) -seeds testdata/seeds -mb 50
	cd beam && $(GO) test -tags long -run '^$$' -bench BeamVsRun -benchtime 1x ./cniebeam/

eval-seeds: build
	$(BIN) eval --gold testdata/gold --show-errors 0 --min $(FLOORS)

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin
