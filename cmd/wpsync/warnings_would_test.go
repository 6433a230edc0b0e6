package main

import (
	"bytes"
	"strings"
	"testing"
)

// What a dry run would do is one line per thing, not merged with what
// differs shown as "…": two pictures of one size are two lines; one
// picture of two files is one line naming both.
func TestWarningGroups_WouldUpload(t *testing.T) {
	var g warningGroups
	g.add("gal.md", "would upload x.png (71 bytes) to the media library")
	g.add("gal.md", "would upload y.png (71 bytes) to the media library")
	g.add("a.md", "would upload z.png (5 bytes) to the media library")
	g.add("b.md", "would upload z.png (5 bytes) to the media library")
	var out bytes.Buffer
	g.write(&out, 7, palette{})
	got := out.String()
	for _, want := range []string{
		"warning gal.md: would upload x.png (71 bytes) to the media library\n",
		"warning gal.md: would upload y.png (71 bytes) to the media library\n",
		"warning would upload z.png (5 bytes) to the media library (2 files: a.md, b.md)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "…") || strings.Count(got, "\n") != 3 {
		t.Errorf("want three lines, nothing merged:\n%s", got)
	}
}
