package wordpress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	gosync "sync"
)

// Output before the answer. A PHP notice or warning printed by a plugin or
// theme on a host with display_errors on ("<br />\n<b>Warning</b>: …"), or
// a UTF-8 byte-order mark at the top of a PHP file (wp-config.php, a
// theme's functions.php), reaches the client ahead of WordPress's JSON.
// WordPress did its work all the same: a write it answers that way
// landed. So the client reads the JSON after such output, and says once,
// for the whole run, what the site prints (Warnings), never per request.

// bom is the UTF-8 byte-order mark.
const bom = "\uFEFF"

// Bounds of the search for the JSON after other output: a notice is a
// line or a few; a body that is neither JSON nor JSON after a few notices
// is not searched to its end.
const (
	maxPrefix     = 64 << 10 // bytes of output before the JSON
	maxCandidates = 64       // places tried where a JSON value may start
)

// afterOutput finds WordPress's JSON in an answer that does not start with
// it: the first '{' or '[' from which the rest of the body is one JSON
// value. When none is and the answer says it is JSON (strict false), the
// first such place at the start of a line (or after a BOM) where a whole
// JSON value can be read is taken, output after it left out. ok is false
// when the body is JSON from its first byte, empty, or holds no JSON value
// found that way.
func afterOutput(data []byte, jsonType bool) (prefix, value []byte, ok bool) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || json.Valid(trimmed) {
		return nil, nil, false
	}
	limit := min(len(data), maxPrefix)
	tries := 0
	for i := 0; i < limit && tries < maxCandidates; i++ {
		if data[i] != '{' && data[i] != '[' {
			continue
		}
		tries++
		if json.Valid(data[i:]) {
			return data[:i], data[i:], true
		}
	}
	if !jsonType {
		return nil, nil, false
	}
	tries = 0
	for i := 0; i < limit && tries < maxCandidates; i++ {
		if data[i] != '{' && data[i] != '[' || !(i == 0 || data[i-1] == '\n' || string(data[:i]) == bom) {
			continue
		}
		tries++
		var v json.RawMessage
		if json.NewDecoder(bytes.NewReader(data[i:])).Decode(&v) == nil {
			return data[:i], v, true
		}
	}
	return nil, nil, false
}

// brRE and tagRE match HTML line breaks and other tags, as PHP's
// html_errors output has them ("<br />\n<b>Warning</b>: …").
var (
	brRE  = regexp.MustCompile(`(?i)<br\s*/?>`)
	tagRE = regexp.MustCompile(`<[^>]*>`)
)

// outputWarning says what a site printed before its answers and what to do
// about it, quoting the output's text cut short.
func outputWarning(prefix []byte) string {
	text := strings.ReplaceAll(string(prefix), bom, "")
	text = strings.Join(strings.Fields(tagRE.ReplaceAllString(brRE.ReplaceAllString(text, " "), "")), " ")
	if text == "" {
		return "the site sends a UTF-8 byte-order mark (BOM) before its answers: a PHP file (wp-config.php, a plugin, the theme's functions.php) was saved as \"UTF-8 with BOM\"; wpsync read the answers after it, but save that file without the BOM"
	}
	if r := []rune(text); len(r) > 100 {
		text = string(r[:100]) + "…"
	}
	return fmt.Sprintf("the site prints PHP output before its answers: %q — a plugin or theme prints it; wpsync read the answers after it, but turn display_errors off (WP_DEBUG_DISPLAY false in wp-config.php) or fix the plugin", text)
}

// outputNote keeps the first output a site printed before an answer, for
// one warning.
type outputNote struct {
	mu     gosync.Mutex
	prefix []byte // the first seen, nil before
	told   bool   // Warnings returned it
}

func (n *outputNote) note(prefix []byte) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.prefix == nil {
		n.prefix = bytes.Clone(prefix)
	}
}

// Warnings implements the engine's optional run warnings: what the site
// printed before its answers, once per client (a run, or a watch), the
// first time it is asked after it was seen; nil otherwise.
// Pictures whose sizes wpsync could not send follow (sideload.go).
func (c *Client) Warnings() []string {
	out := c.outputWarnings()
	return append(out, c.mediaNotes()...)
}

func (c *Client) outputWarnings() []string {
	n := &c.output
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.prefix == nil || n.told {
		return nil
	}
	n.told = true
	return []string{outputWarning(n.prefix)}
}
