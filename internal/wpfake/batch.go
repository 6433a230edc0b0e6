package wpfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// batchable are the routes /batch/v1 takes (WordPress 5.9+): posts, pages,
// custom types and terms, not media.
func (s *Server) batchable(route string) bool {
	rest, ok := strings.CutPrefix(route, "/wp/v2/")
	if !ok {
		return false
	}
	base, _, _ := strings.Cut(rest, "/")
	if base == "categories" || base == "tags" {
		return true
	}
	_, isType := s.typeByBase(base)
	return isType && base != "media"
}

// batch serves POST /batch/v1; s.mu is held. It returns the sub-requests
// for the log.
func (s *Server) batch(w http.ResponseWriter, me *User, body []byte) []Request {
	var req struct {
		Validation string `json:"validation"`
		Requests   []struct {
			Method  string          `json:"method"`
			Path    string          `json:"path"`
			Body    json.RawMessage `json:"body"`
			Headers http.Header     `json:"headers"`
		} `json:"requests"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, errorf(400, "rest_invalid_json", "Invalid JSON body passed."))
		return nil
	}
	if len(req.Requests) > s.batchSz {
		writeError(w, invalidParam("requests", fmt.Sprintf("requests must contain at most %d items.", s.batchSz)))
		return nil
	}
	type subAnswer struct {
		Body    json.RawMessage   `json:"body"`
		Status  int               `json:"status"`
		Headers map[string]string `json:"headers"`
	}
	login := ""
	if me != nil {
		login = me.Login
	}
	var logged []Request
	responses := make([]subAnswer, 0, len(req.Requests))
	for _, sub := range req.Requests {
		method := strings.ToUpper(sub.Method)
		if method == "" {
			method = http.MethodPost
		}
		route, rawQuery, _ := strings.Cut(sub.Path, "?")
		q, _ := url.ParseQuery(rawQuery)
		entry := Request{Method: method, Route: route, Query: q, Body: sub.Body, User: login, Batch: true, REST: true}
		a := &answer{}
		switch {
		case method == http.MethodGet || !s.batchable(route):
			writeError(a, errorf(400, "rest_batch_not_allowed", "The requested route does not support batch requests."))
		default:
			if f := s.match(entry); f != nil && (f.Status != 0 || f.Before != nil || f.Replay) {
				if f.Before != nil {
					// The hook may take the lock: run it without.
					s.mu.Unlock()
					f.Before()
					s.mu.Lock()
				}
				if f.Status != 0 {
					a = faultAnswer(f)
					break
				}
				if f.Replay {
					_ = s.rest(&answer{}, me, method, route, q, sub.Headers, sub.Body)
				}
			}
			if e := s.rest(a, me, method, route, q, sub.Headers, sub.Body); e != nil {
				writeError(a, e)
			}
		}
		if a.status == 0 {
			a.status = 200
		}
		entry.Status = a.status
		logged = append(logged, entry)
		body := json.RawMessage(a.body)
		if !json.Valid(body) {
			// A fault's HTML page, say: WordPress's own sub-responses are
			// always JSON, so carry it as a string.
			body, _ = json.Marshal(string(a.body))
		}
		responses = append(responses, subAnswer{Body: body, Status: a.status, Headers: map[string]string{}})
	}
	writeJSON(w, http.StatusMultiStatus, map[string]any{"responses": responses})
	return logged
}

var xmlString = regexp.MustCompile(`<string>([^<]*)</string>`)
