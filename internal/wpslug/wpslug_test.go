package wpslug

import (
	"strings"
	"testing"
)

// Expected values are WordPress 6.1's own (see e2e TestSlugParity for the
// comparison against a live site over hundreds of generated names).
func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"hello", "hello"},
		{"Hello World", "hello-world"},
		{"café-crème", "cafe-creme"},
		{"cafe\u0301-cre\u0300me", "cafe-creme"}, // decomposed, as macOS names files
		{"Über-Straße", "uber-strase"},
		{"서울-여행", "%ec%84%9c%ec%9a%b8-%ec%97%ac%ed%96%89"},
		{"don't stop", "dont-stop"},
		{"C++ tips", "c-tips"},
		{"a.b/c", "a-b-c"},
		{"Fish &amp; Chips", "fish-chips"},
		{"<b>bold</b> move", "bold-move"},
		{"a – b — c", "a-b-c"},
		{"“quoted”", "quoted"},
		{"3×4", "3x4"},
		{"100%", "100"},
		{"%E2%82%AC", "%e2%82%ac"},
		{"--x--", "x"},
		{"€uro", "euro"},
		{"", ""},
	} {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSanitize_Idempotent(t *testing.T) {
	for _, in := range []string{"Über-Straße", "서울-여행", "a.b", strings.Repeat("é", 150), strings.Repeat("中", 80)} {
		once := Sanitize(in)
		if twice := Sanitize(once); twice != once {
			t.Errorf("Sanitize(Sanitize(%q)) = %q, want %q", in, twice, once)
		}
	}
}

func TestSanitize_Length(t *testing.T) {
	got := Sanitize(strings.Repeat("中", 100)) // 9 bytes encoded each
	if len(got) > MaxLen || len(got)%9 != 0 {
		t.Errorf("len = %d, want ≤ %d and whole characters", len(got), MaxLen)
	}
	if got := Sanitize(strings.Repeat("a", 250)); len(got) != MaxLen {
		t.Errorf("len = %d, want %d", len(got), MaxLen)
	}
}

func TestNumbered(t *testing.T) {
	if got := Numbered("hello", 1); got != "hello" {
		t.Errorf("Numbered(hello, 1) = %q", got)
	}
	if got := Numbered("hello", 2); got != "hello-2" {
		t.Errorf("Numbered(hello, 2) = %q", got)
	}
	long := strings.Repeat("a", 200)
	if got := Numbered(long, 3); len(got) != 200 || !strings.HasSuffix(got, "a-3") {
		t.Errorf("Numbered(200×a, 3) = %q (%d bytes)", got, len(got))
	}
	enc := Sanitize(strings.Repeat("中", 22)) // 198 bytes
	if got := Numbered(enc, 2); len(got) > 200 || !strings.HasSuffix(got, "%ad-2") {
		t.Errorf("Numbered(encoded, 2) = %q: must not split an octet", got)
	}
}
