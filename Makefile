# darkaudit — `make demo` sets up and runs the demo audit; `make test` runs every test.
GO      ?= go
BIN     ?= ./darkaudit
OUT     ?= out/demo
COMMIT  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
VERSION ?= 0.1.0-dev
LDFLAGS := -X main.version=$(VERSION) -X main.gitCommit=$(COMMIT)

.PHONY: all demo test build bench chromium check-go vet fmt clean

all: build

check-go:
	@command -v $(GO) >/dev/null 2>&1 || { echo "darkaudit: Go 1.26 or later is needed (https://go.dev/dl/)"; exit 1; }

chromium:
	@./scripts/install-chromium.sh

build: check-go
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/darkaudit

demo: chromium build
	$(BIN) demo --out $(OUT)

test: check-go chromium
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 40m ./...

bench: chromium build
	$(GO) run ./cmd/darkaudit-bench -bin $(BIN)

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf $(BIN) out
