package e2e

import (
	"strings"
	"testing"

	"github.com/wpsync/wpsync/internal/wptest"
)

// With /batch/v1, 30 new posts take two write requests, not 30.
func TestSync_UsesBatches(t *testing.T) {
	dir := t.TempDir()
	paths := genSite(t, dir, "batched", 30, 1)
	mark := site.Mark()
	r := wpsync(t, nil, "sync", dir, "--output", "json")
	if rep := r.json(t); r.code != 0 || rep.Summary.Created != 30 {
		t.Fatalf("exit %d %+v %s", r.code, rep.Summary, r.stderr)
	}
	w := writes(t, mark)
	var batches, single int
	for _, req := range w {
		switch {
		case strings.Contains(req.URI, "batch/v1") && req.Method == "POST":
			batches++
		case req.Method == "POST" && strings.Contains(req.URI, "/wp/v2/posts"):
			single++
		}
	}
	if batches != 2 || single != 0 {
		t.Errorf("%d batch and %d single post writes, want 2 batches: %v", batches, single, w)
	}
	checkConsistent(t, dir, "batched", paths)
}

// A site that refuses /batch/v1 gets one request per post, and everything
// else works the same.
func TestSync_SiteWithoutBatch(t *testing.T) {
	nb := wptest.Start(t, "e2e_nobatch", wptest.Options{NoBatch: true})
	dir := t.TempDir()
	for name, content := range coreSite {
		writeFile(t, dir, name, content)
	}
	mark := nb.Mark()
	r := wpsync(t, nb.Env(), "sync", dir, "--output", "json")
	if rep := r.json(t); r.code != 0 || rep.Summary.Created != len(coreSite) {
		t.Fatalf("exit %d %+v\n%s", r.code, rep.Summary, r.stderr)
	}
	reqs, _ := nb.RequestsSince(mark)
	creates := 0
	for _, req := range reqs {
		if req.Method == "POST" && strings.Contains(req.URI, "batch") {
			t.Errorf("sent a batch to a site that refuses them: %v", req)
		}
		if req.Method == "POST" && (strings.Contains(req.URI, "/wp/v2/posts") || strings.Contains(req.URI, "/wp/v2/pages")) && req.Status == 201 {
			creates++
		}
	}
	if creates != len(coreSite) {
		t.Errorf("%d single creates, want %d", creates, len(coreSite))
	}
	mark = nb.Mark()
	r = wpsync(t, nb.Env(), "sync", dir, "--output", "json")
	if reqs, _ := nb.RequestsSince(mark); r.code != 0 || len(reqs) != 0 {
		t.Errorf("second run: exit %d, %d requests", r.code, len(reqs))
	}
}
