package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateRender = flag.Bool("update-render", false, "record the current rendered output under the current renderVersion")

// renderRecord is where TestRenderVersion keeps, for the current
// renderVersion, a digest of everything rendering produces (markdown's
// golden output files) and the hash of one fixed file.
const renderRecord = "testdata/render-version.txt"

// A change to what files send must come with a new renderVersion, or
// files whose size and time stamp did not change would keep what they sent
// before (the cache trusts them unread). And the hash of an unchanged
// file must not change by accident: every post would be rewritten once.
func TestRenderVersion(t *testing.T) {
	golden := goldenDigest(t)
	fixed := hashOf(&job{post: Post{Type: "posts", Slug: "s", Title: "T", Content: "<p>C</p>", Status: "publish"}, cats: []string{"c"}, tags: []string{"t"}})
	got := fmt.Sprintf("renderVersion %d\ngolden %s\nhash %s\n", renderVersion, golden, fixed)
	data, err := os.ReadFile(renderRecord)
	if err != nil {
		t.Fatal(err)
	}
	var version int
	var wantGolden, wantHash string
	if _, err := fmt.Sscanf(string(data), "renderVersion %d\ngolden %s\nhash %s\n", &version, &wantGolden, &wantHash); err != nil {
		t.Fatalf("%s: %v", renderRecord, err)
	}
	if *updateRender {
		// Recording a change under the version that recorded other output
		// would silence this test: the record follows a bump, not the
		// other way round.
		if version == renderVersion && (golden != wantGolden || fixed != wantHash) {
			t.Fatalf("rendered output or hashes changed under the same renderVersion %d: bump renderVersion in sync/sync.go first", renderVersion)
		}
		if err := os.WriteFile(renderRecord, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	switch {
	case version != renderVersion:
		t.Errorf("renderVersion is %d, %s records %d: run go test ./sync -run TestRenderVersion -update-render", renderVersion, renderRecord, version)
	case golden != wantGolden:
		t.Errorf("rendered output changed (markdown/testdata) under the same renderVersion %d: bump renderVersion in sync/sync.go, so that every file is read again once, then run go test ./sync -run TestRenderVersion -update-render", renderVersion)
	case fixed != wantHash:
		t.Errorf("the hash of an unchanged file changed (Post's json tags or hashOf): every post would be rewritten once after an upgrade. If that is meant, bump renderVersion in sync/sync.go and run go test ./sync -run TestRenderVersion -update-render")
	}
}

// goldenDigest hashes markdown's golden output files, in path order.
func goldenDigest(t *testing.T) string {
	t.Helper()
	sum := sha256.New()
	root := filepath.Join("..", "markdown", "testdata")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(sum, "%s %d\n", filepath.ToSlash(rel), len(data))
		sum.Write(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return "sha256:" + hex.EncodeToString(sum.Sum(nil))
}
