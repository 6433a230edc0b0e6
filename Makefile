SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go

.PHONY: build test unit demo wordpress clean

build:
	$(GO) build -o bin/wpsync ./cmd/wpsync

# Unit tests and end-to-end tests against a real, local WordPress (installed
# from Debian's packages when missing). The end-to-end tests may not skip.
test: wordpress
	$(GO) vet ./...
	WPSYNC_E2E=1 $(GO) test -count=1 -json ./... | $(GO) run ./internal/testreport -require github.com/wpsync/wpsync/e2e

# Unit tests only, no WordPress needed.
unit:
	$(GO) test ./...

wordpress:
	scripts/wordpress.sh install

# Starts a local WordPress, syncs sample-content/ to it and prints each post's link.
demo: wordpress build
	scripts/demo.sh

clean:
	rm -rf bin
