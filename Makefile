SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go

.PHONY: build test unit lint demo wordpress wordpress-6.5 wordpress-7.1 editor screenshot bench clean

# staticcheck at a pinned version, fetched and built by `go run` on a fresh
# machine (cached after the first run); kept out of go.mod so that its
# dependencies do not become the module's.
STATICCHECK_VERSION := v0.8.2

# What `wpsync --version` prints: the tag or commit of the checkout.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null)

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/wpsync ./cmd/wpsync

# Unit tests and end-to-end tests against a real, local WordPress (installed
# from Debian's packages when missing), including the check of the block
# markup with WordPress's own editor in headless Chromium and with today's
# block library from npm. The end-to-end suite runs against WordPress 6.1
# (Debian 12's) and again against today's 7.1 (Debian unstable's); it may
# not skip in either. (6.5, between the two, is left to a run by hand:
# WPSYNC_E2E=1 WPSYNC_WP_VERSION=6.5 go test ./e2e, after make wordpress-6.5;
# a third run would take make test past 20 minutes on 2 cores.)
# E2E_TIMEOUT: one run of the suite takes 10-15 minutes on 2 cores, past go
# test's default of 10.
E2E_TIMEOUT ?= 40m
test: lint editor wordpress wordpress-7.1
	WPSYNC_E2E=1 WPSYNC_WP_VERSION=6.1 $(GO) test -count=1 -timeout $(E2E_TIMEOUT) -json ./... | $(GO) run ./internal/testreport -require github.com/wpsync/wpsync/e2e -require github.com/wpsync/wpsync/e2e/blocklib
	WPSYNC_E2E=1 WPSYNC_WP_VERSION=7.1 $(GO) test -count=1 -timeout $(E2E_TIMEOUT) -json ./e2e | $(GO) run ./internal/testreport -require github.com/wpsync/wpsync/e2e

# gofmt, go vet and staticcheck: each prints what it finds and fails.
lint:
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files need formatting (run gofmt -w on them):"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Unit tests only, no WordPress needed.
unit:
	$(GO) test ./...

wordpress:
	scripts/wordpress.sh install

# WordPress 6.5 from npm, for a run of the end-to-end tests by hand (needs
# the npm that `make editor` installs).
wordpress-6.5: wordpress editor
	scripts/wordpress.sh install --wp 6.5

# WordPress 7.1 from Debian unstable (apt-get download with a list file of
# its own: the machine's apt sources stay as they are), for the second run of
# the end-to-end tests.
wordpress-7.1: wordpress
	scripts/wordpress.sh install --wp 7.1

# Chromium, playwright-core and today's block library for e2e/editor_test.go
# and e2e/blocklib.
editor:
	scripts/editor.sh install

# Retakes docs/editor.png: a sample post open in the block editor.
screenshot: wordpress editor
	WPSYNC_E2E=1 WPSYNC_SCREENSHOT=$(CURDIR)/docs/editor.png $(GO) test -count=1 -run 'TestEditor' ./e2e

# Starts a local WordPress, syncs sample-content/ to it and prints each post's link.
demo: wordpress build
	scripts/demo.sh

# Speed figures against a local WordPress, each with its target and ratio
# measured in the same run (a few minutes: it syncs 10,000 posts once).
bench: wordpress build
	$(GO) run ./internal/bench

clean:
	rm -rf bin
