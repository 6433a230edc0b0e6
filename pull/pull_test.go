package pull

import (
	"testing"

	wpsync "github.com/wpsync/wpsync/sync"
)

func TestZonedDate(t *testing.T) {
	for _, c := range [][3]string{
		{"2026-03-05T11:20:30", "2026-03-05T10:20:30", "2026-03-05T11:20:30+01:00"},
		{"2026-03-05T04:50:30", "2026-03-04T23:20:30", "2026-03-05T04:50:30+05:30"},
		{"2026-03-05T10:20:30", "2026-03-05T10:20:30", "2026-03-05T10:20:30Z"},
		{"2026-03-05T10:20:30", "", ""},
	} {
		if got := zonedDate(c[0], c[1]); got != c[2] {
			t.Errorf("zonedDate(%s, %s) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func TestMediaPath(t *testing.T) {
	for _, c := range [][2]string{
		{"https://example.com/wp-content/uploads/2026/11/cat.jpg", "media/2026/11/cat.jpg"},
		{"https://example.com/wp-content/uploads/2026/11/caf%C3%A9.jpg", "media/2026/11/café.jpg"},
		{"https://cdn.example.com/x/dog.png", "media/dog.png"},
		{"https://example.com/wp-content/uploads/../../etc/passwd", "media/passwd"},
	} {
		if got := mediaPath(c[0]); got != c[1] {
			t.Errorf("mediaPath(%s) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestFileName(t *testing.T) {
	for _, c := range []struct {
		post wpsync.Post
		want string
	}{
		{wpsync.Post{ID: 3, Type: "posts", Slug: "hello"}, "hello"},
		{wpsync.Post{ID: 3, Type: "posts", Slug: "%ec%84%9c%ec%9a%b8-%ec%97%ac%ed%96%89"}, "서울-여행"},
		{wpsync.Post{ID: 3, Type: "posts", Slug: ""}, "draft-3"},
		{wpsync.Post{ID: 4, Type: "pages", Slug: "_index"}, "page-4"},
		{wpsync.Post{ID: 5, Type: "posts", Slug: "a%2fb"}, "a-b"},
	} {
		if got := fileName(&c.post); got != c.want {
			t.Errorf("fileName(%q) = %q, want %q", c.post.Slug, got, c.want)
		}
	}
}
