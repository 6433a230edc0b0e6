package markdown

import "testing"

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hello-world", "hello-world"},
		{"Hello World", "hello-world"},
		{"  Hello,   World!  ", "hello-world"},
		{"--a--b--", "a-b"},
		{"snake_case_name", "snake_case_name"},
		{"a_-_b", "a_-_b"},
		{"version 1.2.3", "version-1-2-3"},
		{"don't stop “now”", "dont-stop-now"},
		{"C++ & Go/Rust", "c-go-rust"},
		{"Café Ünïcode", "café-ünïcode"},
		{"日本語 タイトル", "日本語-タイトル"},
		{"नमस्ते दुनिया", "नमस्ते-दुनिया"}, // combining marks stay
		{"emoji 🎉 party", "emoji-party"},
		{"!!!", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := slugify(tt.in); got != tt.want {
				t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNameStem(t *testing.T) {
	tests := []struct {
		path, stem string
		dated      bool
		seps       string
	}{
		{"x.md", "x", false, ""},
		{"a/b/c.markdown", "c", false, ""},
		{"_posts/2024-03-05-x.md", "x", true, ""},
		{"2024-03-05.md", "2024-03-05", false, ""},
		{"2024-03-05-.md", "2024-03-05-", false, ""},
		{"post/x/index.md", "x", false, ""},
		{"post/2024-03-05-x/index.md", "x", true, ""},
		{"index.md", "index", false, ""},
		{"_index.md", "_index", false, ""},
		{"noext", "noext", false, ""},
		{"2024-03-05_x.md", "2024-03-05_x", false, ""},
		{"2024-03-05_x.md", "x", true, "-_"},
		{"2024-03-05-x.md", "x", true, "-_"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			stem, d := nameStem(tt.path, tt.seps)
			if stem != tt.stem || d.IsZero() == tt.dated {
				t.Errorf("nameStem(%q) = %q, %v; want %q, dated %v", tt.path, stem, d, tt.stem, tt.dated)
			}
		})
	}
}
