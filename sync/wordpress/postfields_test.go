package wordpress

import (
	"reflect"
	"testing"
)

func TestSchemaMeta(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       map[string]string
	}{
		{"none registered: an empty PHP array", `{"schema":{"properties":{"meta":{"type":"object","properties":[]}}}}`, map[string]string{}},
		{"registered", `{"schema":{"properties":{"meta":{"type":"object","properties":{"rating":{"type":"integer"},"note":{"type":["string","null"]},"any":{}}}}}}`,
			map[string]string{"rating": "integer", "note": "string", "any": ""}},
		{"a type without meta", `{"schema":{"properties":{"title":{}}}}`, map[string]string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := schemaMeta([]byte(tt.body)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("meta %v, want %v", got, tt.want)
			}
		})
	}
}
