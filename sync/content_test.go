package sync

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/state"
)

// contentFake is the fake site with a media library, post types, users
// and nested categories.
type contentFake struct {
	*fakePublisher
	media      map[int][]byte // uploaded bytes by ID
	names      map[string]bool
	alts       map[int]string
	mediaSlugs map[string]*Media
	types      []PostType
	users      []User
}

func newContentFake() *contentFake {
	return &contentFake{
		fakePublisher: newFake(),
		media:         map[int][]byte{},
		names:         map[string]bool{},
		alts:          map[int]string{},
		mediaSlugs:    map[string]*Media{},
		types: []PostType{
			{Slug: "post", RESTBase: "posts"},
			{Slug: "page", RESTBase: "pages", Hierarchical: true},
			{Slug: "book", RESTBase: "books"},
		},
		users: []User{{ID: 7, Login: "alice", Slug: "alice", Name: "Alice A."}},
	}
}

func (f *contentFake) Upload(ctx context.Context, m *MediaFile) (*Media, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "upload "+m.Name)
	if strings.HasSuffix(m.Name, ".svg") {
		return nil, fmt.Errorf("POST /wp/v2/media: %w: %w", ErrTypeRefused, statusErr(500)) // as sync/wordpress wraps it
	}
	r, err := m.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	f.nextID++
	name := m.Name
	for n := 1; f.names[name]; n++ { // WordPress adds -1, -2 to a name taken
		ext := path.Ext(m.Name)
		name = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(m.Name, ext), n, ext)
	}
	f.names[name] = true
	f.media[f.nextID] = data
	f.alts[f.nextID] = m.Alt
	got := &Media{ID: f.nextID, URL: "http://wp.test/wp-content/uploads/" + name}
	if m.Slug != "" {
		f.mediaSlugs[m.Slug] = got
	}
	return got, nil
}

func (f *contentFake) FindMedia(ctx context.Context, slug string) (*Media, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "find-media "+slug)
	return f.mediaSlugs[slug], nil
}

// Update gives the post the link of its new slug, as WordPress does.
func (f *contentFake) Update(ctx context.Context, p *Post) (*Post, error) {
	got, err := f.fakePublisher.Update(ctx, p)
	if err == nil && got.Type == "posts" {
		f.mu.Lock()
		got.Link = "http://wp.test/" + got.Slug + "/"
		f.posts[got.ID].Link = got.Link
		f.mu.Unlock()
	}
	return got, err
}

func (f *contentFake) Types(ctx context.Context) ([]PostType, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "types")
	return f.types, nil
}

func (f *contentFake) FindUser(ctx context.Context, name string) (*User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "user "+name)
	for _, u := range f.users {
		if u.Login == name {
			return &u, nil
		}
	}
	return nil, nil
}

func (f *contentFake) CreateChildTerm(ctx context.Context, taxonomy, name string, parent int) (Term, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("create-term %s/%s@%d", taxonomy, name, parent))
	f.nextID++
	t := Term{ID: f.nextID, Name: name, Parent: parent}
	f.terms[taxonomy] = append(f.terms[taxonomy], t)
	return t, nil
}

func (f *contentFake) post(t *testing.T, id int) Post {
	t.Helper()
	p, ok := f.posts[id]
	if !ok {
		t.Fatalf("no post %d", id)
	}
	return p.Post
}

func (f *contentFake) count(prefix string) int {
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

// png is a tiny valid PNG; n varies its content.
func png(n byte) string {
	return "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + string([]byte{n})
}

func TestContent_PicturesUploadedOnce(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"posts/a.md":        "---\ntitle: A\nfeatured_image: img/cover.png\n---\n![An owl](img/owl.png)\n\n<img src=\"img/owl.png\" alt=\"again\">\n\n![remote](https://example.com/x.png)\n",
		"posts/b.md":        "---\ntitle: B\n---\n![Same owl](../posts/img/owl.png) and ![copy](img/copy-of-owl.png)\n",
		"posts/img/owl.png": png(1),
		// The same bytes under another name: one upload.
		"posts/img/copy-of-owl.png": png(1),
		"posts/img/cover.png":       png(2),
	})
	fake := newContentFake()
	r := runWith(t, fake, dir, Options{})
	if r.Summary.Created != 2 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	if n := fake.count("upload"); n != 2 {
		t.Errorf("%d uploads, want 2 (owl once, cover once): %v", n, fake.calls)
	}
	a := fake.post(t, itemFor(t, r, "posts/a.md").ID)
	b := fake.post(t, itemFor(t, r, "posts/b.md").ID)
	owl := "http://wp.test/wp-content/uploads/owl.png"
	if strings.Contains(a.Content, "img/owl.png\"") || strings.Count(a.Content, owl) != 2 {
		t.Errorf("a's references not rewritten to %s:\n%s", owl, a.Content)
	}
	if !strings.Contains(a.Content, "https://example.com/x.png") {
		t.Errorf("remote image changed:\n%s", a.Content)
	}
	if strings.Count(b.Content, owl) != 2 {
		t.Errorf("b (and its copy of the owl) not rewritten to %s:\n%s", owl, b.Content)
	}
	if a.FeaturedMedia == 0 || string(fake.media[a.FeaturedMedia]) != png(2) {
		t.Errorf("featured image = %d, want the cover's ID", a.FeaturedMedia)
	}
	for id, data := range fake.media {
		if string(data) == png(1) && fake.alts[id] != "An owl" {
			t.Errorf("alt text of the owl = %q", fake.alts[id])
		}
	}
	// The Image block links to its attachment.
	if !strings.Contains(a.Content, `"id":`) || !strings.Contains(a.Content, "wp-image-") {
		t.Errorf("image block without the attachment ID:\n%s", a.Content)
	}

	t.Run("second run sends nothing", func(t *testing.T) {
		fake.reset()
		r := runWith(t, fake, dir, Options{})
		if r.Summary.Unchanged != 2 || len(fake.calls) != 0 {
			t.Errorf("summary %+v, calls %v", r.Summary, fake.calls)
		}
	})
	t.Run("a new time stamp alone uploads nothing", func(t *testing.T) {
		later := time.Now().Add(time.Hour)
		if err := os.Chtimes(filepath.Join(dir, "posts/img/owl.png"), later, later); err != nil {
			t.Fatal(err)
		}
		fake.reset()
		r := runWith(t, fake, dir, Options{})
		if r.Summary.Unchanged != 2 || len(fake.calls) != 0 {
			t.Errorf("summary %+v, calls %v", r.Summary, fake.calls)
		}
	})
	t.Run("a changed picture is uploaded anew and its posts updated", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/img/owl.png": png(3)})
		fake.reset()
		r := runWith(t, fake, dir, Options{})
		if r.Summary.Updated != 2 || fake.count("upload") != 1 {
			t.Fatalf("summary %+v, calls %v", r.Summary, fake.calls)
		}
		a := fake.post(t, itemFor(t, r, "posts/a.md").ID)
		if !strings.Contains(a.Content, "owl-1.png") {
			t.Errorf("a does not show the new upload:\n%s", a.Content)
		}
		fake.reset()
		if r := runWith(t, fake, dir, Options{}); r.Summary.Unchanged != 2 || len(fake.calls) != 0 {
			t.Errorf("run after: summary %+v, calls %v", r.Summary, fake.calls)
		}
	})
}

func TestContent_PathsConfinedToFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	writeFiles(t, root, map[string]string{"secret.png": png(9)})
	writeFiles(t, dir, map[string]string{
		"escape.md":    "![x](../secret.png)\n",
		"deep.md":      "![x](a/../../secret.png)\n",
		"abs.md":       "![x](/etc/passwd)\n",
		"missing.md":   "text\n\n![x](img/nope.png)\n",
		"link.md":      "![x](img/link.png)\n",
		"ok.md":        "![x](img/ok.png)\n",
		"img/ok.png":   png(1),
		"svg.md":       "![x](img/logo.svg)\n",
		"img/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	})
	if err := os.Symlink(filepath.Join(root, "secret.png"), filepath.Join(dir, "img/link.png")); err != nil {
		t.Fatal(err)
	}
	fake := newContentFake()
	r := runWith(t, fake, dir, Options{})
	want := map[string]string{
		"escape.md":  "escape.md:1: image ../secret.png leads outside the synced folder",
		"deep.md":    "deep.md:1: image a/../../secret.png leads outside the synced folder",
		"abs.md":     "abs.md:1: image /etc/passwd not found",
		"missing.md": "missing.md:3: image img/nope.png not found (no file img/nope.png",
		"link.md":    "link.md:1: image img/link.png is a symbolic link to a file outside the synced folder",
		"svg.md":     "svg.md:1: image img/logo.svg was refused by the site", // svg_test.go: what to do, and remembered
	}
	for p, msg := range want {
		it := itemFor(t, r, p)
		if it.Action != ActionError || !strings.Contains(it.Error, msg) {
			t.Errorf("%s: %s %q, want an error with %q", p, it.Action, it.Error, msg)
		}
	}
	if it := itemFor(t, r, "missing.md"); it.Line != 3 {
		t.Errorf("missing.md error line = %d, want 3", it.Line)
	}
	if it := itemFor(t, r, "ok.md"); it.Action != ActionCreate {
		t.Errorf("ok.md: %+v", it)
	}
	for _, c := range fake.calls {
		if strings.HasPrefix(c, "upload") && c != "upload ok.png" && c != "upload logo.svg" {
			t.Errorf("uploaded %s", c)
		}
	}
	for _, data := range fake.media {
		if string(data) == png(9) {
			t.Error("the file outside the folder was uploaded")
		}
	}
}

func TestContent_LinksBetweenNewFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"posts/a.md":     "---\ntitle: A\n---\nSee [B](b.md#part) and [about](../pages/about.md).\n",
		"posts/b.md":     "---\ntitle: B\n---\nBack to [A](./a.md). Gone: [x](nowhere.md).\n",
		"pages/about.md": "---\ntype: page\ntitle: About\n---\nAbout.\n",
	})
	fake := newContentFake()
	r := runWith(t, fake, dir, Options{})
	if r.Summary.Created != 3 || r.Summary.Updated != 0 || len(r.Items) != 3 {
		t.Fatalf("summary %+v (each file once, as created): %+v", r.Summary, r.Items)
	}
	a := fake.post(t, itemFor(t, r, "posts/a.md").ID)
	b := fake.post(t, itemFor(t, r, "posts/b.md").ID)
	if !strings.Contains(a.Content, `href="http://wp.test/b/#part"`) || !strings.Contains(a.Content, `href="http://wp.test/about/"`) {
		t.Errorf("a's links:\n%s", a.Content)
	}
	if !strings.Contains(b.Content, `href="http://wp.test/a/"`) {
		t.Errorf("b's link:\n%s", b.Content)
	}
	bi := itemFor(t, r, "posts/b.md")
	if !slices.ContainsFunc(bi.Warnings, func(w string) bool {
		return strings.Contains(w, "link to nowhere.md names no file") && strings.Contains(w, "line")
	}) {
		t.Errorf("b's warnings %q lack the missing link", bi.Warnings)
	}

	fake.reset()
	if r := runWith(t, fake, dir, Options{}); r.Summary.Unchanged != 3 || len(fake.calls) != 0 {
		t.Fatalf("second run: summary %+v, calls %v", r.Summary, fake.calls)
	}

	t.Run("a new slug updates the posts linking to it, in the same run", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/b.md": "---\ntitle: B\nslug: bee\n---\nBack to [A](./a.md). Gone: [x](nowhere.md).\n"})
		fake.reset()
		r := runWith(t, fake, dir, Options{})
		if r.Summary.Updated != 2 || r.Summary.Unchanged != 1 {
			t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
		}
		a := fake.post(t, itemFor(t, r, "posts/a.md").ID)
		if !strings.Contains(a.Content, "http://wp.test/bee/#part") {
			t.Errorf("a still links to the old address:\n%s", a.Content)
		}
		fake.reset()
		if r := runWith(t, fake, dir, Options{}); len(fake.calls) != 0 {
			t.Errorf("run after: summary %+v, calls %v", r.Summary, fake.calls)
		}
	})

	t.Run("a file that appears makes its link resolve", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts/nowhere.md": "Now here.\n"})
		fake.reset()
		r := runWith(t, fake, dir, Options{})
		if it := itemFor(t, r, "posts/b.md"); it.Action != ActionUpdate || len(it.Warnings) != 0 {
			t.Errorf("b: %+v", it)
		}
	})
}

func TestContent_PageTree(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"about.md":              "---\ntype: page\ntitle: About\nmenu_order: 2\n---\nAbout.\n",
		"about/team.md":         "---\ntype: page\ntitle: Team\n---\nTeam.\n",
		"about/team/people.md":  "---\ntype: page\n---\nPeople.\n",
		"docs/_index.md":        "---\ntitle: Docs\n---\nDocs home.\n",
		"docs/install/index.md": "---\ntype: page\nweight: 5\ntemplate: wide.php\n---\nInstall.\n",
		"legal.md":              "---\ntype: page\nparent: about.md\n---\nLegal.\n",
		"posts/news.md":         "A post in a folder.\n",
	})
	fake := newContentFake()
	r := runWith(t, fake, dir, Options{})
	if r.Summary.Created != 7 || r.Summary.Failed != 0 {
		t.Fatalf("summary %+v: %+v", r.Summary, r.Items)
	}
	id := func(p string) int { return itemFor(t, r, p).ID }
	parent := map[string]string{
		"about/team.md": "about.md", "about/team/people.md": "about/team.md",
		"docs/install/index.md": "docs/_index.md", "legal.md": "about.md",
	}
	for child, par := range parent {
		if got := fake.post(t, id(child)).Parent; got != id(par) {
			t.Errorf("%s: parent %d, want %d (%s)", child, got, id(par), par)
		}
	}
	if p := fake.post(t, id("docs/_index.md")); p.Type != "pages" || p.Parent != 0 {
		t.Errorf("docs/_index.md: %+v, want a top page", p)
	}
	if p := fake.post(t, id("docs/install/index.md")); p.MenuOrder != 5 || p.Template != "wide.php" {
		t.Errorf("install: menu_order %d template %q", p.MenuOrder, p.Template)
	}
	if p := fake.post(t, id("posts/news.md")); p.Parent != 0 || p.Type != "posts" {
		t.Errorf("a post got a parent: %+v", p)
	}
	// Parents are created before their children.
	order := func(slug string) int { return slices.Index(fake.calls, "create pages/"+slug) }
	if !(order("about") < order("team") && order("team") < order("people")) {
		t.Errorf("creates out of order: %v", fake.calls)
	}
	fake.reset()
	if r := runWith(t, fake, dir, Options{}); r.Summary.Unchanged != 7 || len(fake.calls) != 0 {
		t.Fatalf("second run: summary %+v, calls %v", r.Summary, fake.calls)
	}

	t.Run("a parent page added later adopts its children", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"posts.md": "---\ntype: page\n---\nAll posts.\n", "shop/cart.md": "---\ntype: page\n---\nCart.\n"})
		fake.reset()
		r := runWith(t, fake, dir, Options{})
		if r.Summary.Created != 2 || r.Summary.Failed != 0 {
			t.Fatalf("summary %+v", r.Summary)
		}
		writeFiles(t, dir, map[string]string{"shop.md": "---\ntype: page\n---\nShop.\n"})
		fake.reset()
		r = runWith(t, fake, dir, Options{})
		if it := itemFor(t, r, "shop/cart.md"); it.Action != ActionUpdate || fake.post(t, it.ID).Parent != itemFor(t, r, "shop.md").ID {
			t.Errorf("cart: %+v, parent %d", it, fake.post(t, it.ID).Parent)
		}
	})

	t.Run("parent by slug", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"careers.md": "---\ntype: page\nparent: about\n---\nJobs.\n", "bad.md": "---\ntype: page\nparent: nope\n---\nx\n"})
		fake.reset()
		r := runWith(t, fake, dir, Options{})
		if p := fake.post(t, itemFor(t, r, "careers.md").ID); p.Parent != id("about.md") {
			t.Errorf("careers parent %d, want %d", p.Parent, id("about.md"))
		}
		if it := itemFor(t, r, "bad.md"); it.Action != ActionError || !strings.Contains(it.Error, `parent "nope"`) {
			t.Errorf("bad.md: %+v", it)
		}
	})
}

func TestContent_TypesAuthorsCategories(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"book.md":     "---\ntype: book\nauthor: alice\nsticky: true\ncomment_status: closed\npassword: pw\npost_format: aside\n---\nA book.\n",
		"unknown.md":  "---\npost_type: recipe\n---\nNo such type.\n",
		"layout.md":   "---\ntitle: Section\ntype: section\n---\nHugo's type: names a layout.\n",
		"stranger.md": "---\nauthor: Bob Nobody\ncategories: [News/Local, News/World, Sports/Local]\n---\nx\n",
	})
	fake := newContentFake()
	r := runWith(t, fake, dir, Options{})
	b := itemFor(t, r, "book.md")
	if b.Action != ActionCreate {
		t.Fatalf("book: %+v", b)
	}
	p := fake.post(t, b.ID)
	if p.Type != "books" || p.Author != 7 || p.Sticky == nil || !*p.Sticky || p.CommentStatus != "closed" || p.Password != "pw" || p.Format != "aside" {
		t.Errorf("book = %+v", p)
	}
	if it := itemFor(t, r, "unknown.md"); it.Action != ActionError || !strings.Contains(it.Error, `no post type "recipe"`) {
		t.Errorf("unknown type: %+v", it)
	}
	if it := itemFor(t, r, "layout.md"); it.Action != ActionCreate || fake.post(t, it.ID).Type != "posts" ||
		len(it.Warnings) != 1 || !strings.Contains(it.Warnings[0], `line 3: type: "section" is not a post type of the site`) {
		t.Errorf("type: naming a layout: %+v", it)
	}
	s := itemFor(t, r, "stranger.md")
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], `author "Bob Nobody" is not a user`) {
		t.Errorf("stranger warnings: %q", s.Warnings)
	}
	cats := fake.terms["categories"]
	find := func(name string, parent int) int {
		for _, c := range cats {
			if c.Name == name && c.Parent == parent {
				return c.ID
			}
		}
		return 0
	}
	news, sports := find("News", 0), find("Sports", 0)
	local, world, sportsLocal := find("Local", news), find("World", news), find("Local", sports)
	if news == 0 || local == 0 || world == 0 || sportsLocal == 0 || len(cats) != 5 {
		t.Fatalf("categories %+v", cats)
	}
	if got := fake.post(t, s.ID).Categories; !sameSet(got, []int{local, world, sportsLocal}) {
		t.Errorf("categories of the post = %v, want %v", got, []int{local, world, sportsLocal})
	}
	fake.reset()
	// The file of the unknown type is tried again (the type may exist now).
	if r := runWith(t, fake, dir, Options{}); r.Summary.Unchanged != 3 || r.Summary.Failed != 1 || fake.writes() != 0 {
		t.Errorf("second run: summary %+v, calls %v", r.Summary, fake.calls)
	}
	if st, _ := state.Load(state.DefaultPath(dir)); st.Types["book"] != "books" {
		t.Errorf("state types = %v", st.Types)
	}
}

func TestContent_DryRunUploadsNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "![x](x.png)\n", "x.png": png(1)})
	fake := newContentFake()
	r := runWith(t, fake, dir, Options{DryRun: true})
	it := itemFor(t, r, "a.md")
	if it.Action != ActionCreate || len(it.Warnings) != 1 || !strings.Contains(it.Warnings[0], "would upload x.png") {
		t.Errorf("dry run item %+v", it)
	}
	if fake.count("upload") != 0 || fake.writes() != 0 {
		t.Errorf("dry run wrote: %v", fake.calls)
	}
}

// A picture uploaded by a run whose state was lost, or whose answer never
// came, is found by its content's slug and not uploaded again.
func TestContent_MediaFoundAgainWithoutState(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":        "![An owl](img/owl.png)\n",
		"img/owl.png": png(1),
	})
	fake := newContentFake()
	first := itemFor(t, runWith(t, fake, dir, Options{}), "a.md")
	if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
		t.Fatal(err)
	}
	fake.reset()
	r := runWith(t, fake, dir, Options{})
	if it := itemFor(t, r, "a.md"); it.ID != first.ID || it.Action != ActionUnchanged || fake.count("upload") != 0 {
		t.Fatalf("item %+v, calls %v: want the post and the picture found again, nothing uploaded", it, fake.calls)
	}
}
