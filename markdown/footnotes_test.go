package markdown

import (
	"encoding/json"
	"strings"
	"testing"
)

const notesSrc = "A claim[^src], another[^b], the first again[^src].\n\n[^src]: The *source*, \"quoted\".\n[^b]: Second.\n\n    Its second paragraph.\n"

// WordPress's footnotes: marks in the text in the format's markup, the
// notes in the meta in the order of the text, IDs from the file and the
// label (the same each run, different in another file).
func TestFootnotes_Native(t *testing.T) {
	doc, err := ParseWith("posts/a.md", []byte(notesSrc), Options{Format: FormatBlocks})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Footnotes) != 2 {
		t.Fatalf("Footnotes = %+v, want 2", doc.Footnotes)
	}
	src, b := doc.Footnotes[0], doc.Footnotes[1]
	if src.ID != footnoteID("posts/a.md", []byte("src")) || src.ID == b.ID {
		t.Errorf("IDs %q, %q: want derived from the file and the label, distinct", src.ID, b.ID)
	}
	if want := `The <em>source</em>, "quoted".`; src.Content != want {
		t.Errorf("first note = %q, want %q", src.Content, want)
	}
	if want := "Second.<br>Its second paragraph."; b.Content != want {
		t.Errorf("second note = %q, want %q", b.Content, want)
	}
	mark := `<sup data-fn="` + src.ID + `" class="fn"><a href="#` + src.ID + `" id="` + src.ID + `-link">1</a></sup>`
	if strings.Count(doc.Content, mark) != 1 {
		t.Errorf("content lacks the first mark once:\n%s", doc.Content)
	}
	if again := `again<sup><a href="#` + src.ID + `">1</a></sup>`; !strings.Contains(doc.Content, again) {
		t.Errorf("a second reference is not a plain link to the note:\n%s", doc.Content)
	}
	if !strings.HasSuffix(doc.Content, "<!-- wp:footnotes /-->") || strings.Contains(doc.Content, "footnote-backref") {
		t.Errorf("content does not end with the Footnotes block alone:\n%s", doc.Content)
	}
	var meta []Footnote
	if err := json.Unmarshal([]byte(FootnotesMeta(doc.Footnotes)), &meta); err != nil || len(meta) != 2 || meta[0] != src {
		t.Errorf("FootnotesMeta does not read back: %v %+v", err, meta)
	}
	if strings.Contains(FootnotesMeta(doc.Footnotes), `\u003c`) {
		t.Error("FootnotesMeta escapes HTML, which the editor's JSON.stringify does not")
	}
	other, _ := ParseWith("posts/b.md", []byte(notesSrc), Options{Format: FormatBlocks})
	if other.Footnotes[0].ID == src.ID {
		t.Error("the same label in another file has the same ID")
	}
}

// Without a Footnotes block (6.1), and in the classic format: goldmark's
// list, no meta.
func TestFootnotes_Older(t *testing.T) {
	for _, opts := range []Options{{Format: FormatBlocks, Markup: MarkupWP61}, {Format: FormatClassic}} {
		doc, err := ParseWith("posts/a.md", []byte(notesSrc), opts)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Footnotes != nil || !strings.Contains(doc.Content, `class="footnote-backref"`) || strings.Contains(doc.Content, "data-fn") {
			t.Errorf("%+v: footnotes = %+v, content:\n%s", opts, doc.Footnotes, doc.Content)
		}
	}
}
