package wordpress

import "testing"

func TestClient_MayEdit(t *testing.T) {
	author := &User{ID: 2, Capabilities: map[string]bool{"edit_posts": true, "publish_posts": true}}
	editor := &User{ID: 3, Capabilities: map[string]bool{"edit_posts": true, "edit_others_posts": true, "edit_pages": true, "edit_others_pages": true}}
	tests := []struct {
		name string
		me   *User
		typ  string
		by   int
		want bool
	}{
		{"an Author's own post", author, "posts", 2, true},
		{"another user's post, to an Author", author, "posts", 1, false},
		{"another user's page, to an Author", author, "pages", 1, false},
		{"another user's post, to an Editor", editor, "posts", 1, true},
		{"another user's page, to an Editor", editor, "pages", 1, true},
		{"a custom type: WordPress decides", author, "books", 1, true},
		{"no author listed", author, "posts", 0, true},
		{"user not read yet", nil, "posts", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Client{me: tt.me}
			p := &post{ID: 10, Slug: "x"}
			p.Author = tt.by
			if got := c.mayEdit(tt.typ, p); got != tt.want {
				t.Errorf("mayEdit = %v, want %v", got, tt.want)
			}
			if got := c.editable(tt.typ, p); got.ReadOnly == tt.want {
				t.Errorf("editable: ReadOnly = %v", got.ReadOnly)
			}
		})
	}
}
