package wpfake

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wpsync/wpsync/internal/wpslug"
)

// Post is a stored post, page, custom-type object or attachment's
// metadata (see Media), as WordPress keeps it. Dates are in WordPress's
// wire format, "2006-01-02T15:04:05", in UTC (the fake site's zone).
type Post struct {
	ID     int
	Type   string // REST base: posts, pages, or a custom type's
	Slug   string // stored form (wpslug.Sanitize), unique per type once published
	Status string // publish, future, draft, pending, private, trash
	// Title and Excerpt are stored as sent, or escaped as kses does for
	// users without unfiltered_html. Content is stored as sent.
	Title, Content, Excerpt string
	Date, DateGMT           string
	ModifiedGMT             string
	Author                  int
	Categories, Tags        []int
	Parent, MenuOrder       int
	Template                string
	FeaturedMedia           int
	Sticky                  bool
	CommentStatus           string
	PingStatus              string
	Format                  string
	Password                string
}

// Term is a category or tag.
type Term struct {
	ID       int
	Taxonomy string // REST base: categories, tags
	Name     string // stored form: HTML-escaped ("A &amp; B")
	Slug     string
	Parent   int
}

// Media is an uploaded file.
type Media struct {
	ID       int
	Slug     string
	File     string // path under /wp-content/uploads/: 2026/01/photo.png
	MIME     string
	AltText  string
	Caption  string // raw, as sent
	Author   int
	Size     int
	Title    string
	Uploaded string // date
}

// User is a user of the site.
type User struct {
	ID    int
	Login string // user_login, the name to sign in with
	Slug  string // user_nicename (author page address); from Login when empty
	Name  string // display name
	Email string
	Roles []string
	// Capabilities; when nil, those of Roles (administrator, editor,
	// author, contributor, subscriber).
	Capabilities map[string]bool
	// AppPassword is the user's application password ("" : none).
	AppPassword string
}

// roleCaps are the capabilities of WordPress's default roles that wpsync
// asks about.
var roleCaps = map[string][]string{
	"administrator": {"read", "manage_options", "edit_posts", "edit_others_posts", "edit_published_posts", "publish_posts", "delete_posts", "edit_pages", "edit_others_pages", "edit_published_pages", "publish_pages", "delete_pages", "upload_files", "manage_categories", "unfiltered_html", "list_users", "edit_theme_options", "edit_users"},
	"editor":        {"read", "edit_posts", "edit_others_posts", "edit_published_posts", "publish_posts", "delete_posts", "edit_pages", "edit_others_pages", "edit_published_pages", "publish_pages", "delete_pages", "upload_files", "manage_categories", "unfiltered_html"},
	"author":        {"read", "edit_posts", "edit_published_posts", "publish_posts", "delete_posts", "upload_files"},
	"contributor":   {"read", "edit_posts", "delete_posts"},
	"subscriber":    {"read"},
}

// RoleCapabilities returns the capabilities of a default role.
func RoleCapabilities(role string) map[string]bool {
	m := map[string]bool{}
	for _, c := range roleCaps[role] {
		m[c] = true
	}
	return m
}

func (u *User) can(capability string) bool {
	if u == nil {
		return false
	}
	if u.Capabilities != nil {
		return u.Capabilities[capability]
	}
	for _, r := range u.Roles {
		if slices.Contains(roleCaps[r], capability) {
			return true
		}
	}
	return false
}

func (u *User) caps() map[string]bool {
	if u.Capabilities != nil {
		return u.Capabilities
	}
	m := map[string]bool{}
	for _, r := range u.Roles {
		for _, c := range roleCaps[r] {
			m[c] = true
		}
	}
	return m
}

// AddUser adds a user and returns its ID.
func (s *Server) AddUser(u User) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	u.ID = s.claim(u.ID)
	if u.Slug == "" {
		u.Slug = wpslug.Sanitize(u.Login)
	}
	if u.Name == "" {
		u.Name = u.Login
	}
	s.users = append(s.users, &u)
	return u.ID
}

// EditUser changes a user (by ID) in place.
func (s *Server) EditUser(id int, edit func(*User)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.users {
		if u.ID == id {
			edit(u)
			return
		}
	}
	panic(fmt.Sprintf("wpfake: no user %d", id))
}

func (s *Server) userByID(id int) *User {
	for _, u := range s.users {
		if u.ID == id {
			return u
		}
	}
	return nil
}

// AddPost stores a post as if made in WordPress (by its editor) and returns
// its ID. Type defaults to posts, Status to publish, Author to 1, the
// dates to the fake clock; the slug is sanitized and made unique as
// WordPress does, from the title when empty.
func (s *Server) AddPost(p Post) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.Type == "" {
		p.Type = "posts"
	}
	if p.Status == "" {
		p.Status = "publish"
	}
	if p.Author == 0 {
		p.Author = 1
	}
	now := s.tick().Format(wireTime)
	if p.Date == "" {
		p.Date = now
	}
	if p.DateGMT == "" {
		p.DateGMT = p.Date
	}
	if p.ModifiedGMT == "" {
		p.ModifiedGMT = now
	}
	p.ID = s.claim(p.ID)
	slug := p.Slug
	if slug == "" && publishedStatus(p.Status) {
		slug = p.Title
	}
	p.Slug = s.uniqueSlug(p.Type, p.ID, wpslug.Sanitize(slug), p.Status)
	if p.Categories == nil && p.Type == "posts" {
		p.Categories = []int{1}
	}
	s.posts[p.ID] = &p
	return p.ID
}

// EditPost changes a stored post as a user in WordPress's editor would:
// edit runs on it, then its modified_gmt moves to the fake clock.
func (s *Server) EditPost(id int, edit func(*Post)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.posts[id]
	if !ok {
		panic(fmt.Sprintf("wpfake: no post %d", id))
	}
	edit(p)
	p.ModifiedGMT = s.tick().Format(wireTime)
}

// DeletePost removes a post for good, as emptying the trash does.
func (s *Server) DeletePost(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.posts, id)
}

// GetPost returns a copy of a stored post (trashed ones too).
func (s *Server) GetPost(id int) (Post, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.posts[id]
	if !ok {
		return Post{}, false
	}
	return clonePost(p), true
}

// PostBySlug returns the object of a type with that slug, not trashed.
func (s *Server) PostBySlug(typ, slug string) (Post, bool) {
	for _, p := range s.Posts(typ) {
		if p.Slug == slug && p.Status != "trash" {
			return p, true
		}
	}
	return Post{}, false
}

// Posts returns copies of the stored objects of a type (REST base), trashed
// ones included, by ID.
func (s *Server) Posts(typ string) []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Post
	for _, p := range s.sortedPosts() {
		if p.Type == typ {
			out = append(out, clonePost(p))
		}
	}
	return out
}

func clonePost(p *Post) Post {
	c := *p
	c.Categories = slices.Clone(p.Categories)
	c.Tags = slices.Clone(p.Tags)
	return c
}

func (s *Server) sortedPosts() []*Post {
	out := make([]*Post, 0, len(s.posts))
	for _, p := range s.posts {
		out = append(out, p)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// AddTerm stores a term and returns its ID. Name is stored escaped as
// WordPress does; the slug is made from it when empty.
func (s *Server) AddTerm(t Term) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addTerm(t).ID
}

func (s *Server) addTerm(t Term) *Term {
	t.ID = s.claim(t.ID)
	t.Name = escapeName(t.Name)
	if t.Slug == "" {
		t.Slug = html.UnescapeString(t.Name)
	}
	base := wpslug.Sanitize(t.Slug)
	t.Slug = base
	for n := 2; s.termSlugTaken(t.Taxonomy, t.Slug); n++ {
		t.Slug = fmt.Sprintf("%s-%d", base, n)
	}
	s.terms[t.Taxonomy] = append(s.terms[t.Taxonomy], &t)
	return &t
}

func (s *Server) termSlugTaken(tax, slug string) bool {
	for _, t := range s.terms[tax] {
		if t.Slug == slug {
			return true
		}
	}
	return false
}

// Terms returns copies of a taxonomy's terms, by ID.
func (s *Server) Terms(taxonomy string) []Term {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Term
	for _, t := range s.terms[taxonomy] {
		out = append(out, *t)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// AddMedia stores a file as if uploaded, and returns its ID. File is its
// name (the uploads path is made from it and the fake clock).
func (s *Server) AddMedia(m Media, data []byte) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addMedia(m, data).ID
}

func (s *Server) addMedia(m Media, data []byte) *Media {
	m.ID = s.claim(m.ID)
	if m.Author == 0 {
		m.Author = 1
	}
	now := s.tick()
	m.Uploaded = now.Format(wireTime)
	name := m.File
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	stem, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		stem, ext = name[:i], name[i:]
	}
	stem = sanitizeFileName(stem)
	dir := now.Format("2006/01/")
	file := dir + stem + ext
	for n := 1; s.files[file] != nil; n++ {
		file = fmt.Sprintf("%s%s-%d%s", dir, stem, n, ext)
	}
	m.File = file
	m.Size = len(data)
	if m.Title == "" {
		m.Title = stem
	}
	base := m.Slug
	if base == "" {
		base = stem
	}
	base = wpslug.Sanitize(base)
	m.Slug = base
	for n := 2; s.mediaSlugTaken(m.Slug); n++ {
		m.Slug = wpslug.Numbered(base, n)
	}
	s.files[file] = append([]byte{}, data...)
	if s.files[file] == nil {
		s.files[file] = []byte{}
	}
	s.media[m.ID] = &m
	return &m
}

func (s *Server) mediaSlugTaken(slug string) bool {
	for _, m := range s.media {
		if m.Slug == slug {
			return true
		}
	}
	return false
}

var (
	fileNameSpecial = strings.NewReplacer("?", "", "[", "", "]", "", "/", "", `\`, "", "=", "", "<", "", ">", "", ":", "", ";", "",
		",", "", "'", "", `"`, "", "&", "", "$", "", "#", "", "*", "", "(", "", ")", "", "|", "", "~", "", "`", "", "!", "",
		"{", "", "}", "", "%", "", "+", "", "’", "", "«", "", "»", "", "”", "", "“", "")
	fileNameSpaces = regexp.MustCompile(`[\s-]+`)
)

// sanitizeFileName is sanitize_file_name on a name without its extension:
// special characters dropped, spaces and runs of "-" made one "-".
// UTF-8 letters are kept.
func sanitizeFileName(s string) string {
	s = fileNameSpecial.Replace(s)
	s = fileNameSpaces.ReplaceAllString(s, "-")
	s = strings.Trim(s, ".-_")
	if s == "" {
		s = "file"
	}
	return s
}

// MediaItems returns copies of the stored media, by ID.
func (s *Server) MediaItems() []Media {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Media
	for _, m := range s.media {
		out = append(out, *m)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// File returns the bytes of an uploaded file by its path under uploads.
func (s *Server) File(path string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.files[path]
	return b, ok
}

// SourceURL is the address of an uploaded file.
func (s *Server) SourceURL(m Media) string { return s.URL + "/wp-content/uploads/" + m.File }

const wireTime = "2006-01-02T15:04:05"

func publishedStatus(st string) bool {
	return st == "publish" || st == "future" || st == "private"
}

// uniqueSlug is wp_unique_post_slug: drafts and pending posts keep theirs;
// others get -2, -3 … when another object of the type (not trashed) holds
// it. A trashed post holding it is renamed SLUG__trashed first.
func (s *Server) uniqueSlug(typ string, id int, slug, status string) string {
	if slug == "" {
		return ""
	}
	if status != "trash" {
		for _, p := range s.posts {
			if p.Type == typ && p.ID != id && p.Status == "trash" && p.Slug == slug {
				p.Slug = slug + "__trashed"
			}
		}
	}
	if status == "draft" || status == "pending" {
		return slug
	}
	taken := func(c string) bool {
		if reservedSlug(typ, c) {
			return true
		}
		for _, p := range s.posts {
			if p.Type == typ && p.ID != id && p.Slug == c {
				return true
			}
		}
		return false
	}
	out := slug
	for n := 2; taken(out); n++ {
		out = wpslug.Numbered(slug, n)
	}
	return out
}

// reservedSlug: the slugs wp_unique_post_slug never gives a post or page
// (feed names and "embed"; for pages also numbers, which would read as
// page numbers).
func reservedSlug(typ, slug string) bool {
	switch slug {
	case "feed", "rdf", "rss", "rss2", "atom", "embed":
		return true
	}
	if typ == "pages" {
		_, err := strconv.Atoi(slug)
		return err == nil
	}
	return false
}

// kses escapes as wp_filter_kses does to a title or excerpt of a user
// without unfiltered_html: "&" (not of an entity), "<", ">" and '"'.
func kses(s string) string {
	s = escapeName(s)
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

var entityRE = regexp.MustCompile(`^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// escapeName escapes "&" that does not start an entity, as WordPress stores
// term names (and kses titles): "A & B" → "A &amp; B", "A &amp; B" kept.
func escapeName(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' && !entityRE.MatchString(s[i:]) {
			b.WriteString("&amp;")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var scriptRE = regexp.MustCompile(`(?is)<(script|iframe)\b[^>]*>.*?</(script|iframe)\s*>`)

// ksesContent removes <script> and <iframe> elements (tags and text), the
// part of kses on content that wpsync's tests look at.
func ksesContent(s string) string { return scriptRE.ReplaceAllString(s, "") }

// parseWire reads a wire date.
func parseWire(s string) (time.Time, bool) {
	t, err := time.Parse(wireTime, strings.TrimSuffix(s, "Z"))
	return t, err == nil
}
