package wpfake

import (
	"encoding/json"
	"html"
	"mime"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
)

// --- terms -----------------------------------------------------------

func (s *Server) termByID(tax string, id int) *Term {
	for _, t := range s.terms[tax] {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func (s *Server) termJSON(t *Term) map[string]any {
	m := map[string]any{"id": t.ID, "name": t.Name, "slug": t.Slug, "taxonomy": map[string]string{"categories": "category", "tags": "post_tag"}[t.Taxonomy],
		"description": "", "count": 0, "link": s.URL + "/" + map[string]string{"categories": "category", "tags": "tag"}[t.Taxonomy] + "/" + t.Slug + "/", "meta": []any{}}
	if t.Taxonomy == "categories" {
		m["parent"] = t.Parent
	}
	return m
}

// terms serves /wp/v2/categories and /wp/v2/tags. Creating a category
// needs manage_categories; a tag, edit_posts (as an Author may).
func (s *Server) serveTerms(w http.ResponseWriter, me *User, method, tax string, id int, hasID bool, q url.Values, body []byte) *restError {
	switch {
	case !hasID && method == http.MethodGet:
		slugs := list(q, "slug")
		include := ids(q, "include")
		search := strings.ToLower(q.Get("search"))
		var items []map[string]any
		all := append([]*Term(nil), s.terms[tax]...)
		sort.SliceStable(all, func(a, b int) bool { return all[a].Name < all[b].Name })
		for _, t := range all {
			if len(slugs) > 0 && !contains(slugs, t.Slug) || len(include) > 0 && !containsInt(include, t.ID) ||
				search != "" && !strings.Contains(strings.ToLower(html.UnescapeString(t.Name)+" "+t.Slug), search) ||
				q.Has("parent") && strconv.Itoa(t.Parent) != q.Get("parent") {
				continue
			}
			items = append(items, s.termJSON(t))
		}
		return writePage(w, items, q, "rest_term_invalid_page_number")
	case !hasID && method == http.MethodPost:
		need := "manage_categories"
		if tax == "tags" {
			need = "edit_posts"
		}
		if !me.can(need) {
			return errorf(authRequired(me), "rest_cannot_create", "Sorry, you are not allowed to create terms in this taxonomy.")
		}
		b, e := params(q, body)
		if e != nil {
			return e
		}
		name, _ := str(b["name"])
		if strings.TrimSpace(name) == "" {
			return errorf(400, "rest_missing_callback_param", "Missing parameter(s): name")
		}
		parent := 0
		if tax == "categories" {
			parent, _ = num(b["parent"])
			if parent != 0 && s.termByID(tax, parent) == nil {
				return errorf(400, "rest_term_invalid", "Parent term does not exist.")
			}
		}
		stored := escapeName(strings.TrimSpace(name))
		for _, t := range s.terms[tax] {
			if strings.EqualFold(t.Name, stored) && t.Parent == parent {
				msg := "A term with the name provided already exists."
				if parent != 0 {
					msg = "A term with the name provided already exists with this parent."
				}
				return &restError{status: 400, code: "term_exists", message: msg, data: map[string]any{"term_id": t.ID}}
			}
		}
		slug, _ := str(b["slug"])
		t := s.addTerm(Term{Taxonomy: tax, Name: name, Slug: slug, Parent: parent})
		writeJSON(w, 201, s.termJSON(t))
		return nil
	case hasID && method == http.MethodGet:
		t := s.termByID(tax, id)
		if t == nil {
			return errorf(404, "rest_term_invalid", "Term does not exist.")
		}
		writeJSON(w, 200, filterFields(s.termJSON(t), q.Get("_fields")))
		return nil
	}
	return noRoute
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func containsInt(list []int, n int) bool {
	for _, e := range list {
		if e == n {
			return true
		}
	}
	return false
}

// --- media -----------------------------------------------------------

// allowedTypes are the extensions of the file types WordPress allows by
// default that tests use; SVG is not one of them.
var allowedTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
	".pdf": "application/pdf", ".mp4": "video/mp4", ".mp3": "audio/mpeg", ".txt": "text/plain", ".zip": "application/zip",
	".ico": "image/x-icon", ".avif": "image/avif",
}

func (s *Server) mediaJSON(m *Media) map[string]any {
	mt := m.MIME
	kind := strings.SplitN(mt, "/", 2)[0]
	if kind != "image" && kind != "video" && kind != "audio" {
		kind = "file"
	}
	return map[string]any{
		"id": m.ID, "slug": m.Slug, "status": "inherit", "type": "attachment", "date": m.Uploaded, "date_gmt": m.Uploaded,
		"title": map[string]any{"rendered": m.Title}, "author": m.Author, "alt_text": m.AltText,
		"media_type": kind, "mime_type": mt, "source_url": s.SourceURL(*m), "link": s.URL + "/" + m.Slug + "/",
	}
}

func (s *Server) listMedia(w http.ResponseWriter, q url.Values) *restError {
	slugs := list(q, "slug")
	include := ids(q, "include")
	all := make([]*Media, 0, len(s.media))
	for _, m := range s.media {
		all = append(all, m)
	}
	sort.Slice(all, func(a, b int) bool { return all[a].ID > all[b].ID }) // newest first, as by date
	var items []map[string]any
	for _, m := range all {
		if len(slugs) > 0 && !contains(slugs, m.Slug) || len(include) > 0 && !containsInt(include, m.ID) {
			continue
		}
		items = append(items, s.mediaJSON(m))
	}
	return writePage(w, items, q, "rest_post_invalid_page_number")
}

func (s *Server) mediaItem(w http.ResponseWriter, me *User, method string, id int, q url.Values) *restError {
	m, ok := s.media[id]
	if !ok {
		return errorf(404, "rest_post_invalid_id", "Invalid post ID.")
	}
	switch method {
	case http.MethodGet:
		writeJSON(w, 200, filterFields(s.mediaJSON(m), q.Get("_fields")))
		return nil
	case http.MethodDelete:
		if !me.can("delete_posts") {
			return errorf(authRequired(me), "rest_cannot_delete", "Sorry, you are not allowed to delete this post.")
		}
		if force, _ := strconv.ParseBool(q.Get("force")); !force {
			return errorf(501, "rest_trash_not_supported", "The post does not support trashing. Set 'force=true' to delete.")
		}
		prev := s.mediaJSON(m)
		delete(s.media, id)
		delete(s.files, m.File)
		writeJSON(w, 200, map[string]any{"deleted": true, "previous": prev})
		return nil
	}
	return noRoute
}

// upload is POST /wp/v2/media with the file as the body.
func (s *Server) upload(w http.ResponseWriter, me *User, q url.Values, h http.Header, body []byte) *restError {
	if !me.can("upload_files") {
		return errorf(authRequired(me), "rest_cannot_create", "Sorry, you are not allowed to upload media on this site.")
	}
	if len(body) == 0 {
		return errorf(400, "rest_upload_no_data", "No data supplied.")
	}
	cd := h.Get("Content-Disposition")
	if cd == "" {
		return errorf(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.")
	}
	name := dispositionFilename(cd)
	if name == "" {
		return errorf(400, "rest_upload_invalid_disposition", "Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename=\"image.png\"` or similar.")
	}
	ext := strings.ToLower(path.Ext(name))
	mt, ok := allowedTypes[ext]
	if !ok {
		return errorf(500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type.")
	}
	if ct, _, err := mime.ParseMediaType(h.Get("Content-Type")); err == nil && ct != "application/octet-stream" {
		mt = ct
	}
	m := s.addMedia(Media{File: name, MIME: mt, AltText: q.Get("alt_text"), Caption: q.Get("caption"), Slug: q.Get("slug"), Author: me.ID, Title: q.Get("title")}, body)
	writeJSON(w, 201, s.mediaJSON(m))
	return nil
}

// dispositionFilename reads filename= as WordPress does
// (get_filename_from_disposition): the header split on ";", quotes
// stripped; filename*= is not read.
func dispositionFilename(cd string) string {
	for _, part := range strings.Split(cd, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || strings.ToLower(strings.TrimSpace(k)) != "filename" {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"`)
		return path.Base(v)
	}
	return ""
}

// --- users -----------------------------------------------------------

func (s *Server) userJSON(u *User, ctx string) map[string]any {
	m := map[string]any{"id": u.ID, "name": html.EscapeString(u.Name), "slug": u.Slug, "link": s.URL + "/author/" + u.Slug + "/", "url": "", "description": ""}
	if ctx == "edit" {
		m["username"] = u.Login
		m["email"] = u.Email
		m["roles"] = nonNil(u.Roles)
		m["capabilities"] = u.caps()
		m["nickname"] = u.Login
	}
	return m
}

// hasPublished reports whether a user has published posts (view context
// lists only those users).
func (s *Server) hasPublished(u *User) bool {
	for _, p := range s.posts {
		if p.Author == u.ID && p.Status == "publish" {
			return true
		}
	}
	return false
}

// getUser is /wp/v2/users/ID in view context: anyone sees a user with
// published posts, users who may list users see every user.
func (s *Server) getUser(w http.ResponseWriter, me *User, id int, q url.Values) *restError {
	u := s.userByID(id)
	if u == nil {
		return errorf(404, "rest_user_invalid_id", "Invalid user ID.")
	}
	if !me.can("list_users") && !s.hasPublished(u) && (me == nil || me.ID != id) {
		return errorf(authRequired(me), "rest_user_cannot_view", "Sorry, you are not allowed to list users.")
	}
	writeJSON(w, 200, filterFields(s.userJSON(u, "view"), q.Get("_fields")))
	return nil
}

func (s *Server) listUsers(w http.ResponseWriter, me *User, q url.Values) *restError {
	ctx := q.Get("context")
	if ctx == "" {
		ctx = "view"
	}
	if ctx == "edit" && !me.can("list_users") {
		return errorf(authRequired(me), "rest_forbidden_context", "Sorry, you are not allowed to list users.")
	}
	search := strings.ToLower(q.Get("search"))
	var items []map[string]any
	for _, u := range s.users {
		if ctx != "edit" && !me.can("list_users") && !s.hasPublished(u) {
			continue
		}
		if search != "" {
			hay := strings.ToLower(strings.Join([]string{u.Login, u.Slug, u.Email, u.Name, html.EscapeString(u.Name)}, "\n"))
			if !strings.Contains(hay, search) {
				continue
			}
		}
		items = append(items, s.userJSON(u, ctx))
	}
	return writePage(w, items, q, "rest_user_invalid_page_number")
}

// --- block types -----------------------------------------------------

func (s *Server) blockTypes(w http.ResponseWriter, me *User, q url.Values) *restError {
	if !me.can("edit_posts") {
		return errorf(authRequired(me), "rest_block_type_cannot_view", "Sorry, you are not allowed to manage block types.")
	}
	var all []map[string]any
	if len(s.opts.BlockTypes) > 0 {
		if err := json.Unmarshal(s.opts.BlockTypes, &all); err != nil {
			return errorf(500, "fake_bad_block_types", "Options.BlockTypes: %v", err)
		}
	}
	ns := q.Get("namespace")
	out := []map[string]any{}
	for _, b := range all {
		name, _ := b["name"].(string)
		if ns != "" && !strings.HasPrefix(name, ns+"/") {
			continue
		}
		out = append(out, filterFields(b, q.Get("_fields")))
	}
	writeJSON(w, 200, out)
	return nil
}
