package wordpress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"strings"

	"golang.org/x/net/html"
)

// decodeError is the one decoder of error answers, for whole requests and
// for /batch/v1 sub-responses alike: WordPress's {code, message, data}, or,
// when something in front of WordPress answered instead, a summary of what
// it sent. An HTML page is named by its title, never copied into the error:
// a firewall's page is many lines of markup that say nothing more.
func decodeError(method, route string, status int, contentType string, data []byte) *APIError {
	e := &APIError{Method: method, Route: route, Status: status}
	var body struct {
		Code    string          `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	}
	switch {
	case json.Unmarshal(data, &body) == nil && body.Code != "":
		e.Code, e.Msg, e.Data = body.Code, body.Message, body.Data
	case isHTML(contentType, data):
		e.HTMLPage, e.PageTitle = true, htmlTitle(data)
	default:
		e.Msg = snippet(data)
	}
	return e
}

// describeBody names an answer that should have been REST JSON and is not:
// an HTML page by its title, anything else by its first bytes.
func describeBody(contentType string, data []byte) string {
	if isHTML(contentType, data) {
		return "an HTML page " + titled(htmlTitle(data))
	}
	return snippet(data)
}

// isHTML reports whether an answer is an HTML page: by its Content-Type,
// or, for servers that send none or a wrong one, by how it starts.
func isHTML(contentType string, data []byte) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && (mt == "text/html" || mt == "application/xhtml+xml") {
		return true
	}
	start := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 512)]))
	return bytes.HasPrefix(start, []byte("<!doctype html")) || bytes.HasPrefix(start, []byte("<html"))
}

// htmlTitle returns the text of an HTML page's <title>, spaces collapsed
// and cut to a sensible length; "" when it has none.
func htmlTitle(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) != "title" {
				continue
			}
			if z.Next() != html.TextToken {
				return ""
			}
			title := strings.Join(strings.Fields(string(z.Text())), " ")
			if r := []rune(title); len(r) > 80 {
				title = string(r[:80]) + "…"
			}
			return title
		}
	}
}

func titled(title string) string {
	if title == "" {
		return "without a title"
	}
	return fmt.Sprintf("titled %q", title)
}

// htmlPageMessage says what an HTML error page most likely means, and what
// to do. WordPress's REST API answers errors in JSON, so an HTML page comes
// from the web server, a proxy or a firewall in front of it, or from PHP
// failing before WordPress could answer.
func (e *APIError) htmlPageMessage() string {
	page := "HTML page " + titled(e.PageTitle)
	switch {
	case e.Status == 403:
		return fmt.Sprintf("a firewall or security rule in front of WordPress refused this request (403, %s): "+
			"it probably matched something in the text sent; ask the site's host to allow it, or change the text that triggers it", page)
	case e.Status == 401 || e.Status == 407:
		return fmt.Sprintf("the web server or a proxy in front of WordPress asked for a password of its own (%d, %s): "+
			"exempt /wp-json/ and /?rest_route= from it; wpsync doctor shows more", e.Status, page)
	case e.Status == 404:
		return fmt.Sprintf("no WordPress REST API answered there (404, %s): "+
			"check the site address (the Site Address of Settings → General); wpsync doctor shows more", page)
	case e.Status >= 500:
		return fmt.Sprintf("the server failed before WordPress could answer (%d, %s): "+
			"try again later; if it persists, the site's PHP or web server error log says why", e.Status, page)
	}
	return fmt.Sprintf("something in front of WordPress answered instead of it (%d, %s): "+
		"check what stands between this machine and the site (proxy, firewall, host); wpsync doctor shows more", e.Status, page)
}
