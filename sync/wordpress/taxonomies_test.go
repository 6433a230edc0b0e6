package wordpress

import (
	"encoding/json"
	"reflect"
	"testing"
)

// A post's terms of other taxonomies are read by their REST base; lists
// of other things are not terms, and categories and tags keep their own
// fields.
func TestPost_UnmarshalOtherTerms(t *testing.T) {
	var p post
	src := `{"id":3,"slug":"a","categories":[1],"tags":[],"series":[7,8],"topics":[],"class_list":["post-3"],"meta":{"x":1}}`
	if err := json.Unmarshal([]byte(src), &p); err != nil {
		t.Fatal(err)
	}
	s := p.toSync("posts")
	if s.ID != 3 || !reflect.DeepEqual(s.Categories, []int{1}) {
		t.Errorf("basic fields: %+v", s)
	}
	if want := map[string][]int{"series": {7, 8}, "topics": {}}; !reflect.DeepEqual(s.OtherTerms, want) {
		t.Errorf("OtherTerms = %v, want %v", s.OtherTerms, want)
	}
}
