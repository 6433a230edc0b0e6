package sync

import (
	"reflect"
	"testing"
)

// Every field of Post says how it is sent and compared: a field added
// without a rule would be sent by no write and compared by no adoption.
func TestPost_EveryFieldHasARule(t *testing.T) {
	if postFieldsErr != nil {
		t.Fatal(postFieldsErr)
	}
	if _, err := parseFields(reflect.TypeFor[struct {
		A string `wp:"a,same"`
		B string
	}]()); err == nil {
		t.Error("a field without a wp tag was accepted")
	}
	if _, err := parseFields(reflect.TypeFor[struct {
		A string `wp:"a,sometimes"`
	}]()); err == nil {
		t.Error("an unknown rule was accepted")
	}
}

// Each sent field changes samePost when it differs, and appears in Body:
// the two are derived from the same list.
func TestPost_BodyAndSameFromOneList(t *testing.T) {
	sticky := true
	want := Post{Type: "pages", Slug: "s", Title: "T", Content: "C", Excerpt: "E", Status: "publish",
		Date: "2026-01-02T03:04:05", DateGMT: "2026-01-02T02:04:05", Categories: []int{3}, Tags: []int{4},
		Parent: 5, MenuOrder: 6, Template: "wide", FeaturedMedia: 7, Sticky: &sticky,
		CommentStatus: "open", PingStatus: "closed", Format: "aside", Author: 8, Password: "pw",
		OtherTerms: map[string][]int{"series": {9}}, Meta: map[string]any{"footnotes": `[{"id":"a","content":"x"}]`}}
	have := want
	if !samePost(&have, &want) {
		t.Fatal("a post is not the same as itself")
	}
	body := want.Body()
	v := reflect.ValueOf(&have).Elem()
	for _, f := range postFields {
		name := f.name
		if f.rule == "taxonomies" {
			name = "series" // each taxonomy is a field of its own
		}
		if _, ok := body[name]; !ok {
			t.Errorf("Body lacks %s", name)
		}
		// Change the existing object's field: it is no longer the same.
		h := have
		hv := reflect.ValueOf(&h).Elem().Field(f.index)
		switch hv.Kind() {
		case reflect.String:
			hv.SetString(v.Field(f.index).String() + "x")
		case reflect.Int:
			hv.SetInt(v.Field(f.index).Int() + 100)
		case reflect.Slice:
			hv.Set(reflect.ValueOf([]int{99}))
		case reflect.Pointer:
			no := false
			hv.Set(reflect.ValueOf(&no))
		case reflect.Map:
			if f.rule == "meta" {
				hv.Set(reflect.ValueOf(map[string]any{"footnotes": `[]`}))
				break
			}
			hv.Set(reflect.ValueOf(map[string][]int{"series": {99}}))
		}
		if f.rule == "status" {
			h.Status = "draft"
		}
		if samePost(&h, &want) {
			t.Errorf("a changed %s still compares the same", f.name)
		}
	}
	if len(body) != len(postFields) {
		t.Errorf("Body has %d fields, the list %d", len(body), len(postFields))
	}
}

// What WordPress stores differently compares the same; what a file does
// not give is neither sent nor compared.
func TestPost_SameAsStored(t *testing.T) {
	want := Post{Type: "posts", Slug: "fish", Title: `Fish & Chips <3 "x"`, Excerpt: "Salt & vinegar", Status: "publish"}
	have := want
	have.Title, have.Excerpt = "Fish &amp; Chips &lt;3 &quot;x&quot;", "Salt &amp; vinegar" // kses, for an Author
	have.Status = "future"                                                                  // a date ahead
	have.Categories = []int{1}                                                              // WordPress's default category
	have.Date, have.Template, have.Author = "2026-01-01T00:00:00", "wide", 3                // WordPress's own
	if !samePost(&have, &want) {
		t.Error("the post as WordPress stores it is not the same")
	}
	body := want.Body()
	for _, k := range []string{"date", "template", "author", "categories", "parent"} {
		if _, ok := body[k]; ok {
			t.Errorf("Body sends %s, which the file did not give", k)
		}
	}
	page := Post{Type: "pages", Title: "About"}
	if b := page.Body(); b["parent"] != 0 || b["menu_order"] != 0 {
		t.Errorf("a page's Body = %v: want parent and menu_order 0 (moved to the top)", b)
	}
	have = page
	have.Parent = 9
	if samePost(&have, &page) {
		t.Error("a page under another parent compares the same as a top page")
	}
}

// Meta is sent only when the file sets some; a JSON value WordPress
// encoded again (kses for an Author) compares the same, other JSON not.
func TestPost_Meta(t *testing.T) {
	want := Post{Type: "posts", Title: "T", Meta: map[string]any{"footnotes": `[{"id":"a","content":"<a href=\"/x\">é</a>"}]`}}
	have := want
	have.Meta = map[string]any{"footnotes": `[{"id":"a","content":"<a href=\"\/x\">\u00e9<\/a>"}]`, "other": "1"}
	if !samePost(&have, &want) {
		t.Error("footnotes WordPress encoded again are not the same")
	}
	have.Meta = map[string]any{"footnotes": `[{"id":"a","content":"y"}]`}
	if samePost(&have, &want) {
		t.Error("other footnotes compare the same")
	}
	if _, ok := (&Post{Type: "posts"}).Body()["meta"]; ok {
		t.Error("Body sends meta for a file that sets none")
	}
}
