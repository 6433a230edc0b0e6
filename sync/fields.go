package sync

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// The rules of Post's `wp` tags: how a field is sent in a create or update,
// and how an existing object is found to hold what a file sends already.
//
//	same       always sent; equal as sent
//	stored     always sent; equal as WordPress stores it (sameStored: kses
//	           escapes "&", "<" and quotes for users without unfiltered_html)
//	status     always sent; equal as WordPress stores it (sameStatus: a
//	           publish with a date ahead is stored as future)
//	given      sent, and compared, only when the file gives it (not zero):
//	           WordPress keeps its own otherwise
//	page       like given, but always for pages, whose place in the tree the
//	           folder decides (a page moved to the top gets parent 0 back)
//	terms      term IDs, sent when resolved (not nil); equal as a set
//	someterms  like terms, compared only when the file names some: WordPress
//	           files a post without categories under its default one
//	taxonomies term IDs by taxonomy (a map of REST base to IDs), each sent
//	           as a field of its own; each equal as a set
//	meta       post meta by key, sent when the file sets some; each key the
//	           file sets equal, a JSON value as the same JSON (WordPress
//	           may encode it again: sameJSON)
const fieldRules = "same stored status given page terms someterms taxonomies meta"

// field is one Post field with its rule.
type field struct {
	index int
	name  string // wire name
	rule  string
}

// postFields lists Post's sent fields; postFieldsErr says which field lacks
// a rule (a programming error, reported by the tests).
var postFields, postFieldsErr = parseFields(reflect.TypeFor[Post]())

func parseFields(t reflect.Type) ([]field, error) {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("wp")
		if !ok {
			return nil, fmt.Errorf("sync.Post.%s has no wp tag: say how it is sent and compared (fields.go)", f.Name)
		}
		if tag == "-" {
			continue
		}
		name, rule, _ := strings.Cut(tag, ",")
		if name == "" || !slices.Contains(strings.Fields(fieldRules), rule) {
			return nil, fmt.Errorf("sync.Post.%s: wp tag %q: want NAME,RULE with a rule of %s", f.Name, tag, fieldRules)
		}
		out = append(out, field{i, name, rule})
	}
	return out, nil
}

func mustFields() []field {
	if postFieldsErr != nil {
		panic(postFieldsErr)
	}
	return postFields
}

// Body returns what a create or an update of p sends, by REST field name.
// Every "same", "stored" and "status" field is sent, so an update also
// clears what the file no longer says; the others as their rule says. The
// content carries a fingerprint of the rest when p has a Key
// (fingerprint.go).
func (p *Post) Body() map[string]any {
	b := p.fields()
	if p.Key == "" {
		return b
	}
	if c, ok := withFingerprint(p.Content, Fingerprint{Key: p.Key, Sum: sentSum(b)}); ok {
		b["content"] = c
	}
	return b
}

// fields is Body without the fingerprint.
func (p *Post) fields() map[string]any {
	v := reflect.ValueOf(p).Elem()
	b := map[string]any{}
	for _, f := range mustFields() {
		fv := v.Field(f.index)
		switch f.rule {
		case "given":
			if fv.IsZero() {
				continue
			}
		case "page":
			if fv.IsZero() && p.Type != "pages" {
				continue
			}
		case "terms", "someterms":
			if fv.IsNil() {
				continue // not resolved: WordPress keeps the post's terms
			}
		case "meta":
			if fv.Len() == 0 {
				continue // WordPress keeps the post's meta
			}
		case "taxonomies":
			for rest, ids := range fv.Interface().(map[string][]int) {
				b[rest] = ids
			}
			continue
		}
		if fv.Kind() == reflect.Pointer {
			fv = fv.Elem()
		}
		b[f.name] = fv.Interface()
	}
	return b
}

// samePost reports whether an existing object (have, as WordPress returned
// it) already holds what want would send, so adopting it needs no write.
func samePost(have, want *Post) bool {
	hv, wv := reflect.ValueOf(have).Elem(), reflect.ValueOf(want).Elem()
	for _, f := range mustFields() {
		h, w := hv.Field(f.index), wv.Field(f.index)
		var same bool
		switch f.rule {
		case "same":
			same = h.Equal(w)
		case "stored":
			same = sameStored(h.String(), w.String())
		case "status":
			same = sameStatus(have, want)
		case "given":
			same = w.IsZero() || reflect.DeepEqual(h.Interface(), w.Interface())
		case "page":
			same = w.IsZero() && want.Type != "pages" || h.Equal(w)
		case "terms":
			same = sameSet(h.Interface().([]int), w.Interface().([]int))
		case "someterms":
			same = w.Len() == 0 || sameSet(h.Interface().([]int), w.Interface().([]int))
		case "taxonomies":
			same = true
			hm := h.Interface().(map[string][]int)
			for rest, ids := range w.Interface().(map[string][]int) {
				same = same && sameSet(hm[rest], ids)
			}
		case "meta":
			same = true
			hm := h.Interface().(map[string]any)
			for k, v := range w.Interface().(map[string]any) {
				same = same && sameMeta(hm[k], v)
			}
		}
		if !same {
			return false
		}
	}
	return true
}

// sameMeta reports whether two meta values are the same: as sameJSON
// for text, else equal as JSON (a number read back is a float64).
func sameMeta(have, want any) bool {
	hs, hok := have.(string)
	ws, wok := want.(string)
	if hok && wok {
		return sameJSON(hs, ws)
	}
	a, err1 := json.Marshal(have)
	b, err2 := json.Marshal(want)
	if err1 != nil || err2 != nil {
		return false
	}
	return sameJSON(string(a), string(b))
}

// sameJSON reports whether two meta values are the same: equal, or the
// same JSON. WordPress encodes the footnotes meta again when it filters
// the notes for a user without unfiltered_html (wp_json_encode: "/" as
// "\/", non-ASCII as \u escapes).
func sameJSON(a, b string) bool {
	if a == b {
		return true
	}
	var av, bv any
	if json.Unmarshal([]byte(a), &av) != nil || json.Unmarshal([]byte(b), &bv) != nil {
		return false
	}
	return reflect.DeepEqual(av, bv)
}
