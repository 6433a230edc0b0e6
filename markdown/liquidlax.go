package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/osteele/liquid"
	"github.com/osteele/liquid/parser"
	lrender "github.com/osteele/liquid/render"
	"github.com/osteele/tuesday"
	"gopkg.in/yaml.v3"
)

// Lenient Liquid, as Jekyll runs it
//
// Jekyll's Liquid parses in "warn" mode, with strict_filters and
// strict_variables off (https://jekyllrb.com/docs/configuration/liquid/):
// a tag it cannot read is named in a warning and the build goes on, a
// filter it does not know passes its input through, a variable it does not
// have prints nothing. wpsync does the same tag by tag: what the engine
// cannot read or render is left out of the page — it alone, never the rest
// of the page's Liquid — and named in one warning with its line. Jekyll
// itself stops the build on a tag that fails while rendering; a WordPress
// post cannot wait for that, so such a tag shows nothing, said in the
// warning, and the rest of the page renders.

// maxLeftOut bounds the tags one page may lose before its Liquid is given
// up as a whole (each costs a parse or a rendering more).
const maxLeftOut = 50

// passThrough is a filter the site does not define: its input, whatever
// the arguments (Liquid's Strainer without strict_filters).
func passThrough(v any, _ ...any) any { return v }

// nodeTag marks each node of a parsed template with a path of its own, so
// that a rendering error, which keeps the path of the innermost node that
// failed (parser.WrapError), names the node to leave out.
const nodeTag = "\x00wpsync-liquid-node:"

// nodeSlot is where a node is held in the tree: its parent's slice and its
// index there.
type nodeSlot struct {
	list *[]lrender.Node
	i    int
}

// markNodes gives every tag and output of the tree a path of its own and
// returns where each is held.
func markNodes(root lrender.Node) map[string]nodeSlot {
	slots := map[string]nodeSlot{}
	var walk func(list *[]lrender.Node)
	mark := func(tok *parser.Token, slot nodeSlot) {
		id := nodeTag + strconv.Itoa(len(slots))
		tok.SourceLoc.Pathname = id
		slots[id] = slot
	}
	walk = func(list *[]lrender.Node) {
		for i, n := range *list {
			slot := nodeSlot{list, i}
			switch n := n.(type) {
			case *lrender.SeqNode:
				walk(&n.Children)
			case *lrender.BlockNode:
				mark(&n.Token, slot)
				walk(&n.Body)
				for _, cl := range n.Clauses {
					cl.SourceLoc.Pathname = n.SourceLoc.Pathname // a clause fails as its block
					walk(&cl.Body)
				}
			case *lrender.TagNode:
				mark(&n.Token, slot)
			case *lrender.ObjectNode:
				mark(&n.Token, slot)
			}
		}
	}
	top := []lrender.Node{root}
	walk(&top)
	return slots
}

// leaveOut replaces the node of a rendering error with nothing and returns
// its source and line; ok is false when the error names no node of the
// tree (it is then not the page's).
func leaveOut(slots map[string]nodeSlot, err liquid.SourceError) (source string, line int, ok bool) {
	slot, found := slots[err.Path()]
	if !found {
		return "", 0, false
	}
	n := (*slot.list)[slot.i]
	tok := parser.Token{Type: parser.TextTokenType, SourceLoc: n.SourceLocation()}
	(*slot.list)[slot.i] = &lrender.TextNode{Token: tok}
	delete(slots, err.Path())
	return n.SourceText(), n.SourceLocation().LineNo, true
}

// liquidMessage is what went wrong, without the engine's "Liquid error
// (line N): … in PATH" around it.
func liquidMessage(err liquid.SourceError) string {
	if c := err.Cause(); c != nil {
		return c.Error()
	}
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, "): "); ok && strings.HasPrefix(msg, "Liquid") {
		msg = rest
	}
	if p := err.Path(); p != "" {
		msg = strings.TrimSuffix(msg, " in "+p)
	}
	return msg
}

// unreadableTag finds the tag or output of src that a syntax error is
// about and returns src without it (its lines kept, so later lines keep
// their numbers), with the tag's source and line. parse parses a source
// as the caller does. ok is false when no tag on the error's line is it.
//
// A Hugo shortcode ({{< x >}}, {{% x %}}) is no Liquid at all: it is kept
// as text (kept is true), and the check of what readers see names it as
// what it is, with what to do.
func unreadableTag(src []byte, firstLine int, perr liquid.SourceError, parse func([]byte) liquid.SourceError) (out []byte, source string, line int, kept, ok bool) {
	type found struct {
		start, end, line int
		source           string
	}
	var cands []found
	off := 0
	for _, tok := range parser.Scan(string(src), parser.SourceLoc{LineNo: firstLine}, nil) {
		start := off
		off += len(tok.Source)
		if tok.Type != parser.TagTokenType && tok.Type != parser.ObjTokenType {
			continue
		}
		last := tok.SourceLoc.LineNo + strings.Count(tok.Source, "\n")
		if tok.SourceLoc.LineNo <= perr.LineNumber() && perr.LineNumber() <= last {
			cands = append(cands, found{start, off, tok.SourceLoc.LineNo, tok.Source})
		}
	}
	for _, f := range cands {
		if !bytes.Equal(src[f.start:f.end], []byte(f.source)) {
			continue // the offsets went wrong: leave it
		}
		keep := strings.HasPrefix(f.source, "{{<") || strings.HasPrefix(f.source, "{{%")
		in := bytes.Repeat([]byte("\n"), strings.Count(f.source, "\n"))
		if keep {
			in = []byte("{% raw %}" + f.source + "{% endraw %}")
		}
		try := make([]byte, 0, len(src)+len(in))
		try = append(try, src[:f.start]...)
		try = append(try, in...)
		try = append(try, src[f.end:]...)
		if err := parse(try); err == nil || err.Error() != perr.Error() {
			return try, f.source, f.line, keep, true
		}
	}
	return nil, "", 0, false, false
}

// dateFilter is Liquid's date as Jekyll has it (Liquid::Utils.to_date): a
// time, a number of seconds since 1970, or a string Ruby's Time.parse
// reads — a date of a data file or of front matter, which YAML leaves a
// string unless it is a full timestamp. What is none of these, and a
// missing format, give the input back unchanged.
func dateFilter(zone *time.Location) func(v any, format func(string) string) (any, error) {
	return func(v any, format func(string) string) (any, error) {
		f := format("")
		if v == nil || f == "" {
			return v, nil
		}
		var t time.Time
		switch x := v.(type) {
		case time.Time:
			t = x
		case int, int64, float64:
			n, _ := strconv.ParseFloat(fmt.Sprint(x), 64)
			t = time.Unix(int64(n), 0).In(zoneOr(zone))
		case string:
			s := strings.TrimSpace(x)
			if s == "now" || s == "today" {
				t = time.Now().In(zoneOr(zone))
				break
			}
			d, ok := parseDate(s)
			if !ok {
				if n, err := strconv.ParseInt(s, 10, 64); err == nil {
					t = time.Unix(n, 0).In(zoneOr(zone))
					break
				}
				return v, nil
			}
			t = d.Time
			if !d.HasZone && zone != nil {
				// Ruby reads a time without zone in the site's (TZ).
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), zone)
			}
		default:
			return v, nil
		}
		return tuesday.Strftime(f, t)
	}
}

func zoneOr(z *time.Location) *time.Location {
	if z == nil {
		return time.UTC
	}
	return z
}

// rubyTimestamp is a plain YAML scalar that Ruby's YAML (Psych's
// ScalarScanner) reads as a Time: a date, a time, perhaps a zone.
var rubyTimestamp = regexp.MustCompile(`^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$`)

// rubyYAML decodes a data file as Jekyll's Ruby reads it: as yaml.v3 does,
// except that an unquoted timestamp is a time (yaml.v3 keeps "2026-08-21
// 10:10:00-06:00" a string, as the zone follows a space), shown in the
// site's zone when it has one, as Ruby shows it under Jekyll's TZ.
func rubyYAML(raw []byte, zone *time.Location) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return rubyNode(doc.Content[0], zone, 0)
}

func rubyNode(n *yaml.Node, zone *time.Location, depth int) (any, error) {
	if depth > 100 { // an alias cycle
		return nil, fmt.Errorf("line %d: nested too deep", n.Line)
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		return rubyNode(n.Alias, zone, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := rubyNode(c, zone, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		var merged []map[string]any
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			v, err := rubyNode(val, zone, depth+1)
			if err != nil {
				return nil, err
			}
			if k.ShortTag() == "!!merge" {
				switch m := v.(type) {
				case map[string]any:
					merged = append(merged, m)
				case []any:
					for _, item := range m {
						if mm, ok := item.(map[string]any); ok {
							merged = append(merged, mm)
						}
					}
				}
				continue
			}
			out[k.Value] = v // a key given twice: the last wins, as in Ruby
		}
		for _, m := range merged {
			for k, v := range m {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
		return out, nil
	case yaml.ScalarNode:
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
			(n.ShortTag() == "!!str" || n.ShortTag() == "!!timestamp") && rubyTimestamp.MatchString(n.Value) {
			if d, ok := parseDate(n.Value); ok {
				t := d.Time
				switch {
				case zone != nil && d.HasZone:
					t = t.In(zone)
				case zone != nil:
					t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), zone)
				}
				return t, nil
			}
		}
		if n.ShortTag() == "!!timestamp" {
			// A date alone is Ruby's Date, which Liquid prints as
			// written; the date filter reads it.
			return n.Value, nil
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		return plainValue(v), nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, err
	}
	return plainValue(v), nil
}

// liquidConfigZone is the zone of a Jekyll site's timezone setting, nil
// when it has none or names no zone.
func liquidConfigZone(config map[string]any) *time.Location {
	name, _ := config["timezone"].(string)
	if name == "" {
		return nil
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return z
}

// Advice of the check of what readers see for the Liquid of a page whose
// site runs Liquid: the engine ran, so "nothing ran it" would be untrue.
const (
	adviceLiquidShown  = "the site's Liquid ran here and printed it as text ({% raw %}, or a value that holds it): put it in a code span if it is an example, else remove it"
	adviceLiquidFailed = "the site's Liquid could not read this page (its Liquid warning names the line), so the page's Liquid is shown as written: fix that line"
)

// liquidLeftovers gives the template tags and outputs readers see of a
// page whose Liquid was run the advice that says so; failed is set when
// the page's Liquid was left as written.
func liquidLeftovers(leftovers []Leftover, failed bool) {
	for i, l := range leftovers {
		if l.Construct != "template tag" && l.Construct != "template output" {
			continue
		}
		leftovers[i].Advice = adviceLiquidShown
		if failed {
			leftovers[i].Advice = adviceLiquidFailed
		}
	}
}
