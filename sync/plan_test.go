package sync_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/state"
	. "github.com/wpsync/wpsync/sync"
)

// TestSyncer_DryRunIsThePlan: a dry run reports the plan (the uploads and
// terms it needs, the files that wait for others' posts) and writes
// nothing, neither to the site nor to the state; the run after it does what
// the plan said.
func TestSyncer_DryRunIsThePlan(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":  "---\ntitle: A\ntags: [fresh]\n---\nSee [b](b.md).\n\n![x](x.png)\n",
		"b.md":  "---\ntitle: B\ncategories: [News/Go]\n---\nB.\n",
		"x.png": png(1),
	})
	wp := wpfake.New(t, wpfake.Options{})
	r := runWith(t, wp, dir, Options{DryRun: true})
	if len(wp.Writes()) != 0 {
		t.Fatalf("dry run wrote: %v", wp.Writes())
	}
	if _, err := os.Stat(filepath.Join(dir, ".wpsync", "state.json")); err == nil {
		t.Fatal("dry run saved the state")
	}
	p := r.Plan
	if p == nil || len(p.Files) != 2 {
		t.Fatalf("plan %+v", p)
	}
	a, b := p.Files[0], p.Files[1]
	if a.Path != "a.md" || a.Action != ActionCreate || !a.Write || !slices.Equal(a.Needs, []string{"b.md"}) {
		t.Errorf("a.md: %+v, want a create waiting for b.md", a)
	}
	if b.Path != "b.md" || b.Action != ActionCreate || len(b.Needs) != 0 {
		t.Errorf("b.md: %+v, want a create in the first wave", b)
	}
	if len(p.Uploads) != 1 || p.Uploads[0].Path != "x.png" || !slices.Equal(p.Uploads[0].For, []string{"a.md"}) {
		t.Errorf("uploads %+v", p.Uploads)
	}
	var terms []string
	for _, tp := range p.Terms {
		terms = append(terms, tp.Taxonomy+":"+tp.Name)
	}
	if !slices.Equal(terms, []string{"categories:News/Go", "tags:fresh"}) {
		t.Errorf("terms %q", terms)
	}

	r = runWith(t, wp, dir, Options{})
	if r.Summary != (Summary{Created: 2}) {
		t.Fatalf("run after the dry run: %+v", r.Summary)
	}
	if uploads(wp) != 1 || len(madeTerms(wp, "tags")) != 1 || len(madeTerms(wp, "categories")) != 2 {
		t.Errorf("uploads %d, tags %v, categories %v", uploads(wp), madeTerms(wp, "tags"), madeTerms(wp, "categories"))
	}
}

// TestSyncer_PlanOfAnUpdate: the plan of a file edited since the last
// run names the fields that differ from the post on the site.
func TestSyncer_PlanOfAnUpdate(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nA.\n"})
	wp := wpfake.New(t, wpfake.Options{})
	runWith(t, wp, dir, Options{})
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A, edited\n---\nA.\n"})
	r := runWith(t, wp, dir, Options{DryRun: true})
	if fp := r.Plan.Files[0]; fp.Action != ActionUpdate || !slices.Equal(fp.Fields, []string{"title"}) {
		t.Errorf("plan %+v, want an update of the title", fp)
	}
}

// TestSyncer_DryRunRecordsNothing: what planning decides the state should
// hold (a move, an unchanged file's new time stamp) a dry run leaves
// undone, in memory too; the run that applies records it.
func TestSyncer_DryRunRecordsNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "---\ntitle: A\n---\nA.\n", "b.md": "---\ntitle: B\n---\nB.\n"})
	wp := wpfake.New(t, wpfake.Options{})
	runWith(t, wp, dir, Options{})
	if err := os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "moved.md")); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "b.md"), later, later); err != nil {
		t.Fatal(err)
	}
	st, err := state.Load(state.DefaultPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(st.Files)
	wp.ResetLog()
	r, err := New(client(t, wp), st, Options{Dir: dir, Site: wp.URL, DryRun: true}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if it := itemFor(t, r, "moved.md"); it.MovedFrom != "a.md" {
		t.Errorf("dry run: %+v, want moved.md moved from a.md", it)
	}
	if after, _ := json.Marshal(st.Files); !bytes.Equal(before, after) {
		t.Errorf("dry run changed the state in memory:\n%s\n%s", before, after)
	}
	if len(wp.Writes()) != 0 {
		t.Errorf("dry run wrote: %v", wp.Writes())
	}
	runWith(t, wp, dir, Options{})
	st, _ = state.Load(state.DefaultPath(dir))
	if st.Files["a.md"] != nil || st.Files["moved.md"] == nil || st.Files["b.md"].ModTime != later.UnixNano() {
		t.Errorf("state after the run: %v", st.Files)
	}
}
