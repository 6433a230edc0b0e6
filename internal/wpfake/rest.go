package wpfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wpsync/wpsync/internal/wpslug"
)

// restError is WordPress's error answer: {code, message, data: {status}}.
type restError struct {
	status  int
	code    string
	message string
	data    map[string]any
}

func errorf(status int, code, format string, args ...any) *restError {
	return &restError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// authRequired is 401 for a visitor and 403 for a signed-in user, as
// rest_authorization_required_code().
func authRequired(me *User) int {
	if me == nil {
		return http.StatusUnauthorized
	}
	return http.StatusForbidden
}

func invalidParam(param, why string) *restError {
	return &restError{status: 400, code: "rest_invalid_param", message: "Invalid parameter(s): " + param,
		data: map[string]any{"params": map[string]string{param: why}}}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, e *restError) {
	data := map[string]any{"status": e.status}
	for k, v := range e.data {
		data[k] = v
	}
	writeJSON(w, e.status, map[string]any{"code": e.code, "message": e.message, "data": data})
}

var noRoute = errorf(404, "rest_no_route", "No route was found matching the URL and request method.")

// handle serves one request; s.mu is held. It returns the login the
// request ran as and the batch sub-requests it served, for the log.
func (s *Server) handle(w *answer, r *http.Request, route string, rest bool, body []byte) (string, []Request) {
	if s.opts.Staging {
		w.Header().Set("WWW-Authenticate", `Basic realm="staging"`)
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(HTMLPage("401 Unauthorized")))
		return "", nil
	}
	if !rest {
		s.serveSite(w, r, body)
		return "", nil
	}
	me, err := s.authenticate(r)
	if err != nil {
		writeError(w, err)
		return "", nil
	}
	login := ""
	if me != nil {
		login = me.Login
	}
	q := r.URL.Query()
	q.Del("rest_route")
	if r.Method == http.MethodPost && route == "/batch/v1" && !s.opts.NoBatch {
		return login, s.batch(w, me, body)
	}
	if e := s.rest(w, me, r.Method, route, q, r.Header, body); e != nil {
		writeError(w, e)
	}
	return login, nil
}

// authenticate finds the user of a request's Basic credentials: nil for a
// visitor, an error for credentials WordPress refuses.
func (s *Server) authenticate(r *http.Request) (*User, *restError) {
	if s.opts.StripAuth || s.opts.NoAppPasswords {
		return nil, nil
	}
	name, pass, ok := r.BasicAuth()
	if !ok {
		return nil, nil
	}
	var u *User
	for _, c := range s.users {
		if strings.EqualFold(c.Login, name) || (c.Email != "" && strings.EqualFold(c.Email, name)) {
			u = c
		}
	}
	switch {
	case u == nil && s.opts.BadAuthAsVisitor:
		return nil, nil
	case u == nil:
		return nil, errorf(401, "invalid_username", "Unknown username. Check again or try your email address.")
	case u.AppPassword == "" || strings.ReplaceAll(pass, " ", "") != strings.ReplaceAll(u.AppPassword, " ", ""):
		if s.opts.BadAuthAsVisitor {
			return nil, nil
		}
		return nil, errorf(401, "incorrect_password", "The provided password is an invalid application password.")
	}
	return u, nil
}

// appPasswordUUID names a fake user's one Application Password.
func appPasswordUUID(u *User) string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", u.ID)
}

// rest serves a REST route (also for batch sub-requests).
func (s *Server) rest(w http.ResponseWriter, me *User, method, route string, q url.Values, h http.Header, body []byte) *restError {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	if me != nil && method == http.MethodDelete && route == "/wp/v2/users/me/application-passwords/"+appPasswordUUID(me) {
		// Revoked: the password signs nothing in any more.
		me.AppPassword = ""
		writeJSON(w, 200, map[string]any{"deleted": true})
		return nil
	}
	switch route {
	case "/":
		if method != http.MethodGet {
			return noRoute
		}
		s.index(w, q)
		return nil
	case "/batch/v1":
		if s.opts.NoBatch || method != http.MethodOptions {
			return noRoute
		}
		writeJSON(w, 200, s.batchDescription())
		return nil
	case "/wp/v2/users/me":
		if method != http.MethodGet {
			return noRoute
		}
		if me == nil {
			return errorf(401, "rest_not_logged_in", "You are not currently logged in.")
		}
		writeJSON(w, 200, filterFields(s.userJSON(me, "edit"), q.Get("_fields")))
		return nil
	case "/wp/v2/users/me/application-passwords/introspect":
		// The password the request signed in with; each fake user has one.
		if method != http.MethodGet {
			return noRoute
		}
		if me == nil {
			return errorf(401, "rest_not_logged_in", "You are not currently logged in.")
		}
		writeJSON(w, 200, map[string]any{"uuid": appPasswordUUID(me), "app_id": "", "name": "fake"})
		return nil
	case "/wp/v2/settings":
		if method != http.MethodGet {
			return noRoute
		}
		if !me.can("manage_options") {
			return errorf(authRequired(me), "rest_forbidden", "Sorry, you are not allowed to do that.")
		}
		writeJSON(w, 200, filterFields(map[string]any{"title": "Fake", "default_category": 1, "default_post_format": "0"}, q.Get("_fields")))
		return nil
	case "/wp/v2/users":
		if method != http.MethodGet {
			return noRoute
		}
		return s.listUsers(w, me, q)
	case "/wp/v2/types":
		if method != http.MethodGet {
			return noRoute
		}
		out := map[string]any{}
		for _, t := range s.types {
			out[t.Slug] = map[string]any{"slug": t.Slug, "name": t.Slug, "rest_base": t.RESTBase, "hierarchical": t.Hierarchical, "taxonomies": nonNil(t.Taxonomies)}
		}
		writeJSON(w, 200, out)
		return nil
	case "/wp/v2/block-types":
		if method != http.MethodGet {
			return noRoute
		}
		return s.blockTypes(w, me, q)
	case "/wp/v2/templates":
		if method != http.MethodGet {
			return noRoute
		}
		if !me.can("edit_theme_options") {
			return errorf(authRequired(me), "rest_cannot_manage_templates", "Sorry, you are not allowed to access the templates on this site.")
		}
		out := []any{}
		for _, t := range s.opts.Templates {
			out = append(out, map[string]any{"slug": t.Slug, "is_custom": t.IsCustom, "type": "wp_template"})
		}
		writeJSON(w, 200, out)
		return nil
	case "/wp/v2/media":
		switch method {
		case http.MethodGet:
			return s.listMedia(w, q)
		case http.MethodPost:
			return s.upload(w, me, q, h, body)
		}
		return noRoute
	}
	rest, ok := strings.CutPrefix(route, "/wp/v2/")
	if !ok {
		return noRoute
	}
	base, idText, hasID := strings.Cut(rest, "/")
	id := 0
	if hasID {
		n, err := strconv.Atoi(idText)
		if err != nil || n <= 0 {
			return noRoute
		}
		id = n
	}
	if method == http.MethodOptions {
		writeJSON(w, 200, map[string]any{"namespace": "wp/v2", "methods": []string{"GET", "POST"}, "endpoints": []any{}})
		return nil
	}
	if base == "categories" || base == "tags" {
		return s.serveTerms(w, me, method, base, id, hasID, q, body)
	}
	if base == "media" && hasID {
		return s.mediaItem(w, me, method, id, q)
	}
	if base == "users" && hasID && method == http.MethodGet {
		return s.getUser(w, me, id, q)
	}
	typ, ok := s.typeByBase(base)
	if !ok || base == "media" {
		return noRoute
	}
	if !hasID {
		switch method {
		case http.MethodGet:
			return s.listPosts(w, me, typ, q)
		case http.MethodPost:
			return s.createPost(w, me, typ, q, body)
		}
		return noRoute
	}
	switch method {
	case http.MethodGet:
		return s.getPost(w, me, typ, id, q)
	case http.MethodPost, http.MethodPut, http.MethodPatch:
		return s.updatePost(w, me, typ, id, q, body)
	case http.MethodDelete:
		return s.deletePost(w, me, typ, id, q)
	}
	return noRoute
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *Server) typeByBase(base string) (Type, bool) {
	for _, t := range s.types {
		if t.RESTBase == base {
			return t, true
		}
	}
	return Type{}, false
}

// index is the REST API index.
func (s *Server) index(w http.ResponseWriter, q url.Values) {
	auth := any([]any{}) // PHP's empty array
	if !s.opts.NoAppPasswords {
		auth = map[string]any{"application-passwords": map[string]any{"endpoints": map[string]any{"authorization": s.URL + "/wp-admin/authorize-application.php"}}}
	}
	ns := []string{"oembed/1.0", "wp/v2", "wp-site-health/v1", "wp-block-editor/v1"}
	routes := map[string]any{}
	if !s.opts.NoBatch {
		ns = append(ns, "batch/v1")
		routes["/batch/v1"] = s.batchDescription()
	}
	wpURL := s.URL
	if s.opts.IndexURL != "" {
		wpURL = s.opts.IndexURL
	}
	idx := map[string]any{
		"name": "Fake WordPress", "description": "Just another WordPress site", "url": wpURL, "home": s.URL,
		"gmt_offset": "0", "timezone_string": "", "namespaces": ns, "authentication": auth, "routes": routes,
	}
	writeJSON(w, 200, filterFields(idx, q.Get("_fields")))
}

func (s *Server) batchDescription() map[string]any {
	return map[string]any{
		"namespace": "batch/v1", "methods": []string{"POST"},
		"endpoints": []any{map[string]any{"methods": []string{"POST"}, "args": map[string]any{
			"validation": map[string]any{"type": "string", "enum": []string{"require-all-validate", "normal"}, "default": "normal"},
			"requests":   map[string]any{"type": "array", "maxItems": s.batchSz, "required": true},
		}}},
	}
}

// filterFields keeps the fields named in a _fields list (dotted names
// reach into objects), as rest_filter_response_fields does.
func filterFields(obj map[string]any, fields string) map[string]any {
	if fields == "" {
		return obj
	}
	out := map[string]any{}
	for _, f := range strings.Split(fields, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		copyPath(out, obj, strings.Split(f, "."))
	}
	return out
}

func copyPath(dst, src map[string]any, path []string) {
	v, ok := src[path[0]]
	if !ok {
		return
	}
	if len(path) == 1 {
		dst[path[0]] = v
		return
	}
	sub, ok := v.(map[string]any)
	if !ok {
		// PHP's empty object is an empty array, which WordPress keeps
		// when a field names a key inside it ("typography":[]).
		if a, isArray := v.([]any); isArray && len(a) == 0 {
			dst[path[0]] = v
		}
		return
	}
	d, ok := dst[path[0]].(map[string]any)
	if !ok {
		d = map[string]any{}
		dst[path[0]] = d
	}
	copyPath(d, sub, path[1:])
}

// paging reads per_page and page.
func paging(q url.Values) (per, page int, err *restError) {
	per, page = 10, 1
	if v := q.Get("per_page"); v != "" {
		n, e := strconv.Atoi(v)
		if e != nil || n < 1 || n > 100 {
			return 0, 0, invalidParam("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)")
		}
		per = n
	}
	if v := q.Get("page"); v != "" {
		n, e := strconv.Atoi(v)
		if e != nil || n < 1 {
			return 0, 0, invalidParam("page", "page must be greater than or equal to 1")
		}
		page = n
	}
	return per, page, nil
}

// writePage answers one page of items with X-WP-Total and X-WP-TotalPages.
func writePage(w http.ResponseWriter, items []map[string]any, q url.Values, invalidPage string) *restError {
	per, page, err := paging(q)
	if err != nil {
		return err
	}
	total := len(items)
	pages := (total + per - 1) / per
	if total > 0 && page > pages {
		return errorf(400, invalidPage, "The page number requested is larger than the number of pages available.")
	}
	lo, hi := min((page-1)*per, total), min(page*per, total)
	w.Header().Set("X-WP-Total", strconv.Itoa(total))
	w.Header().Set("X-WP-TotalPages", strconv.Itoa(pages))
	out := make([]map[string]any, 0, hi-lo)
	for _, it := range items[lo:hi] {
		out = append(out, filterFields(it, q.Get("_fields")))
	}
	writeJSON(w, 200, out)
	return nil
}

// list splits a comma-separated (or repeated) parameter.
func list(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func ids(q url.Values, key string) []int {
	var out []int
	for _, v := range list(q, key) {
		if n, err := strconv.Atoi(v); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// --- posts -----------------------------------------------------------

// editCap is the capability to edit objects of a type ("edit_posts",
// "edit_pages"); custom types use the posts' ones.
func editCap(typ Type, verb string) string {
	if typ.RESTBase == "pages" {
		return verb + "_pages"
	}
	return verb + "_posts"
}

// mayEdit reports whether me may edit p.
func (s *Server) mayEdit(me *User, typ Type, p *Post) bool {
	if me == nil || !me.can(editCap(typ, "edit")) {
		return false
	}
	if p.Author != me.ID && !me.can(editCap(typ, "edit_others")) {
		return false
	}
	if (p.Status == "publish" || p.Status == "future") && !me.can(editCap(typ, "edit_published")) && !me.can(editCap(typ, "edit_others")) {
		return false
	}
	return true
}

// mayRead reports whether me may see p in view context.
func (s *Server) mayRead(me *User, typ Type, p *Post) bool {
	if p.Status == "publish" {
		return true
	}
	return s.mayEdit(me, typ, p)
}

var allStatuses = []string{"publish", "future", "draft", "pending", "private"}

func (s *Server) listPosts(w http.ResponseWriter, me *User, typ Type, q url.Values) *restError {
	ctx := q.Get("context")
	if ctx == "" {
		ctx = "view"
	}
	if ctx == "edit" && !me.can(editCap(typ, "edit")) {
		return errorf(authRequired(me), "rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.")
	}
	statuses := list(q, "status")
	if len(statuses) == 0 {
		statuses = []string{"publish"}
	}
	var want []string
	for _, st := range statuses {
		switch {
		case st == "any":
			want = append(want, allStatuses...)
		case slices.Contains(allStatuses, st) || st == "trash":
			want = append(want, st)
		default:
			return invalidParam("status", "status["+strconv.Itoa(len(want))+"] is not one of publish, future, draft, pending, private, trash, and any.")
		}
		if st != "publish" && !me.can(editCap(typ, "edit")) {
			return invalidParam("status", "Status is forbidden.")
		}
	}
	slugs := list(q, "slug")
	include := ids(q, "include")
	authors := ids(q, "author")
	search := strings.ToLower(q.Get("search"))
	var found []*Post
	for _, p := range s.sortedPosts() {
		switch {
		case p.Type != typ.RESTBase, !slices.Contains(want, p.Status),
			len(slugs) > 0 && !slices.Contains(slugs, p.Slug),
			len(include) > 0 && !slices.Contains(include, p.ID),
			len(authors) > 0 && !slices.Contains(authors, p.Author),
			search != "" && !strings.Contains(strings.ToLower(p.Title+" "+p.Content), search):
			continue
		case ctx == "edit" && !s.mayEdit(me, typ, p), ctx != "edit" && !s.mayRead(me, typ, p):
			continue
		}
		found = append(found, p)
	}
	desc := q.Get("order") != "asc"
	switch q.Get("orderby") {
	case "id":
		sort.SliceStable(found, func(a, b int) bool { return (found[a].ID < found[b].ID) != desc })
	default:
		sort.SliceStable(found, func(a, b int) bool {
			if found[a].Date == found[b].Date {
				return (found[a].ID < found[b].ID) != desc
			}
			return (found[a].Date < found[b].Date) != desc
		})
	}
	items := make([]map[string]any, len(found))
	for i, p := range found {
		items[i] = s.postJSON(p, typ, ctx)
	}
	return writePage(w, items, q, "rest_post_invalid_page_number")
}

// link is a post's address: pretty (/slug/, a page's ancestors first)
// once published, ?p=ID before, or with plain permalinks.
func (s *Server) link(p *Post, typ Type) string {
	if s.opts.Plain || p.Slug == "" || !publishedStatus(p.Status) {
		switch typ.RESTBase {
		case "posts":
			return fmt.Sprintf("%s/?p=%d", s.URL, p.ID)
		case "pages":
			return fmt.Sprintf("%s/?page_id=%d", s.URL, p.ID)
		}
		return fmt.Sprintf("%s/?post_type=%s&p=%d", s.URL, typ.Slug, p.ID)
	}
	path := p.Slug + "/"
	if typ.Hierarchical {
		seen := map[int]bool{p.ID: true}
		for parent := s.posts[p.Parent]; parent != nil && !seen[parent.ID]; parent = s.posts[parent.Parent] {
			seen[parent.ID] = true
			path = parent.Slug + "/" + path
		}
	}
	if typ.RESTBase != "posts" && typ.RESTBase != "pages" {
		path = typ.Slug + "/" + path
	}
	return s.URL + "/" + path
}

func hasTax(typ Type, tax string) bool { return slices.Contains(typ.Taxonomies, tax) }

// postJSON is a post as the REST API sends it, in a context.
func (s *Server) postJSON(p *Post, typ Type, ctx string) map[string]any {
	text := func(raw string, protected bool) map[string]any {
		m := map[string]any{"rendered": raw}
		if protected {
			m["protected"] = p.Password != ""
		}
		if ctx == "edit" {
			m["raw"] = raw
		}
		return m
	}
	m := map[string]any{
		"id": p.ID, "date": p.Date, "date_gmt": p.DateGMT, "modified": p.ModifiedGMT, "modified_gmt": p.ModifiedGMT,
		"slug": p.Slug, "status": p.Status, "type": typ.Slug, "link": s.link(p, typ),
		"title": text(p.Title, false), "content": text(p.Content, true), "excerpt": text(p.Excerpt, true),
		"author": p.Author, "featured_media": p.FeaturedMedia, "comment_status": p.CommentStatus, "ping_status": p.PingStatus,
		"template": p.Template, "meta": []any{},
	}
	if typ.RESTBase == "posts" {
		m["sticky"], m["format"] = p.Sticky, p.Format
		if m["format"] == "" {
			m["format"] = "standard"
		}
	}
	if typ.Hierarchical {
		m["parent"], m["menu_order"] = p.Parent, p.MenuOrder
	}
	if hasTax(typ, "category") {
		m["categories"] = nonNilInts(p.Categories)
	}
	if hasTax(typ, "post_tag") {
		m["tags"] = nonNilInts(p.Tags)
	}
	if ctx == "edit" {
		m["password"] = p.Password
		gen := p.Slug
		if gen == "" {
			gen = wpslug.Sanitize(p.Title)
			if gen == "" {
				gen = strconv.Itoa(p.ID)
			}
		}
		m["generated_slug"] = gen
	}
	return m
}

func nonNilInts(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

func (s *Server) getPost(w http.ResponseWriter, me *User, typ Type, id int, q url.Values) *restError {
	p, ok := s.posts[id]
	if !ok || p.Type != typ.RESTBase {
		return errorf(404, "rest_post_invalid_id", "Invalid post ID.")
	}
	ctx := q.Get("context")
	if ctx == "" {
		ctx = "view"
	}
	if ctx == "edit" && !s.mayEdit(me, typ, p) {
		return errorf(authRequired(me), "rest_forbidden_context", "Sorry, you are not allowed to edit this post.")
	}
	if !s.mayRead(me, typ, p) {
		return errorf(authRequired(me), "rest_forbidden", "Sorry, you are not allowed to do that.")
	}
	writeJSON(w, 200, filterFields(s.postJSON(p, typ, ctx), q.Get("_fields")))
	return nil
}

// params merges a JSON body over the query, as WP_REST_Request does.
func params(q url.Values, body []byte) (map[string]any, *restError) {
	m := map[string]any{}
	for k := range q {
		m[k] = q.Get(k)
	}
	if len(body) > 0 {
		var b map[string]any
		if err := json.Unmarshal(body, &b); err != nil {
			return nil, errorf(400, "rest_invalid_json", "Invalid JSON body passed.")
		}
		for k, v := range b {
			m[k] = v
		}
	}
	return m, nil
}

func (s *Server) createPost(w http.ResponseWriter, me *User, typ Type, q url.Values, body []byte) *restError {
	if !me.can(editCap(typ, "edit")) {
		return errorf(authRequired(me), "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.")
	}
	b, e := params(q, body)
	if e != nil {
		return e
	}
	now := s.now.Add(time.Second).Format(wireTime)
	p := &Post{Type: typ.RESTBase, Status: "draft", Author: me.ID, Date: now, DateGMT: now, CommentStatus: "open", PingStatus: "open"}
	if e := s.applyPost(p, b, me, typ, true); e != nil {
		return e
	}
	p.ID = s.claim(0)
	p.ModifiedGMT = s.tick().Format(wireTime)
	s.posts[p.ID] = p
	w.Header().Set("Location", s.URL+"/wp-json/wp/v2/"+typ.RESTBase+"/"+strconv.Itoa(p.ID))
	writeJSON(w, 201, s.postJSON(p, typ, "edit"))
	return nil
}

func (s *Server) updatePost(w http.ResponseWriter, me *User, typ Type, id int, q url.Values, body []byte) *restError {
	old, ok := s.posts[id]
	if !ok || old.Type != typ.RESTBase {
		return errorf(404, "rest_post_invalid_id", "Invalid post ID.")
	}
	if !s.mayEdit(me, typ, old) {
		return errorf(authRequired(me), "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
	}
	b, e := params(q, body)
	if e != nil {
		return e
	}
	delete(b, "id")
	p := clonePost(old)
	if e := s.applyPost(&p, b, me, typ, false); e != nil {
		return e
	}
	p.ModifiedGMT = s.tick().Format(wireTime)
	s.posts[id] = &p
	writeJSON(w, 200, s.postJSON(&p, typ, "edit"))
	return nil
}

func (s *Server) deletePost(w http.ResponseWriter, me *User, typ Type, id int, q url.Values) *restError {
	p, ok := s.posts[id]
	if !ok || p.Type != typ.RESTBase {
		return errorf(404, "rest_post_invalid_id", "Invalid post ID.")
	}
	if !s.mayEdit(me, typ, p) {
		return errorf(authRequired(me), "rest_cannot_delete", "Sorry, you are not allowed to delete this post.")
	}
	if force, _ := strconv.ParseBool(q.Get("force")); force {
		prev := s.postJSON(p, typ, "edit")
		delete(s.posts, id)
		writeJSON(w, 200, map[string]any{"deleted": true, "previous": prev})
		return nil
	}
	if p.Status == "trash" {
		return errorf(410, "rest_already_trashed", "The post has already been deleted.")
	}
	p.Status = "trash"
	p.ModifiedGMT = s.tick().Format(wireTime)
	writeJSON(w, 200, s.postJSON(p, typ, "edit"))
	return nil
}

// str reads a string field, or the raw of {"raw": ...}.
func str(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case map[string]any:
		r, ok := x["raw"].(string)
		return r, ok
	case nil:
		return "", true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

func num(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), x == float64(int(x))
	case string:
		n, err := strconv.Atoi(x)
		return n, err == nil
	case nil:
		return 0, true
	}
	return 0, false
}

func numList(v any) ([]int, bool) {
	switch x := v.(type) {
	case []any:
		out := []int{}
		for _, e := range x {
			n, ok := num(e)
			if !ok {
				return nil, false
			}
			out = append(out, n)
		}
		return out, true
	case string:
		out := []int{}
		for _, p := range strings.Split(x, ",") {
			if p == "" {
				continue
			}
			n, err := strconv.Atoi(p)
			if err != nil {
				return nil, false
			}
			out = append(out, n)
		}
		return out, true
	case nil:
		return []int{}, true
	}
	return nil, false
}

// applyPost sets the fields sent in b on p, with WordPress's checks and
// rules; p is not stored yet.
func (s *Server) applyPost(p *Post, b map[string]any, me *User, typ Type, creating bool) *restError {
	strField := func(key string, dst *string) *restError {
		v, ok := b[key]
		if !ok {
			return nil
		}
		sv, ok := str(v)
		if !ok {
			return invalidParam(key, key+" is not of type string.")
		}
		*dst = sv
		return nil
	}
	intField := func(key string, dst *int) *restError {
		v, ok := b[key]
		if !ok {
			return nil
		}
		n, ok := num(v)
		if !ok {
			return invalidParam(key, key+" is not of type integer.")
		}
		*dst = n
		return nil
	}
	for key, dst := range map[string]*string{"title": &p.Title, "content": &p.Content, "excerpt": &p.Excerpt, "password": &p.Password, "template": &p.Template} {
		if e := strField(key, dst); e != nil {
			return e
		}
	}
	for _, key := range []string{"comment_status", "ping_status"} {
		dst := &p.CommentStatus
		if key == "ping_status" {
			dst = &p.PingStatus
		}
		if e := strField(key, dst); e != nil {
			return e
		}
		if *dst != "open" && *dst != "closed" {
			return invalidParam(key, key+" is not one of open and closed.")
		}
	}
	if typ.RESTBase == "posts" {
		if e := strField("format", &p.Format); e != nil {
			return e
		}
		if v, ok := b["sticky"]; ok {
			bv, isBool := v.(bool)
			if !isBool {
				return invalidParam("sticky", "sticky is not of type boolean.")
			}
			p.Sticky = bv
		}
	}
	if typ.Hierarchical {
		if e := intField("parent", &p.Parent); e != nil {
			return e
		}
		if p.Parent != 0 {
			if parent, ok := s.posts[p.Parent]; !ok || parent.Type != typ.RESTBase {
				return errorf(400, "rest_post_invalid_id", "Invalid post parent ID.")
			}
		}
		if e := intField("menu_order", &p.MenuOrder); e != nil {
			return e
		}
	}
	if e := intField("featured_media", &p.FeaturedMedia); e != nil {
		return e
	}
	if _, ok := b["author"]; ok {
		var author int
		if e := intField("author", &author); e != nil {
			return e
		}
		if s.userByID(author) == nil {
			return errorf(400, "rest_invalid_author", "Invalid author ID.")
		}
		if author != me.ID && !me.can(editCap(typ, "edit_others")) {
			return errorf(403, "rest_cannot_edit_others", "Sorry, you are not allowed to update posts as this user.")
		}
		p.Author = author
	}
	for key, dst := range map[string]*[]int{"categories": &p.Categories, "tags": &p.Tags} {
		v, ok := b[key]
		if !ok {
			continue
		}
		tax := map[string]string{"categories": "category", "tags": "post_tag"}[key]
		if !hasTax(typ, tax) {
			continue
		}
		list, ok := numList(v)
		if !ok {
			return invalidParam(key, key+" is not of type array.")
		}
		// Unknown IDs are dropped silently.
		kept := []int{}
		for _, id := range list {
			if s.termByID(key, id) != nil && !slices.Contains(kept, id) {
				kept = append(kept, id)
			}
		}
		*dst = kept
	}
	if p.Template != "" {
		ok := false
		for _, t := range s.opts.Templates {
			ok = ok || (t.IsCustom && t.Slug == p.Template)
		}
		ok = ok || slices.Contains(s.opts.PageTemplates, p.Template)
		if !ok {
			return invalidParam("template", "template is not one of the site's templates.")
		}
	}
	if !me.can("unfiltered_html") {
		p.Title, p.Excerpt, p.Content = kses(p.Title), kses(p.Excerpt), ksesContent(p.Content)
	}
	if f := s.opts.SaveFilter; f != nil {
		if _, ok := b["content"]; ok {
			p.Content = f("content", p.Content)
		}
		if _, ok := b["excerpt"]; ok {
			p.Excerpt = f("excerpt", p.Excerpt)
		}
	}

	// Dates: date (site-local, here UTC) wins over date_gmt.
	if v, ok := b["date"]; ok && v != nil {
		d, _ := str(v)
		t, ok := parseWire(d)
		if !ok {
			return invalidParam("date", "Invalid date.")
		}
		p.Date = t.Format(wireTime)
		p.DateGMT = p.Date
	} else if v, ok := b["date_gmt"]; ok && v != nil {
		d, _ := str(v)
		t, ok := parseWire(d)
		if !ok {
			return invalidParam("date_gmt", "Invalid date.")
		}
		p.DateGMT = t.Format(wireTime)
		p.Date = p.DateGMT
	}

	// Status, and the capability to publish.
	if v, ok := b["status"]; ok {
		st, _ := str(v)
		if !slices.Contains(allStatuses, st) {
			return invalidParam("status", "status is not one of publish, future, draft, pending, private.")
		}
		p.Status = st
	}
	if publishedStatus(p.Status) && !me.can(editCap(typ, "publish")) {
		return errorf(403, "rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type.")
	}
	if t, ok := parseWire(p.DateGMT); ok {
		ahead := t.Sub(s.now)
		switch {
		case p.Status == "publish" && ahead >= time.Minute:
			p.Status = "future"
		case p.Status == "future" && ahead < time.Minute:
			p.Status = "publish"
		}
	}

	// The slug: sent, else made from the title once published.
	slug := p.Slug
	if v, ok := b["slug"]; ok {
		slug, _ = str(v)
		slug = wpslug.Sanitize(slug)
	}
	if slug == "" && publishedStatus(p.Status) {
		slug = wpslug.Sanitize(p.Title)
		if slug == "" && !creating {
			slug = strconv.Itoa(p.ID)
		}
	}
	p.Slug = s.uniqueSlug(p.Type, p.ID, slug, p.Status)
	if _, sent := b["categories"]; creating && !sent && hasTax(typ, "category") && len(p.Categories) == 0 {
		// wp_insert_post files a new post without categories under the
		// default one; the REST API then sets what was sent, so an empty
		// list leaves it in none, and an update never adds the default.
		p.Categories = []int{1} // the default category
	}
	return nil
}
