package sync

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestScanFiles_MDX: .mdx files are listed only for a site whose
// generator reads them; a plain folder's scan leaves them out.
func TestScanFiles_MDX(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.md", "b.mdx", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("# x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plain, err := Scan(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(plain, []string{"a.md"}) {
		t.Errorf("Scan: %q, want a.md alone", plain)
	}
	mdx, err := ScanFiles(dir, nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(mdx, []string{"a.md", "b.mdx"}) {
		t.Errorf("ScanFiles with MDX: %q, want a.md and b.mdx", mdx)
	}
}
