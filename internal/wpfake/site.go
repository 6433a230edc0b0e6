package wpfake

import (
	"fmt"
	"html"
	"net/http"
	"strings"
)

// serveSite answers what is not the REST API: the front page (with the
// Link header), author pages, xmlrpc.php and uploaded files; anything else
// is the theme's 404 page. s.mu is held.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request, body []byte) {
	switch p := r.URL.Path; {
	case p == "/xmlrpc.php" && r.Method == http.MethodPost:
		s.xmlrpc(w, body)
	case strings.HasPrefix(p, "/wp-content/uploads/") && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		data, ok := s.files[strings.TrimPrefix(p, "/wp-content/uploads/")]
		if !ok {
			notFoundPage(w)
			return
		}
		for _, m := range s.media {
			if "/wp-content/uploads/"+m.File == p {
				w.Header().Set("Content-Type", m.MIME)
			}
		}
		w.WriteHeader(200)
		_, _ = w.Write(data)
	case (p == "/" || p == "/index.php") && r.URL.Query().Has("author_name"):
		name := r.URL.Query().Get("author_name")
		for _, u := range s.users {
			if u.Slug == name {
				w.Header().Set("Content-Type", "text/html; charset=UTF-8")
				fmt.Fprintf(w, "<html><head><title>%s</title></head><body>author</body></html>", html.EscapeString(u.Name))
				return
			}
		}
		notFoundPage(w)
	case p == "/" || p == "/index.php":
		if !s.opts.NoLink {
			root := s.URL + "/wp-json/"
			if s.opts.Plain {
				root = s.URL + "/?rest_route=/"
			}
			if s.opts.Link != "" {
				root = s.opts.Link
			}
			w.Header().Set("Link", "<"+root+`>; rel="https://api.w.org/"`)
		}
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Fake WordPress</title></head><body>front page</body></html>")
	default:
		notFoundPage(w)
	}
}

// SetLink changes the REST root the front page announces (Options.Link),
// for a root that names the site's own address: an http:// root on the
// port of a site with Options.TLS, as behind a TLS proxy.
func (s *Server) SetLink(root string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.Link = root
}

func notFoundPage(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Page not found – Fake WordPress</title></head><body>Nothing here</body></html>")
}

// xmlrpc answers wp.getUsersBlogs(user, password), which checks the
// credentials from the body (a lost Authorization header does not matter)
// and accepts an application password.
func (s *Server) xmlrpc(w http.ResponseWriter, body []byte) {
	fault := func(code int, msg string) {
		w.Header().Set("Content-Type", "text/xml; charset=UTF-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<methodResponse>
  <fault>
    <value>
      <struct>
        <member>
          <name>faultCode</name>
          <value><int>%d</int></value>
        </member>
        <member>
          <name>faultString</name>
          <value><string>%s</string></value>
        </member>
      </struct>
    </value>
  </fault>
</methodResponse>
`, code, msg)
	}
	switch s.opts.XMLRPC {
	case "off":
		fault(405, "XML-RPC services are disabled on this site.")
		return
	case "broken":
		fault(-32700, "parse error. not well formed")
		return
	case "404":
		notFoundPage(w)
		return
	}
	args := xmlString.FindAllStringSubmatch(string(body), -1)
	if len(args) == 2 && !s.opts.NoAppPasswords {
		name, pass := html.UnescapeString(args[0][1]), html.UnescapeString(args[1][1])
		for _, u := range s.users {
			if strings.EqualFold(u.Login, name) && u.AppPassword != "" && strings.ReplaceAll(pass, " ", "") == strings.ReplaceAll(u.AppPassword, " ", "") {
				w.Header().Set("Content-Type", "text/xml; charset=UTF-8")
				admin := 0
				if u.can("list_users") {
					admin = 1
				}
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<methodResponse>
  <params>
    <param>
      <value>
      <array><data><value><struct><member><name>isAdmin</name><value><boolean>%d</boolean></value></member></struct></value></data></array>
      </value>
    </param>
  </params>
</methodResponse>
`, admin)
				return
			}
		}
	}
	fault(403, "Incorrect username or password.")
}
